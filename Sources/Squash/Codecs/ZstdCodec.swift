import BinaryIO
import Codecs

/// Zstandard frames (compressor id 6). Options block (squashfs-tools zstd_wrapper.h):
/// u32 compression level (1-22, default 15). The kernel never looks at this block
/// (fs/squashfs/zstd_wrapper.c has no `comp_opts`): any payload is accepted, one that does not
/// parse leaves the default level for compressing, and it is written back exactly as stored.
public struct ZstdCodec: SquashCodec {
    public var compressor: Compressor { .zstd }
    public var level: UInt32 = 15
    /// The options payload exactly as the image stores it; `optionsPayload` returns it.
    public var stored: [UInt8]?
    /// The stored payload did not parse (the default level is used for compressing).
    public var storedUnrecognised = false

    /// Defaults: level 15.
    public init(level: UInt32 = 15) { self.level = level }

    /// Settings from an options payload (nil = defaults).
    public init(options: [UInt8]?) throws {
        guard let options else { return }
        stored = options
        guard options.count == 4, var r = try? Codecs.expect(options, 4), let l = try? r.u32le("compression level"),
              (1 ... 22).contains(l) else { storedUnrecognised = true; return }
        level = l
    }

    public func decompress(_ input: UnsafeRawBufferPointer, maxOutput: Int) throws -> [UInt8] {
        try Zstd.decompress(input, maxOutput: maxOutput, context: "decompress zstd block")
    }

    public func compress(_ input: UnsafeRawBufferPointer) throws -> [UInt8] {
        Zstd.compress(input, level: Int32(level))
    }

    public func optionsPayload(blockSize: UInt32) -> [UInt8]? {
        if let stored { return stored }
        if level == 15 { return nil }
        var w = ByteWriter(capacity: 4)
        w.u32le(level)
        return w.finish()
    }

    public var settings: [(String, String)] { [("compression-level", "\(level)")] + Codecs.unrecognised(stored, storedUnrecognised) }
}
