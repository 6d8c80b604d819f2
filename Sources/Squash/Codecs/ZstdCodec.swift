import BinaryIO

/// Zstandard frames (compressor id 6). Options block (squashfs-tools zstd_wrapper.h):
/// u32 compression level (1-22, default 15).
public struct ZstdCodec: SquashCodec {
    public var compressor: Compressor { .zstd }
    public var level: UInt32 = 15

    /// Defaults: level 15.
    public init(level: UInt32 = 15) { self.level = level }

    /// Settings from an options payload (nil = defaults).
    public init(options: [UInt8]?) throws {
        guard let options else { return }
        var r = try Codecs.expect(options, 4)
        level = try r.u32le("compression level")
        guard (1 ... 22).contains(level) else { throw FormatError(.invalid, context: "", "zstd level \(level) not in 1..22") }
    }

    public func decompress(_ input: UnsafeRawBufferPointer, maxOutput: Int) throws -> [UInt8] {
        try Zstd.decompress(input, maxOutput: maxOutput, context: "decompress zstd block")
    }

    public func compress(_ input: UnsafeRawBufferPointer) throws -> [UInt8] {
        Zstd.compress(input, level: Int32(level))
    }

    public func optionsPayload(blockSize: UInt32) -> [UInt8]? {
        if level == 15 { return nil }
        var w = ByteWriter(capacity: 4)
        w.u32le(level)
        return w.finish()
    }

    public var settings: [(String, String)] { [("compression-level", "\(level)")] }
}
