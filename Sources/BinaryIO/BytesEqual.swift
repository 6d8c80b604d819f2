#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Array where Element == UInt8 {
    /// Whether `self[offset ..< offset + other.count]` equals `other`, with memcmp (the
    /// generic `elementsEqual`/`==` compare byte by byte, several times slower on large
    /// buffers). False when the range does not fit.
    @inlinable
    public func matches(_ other: [UInt8], at offset: Int) -> Bool {
        guard offset >= 0, offset <= count, other.count <= count - offset else { return false }
        if other.isEmpty { return true }
        return withUnsafeBytes { a in other.withUnsafeBytes { b in memcmp(a.baseAddress! + offset, b.baseAddress!, b.count) == 0 } }
    }

    /// Whether both arrays hold the same bytes (memcmp).
    @inlinable
    public func sameBytes(_ other: [UInt8]) -> Bool {
        count == other.count && matches(other, at: 0)
    }
}
