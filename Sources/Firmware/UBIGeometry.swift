import BinaryIO

/// UBI geometry: the PEB size and min I/O size are not stored in a UBI image; they are
/// derived from the EC header at offset 0 (`vid_hdr_offset`, `data_offset`, linux
/// include/uapi/mtd/ubi-media.h) and the position of the next EC header. LEB size =
/// PEB size - data_offset; `data_offset = ALIGN(vid_hdr_offset + 64, min_io)` (mtd-utils
/// lib/libubigen.c `ubigen_info_init`, linux drivers/mtd/ubi/build.c `io_init`).
extension UBILayout {
    /// Sizes of the flash the image was made for.
    public struct Geometry: Sendable, Equatable, Codable {
        /// PEB (erase block) size, derived.
        public var pebSize: Int
        /// LEB size = PEB size - data_offset.
        public var lebSize: Int
        /// From the EC header.
        public var vidHeaderOffset: Int
        /// From the EC header.
        public var dataOffset: Int
        /// Smallest min I/O size consistent with the offsets.
        public var minIOSizeMin: Int
        /// Largest min I/O size consistent with the offsets.
        public var minIOSizeMax: Int
        /// `image_seq` of the EC headers.
        public var imageSequence: UInt32
        /// PEBs in the file.
        public var pebCount: Int
        /// How each derived value was found, one sentence each.
        public var derivation: [String]
    }

    static func align(_ v: Int, _ a: Int) -> Int { (v + a - 1) / a * a }

    /// Derives the geometry from the EC header at 0 and the next EC header.
    static func geometry(_ bytes: [UInt8]) throws -> Geometry {
        let ctx = "read UBI image"
        let ec0 = try UBIECHeader(parsing: bytes, at: 0)
        guard ec0.storedCRC == ec0.computedCRC else {
            throw FormatError(.checksum, offset: 60, context: ctx,
                              "EC header hdr_crc \(Checksum.hex32(ec0.storedCRC)) != computed \(Checksum.hex32(ec0.computedCRC)); the geometry cannot be trusted")
        }
        let vid = Int(ec0.vidHeaderOffset), data = Int(ec0.dataOffset)
        // drivers/mtd/ubi/build.c io_init: 64 <= vid_hdr_offset, 32-bit aligned,
        // vid_hdr_offset + 64 <= leb_start <= peb_size - 64.
        guard vid >= UBIECHeader.size, vid % 4 == 0, data >= vid + UBIVIDHeader.size, data < maxPEBSize else {
            throw FormatError(.invalid, offset: 16, context: ctx,
                              "vid_hdr_offset \(vid) / data_offset \(data) out of range (need 64 <= vid, vid % 4 == 0, vid + 64 <= data)")
        }
        var derivation: [String] = []
        var peb: Int? = nil
        var p = 512
        while p <= data { p *= 2 }
        while p <= maxPEBSize && p < bytes.count {
            if UBIECHeader.matches(bytes, at: p), let e = try? UBIECHeader(parsing: bytes, at: p), e.storedCRC == e.computedCRC,
               e.vidHeaderOffset == ec0.vidHeaderOffset, e.dataOffset == ec0.dataOffset {
                peb = p
                derivation.append("PEB size \(p): distance from the EC header at 0 to the next valid EC header")
                break
            }
            p *= 2
        }
        if peb == nil {
            guard bytes.count > data, bytes.count <= maxPEBSize, bytes.count & (bytes.count - 1) == 0 else {
                throw FormatError(.truncated, offset: UInt64(bytes.count), context: ctx,
                                  "no second EC header at a power-of-two offset above data_offset \(data); cannot derive the PEB size")
            }
            peb = bytes.count
            derivation.append("PEB size \(bytes.count): the image is one PEB")
        }
        let pebSize = peb ?? bytes.count
        guard data <= pebSize - UBIVIDHeader.size else {
            throw FormatError(.invalid, offset: 20, context: ctx, "data_offset \(data) leaves no room for data in the \(pebSize)-byte PEB")
        }
        guard bytes.count % pebSize == 0 else {
            let last = bytes.count / pebSize * pebSize
            throw FormatError(.truncated, offset: UInt64(last), context: ctx,
                              "image ends \(bytes.count - last) bytes into PEB \(bytes.count / pebSize) (PEB size \(pebSize))")
        }
        derivation.append("LEB size \(pebSize - data) = PEB size - data_offset \(data)")
        var lo = 0, hi = 0
        var m = 1
        while m <= data {
            if align(vid + UBIVIDHeader.size, m) == data { if lo == 0 { lo = m }; hi = m }
            m *= 2
        }
        derivation.append(lo == 0
            ? "min I/O size: no power of two m gives data_offset = ALIGN(vid_hdr_offset + 64, m)"
            : "min I/O size \(lo == hi ? "\(lo)" : "\(lo)...\(hi)"): data_offset \(data) = ALIGN(vid_hdr_offset \(vid) + 64, min_io)")
        return Geometry(pebSize: pebSize, lebSize: pebSize - data, vidHeaderOffset: vid, dataOffset: data,
                        minIOSizeMin: lo, minIOSizeMax: hi, imageSequence: ec0.imageSequence,
                        pebCount: bytes.count / pebSize, derivation: derivation)
    }
}
