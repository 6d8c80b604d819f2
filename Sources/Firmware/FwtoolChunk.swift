import BinaryIO
import Codecs

/// One fwtool chunk appended to an OpenWrt image (openwrt/fwtool fwimage.h, fwtool.c):
/// the chunk data followed by a 16-byte big-endian trailer
/// `magic "FWx0" | crc32 | u8 type | pad[3] | size`, where `size` counts data + trailer and
/// `crc32` is the CRC-32 register (init 0xffffffff, no final inversion) over every byte of
/// the file before the trailer. Type 1 (FWIMAGE_INFO) data starts with an 8-byte
/// `fwimage_header` (be32 version 0, be32 flags) followed by metadata JSON; type 0
/// (FWIMAGE_SIGNATURE) data is the signature blob `fwtool -S` appended.
public struct FwtoolChunk: Sendable, Equatable, Codable {
    /// "FWx0" (FWIMAGE_MAGIC).
    public static let magic: UInt32 = 0x4657_7830  // "FWx0"
    /// sizeof(struct fwimage_trailer).
    public static let trailerSize = 16
    /// fwtool.c METADATA_MAXLEN + SIGNATURE_MAXLEN + 1024, the largest chunk fwtool reads.
    static let maxData = 30 * 1024 + 1024 + 1024

    /// FWIMAGE_SIGNATURE = 0, FWIMAGE_INFO = 1.
    public var type: UInt8
    /// The chunk data (for metadata: 8-byte header + JSON).
    public var data: [UInt8]
    /// The three pad bytes as stored.
    public var pad: [UInt8]
    /// CRC stored in the trailer.
    public var storedCRC: UInt32

    /// Type FWIMAGE_INFO.
    public var isMetadata: Bool { type == 1 }
    /// Type FWIMAGE_SIGNATURE.
    public var isSignature: Bool { type == 0 }

    /// The metadata JSON text (data after the 8-byte fwimage_header), for type 1.
    public var metadataJSON: String? {
        guard isMetadata, data.count >= 8 else { return nil }
        return String(decoding: data[8...], as: UTF8.self)
    }

    /// A metadata chunk holding `json` with a zero fwimage_header, as `fwtool -I` writes it.
    public static func metadata(json: [UInt8]) -> FwtoolChunk {
        FwtoolChunk(type: 1, data: [0, 0, 0, 0, 0, 0, 0, 0] + json, pad: [0, 0, 0], storedCRC: 0)
    }

    /// The trailer bytes for this chunk given the CRC register over everything before it.
    public func trailer(crc: UInt32) -> [UInt8] {
        var w = ByteWriter(capacity: 16)
        w.u32be(FwtoolChunk.magic)
        w.u32be(crc)
        w.u8(type)
        w.append(pad.count == 3 ? pad : [0, 0, 0])
        w.u32be(UInt32(data.count + FwtoolChunk.trailerSize))
        return w.finish()
    }

    /// Parses chained trailers from the end of `bytes[0..<end]`, last chunk first in the
    /// file order returned (first appended first). Returns the chunks and the offset where
    /// the first chunk's data starts. A trailer whose CRC does not verify is still returned
    /// (its check reports the mismatch); a size that does not fit is an error.
    static func parseChain(_ bytes: [UInt8], end: Int) throws -> (chunks: [FwtoolChunk], start: Int) {
        var chunks: [FwtoolChunk] = []
        var cur = end
        while cur >= trailerSize {
            let t = cur - trailerSize
            var r = try ByteReader(bytes, context: "read fwtool trailer").view(at: t, length: trailerSize)
            guard try r.u32be("magic") == magic else { break }
            let crc = try r.u32be("crc32")
            let type = try r.u8("type")
            let pad = try r.bytes(3, "pad")
            let size = try r.u32be("size")
            guard size >= UInt32(trailerSize), Int(size) <= cur, Int(size) - trailerSize <= maxData else {
                throw FormatError(.invalid, offset: UInt64(t + 12), context: "read fwtool trailer",
                                  "chunk size \(size) does not fit before the trailer (\(cur) bytes, max \(maxData + trailerSize))")
            }
            let dataStart = cur - Int(size)
            chunks.insert(FwtoolChunk(type: type, data: Array(bytes[dataStart ..< t]), pad: pad, storedCRC: crc), at: 0)
            cur = dataStart
        }
        return (chunks, cur)
    }

    /// Regions of the fwtool chunks that follow an image body of `bodySize` bytes in
    /// `bytes`: each chunk's data and trailer, the trailer's CRC recomputed over every byte
    /// before it (fwtool's register: init 0xffffffff, no final inversion; no copy made).
    static func regions(of chunks: [FwtoolChunk], in bytes: [UInt8], from bodySize: Int) -> [Region] {
        var rs: [Region] = []
        var pos = bodySize
        var reg: UInt32 = 0xffff_ffff
        var crcPos = 0
        for c in chunks {
            let t = pos + c.data.count
            reg = ~CRC32.checksum(bytes[crcPos ..< t], continuing: ~reg)
            crcPos = t
            rs += c.regions(at: UInt64(pos), crcBefore: reg)
            pos += c.data.count + FwtoolChunk.trailerSize
        }
        return rs
    }

    /// Regions (data + trailer) for this chunk placed at `offset`, with the CRC check
    /// computed from `crcBefore`, the register over all bytes before the trailer.
    func regions(at offset: UInt64, crcBefore: UInt32) -> [Region] {
        let role: Region.Role = isMetadata ? .fwtoolMetadata : isSignature ? .fwtoolSignature : .fwtoolChunk
        let dataEnd = offset + UInt64(data.count)
        return [Region(offset: offset, size: UInt64(data.count), role: role,
                       note: isMetadata ? "fwimage_header + JSON" : "type \(type)"),
                Region(offset: dataEnd, size: UInt64(FwtoolChunk.trailerSize), role: .fwtoolTrailer,
                       checksums: [Checksum(kind: "fwtool-crc32", stored: storedCRC, computed: crcBefore)],
                       note: "FWx0 type \(type)")]
    }
}
