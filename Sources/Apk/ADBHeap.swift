import BinaryIO

/// A value tag: the type in the top 4 bits of a le32, an immediate or a heap offset in the
/// low 28 bits [apk-tools: src/adb.h ADB_TYPE_*, doc/apk-v3.5.scd "WIRE FORMAT"].
public struct ADBVal: Sendable, Hashable, CustomStringConvertible {
    /// The tag as stored (little-endian on disk).
    public var raw: UInt32
    /// A tag from its stored value.
    public init(raw: UInt32) { self.raw = raw }

    /// Type codes: special (null/true/false), 28-bit immediate int, int32 and int64 on the heap.
    public static let typeSpecial: UInt32 = 0x0, typeInt: UInt32 = 0x1, typeInt32: UInt32 = 0x2, typeInt64: UInt32 = 0x3
    /// Type codes of blobs with an 8/16/32-bit length prefix.
    public static let typeBlob8: UInt32 = 0x8, typeBlob16: UInt32 = 0x9, typeBlob32: UInt32 = 0xa
    /// Type codes of arrays and objects (slot lists; OpenWrt's apk writes arrays with the object code too).
    public static let typeArray: UInt32 = 0xd, typeObject: UInt32 = 0xe

    /// The null value (also what an absent slot reads as).
    public static let null = ADBVal(raw: 0)

    /// The 4-bit type code.
    public var type: UInt32 { raw >> 28 }
    /// The 28-bit immediate or heap offset.
    public var value: UInt32 { raw & 0x0fff_ffff }
    /// Whether this is the null value.
    public var isNull: Bool { raw == 0 }
    /// Whether this refers to an array or object.
    public var isContainer: Bool { type == Self.typeArray || type == Self.typeObject }

    /// A tag from a type code and a 28-bit value.
    public init(type: UInt32, value: UInt32) { raw = type << 28 | (value & 0x0fff_ffff) }

    /// The tag in hex, for messages.
    public var description: String { "0x" + String(raw, radix: 16) }
}

/// The value heap of an ADB block, read with every offset and size checked against the heap
/// [apk-tools: src/adb.c adb_r_deref, adb_r_int, adb_r_blob, adb_r_obj]. The heap starts with
/// `adb_hdr`: u8 compat version, u8 version, u16 reserved, le32 root value.
public struct ADBHeap: Sendable {
    /// Deepest object nesting accepted when walking a tree (apk's own schemas need 6).
    public static let maxDepth = 32

    /// The ADB block payload: header, then values.
    public let bytes: [UInt8]
    /// Offset of the heap in the plain stream, so errors point into the file.
    public let baseOffset: UInt64
    /// What is being read, used in errors.
    public var context: String

    /// A heap over `bytes`, whose first byte is at `baseOffset` in the plain stream.
    public init(_ bytes: [UInt8], baseOffset: UInt64 = 0, context: String = "read ADB heap") {
        self.bytes = bytes
        self.baseOffset = baseOffset
        self.context = context
    }

    /// The heap of `block` (an ADB block read from a file).
    public init(block: ADBBlock) {
        self.init(block.payload, baseOffset: UInt64(block.payloadOffset ?? 0))
    }

    func fail(_ kind: FormatError.Kind, _ at: Int, _ message: String) -> FormatError {
        FormatError(kind, offset: baseOffset &+ UInt64(max(0, at)), context: context, message)
    }

    /// Checks that `[offset, offset+size)` lies inside the heap.
    func check(_ offset: Int, _ size: Int, _ what: String, tag: ADBVal) throws {
        guard offset >= 0, size >= 0, offset <= bytes.count, size <= bytes.count - offset else {
            throw fail(.outOfBounds, offset, "\(what) of value \(tag) at heap offset 0x\(String(offset, radix: 16)) + \(size) outside the \(bytes.count)-byte heap")
        }
    }

    func u32(_ at: Int) -> UInt32 {
        bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
    }

    /// The root value from the heap header.
    public func root() throws -> ADBVal {
        try check(0, 8, "heap header", tag: .null)
        return ADBVal(raw: u32(4))
    }

