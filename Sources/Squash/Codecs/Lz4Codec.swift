import BinaryIO

/// LZ4 blocks without framing (compressor id 5). Options block (squashfs-tools
/// lz4_wrapper.h): u32 version (1 = LZ4_LEGACY), u32 flags (1 = high compression).
/// mksquashfs always writes this block for lz4.
public struct Lz4Codec: SquashCodec {
    public var compressor: Compressor { .lz4 }
    public var highCompression = false

    /// Defaults: fast LZ4.
    public init(highCompression: Bool = false) { self.highCompression = highCompression }

    /// Settings from an options payload (nil = defaults).
    public init(options: [UInt8]?) throws {
        guard let options else { return }
        var r = try Codecs.expect(options, 8)
        let version = try r.u32le("version")
        let flags = try r.u32le("flags")
        guard version == 1 else { throw FormatError(.invalid, context: "", "unknown lz4 format version \(version)") }
        guard flags & ~1 == 0 else { throw FormatError(.invalid, context: "", "unknown lz4 flags 0x\(String(flags, radix: 16))") }
        highCompression = flags & 1 != 0
    }

    public func decompress(_ input: UnsafeRawBufferPointer, maxOutput: Int) throws -> [UInt8] {
        try LZ4.decompress(input, maxOutput: maxOutput, context: "decompress lz4 block")
    }

    public func compress(_ input: UnsafeRawBufferPointer) throws -> [UInt8] {
        LZ4.compress(input, high: highCompression)
    }

    public func optionsPayload(blockSize: UInt32) -> [UInt8]? {
        var w = ByteWriter(capacity: 8)
        w.u32le(1); w.u32le(highCompression ? 1 : 0)
        return w.finish()
    }

    public var settings: [(String, String)] { [("high-compression", "\(highCompression)")] }
}
