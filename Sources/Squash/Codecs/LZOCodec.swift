import BinaryIO
import Codecs

/// LZO1X blocks (compressor id 3). Options block (squashfs-tools lzo_wrapper.h):
/// u32 algorithm (0 lzo1x_1, 1 lzo1x_1_11, 2 lzo1x_1_12, 3 lzo1x_1_15, 4 lzo1x_999),
/// u32 compression level (1-9, lzo1x_999 only; otherwise 0). The kernel never looks at this
/// block (fs/squashfs/lzo_wrapper.c has no `comp_opts`): any payload is accepted, one that does
/// not parse leaves the defaults for compressing, and it is written back exactly as stored.
public struct LZOCodec: SquashCodec {
    public var compressor: Compressor { .lzo }
    public var algorithm: UInt32 = 4
    public var level: UInt32 = 8
    /// The options payload exactly as the image stores it; `optionsPayload` returns it.
    public var stored: [UInt8]?
    /// The stored payload did not parse (the defaults are used for compressing).
    public var storedUnrecognised = false

    static let names = ["lzo1x_1", "lzo1x_1_11", "lzo1x_1_12", "lzo1x_1_15", "lzo1x_999"]

    /// Defaults: lzo1x_999 at level 8.
    public init(algorithm: UInt32 = 4, level: UInt32 = 8) { self.algorithm = algorithm; self.level = level }

    /// Settings from an options payload (nil = defaults).
    public init(options: [UInt8]?) throws {
        guard let options else { return }
        stored = options
        guard options.count == 8, var r = try? Codecs.expect(options, 8),
              let a = try? r.u32le("algorithm"), let l = try? r.u32le("compression level"),
              a <= 4, a == 4 ? (1 ... 9).contains(l) : l == 0 else { storedUnrecognised = true; return }
        algorithm = a; level = l
    }

    public func decompress(_ input: UnsafeRawBufferPointer, maxOutput: Int) throws -> [UInt8] {
        try LZO.decompress(input, maxOutput: maxOutput, context: "decompress lzo block")
    }

    /// lzo1x_999 at `level`, or lzo1x_1 for the fast algorithms (all decode identically).
    public func compress(_ input: UnsafeRawBufferPointer) throws -> [UInt8] {
        LZO.compress(input, best: algorithm == 4, level: Int32(level))
    }

    public func optionsPayload(blockSize: UInt32) -> [UInt8]? {
        if let stored { return stored }
        if algorithm == 4 && level == 8 { return nil }
        var w = ByteWriter(capacity: 8)
        w.u32le(algorithm); w.u32le(algorithm == 4 ? level : 0)
        return w.finish()
    }

    public var settings: [(String, String)] {
        var s = [("algorithm", LZOCodec.names[Int(min(algorithm, 4))])]
        if algorithm == 4 { s.append(("compression-level", "\(level)")) }
        return s + Codecs.unrecognised(stored, storedUnrecognised)
    }
}