    /// An integer value (immediate, int32 or int64); nil for null; error for other types.
    public func int(_ v: ADBVal) throws -> UInt64? {
        switch v.type {
        case ADBVal.typeSpecial where v.isNull: return nil
        case ADBVal.typeInt: return UInt64(v.value)
        case ADBVal.typeInt32:
            try check(Int(v.value), 4, "int32", tag: v)
            return UInt64(u32(Int(v.value)))
        case ADBVal.typeInt64:
            try check(Int(v.value), 8, "int64", tag: v)
            return bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: Int(v.value), as: UInt64.self)) }
        default:
            throw fail(.invalid, Int(v.value), "value \(v) is not an integer")
        }
    }

    /// The byte range of a blob's content (without its length prefix); nil for null.
    public func blobRange(_ v: ADBVal) throws -> Range<Int>? {
        let at = Int(v.value)
        let prefix: Int
        switch v.type {
        case ADBVal.typeSpecial where v.isNull: return nil
        case ADBVal.typeBlob8: prefix = 1
        case ADBVal.typeBlob16: prefix = 2
        case ADBVal.typeBlob32: prefix = 4
        default: throw fail(.invalid, at, "value \(v) is not a blob")
        }
        try check(at, prefix, "blob length", tag: v)
        var n = Int(bytes[at])
        if prefix == 2 { n |= Int(bytes[at + 1]) << 8 }
        if prefix == 4 { n = Int(u32(at)) }
        try check(at + prefix, n, "blob content", tag: v)
        return at + prefix ..< at + prefix + n
    }

    /// A blob's bytes; nil for null.
    public func blob(_ v: ADBVal) throws -> [UInt8]? {
        try blobRange(v).map { Array(bytes[$0]) }
    }

    /// A blob as text (UTF-8, invalid bytes repaired); nil for null.
    public func string(_ v: ADBVal) throws -> String? {
        try blobRange(v).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    /// An object's or array's slots (slot 0, the count, excluded); empty for null.
    public func slots(_ v: ADBVal) throws -> ADBSlots {
        if v.isNull { return ADBSlots(values: []) }
        guard v.isContainer else { throw fail(.invalid, Int(v.value), "value \(v) is not an object or array") }
        let at = Int(v.value)
        try check(at, 4, "object slot count", tag: v)
        let n = Int(u32(at))
        let size = try Checked.mul(n, 4, "object of \(n) slots", offset: baseOffset &+ UInt64(at))
        try check(at, size, "object slots", tag: v)
        var out: [ADBVal] = []
        out.reserveCapacity(max(0, n - 1))
        var i = 1
        while i < n { out.append(ADBVal(raw: u32(at + 4 * i))); i += 1 }
        return ADBSlots(values: out)
    }

    /// Walks the whole tree below `v`, checking every reference, the nesting depth and the
    /// total node count (cycles end as depth errors). Returns the number of values visited.
    @discardableResult
    public func validate(_ v: ADBVal, depth: Int = 0, budget: Int = 4_000_000) throws -> Int {
        guard depth <= Self.maxDepth else {
            throw fail(.invalid, Int(v.value), "objects nested deeper than \(Self.maxDepth) levels")
        }
        switch v.type {
        case ADBVal.typeSpecial: return 1
        case ADBVal.typeInt, ADBVal.typeInt32, ADBVal.typeInt64: _ = try int(v); return 1
        case ADBVal.typeBlob8, ADBVal.typeBlob16, ADBVal.typeBlob32: _ = try blobRange(v); return 1
        case ADBVal.typeArray, ADBVal.typeObject:
            var count = 1
            for s in try slots(v).values {
                count += try validate(s, depth: depth + 1, budget: budget - count)
                guard count <= budget else { throw fail(.tooLarge, Int(v.value), "more than \(budget) values in the heap tree") }
            }
            return count
        default:
            throw fail(.invalid, Int(v.value), "value \(v) has unknown type 0x\(String(v.type, radix: 16))")
        }
    }
}

/// The slots of an object (1-based field numbers as in apk's ADBI_* constants) or array.
public struct ADBSlots: Sendable {
    /// Slot values without the count slot: `values[0]` is field 1.
    public var values: [ADBVal]

    /// The value of field `i` (1-based); null when absent.
    public subscript(field i: Int) -> ADBVal { i >= 1 && i <= values.count ? values[i - 1] : .null }

    /// Number of slots.
    public var count: Int { values.count }
}
