import FoundationEssentials
import Platform
#if canImport(Glibc)
import Glibc
#endif

/// Where a command run writes and what it reads of its process: stdout and stderr, the
/// environment, and whether stderr is a terminal (for the progress bar). `standard` is the
/// process's own; `Console.capturing` keeps both streams in memory, so a command can run
/// in-process (tests, embedding) with exactly the bytes the binary would write.
/// Commands reach it through `Console.current` (bound by `ImageTool.run`); `Output`
/// captures it once, so writes from worker threads go to the same place.
public final class Console: @unchecked Sendable {
    /// One of the two output streams.
    public enum Stream: Sendable { case stdout, stderr }

    /// The process environment the command sees (`SOURCE_DATE_EPOCH`, `TMPDIR`).
    public let environment: [String: String]
    /// Whether stderr is a terminal (the progress bar's default).
    public let stderrIsTerminal: Bool
    private let sink: @Sendable (Stream, [UInt8]) -> Void
    private let columnsOfStderr: @Sendable () -> Int?

    /// A console writing to `sink`.
    public init(environment: [String: String], stderrIsTerminal: Bool = false,
                columns: @escaping @Sendable () -> Int? = { nil },
                sink: @escaping @Sendable (Stream, [UInt8]) -> Void) {
        self.environment = environment
        self.stderrIsTerminal = stderrIsTerminal
        self.columnsOfStderr = columns
        self.sink = sink
    }

    /// The process's stdout (buffered, as `print` writes it) and stderr (written whole,
    /// unbuffered), its environment, and its terminal.
    public static let standard = Console(
        environment: ProcessInfo.processInfo.environment, stderrIsTerminal: isatty(2) != 0,
        columns: {
            var ws = winsize()
            return ioctl(2, UInt(TIOCGWINSZ), &ws) == 0 ? Int(ws.ws_col) : nil
        },
        sink: { stream, bytes in
            switch stream {
            // Through `print`'s buffered stdout, as the commands always wrote (valid UTF-8).
            case .stdout: print(String(decoding: bytes, as: UTF8.self), terminator: "")
            case .stderr: writeWhole(2, bytes)
            }
        })

    /// The console of the command running on this task (bound by `ImageTool.run`).
    @TaskLocal public static var current: Console = .standard

    /// Writes `bytes` to `stream`.
    public func write(_ stream: Stream, _ bytes: [UInt8]) { sink(stream, bytes) }

    /// Writes `text` to `stream`.
    public func write(_ stream: Stream, _ text: String) { sink(stream, Array(text.utf8)) }

    /// Columns of the terminal on stderr, or nil when unknown.
    var columns: Int? { columnsOfStderr() }

    /// A console that keeps what is written in memory, and a function returning it so far.
    public static func capturing(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> (console: Console, captured: @Sendable () -> (stdout: [UInt8], stderr: [UInt8])) {
        let box = CapturedStreams()
        let console = Console(environment: environment) { stream, bytes in box.append(stream, bytes) }
        return (console, { box.contents })
    }

    /// Writes all of `bytes` to `fd` (`FileDescriptor.write`: retrying after EINTR); an
    /// error ends the write (there is nowhere left to report it).
    static func writeWhole(_ fd: Int32, _ bytes: [UInt8]) {
        bytes.withUnsafeBytes { try? FileDescriptor.write(fd, $0) }
    }
}

/// The two streams of a capturing console, appended to from any thread.
private final class CapturedStreams: Sendable {
    private let streams = LockedBox<(out: [UInt8], err: [UInt8])>(([], []))

    func append(_ stream: Console.Stream, _ bytes: [UInt8]) {
        streams.withLock {
            switch stream {
            case .stdout: $0.out += bytes
            case .stderr: $0.err += bytes
            }
        }
    }

    var contents: (stdout: [UInt8], stderr: [UInt8]) { streams.withLock { ($0.out, $0.err) } }
}
