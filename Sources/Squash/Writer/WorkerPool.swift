import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import Platform

/// A fixed set of compression threads, like mksquashfs's deflator threads (mksquashfs.c
/// `deflator` / `frag_deflator`, one of each per processor). Dedicated threads rather than
/// Dispatch's shared pool, which caps CPU-bound work at the processor count and so would
/// leave the writer fewer threads than mksquashfs runs when the machine is shared.
final class WorkerPool: @unchecked Sendable {
    private struct Queue {
        var jobs: [@Sendable () -> Void] = []
        var head = 0
        var stopping = false
        var threads: [pthread_t] = []
    }
    private enum Next { case run(@Sendable () -> Void), idle, stop }
    private let queue = LockedBox(Queue())
    private let available = DispatchSemaphore(value: 0)

    /// Starts `count` threads.
    init(count: Int) {
        for _ in 0 ..< max(1, count) {
            if let t = Workers.spawn({ self.loop() }) { queue.withLock { $0.threads.append(t) } }
        }
    }

    /// Queues a job for the next free thread (runs it here when no thread started).
    func enqueue(_ job: @escaping @Sendable () -> Void) {
        let queued = queue.withLock { q in
            guard !q.threads.isEmpty else { return false }
            q.jobs.append(job)
            return true
        }
        if queued { available.signal() } else { job() }
    }

    private func loop() {
        while true {
            available.wait()
            let next: Next = queue.withLock { q in
                if q.head == q.jobs.count { return q.stopping ? .stop : .idle }
                let job = q.jobs[q.head]
                q.head += 1
                if q.head > 256 { q.jobs.removeFirst(q.head); q.head = 0 }
                return .run(job)
            }
            switch next {
            case .run(let job): job()
            case .idle: continue
            case .stop: return
            }
        }
    }

    /// Lets the threads finish the queued jobs, then joins them.
    func shutdown() {
        let running = queue.withLock { q in
            defer { q.threads = []; q.stopping = true }
            return q.threads
        }
        for _ in running { available.signal() }
        for t in running { pthread_join(t, nil) }
    }

    deinit { shutdown() }
}
