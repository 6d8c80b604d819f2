import BinaryIO
import Codecs

/// LZ4 blocks without framing (compressor id 5). Options block (squashfs-tools
/// lz4_wrapper.h): u32 version (1 = LZ4_LEGACY), u32 flags (1 = high compression).
/// mksquashfs always writes this block for lz4, and the kernel requires it
/// (fs/squashfs/lz4_wrapper.c lz4_comp_opts): present, at least 8 bytes, version 1; the flags
/// and any further bytes are not checked, and the payload is written back exactly as stored.
public struct LZ4Codec: SquashCodec {
    public var compressor: Compressor { .lz4 }
    public var highCompression = false
    /// The options payload exactly as the image stores it; `optionsPayload` returns it.
    public var stored: [UInt8]?

    /// Defaults: fast LZ4.
    public init(highCompression: Bool = false) { self.highCompression = highCompression }

    /// Settings from an options payload (nil, which the kernel refuses for lz4, throws).
    public init(options: [UInt8]?) throws {
        guard let options else {
            throw FormatError(.invalid, context: "", "no compressor options: lz4 images always store them (version, flags)")
        }
        guard options.count >= 8 else {
            throw FormatError(.invalid, context: "", "lz4 options block is \(options.count) bytes; the kernel needs at least 8 (version, flags)")
        }
        var r = ByteReader(options, context: "")
        let version = try r.u32le("version")
        let flags = try r.u32le("flags")
        guard version == 1 else { throw FormatError(.invalid, context: "", "unknown lz4 format version \(version) (only 1, legacy, exists)") }
        highCompression = flags & 1 != 0
        stored = options
    }

    public func decompress(_ input: UnsafeRawBufferPointer, maxOutput: Int) throws -> [UInt8] {
        try LZ4.decompress(input, maxOutput: maxOutput, context: "decompress lz4 block")
    }

    public func compress(_ input: UnsafeRawBufferPointer) throws -> [UInt8] {
        LZ4.compress(input, high: highCompression)
    }

    public func optionsPayload(blockSize: UInt32) -> [UInt8]? {
        if let stored { return stored }
        var w = ByteWriter(capacity: 8)
        w.u32le(1); w.u32le(highCompression ? 1 : 0)
        return w.finish()
    }

    public var settings: [(String, String)] { [("high-compression", "\(highCompression)")] }
}
