import BinaryIO
import Dispatch

/// What a pipeline job produces: the bytes to write and the size word to record
/// (data blocks and fragment entries: bit 24 set = stored uncompressed; 0 = sparse block).
struct BlockResult: Sendable {
    var bytes: [UInt8]
    var sizeWord: UInt32
}

/// Runs block jobs (compression, or reading blocks to copy) on worker threads and hands
/// the results back strictly in submission order, so the image layout does not depend on
/// thread timing. At most `limit` jobs are in flight, which bounds memory to about
/// `limit` * 2 blocks whatever the image size (mksquashfs.c bounds its reader/deflator
/// queues the same way).
final class BlockPipeline<Target> {
    private final class Slot: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        var result: Result<BlockResult, Error> = .failure(FormatError(.io, context: "compress", "job did not run"))
    }

    private let pool: WorkerPool
    private let limit: Int
    private var slots: [(Slot, Target)] = []
    private var head = 0
    /// Receives every result in order, on the thread calling `submit` and `finish`.
    typealias Consumer = (BlockResult, Target) throws -> Void

    /// `threads` jobs run at once and at most `window` are queued or unconsumed: a wide
    /// window keeps every thread busy while one slow block holds up the in-order output.
    init(threads: Int, window: Int) {
        let n = max(1, threads)
        pool = WorkerPool(count: n)
        limit = max(2 * n, window)
    }

    /// Stops the threads also when a write fails before `finish`.
    deinit { pool.shutdown() }

    /// Queues a job whose result belongs to `target`, first handing finished results to `consume`.
    func submit(_ target: Target, consume: Consumer, _ job: @escaping @Sendable () throws -> BlockResult) throws {
        while slots.count - head >= limit { try drainOne(consume) }
        let slot = Slot()
        pool.enqueue {
            slot.result = Result { try job() }
            slot.done.signal()
        }
        slots.append((slot, target))
        while head < slots.count, slots[head].0.done.wait(timeout: .now()) == .success {
            try deliver(consume)
        }
    }

    /// Waits for every queued job and hands over the remaining results.
    func finish(consume: Consumer) throws {
        while head < slots.count { try drainOne(consume) }
        slots.removeAll()
        head = 0
        pool.shutdown()
    }

    private func drainOne(_ consume: Consumer) throws {
        slots[head].0.done.wait()
        try deliver(consume)
    }

    private func deliver(_ consume: Consumer) throws {
        let (slot, target) = slots[head]
        slots[head] = (Slot(), target)
        head += 1
        if head > 1024 { slots.removeFirst(head); head = 0 }
        try consume(try slot.result.get(), target)
    }
}
