import ArgumentParser
import BinaryIO
import Foundation

/// Flags every command accepts.
struct GlobalOptions: ParsableArguments {
    @Flag(name: .long, help: "Print machine-readable JSON on stdout.")
    var json = false
    @Flag(name: [.short, .long], help: "Print only errors.")
    var quiet = false
    @Flag(name: [.short, .long], help: "Print more detail, and progress.")
    var verbose = false

    /// The flags as command-line words, to hand on to a delegated command.
    var arguments: [String] {
        (json ? ["--json"] : []) + (quiet ? ["--quiet"] : []) + (verbose ? ["--verbose"] : [])
    }
}

/// The system temporary folder ($TMPDIR or /tmp).
func NSTemporaryDirectoryPath() -> String {
    var t = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
    while t.count > 1 && t.hasSuffix("/") { t.removeLast() }
    return t
}

/// Exit codes, documented in `--help` and README.md.
enum Exit {
    static let ok: Int32 = 0
    static let failed: Int32 = 1
    static let usage: Int32 = 2
    static let refused: Int32 = 3

    static func code(for kind: FormatError.Kind) -> Int32 {
        switch kind {
        case .refused: return refused
        case .usage: return usage
        default: return failed
        }
    }
}

/// Output for one command run: human lines or JSON on stdout, diagnostics on stderr.
final class Output: @unchecked Sendable {
    let global: GlobalOptions
    init(global: GlobalOptions) { self.global = global }

    /// A line of human output (suppressed by --quiet and --json).
    func line(_ s: String) {
        guard !global.quiet, !global.json else { return }
        print(s)
    }

    /// A detail line shown with --verbose (on stderr so stdout stays parseable).
    func detail(_ s: String) {
        guard global.verbose else { return }
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }

    /// A warning on stderr (shown unless --quiet).
    func warn(_ s: String) {
        guard !global.quiet else { return }
        FileHandle.standardError.write(Data(("imagetool: warning: " + s + "\n").utf8))
    }

    /// Pretty, key-sorted JSON on stdout.
    func json<T: Encodable>(_ value: T) throws {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try enc.encode(value)
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// A progress reporter: a single rewritten stderr line on a terminal, nothing otherwise
    /// (or lines with --verbose).
    func progress(_ label: String, total: Int) -> ProgressLine {
        ProgressLine(label: label, total: total, enabled: !global.quiet && !global.json,
                     tty: isatty(2) != 0, verbose: global.verbose)
    }
}

/// A progress line on stderr, rate-limited to ~10 updates a second.
final class ProgressLine: @unchecked Sendable {
    let label: String
    let total: Int
    let enabled: Bool
    let tty: Bool
    let verbose: Bool
    private var last = 0.0
    private let lock = NSLock()
    private var done = 0

    init(label: String, total: Int, enabled: Bool, tty: Bool, verbose: Bool) {
        self.label = label; self.total = total; self.enabled = enabled; self.tty = tty; self.verbose = verbose
    }

    /// Records `n` more units done.
    func advance(_ n: Int = 1) {
        lock.lock(); defer { lock.unlock() }
        done += n
        guard enabled, tty else { return }
        let now = Date().timeIntervalSince1970
        if now - last < 0.1 && done < total { return }
        last = now
        let pct = total > 0 ? done * 100 / total : 0
        FileHandle.standardError.write(Data("\r\(label): \(done)/\(total) (\(pct)%)\u{1b}[K".utf8))
    }

    /// Ends the line.
    func finish() {
        guard enabled, tty else { return }
        FileHandle.standardError.write(Data("\r\(label): \(done)/\(total) done\u{1b}[K\n".utf8))
    }
}

enum CLI {
    /// Runs a command body, rendering any error once as `imagetool: <file>: <context>: <message>`
    /// and exiting with the documented code.
    static func run(_ global: GlobalOptions, _ body: (Output) throws -> Void) throws {
        let out = Output(global: global)
        do {
            try body(out)
        } catch let e as FormatError {
            FileHandle.standardError.write(Data("imagetool: \(e.description)\n".utf8))
            throw ExitCode(Exit.code(for: e.kind))
        } catch let e as ExitCode {
            throw e
        } catch let e as CleanExit {
            throw e
        } catch let e as ValidationError {
            throw e
        } catch {
            FileHandle.standardError.write(Data("imagetool: \(error)\n".utf8))
            throw ExitCode(Exit.failed)
        }
    }
}
