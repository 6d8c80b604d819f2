#if canImport(Glibc)
import Glibc
#endif
import BinaryIO
import CSys
import Dispatch
import Synchronization

/// The one way imagetool's libraries run work in parallel (with `LockedBox` for what the
/// workers share): `run` starts exactly as many threads as asked (squashfs extraction,
/// `--jobs`), `map` runs independent jobs and returns their results in order.
public enum Workers {
    /// The number of processors online (sysconf), at least 1: the default worker count.
    public static var onlineProcessors: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    final class Box: @unchecked Sendable {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    /// Starts `body` on a new POSIX thread and returns it (for `pthread_join`), or nil when
    /// no thread could be started.
    public static func spawn(_ body: @escaping @Sendable () -> Void) -> pthread_t? {
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var t = pthread_t()
        let rc = pthread_create(&t, nil, { arg in
            guard let arg else { return nil }
            Unmanaged<Box>.fromOpaque(arg).takeRetainedValue().body()
            return nil
        }, box)
        if rc == 0 { return t }
        Unmanaged<Box>.fromOpaque(box).release()
        return nil
    }

    /// Runs `body(i)` for i in 0..<count on `count` POSIX threads and waits for all of them.
    /// Unlike `DispatchQueue.concurrentPerform`, whose width is capped by libdispatch's pool,
    /// the caller decides exactly how many threads run (`--jobs`), including more than cores.
    ///
    /// With `pin`, every worker runs on a new thread pinned to CPU i (mod the allowed CPUs):
    /// CPU-bound threads created together otherwise tend to stay on one CPU while the other
    /// serves the rest of the machine. The calling thread only waits, unpinned.
    public static func run(_ count: Int, pin: Bool = false, _ body: @escaping @Sendable (Int) -> Void) {
        if count <= 1 { body(0); return }
        let pinned: @Sendable (Int) -> Void = { i in
            _ = csys_pin_thread_to_cpu(Int32(truncatingIfNeeded: i))
            body(i)
        }
        let work = pin ? pinned : body
        var threads: [pthread_t] = []
        for i in (pin ? 0 : 1) ..< count {
            if let t = spawn({ work(i) }) {
                threads.append(t)
            } else {
                // Could not start a thread: run its share here, unpinned.
                body(i)
            }
        }
        if !pin { body(0) }
        for t in threads { pthread_join(t, nil) }
    }

    /// Runs `body(i)` for i in 0..<count and returns the results in index order. Without
    /// `width`, on Dispatch's pool (`concurrentPerform`: as many at once as there are
    /// cores); with `width`, at most `width` at once on threads of their own (`run`), jobs
    /// starting in index order. A job's error is its result; the others still run.
    public static func map<T: Sendable>(_ count: Int, width: Int? = nil,
                                        _ body: @escaping @Sendable (Int) throws -> T) -> [Result<T, Error>] {
        guard count > 1 else { return count == 1 ? [Result { try body(0) }] : [] }
        let results = LockedBox([Result<T, Error>?](repeating: nil, count: count))
        let one: @Sendable (Int) -> Void = { i in
            let r = Result { try body(i) }
            results.withLock { $0[i] = r }
        }
        if let width {
            let next = Atomic<Int>(0)
            run(min(max(1, width), count)) { _ in
                while true {
                    let i = next.add(1, ordering: .relaxed).oldValue
                    if i >= count { return }
                    one(i)
                }
            }
        } else {
            DispatchQueue.concurrentPerform(iterations: count, execute: one)
        }
        return results.withLock { $0 }.map { $0 ?? .failure(FormatError(.io, context: "parallel work", "job did not run")) }
    }
}
