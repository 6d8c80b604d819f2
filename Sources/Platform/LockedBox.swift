import Synchronization

/// A value shared between threads, reachable only while holding its lock: the one lock of
/// imagetool's libraries (like NIO's `NIOLockedValueBox`), built on the standard library's
/// `Synchronization.Mutex`. A class, so parallel work and escaping closures can share it
/// where a `Mutex` (noncopyable) cannot go. Keep the closures short: they run with the
/// lock held.
public final class LockedBox<Value>: @unchecked Sendable {
    @usableFromInline let mutex = Mutex<Void>(())
    /// Only touched inside `mutex.withLock`: that is what makes the class Sendable.
    @usableFromInline var value: Value

    public init(_ value: Value) { self.value = value }

    /// Runs `body` on the value with the lock held, and returns what it returns.
    @inlinable
    public func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        try mutex.withLock { _ in try body(&value) }
    }
}
