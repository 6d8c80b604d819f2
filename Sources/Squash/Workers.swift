#if canImport(Glibc)
import Glibc
#endif

/// Runs `body(i)` for i in 0..<count on `count` POSIX threads and waits for all of them.
/// Unlike `DispatchQueue.concurrentPerform`, whose width is capped by libdispatch's pool,
/// the caller decides exactly how many threads run (`--jobs`), including more than cores.
enum Workers {
    final class Box: @unchecked Sendable {
        let body: @Sendable (Int) -> Void
        let index: Int
        init(_ body: @escaping @Sendable (Int) -> Void, _ index: Int) { self.body = body; self.index = index }
    }

    static func run(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        if count <= 1 { body(0); return }
        var threads: [pthread_t] = []
        for i in 1 ..< count {
            let box = Unmanaged.passRetained(Box(body, i)).toOpaque()
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
                // Could not start a thread: run its share here.
                Unmanaged<Box>.fromOpaque(box).takeRetainedValue().body(i)
            }
        }
        body(0)
        for t in threads { pthread_join(t, nil) }
    }
}
