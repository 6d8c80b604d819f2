import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// A small mutex for collecting results from parallel work.
final class Lock: @unchecked Sendable {
    private var m = pthread_mutex_t()
    init() { pthread_mutex_init(&m, nil) }
    deinit { pthread_mutex_destroy(&m) }
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(&m); defer { pthread_mutex_unlock(&m) }
        return try body()
    }
}

/// Runs `body(i)` for i in 0..<count on all cores (results are the caller's to order).
func concurrentForEach(_ count: Int, _ body: @Sendable (Int) -> Void) {
    guard count > 1 else { if count == 1 { body(0) }; return }
    DispatchQueue.concurrentPerform(iterations: count, execute: body)
}

/// A mutable reference shared with parallel work; guard every access with a `Lock`.
final class Box<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}
