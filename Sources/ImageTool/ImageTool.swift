import ArgumentParser
import BinaryIO
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The `imagetool` root command. Subcommands live in one file per family and only parse
/// arguments, call the libraries and render; the executable (Sources/ImageToolMain) calls
/// `main()`, tests and embedders call `run(_:console:)`.
public struct ImageTool: ParsableCommand {
    public static let version = "0.1.0"

    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "imagetool",
        abstract: "Add newly built kernel modules to OpenWrt devices that are already flashed.",
        discussion: """
        imagetool unpacks OpenWrt firmware images and package feeds, decides whether modules built for one kernel config can load on an image built from another, rewrites the kmods' kernel dependency, re-signs the feed, and repacks images with every header, checksum, padding and trailer right.

        Headline:  imagetool rebase FEED --kernel IMAGE -o OUT --key SECRET

        EXIT CODES
          0  success
          1  failed: bad input, a check that did not verify, an I/O error
          2  usage error: wrong arguments
          3  refused because unsafe (e.g. kernel ABI differs; override with --force)
        """,
        version: version,
        subcommands: CommandRegistry.all
    )

    /// The process entry point: runs the command line on the standard console and exits
    /// with the documented code.
    public static func main() {
        // A write past RLIMIT_FSIZE (ulimit -f) then fails with EFBIG and is reported as one
        // line like any other write error, instead of SIGXFSZ killing the run with a core dump.
        signal(SIGXFSZ, SIG_IGN)
        let code = run(Array(CommandLine.arguments.dropFirst()), console: .standard)
        Glibc.exit(code)
    }

    /// Parses `arguments` (without the program name) and runs the command, writing through
    /// `console`; returns the exit code. Argument errors give 2 (not ArgumentParser's 64);
    /// help and version go to stdout, other messages to stderr, as ArgumentParser's own
    /// `exit(withError:)` writes them.
    public static func run(_ arguments: [String], console: Console) -> Int32 {
        Console.$current.withValue(console) {
            do {
                var command = try parseAsRoot(arguments)
                try command.run()
                return Exit.ok
            } catch {
                let code = exitCode(for: error)
                let message = fullMessage(for: error)
                if code == .validationFailure {
                    console.write(.stderr, message + "\n")
                    return Exit.usage
                }
                if !message.isEmpty { console.write(code == .success ? .stdout : .stderr, message + "\n") }
                return code.rawValue
            }
        }
    }
}

/// Every top-level subcommand, in `--help` order. Each family adds its command here.
enum CommandRegistry {
    static let all: [ParsableCommand.Type] = [
        RebaseCommand.self,
        SnapshotCommand.self,
        InstallCommand.self,
        VersionCommand.self,
        KeyCommand.self,
        FeedCommand.self,
        IPKCommand.self,
        VermagicCommand.self, ModinfoCommand.self, ModcheckCommand.self,
        SquashCommand.self,
        InspectCommand.self,
        UnpackCommand.self,
        RepackCommand.self,
        ApkCommand.self,
    ]
}

/// `imagetool version` — prints the version (also `--version`).
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print imagetool's version.")
    @OptionGroup var global: GlobalOptions
    func run() throws {
        try CLI.run(global) { out in
            if global.json { try out.json(["version": ImageTool.version]) } else { out.line("imagetool \(ImageTool.version)") }
        }
    }
}
