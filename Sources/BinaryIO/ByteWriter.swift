/// An append-only byte buffer with little- and big-endian integer writers and in-place
/// patching of fields whose value is known only later (lengths, checksums).
public struct ByteWriter: Sendable {
    public private(set) var bytes: [UInt8]

    public init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    @inlinable public var count: Int { bytes.count }

    @inline(__always)
    mutating func put<T: FixedWidthInteger>(_ v: T) {
        withUnsafeBytes(of: v) { bytes.append(contentsOf: $0) }
    }

    public mutating func u8(_ v: UInt8) { bytes.append(v) }
    public mutating func u16le(_ v: UInt16) { put(v.littleEndian) }
    public mutating func u32le(_ v: UInt32) { put(v.littleEndian) }
    public mutating func u32be(_ v: UInt32) { put(v.bigEndian) }
    public mutating func u64le(_ v: UInt64) { put(v.littleEndian) }

    public mutating func append<C: Collection>(_ c: C) where C.Element == UInt8 { bytes.append(contentsOf: c) }

    /// Appends `count` copies of `byte`.
    public mutating func fill(_ byte: UInt8, count: Int) {
        precondition(count >= 0)
        bytes.append(contentsOf: repeatElement(byte, count: count))
    }

    /// Pads with `byte` up to the next multiple of `alignment`.
    public mutating func pad(to alignment: Int, with byte: UInt8 = 0) {
        let rem = bytes.count % alignment
        if rem != 0 { fill(byte, count: alignment - rem) }
    }

    /// Overwrites 4 bytes at `offset` (which must already be written).
    public mutating func patchU32le(_ v: UInt32, at offset: Int) { patch(v.littleEndian, at: offset) }
    public mutating func patchU32be(_ v: UInt32, at offset: Int) { patch(v.bigEndian, at: offset) }

    mutating func patch<T: FixedWidthInteger>(_ v: T, at offset: Int) {
        precondition(offset >= 0 && offset + MemoryLayout<T>.size <= bytes.count, "patch outside written bytes")
        withUnsafeBytes(of: v) { src in
            for i in 0 ..< src.count { bytes[offset + i] = src[i] }
        }
    }

    /// Hands over the buffer.
    public func finish() -> [UInt8] { bytes }
}
