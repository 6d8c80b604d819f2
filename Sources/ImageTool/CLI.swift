import ArgumentParser
import BinaryIO
import Dispatch
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Text formatting helpers (the CLI links FoundationEssentials only, not Foundation with
/// its ICU data: String(format:) and NSString are not available).
enum Text {
    /// `s` padded with spaces on the right to `width` characters.
    static func left(_ s: String, _ width: Int) -> String { s.count >= width ? s : s + String(repeating: " ", count: width - s.count) }
    /// `s` padded with spaces on the left to `width` characters.
    static func right(_ s: String, _ width: Int) -> String { s.count >= width ? s : String(repeating: " ", count: width - s.count) + s }
    /// `v` in decimal, zero-padded to `width` digits.
    static func zero(_ v: Int, _ width: Int) -> String { let d = String(v); return d.count >= width ? d : String(repeating: "0", count: width - d.count) + d }
    /// `v` in lowercase hex, zero-padded to `width` digits.
    static func hex(_ v: UInt64, _ width: Int) -> String { let d = String(v, radix: 16); return d.count >= width ? d : String(repeating: "0", count: width - d.count) + d }
}

/// Writes to a file descriptor (stdout 1, stderr 2), whole.
func writeFD(_ fd: Int32, _ s: String) {
    var bytes = Array(s.utf8)
    writeFD(fd, &bytes)
}

func writeFD(_ fd: Int32, _ bytes: inout [UInt8]) {
    bytes.withUnsafeBytes { buf in
        var done = 0
        while done < buf.count {
            let n = write(fd, buf.baseAddress! + done, buf.count - done)
            if n < 0 { if errno == EINTR { continue }; return }
            done += n
        }
    }
}

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
        writeFD(2, s + "\n")
    }

    /// A warning on stderr (shown unless --quiet).
    func warn(_ s: String) {
        guard !global.quiet else { return }
        writeFD(2, "imagetool: warning: " + s + "\n")
    }

    /// Pretty, key-sorted JSON on stdout.
    func json<T: Encodable>(_ value: T) throws {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = [UInt8](try enc.encode(value))
        data.append(0x0a)
        writeFD(1, &data)
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
    private let lock = DispatchSemaphore(value: 1)
    private var done = 0

    init(label: String, total: Int, enabled: Bool, tty: Bool, verbose: Bool) {
        self.label = label; self.total = total; self.enabled = enabled; self.tty = tty; self.verbose = verbose
    }

    /// Records `n` more units done.
    func advance(_ n: Int = 1) {
        lock.wait(); defer { lock.signal() }
        done += n
        guard enabled, tty else { return }
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        let now = Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
        if now - last < 0.1 && done < total { return }
        last = now
        let pct = total > 0 ? done * 100 / total : 0
        writeFD(2, "\r\(label): \(done)/\(total) (\(pct)%)\u{1b}[K")
    }

    /// Ends the line.
    func finish() {
        guard enabled, tty else { return }
        writeFD(2, "\r\(label): \(done)/\(total) done\u{1b}[K\n")
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
            writeFD(2, "imagetool: \(e.description)\n")
            throw ExitCode(Exit.code(for: e.kind))
        } catch let e as ExitCode {
            throw e
        } catch let e as CleanExit {
            throw e
        } catch let e as ValidationError {
            throw e
        } catch {
            writeFD(2, "imagetool: \(error)\n")
            throw ExitCode(Exit.failed)
        }
    }
}
