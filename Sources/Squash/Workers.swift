#if canImport(Glibc)
import Glibc
#endif
import CSys
import Platform

/// Runs `body(i)` for i in 0..<count on `count` POSIX threads and waits for all of them.
/// Unlike `DispatchQueue.concurrentPerform`, whose width is capped by libdispatch's pool,
/// the caller decides exactly how many threads run (`--jobs`), including more than cores.
enum Workers {
    final class Box: @unchecked Sendable {
        let body: @Sendable (Int) -> Void
        let index: Int
        init(_ body: @escaping @Sendable (Int) -> Void, _ index: Int) { self.body = body; self.index = index }
    }

    /// With `pin`, every worker runs on a new thread pinned to CPU i (mod the allowed CPUs):
    /// CPU-bound threads created together otherwise tend to stay on one CPU while the other
    /// serves the rest of the machine. The calling thread only waits, unpinned.
    static func run(_ count: Int, pin: Bool = false, _ body: @escaping @Sendable (Int) -> Void) {
        if count <= 1 { body(0); return }
        let pinned: @Sendable (Int) -> Void = { i in
            _ = csys_pin_thread_to_cpu(Int32(truncatingIfNeeded: i))
            body(i)
        }
        let work = pin ? pinned : body
        var threads: [pthread_t] = []
        for i in (pin ? 0 : 1) ..< count {
            let box = Unmanaged.passRetained(Box(work, i)).toOpaque()
            var t = pthread_t()
            let rc = pthread_create(&t, nil, { arg in
                guard let arg else { return nil }
                let b = Unmanaged<Box>.fromOpaque(arg).takeRetainedValue()
                b.body(b.index)
                return nil
            }, box)
            if rc == 0 {
                threads.append(t)
            } else {
                // Could not start a thread: run its share here, unpinned.
                Unmanaged<Box>.fromOpaque(box).release()
                body(i)
            }
        }
        if !pin { body(0) }
        for t in threads { pthread_join(t, nil) }
    }
}
