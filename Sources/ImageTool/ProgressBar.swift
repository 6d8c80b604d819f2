import BinaryIO
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// The terminal progress bar on stderr, drawn from a `ProgressMeter` by a thread of its
/// own ten times a second (the libraries only count; this is the one renderer):
///
///     extract rootfs.sqfs [==========>         ]  54%  64.2/118.5 MiB  31.0 MiB/s  ETA 0:02
///
/// Shown when stderr is a terminal and neither --quiet nor --json is given; --progress and
/// --no-progress force it on or off. The line is rewritten in place (`\r` ... `ESC[K`) and
/// ends with the last phase's final state and a newline; on an error it is erased, so the
/// one-line error message stands alone.
final class ProgressBar: @unchecked Sendable {
    let meter = ProgressMeter()
    private let console: Console
    private let stop = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)
    private let started: Double
    // Touched only by the drawing thread until `stopped` is signalled, then by `finish`.
    private var serial = -1
    private var phaseStart = 0.0
    private var drawn = false
    private var lastLine = ""

    init(console: Console) {
        self.console = console
        started = ProgressBar.now()
    }

    /// Starts drawing.
    func start() {
        DispatchQueue(label: "imagetool.progress").async { [self] in
            while stop.wait(timeout: .now() + .milliseconds(100)) == .timedOut { draw(final: false) }
            stopped.signal()
        }
    }

    /// Stops drawing; leaves the final line (`ok`) or erases the line (an error follows).
    func finish(ok: Bool) {
        stop.signal()
        stopped.wait()
        if ok {
            draw(final: true)
            if drawn { console.write(.stderr, "\n") }
        } else if drawn {
            console.write(.stderr, "\r\u{1b}[K")
        }
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Columns of the terminal on stderr (80 when unknown).
    func columns() -> Int {
        if let c = console.columns, c >= 20 { return c }
        return 80
    }

    private func draw(final: Bool) {
        let s = meter.snapshot
        guard s.serial > 0 else { return }  // nothing begun
        let t = ProgressBar.now()
        if s.serial != serial { serial = s.serial; phaseStart = t }
        let elapsed = max(t - phaseStart, 1e-3)
        let done = final && s.total > 0 ? max(s.done, s.total) : s.done
        var tail = ""
        if s.total > 0 {
            let pct = min(100, done * 100 / max(s.total, 1))
            tail += " " + Text.right("\(pct)%", 4)
            tail += "  " + ProgressBar.amount(done, of: s.total, s.unit)
        } else if done > 0 {
            tail += "  " + ProgressBar.amount(done, of: nil, s.unit)
        }
        if final {
            tail += "  " + ProgressBar.duration(t - started)
        } else if done > 0, elapsed >= 0.3 {
            let rate = Double(done) / elapsed
            tail += "  " + ProgressBar.rate(rate, s.unit)
            if s.total > done, rate > 0 { tail += "  ETA " + ProgressBar.duration(Double(s.total - done) / rate) }
        }
        let cols = columns() - 1
        var label = s.label
        let barWidth = s.total > 0 ? max(10, min(30, cols - tail.count - label.count - 3)) : 0
        let room = cols - tail.count - (barWidth > 0 ? barWidth + 3 : 0)
        if label.count > max(8, room) { label = String(label.prefix(max(8, room) - 1)) + "…" }
        var line = "\r" + label
        if barWidth > 0 {
            let filled = min(barWidth, done * barWidth / max(s.total, 1))
            line += " [" + String(repeating: "=", count: filled)
            if filled < barWidth { line += ">" + String(repeating: " ", count: barWidth - filled - 1) }
            line += "]"
        }
        line += tail + "\u{1b}[K"
        guard line != lastLine else { return }
        console.write(.stderr, line)
        lastLine = line
        drawn = true
    }

    /// "64.2/118.5 MiB", "12/40 packages".
    static func amount(_ done: Int, of total: Int?, _ unit: ProgressMeter.Unit) -> String {
        switch unit {
        case .items: return total.map { "\(done)/\($0)" } ?? "\(done)"
        case .bytes:
            let scale = bytesScale(total ?? done)
            return (total.map { "\(fixed(Double(done) / scale.div))/\(fixed(Double($0) / scale.div))" }
                    ?? fixed(Double(done) / scale.div)) + " " + scale.name
        }
    }

    /// "31.0 MiB/s", "12.5/s".
    static func rate(_ r: Double, _ unit: ProgressMeter.Unit) -> String {
        switch unit {
        case .items: return fixed(r) + "/s"
        case .bytes:
            let scale = bytesScale(Int(min(r, Double(Int.max / 2))))
            return fixed(r / scale.div) + " " + scale.name + "/s"
        }
    }

    static func bytesScale(_ n: Int) -> (div: Double, name: String) {
        if n >= 1 << 30 { return (Double(1 << 30), "GiB") }
        if n >= 1 << 20 { return (Double(1 << 20), "MiB") }
        if n >= 1 << 10 { return (Double(1 << 10), "KiB") }
        return (1, "B")
    }

    /// One decimal digit.
    static func fixed(_ v: Double) -> String {
        guard v.isFinite else { return "?" }
        let tenths = Int((v * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// "0:07", "1:02:03", or "0.4 s" below a second.
    static func duration(_ s: Double) -> String {
        guard s.isFinite, s >= 0 else { return "?" }
        if s < 1 { return fixed(s) + " s" }
        let t = Int(min(s, 359_999))
        let h = t / 3600, m = (t / 60) % 60, sec = t % 60
        return (h > 0 ? "\(h):" + Text.zero(m, 2) : "\(m)") + ":" + Text.zero(sec, 2)
    }
}
