import BinaryIO
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Runs several rebase jobs on both cores; each job reads its images once.
public enum BatchRunner {
    /// Runs `jobs` (at most `parallel` at once) and returns their reports in order. The
    /// first job error is thrown after all jobs finish. `meter` counts the images read and
    /// the packages rebased of a single job, or the jobs done of a batch.
    public static func run(_ jobs: [RebaseOptions], parallel: Int = 2, progress: (@Sendable (String) -> Void)? = nil,
                           meter: ProgressMeter? = nil) throws -> [RebaseReport] {
        let single = jobs.count == 1 ? meter : nil
        if jobs.count > 1 { meter?.begin("rebase \(jobs.count) jobs", total: jobs.count, unit: .items) }
        let results = ResultBox(count: jobs.count)
        let sem = DispatchSemaphore(value: max(1, parallel))
        let group = DispatchGroup()
        for (i, job) in jobs.enumerated() {
            sem.wait()
            group.enter()
            DispatchQueue.global().async {
                defer { sem.signal(); group.leave() }
                let r = Result { () throws -> RebaseReport in
                    single?.begin(job.images.count == 1 ? "read \(FS.basename(of: job.images[0]))" : "read \(job.images.count) images",
                                  total: job.images.count, unit: .items)
                    let images = try job.images.map { p -> ImageSide in
                        defer { single?.add(1) }
                        return try ImageLoader.load(p, imageConfig: job.imageConfig)
                    }
                    return try RebaseEngine.run(job, images: images, progress: progress, meter: single)
                }
                if jobs.count > 1 { meter?.add(1) }
                results.set(i, r)
            }
        }
        group.wait()
        return try results.values().map { try $0.get() }
    }
}

final class ResultBox: @unchecked Sendable {
    private var items: [Result<RebaseReport, Error>?]
    private let lock = NSLockLike()
    init(count: Int) { items = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: Result<RebaseReport, Error>) { lock.locked { items[i] = r } }
    func values() -> [Result<RebaseReport, Error>] {
        lock.locked { items.map { $0 ?? .failure(FormatError(.io, context: "batch", "job did not run")) } }
    }
}

/// A pthread mutex (FoundationEssentials has no NSLock).
final class NSLockLike: @unchecked Sendable {
    private var m = pthread_mutex_t()
    init() { pthread_mutex_init(&m, nil) }
    deinit { pthread_mutex_destroy(&m) }
    func locked<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(&m); defer { pthread_mutex_unlock(&m) }
        return try body()
    }
}
