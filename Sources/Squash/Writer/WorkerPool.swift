import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// A fixed set of compression threads, like mksquashfs's deflator threads (mksquashfs.c
/// `deflator` / `frag_deflator`, one of each per processor). Dedicated threads rather than
/// Dispatch's shared pool, which caps CPU-bound work at the processor count and so would
/// leave the writer fewer threads than mksquashfs runs when the machine is shared.
final class WorkerPool: @unchecked Sendable {
    private var jobs: [@Sendable () -> Void] = []
    private var head = 0
    private var stopping = false
    private let lock = DispatchSemaphore(value: 1)
    private let available = DispatchSemaphore(value: 0)
    private var threads: [pthread_t] = []

    /// Starts `count` threads.
    init(count: Int) {
        for _ in 0 ..< max(1, count) {
            let box = Unmanaged.passRetained(self).toOpaque()
            var tid = pthread_t()
            let rc = pthread_create(&tid, nil, { arg in
                guard let arg else { return nil }
                Unmanaged<WorkerPool>.fromOpaque(arg).takeRetainedValue().loop()
                return nil
            }, box)
            if rc == 0 { threads.append(tid) } else { Unmanaged<WorkerPool>.fromOpaque(box).release() }
        }
    }

    /// Whether any thread started (callers run jobs inline otherwise).
    var isRunning: Bool { !threads.isEmpty }

    /// Queues a job for the next free thread.
    func enqueue(_ job: @escaping @Sendable () -> Void) {
        guard isRunning else { job(); return }
        lock.wait()
        jobs.append(job)
        lock.signal()
        available.signal()
    }

    private func loop() {
        while true {
            available.wait()
            lock.wait()
            if head == jobs.count {
                lock.signal()
                if stopping { return }
                continue
            }
            let job = jobs[head]
            head += 1
            if head > 256 { jobs.removeFirst(head); head = 0 }
            lock.signal()
            job()
        }
    }

    /// Lets the threads finish the queued jobs, then joins them.
    func shutdown() {
        lock.wait()
        let running = threads
        threads = []
        stopping = true
        lock.signal()
        for _ in running { available.signal() }
        for t in running { pthread_join(t, nil) }
    }

    deinit { if !threads.isEmpty { shutdown() } }
}
