import BinaryIO

/// Builds an ADB value heap the way apk does: values are appended with their natural
/// alignment (blob length prefix size, 4 for int32/objects, 8 for int64), identical byte
/// sequences are stored once, objects drop trailing null slots and an object with no set
/// slot is null [apk-tools: src/adb.c adb_w_raw, adb_w_data, adb_w_blob, adb_w_int, __adb_w_obj].
///
/// Started from an existing heap, it only appends: every existing byte stays where it is,
/// so values not replaced are written back byte-identical (path copying).
public struct ADBHeapWriter: Sendable {
    /// Largest heap offset a value tag can hold (28 bits).
    public static let maxOffset = 0x0fff_ffff

    /// The heap written so far.
    public private(set) var bytes: [UInt8]
    private var stored: [[UInt8]: Int] = [:]

    /// A fresh heap: the 8-byte header (compat 0, version 0, root null).
    public init() {
        bytes = [UInt8](repeating: 0, count: 8)
    }

    /// Continues an existing heap (its bytes are kept unchanged; the root may be replaced).
    public init(existing heap: [UInt8]) throws {
        guard heap.count >= 8 else { throw FormatError(.invalid, context: "write ADB heap", "existing heap has no header") }
        bytes = heap
    }

    /// Sets the root value in the header.
    public mutating func setRoot(_ v: ADBVal) {
        withUnsafeBytes(of: v.raw.littleEndian) { src in
            for i in 0 ..< 4 { bytes[4 + i] = src[i] }
        }
    }

    /// Appends `data` at `alignment` (or reuses an identical earlier copy); returns its offset.
    mutating func store(_ data: [UInt8], alignment: Int) throws -> UInt32 {
        if let at = stored[data], at % alignment == 0 { return UInt32(at) }
        let pad = (alignment - bytes.count % alignment) % alignment
        let at = bytes.count + pad
        guard at <= Self.maxOffset, data.count <= Self.maxOffset - at else {
            throw FormatError(.tooLarge, context: "write ADB heap", "heap would exceed \(Self.maxOffset) bytes")
        }
        if pad > 0 { bytes.append(contentsOf: repeatElement(0, count: pad)) }
        bytes.append(contentsOf: data)
        if stored[data] == nil { stored[data] = at }
        return UInt32(at)
    }

    /// A blob value (null for empty, as apk writes it).
    public mutating func blob(_ b: [UInt8]) throws -> ADBVal {
        let n = b.count
        if n == 0 { return .null }
        var w = ByteWriter(capacity: n + 4)
        let type: UInt32, align: Int
        if n > 0xffff {
            w.u32le(UInt32(n)); type = ADBVal.typeBlob32; align = 4
        } else if n > 0xff {
            w.u16le(UInt16(n)); type = ADBVal.typeBlob16; align = 2
        } else {
            w.u8(UInt8(n)); type = ADBVal.typeBlob8; align = 1
        }
        w.append(b)
        return ADBVal(type: type, value: try store(w.finish(), alignment: align))
    }

    /// A text blob.
    public mutating func string(_ s: String) throws -> ADBVal { try blob(Array(s.utf8)) }

    /// An integer: immediate below 2^28, else int32 or int64 on the heap.
    public mutating func int(_ v: UInt64) throws -> ADBVal {
        if v < 0x1000_0000 { return ADBVal(type: ADBVal.typeInt, value: UInt32(v)) }
        var w = ByteWriter()
        if v <= UInt64(UInt32.max) {
            w.u32le(UInt32(v))
            return ADBVal(type: ADBVal.typeInt32, value: try store(w.finish(), alignment: 4))
        }
        w.u64le(v)
        return ADBVal(type: ADBVal.typeInt64, value: try store(w.finish(), alignment: 8))
    }

    /// An object or array from its slots (field 1 first); trailing nulls dropped; null if empty.
    /// `type` is `ADBVal.typeObject` or `ADBVal.typeArray`.
    public mutating func container(_ slots: [ADBVal], type: UInt32 = ADBVal.typeObject) throws -> ADBVal {
        var n = slots.count
        while n > 0 && slots[n - 1].isNull { n -= 1 }
        if n == 0 { return .null }
        var w = ByteWriter(capacity: 4 * (n + 1))
        w.u32le(UInt32(n + 1))
        for s in slots[0 ..< n] { w.u32le(s.raw) }
        return ADBVal(type: type, value: try store(w.finish(), alignment: 4))
    }

    /// Copies value `v` of `heap` (recursively) into this heap; returns its new tag
    /// [apk-tools: src/adb.c adb_w_copy].
    public mutating func copy(_ v: ADBVal, from heap: ADBHeap, depth: Int = 0) throws -> ADBVal {
        guard depth <= ADBHeap.maxDepth else {
            throw heap.fail(.invalid, Int(v.value), "objects nested deeper than \(ADBHeap.maxDepth) levels")
        }
        switch v.type {
        case ADBVal.typeSpecial, ADBVal.typeInt:
            return v
        case ADBVal.typeInt32, ADBVal.typeInt64:
            return try int(try heap.int(v) ?? 0)
        case ADBVal.typeBlob8, ADBVal.typeBlob16, ADBVal.typeBlob32:
            return try blob(try heap.blob(v) ?? [])
        case ADBVal.typeArray, ADBVal.typeObject:
            var out: [ADBVal] = []
            for s in try heap.slots(v).values { out.append(try copy(s, from: heap, depth: depth + 1)) }
            return try container(out, type: v.type)
        default:
            throw heap.fail(.invalid, Int(v.value), "value \(v) has unknown type 0x\(String(v.type, radix: 16))")
        }
    }

    /// The finished heap (the ADB block payload).
    public func finish() -> [UInt8] { bytes }
}
