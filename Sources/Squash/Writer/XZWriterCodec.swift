import BinaryIO
import Codecs

/// The xz compressor as mksquashfs's xz_wrapper_extended.c (squashfs-tools 4.6+, the one
/// OpenWrt builds with) configures it: preset level with optional extreme flag, explicit
/// lc/lp/pb, dictionary = block size for data (8 KiB for metadata), and each selected BCJ
/// filter tried besides none, keeping the smallest stream. Its options block is the standard
/// 8 bytes (u32 dictionary size, u32 filter bits) and is omitted when the dictionary is the
/// block size and no filter is selected — the preset and lc/lp/pb are not stored, as
/// decoding does not need them.
struct XZWriterCodec: SquashCodec {
    var compressor: Compressor { .xz }
    var dictionarySize: UInt32
    var filters: [LZMA.BCJ]
    var preset: UInt32
    var extreme: Bool
    var lc: UInt32?
    var lp: UInt32?
    var pb: UInt32?

    func decompress(_ input: UnsafeRawBufferPointer, maxOutput: Int) throws -> [UInt8] {
        try LZMA.decode(input, alone: false, maxOutput: maxOutput, expectedSize: maxOutput, context: "decompress xz block").bytes
    }

    func compress(_ input: UnsafeRawBufferPointer) throws -> [UInt8] {
        var o = LZMA.Options(preset: preset, extreme: extreme, dictionarySize: dictionarySize, lc: lc, lp: lp, pb: pb)
        var best = try LZMA.encodeXZ(input, options: o)
        for f in filters {
            o.bcj = f
            let out = try LZMA.encodeXZ(input, options: o)
            if out.count < best.count { best = out }
        }
        return best
    }

    /// Filter bits as squashfs stores them (bit i = `LZMA.BCJ.allCases[i]`).
    var filterBits: UInt32 {
        filters.reduce(0) { bits, f in bits | (LZMA.BCJ.allCases.firstIndex(of: f).map { UInt32(1) << UInt32($0) } ?? 0) }
    }

    func optionsPayload(blockSize: UInt32) -> [UInt8]? {
        if dictionarySize == blockSize && filters.isEmpty { return nil }
        var w = ByteWriter(capacity: 8)
        w.u32le(dictionarySize); w.u32le(filterBits)
        return w.finish()
    }

    var settings: [(String, String)] {
        [("dictionary-size", "\(dictionarySize)"), ("filters", filters.isEmpty ? "none" : filters.map(\.rawValue).joined(separator: ",")),
         ("preset", "\(preset)\(extreme ? "e" : "")")]
    }
}
