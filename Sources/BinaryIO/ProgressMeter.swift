import Synchronization

/// How far long work has come: the one progress hook of every library (squash extract,
/// create, tar, add; rebase and feed index per package; install; unpack and repack).
///
/// A library announces a phase with `begin` (a label, the amount of work, its unit) and
/// counts work done with `add` from any thread; `add` is one relaxed atomic addition, so
/// it costs nothing measurable in a hot loop. The library never draws anything and reads
/// no clock: the CLI's renderer (Sources/ImageTool/ProgressBar.swift) polls `snapshot`
/// a few times a second and draws the bar, rate and ETA on a terminal. Libraries take a
/// `ProgressMeter?` and do nothing when it is nil.
public final class ProgressMeter: Sendable {
    /// What `done` and `total` count.
    public enum Unit: Sendable {
        /// Bytes of file data (shown as KiB/MiB/GiB).
        case bytes
        /// Items: packages, files, images.
        case items
    }

    /// The current phase and the work done in it.
    public struct Snapshot: Sendable {
        /// What is being done ("extract rootfs.sqfs").
        public var label: String
        /// Work done so far in this phase.
        public var done: Int
        /// Work of the whole phase; 0 when unknown.
        public var total: Int
        /// What `done` and `total` count.
        public var unit: Unit
        /// Increases with every `begin`, so a renderer can tell phases apart.
        public var serial: Int
    }

    private struct Phase { var label: String; var total: Int; var unit: Unit; var serial: Int }
    private let phase = Mutex(Phase(label: "", total: 0, unit: .items, serial: 0))
    private let count = Atomic<Int>(0)

    /// A meter with no phase begun yet.
    public init() {}

    /// Starts a phase of `total` units of work (0: unknown), counting from zero.
    public func begin(_ label: String, total: Int, unit: Unit = .items) {
        phase.withLock { p in
            p = Phase(label: label, total: max(0, total), unit: unit, serial: p.serial &+ 1)
            count.store(0, ordering: .relaxed)
        }
    }

    /// Records `n` more units done (any thread).
    @inline(__always)
    public func add(_ n: Int) {
        count.add(n, ordering: .relaxed)
    }

    /// Records `n` more units done, for unsigned sizes (clamped to `Int`).
    @inline(__always)
    public func add(_ n: UInt64) {
        count.add(Int(clamping: n), ordering: .relaxed)
    }

    /// The current phase and its count.
    public var snapshot: Snapshot {
        phase.withLock { p in
            Snapshot(label: p.label, done: count.load(ordering: .relaxed), total: p.total, unit: p.unit, serial: p.serial)
        }
    }
}
