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

/// Flags every command accepts.
struct GlobalOptions: ParsableArguments {
    @Flag(name: .long, help: "Print machine-readable JSON on stdout.")
    var json = false
    @Flag(name: [.short, .long], help: "Print only errors.")
    var quiet = false
    @Flag(name: [.short, .long], help: "Print more detail.")
    var verbose = false
    @Flag(inversion: .prefixedNo, help: "Always (--progress) or never (--no-progress) draw a progress bar on stderr; default: when stderr is a terminal, without --quiet and --json.")
    var progress: Bool? = nil

    /// Whether to draw the progress bar: forced by --progress/--no-progress, else only on a
    /// terminal and without --quiet or --json.
    func showsProgress(on console: Console) -> Bool { progress ?? (!quiet && !json && console.stderrIsTerminal) }
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

/// Output for one command run: human lines or JSON on stdout, diagnostics on stderr, all
/// through the run's `Console`.
final class Output: @unchecked Sendable {
    let global: GlobalOptions
    /// Where this run writes (captured at creation: worker threads write through it too).
    let console: Console
    init(global: GlobalOptions, console: Console = .current) { self.global = global; self.console = console }
    /// The bar being drawn, if any: diagnostics erase its line first (it is redrawn below).
    private var bar: ProgressBar?
    private var clearBar: String { bar == nil ? "" : "\r\u{1b}[K" }

    /// A line of human output (suppressed by --quiet and --json).
    func line(_ s: String) {
        guard !global.quiet, !global.json else { return }
        console.write(.stdout, s + "\n")
    }

    /// A detail line shown with --verbose (on stderr so stdout stays parseable).
    func detail(_ s: String) {
        guard global.verbose else { return }
        console.write(.stderr, clearBar + s + "\n")
    }

    /// A warning on stderr (shown unless --quiet).
    func warn(_ s: String) {
        guard !global.quiet else { return }
        console.write(.stderr, clearBar + "imagetool: warning: " + s + "\n")
    }

    /// Pretty, key-sorted JSON on stdout.
    func json<T: Encodable>(_ value: T) throws {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = [UInt8](try enc.encode(value))
        data.append(0x0a)
        console.write(.stdout, data)
    }

    /// Text on stdout as it is (no newline added; not suppressed by --quiet): a command's
    /// one product, e.g. a generated file.
    func raw(_ s: String) { console.write(.stdout, s) }

    /// An error line on stderr (never suppressed).
    func error(_ s: String) { console.write(.stderr, s) }

    /// Runs `body` with a progress meter drawn as a bar on stderr when progress is shown
    /// (see `GlobalOptions.showsProgress`), else with nil. The bar's line is finished (or
    /// erased, on an error) before this returns, so output that follows starts on a new line.
    func withProgress<T>(_ body: (ProgressMeter?) throws -> T) rethrows -> T {
        guard global.showsProgress(on: console) else { return try body(nil) }
        let bar = ProgressBar(console: console)
        self.bar = bar
        defer { self.bar = nil }
        bar.start()
        do {
            let r = try body(bar.meter)
            bar.finish(ok: true)
            return r
        } catch {
            bar.finish(ok: false)
            throw error
        }
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
            out.error("imagetool: \(e.description)\n")
            throw ExitCode(Exit.code(for: e.kind))
        } catch let e as ExitCode {
            throw e
        } catch let e as CleanExit {
            throw e
        } catch let e as ValidationError {
            throw e
        } catch {
            out.error("imagetool: \(error)\n")
            throw ExitCode(Exit.failed)
        }
    }
}
