/// Overflow-checked arithmetic for sizes and offsets read from untrusted files.
/// Every size*count or offset+length taken from input goes through these.
public enum Checked {
    /// `a + b`, or a `.overflow` error naming `context`.
    @inlinable
    public static func add<T: FixedWidthInteger>(_ a: T, _ b: T, _ context: @autoclosure () -> String, offset: UInt64? = nil) throws -> T {
        let (r, o) = a.addingReportingOverflow(b)
        if o { throw FormatError(.overflow, offset: offset, context: context(), "\(a) + \(b) overflows") }
        return r
    }

    /// `a * b`, or a `.overflow` error naming `context`.
    @inlinable
    public static func mul<T: FixedWidthInteger>(_ a: T, _ b: T, _ context: @autoclosure () -> String, offset: UInt64? = nil) throws -> T {
        let (r, o) = a.multipliedReportingOverflow(by: b)
        if o { throw FormatError(.overflow, offset: offset, context: context(), "\(a) * \(b) overflows") }
        return r
    }

    /// `a - b` where `b <= a` is required.
    @inlinable
    public static func sub<T: FixedWidthInteger>(_ a: T, _ b: T, _ context: @autoclosure () -> String, offset: UInt64? = nil) throws -> T {
        let (r, o) = a.subtractingReportingOverflow(b)
        if o { throw FormatError(.overflow, offset: offset, context: context(), "\(a) - \(b) underflows") }
        return r
    }

    /// Converts between integer types, throwing when the value does not fit.
    @inlinable
    public static func int<T: BinaryInteger, U: FixedWidthInteger>(_ v: T, as: U.Type = Int.self, _ context: @autoclosure () -> String, offset: UInt64? = nil) throws -> U {
        guard let r = U(exactly: v) else {
            throw FormatError(.overflow, offset: offset, context: context(), "value \(v) does not fit in \(U.self)")
        }
        return r
    }

    /// Throws `.tooLarge` when `value > limit`: used before allocating from a size field.
    @inlinable
    public static func limit<T: BinaryInteger>(_ value: T, _ limit: T, _ what: @autoclosure () -> String, context: @autoclosure () -> String, offset: UInt64? = nil) throws {
        if value > limit {
            throw FormatError(.tooLarge, offset: offset, context: context(), "\(what()) \(value) exceeds limit \(limit)")
        }
    }
}
