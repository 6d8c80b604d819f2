import BinaryIO
import Codecs

/// UBI's CRC: the CRC-32 register started at `UBI_CRC32_INIT` (0xffffffff) and never
/// inverted at the end (linux include/uapi/mtd/ubi-media.h; mtd-utils lib/libubigen.c
/// `mtd_crc32(UBI_CRC32_INIT, ...)`), i.e. `CRC32.uninverted`.
enum UBICRC {
    static func of(_ b: ArraySlice<UInt8>) -> UInt32 { CRC32.uninverted(Array(b)) }
    static func of(_ b: [UInt8]) -> UInt32 { CRC32.uninverted(b) }
}

/// The 64-byte erase-counter header at the start of every UBI physical eraseblock
/// (`struct ubi_ec_hdr`, linux include/uapi/mtd/ubi-media.h), all fields big-endian:
/// magic "UBI#" @0, version @4, ec (u64) @8, vid_hdr_offset @16, data_offset @20,
/// image_seq @24, hdr_crc @60 over bytes [0, 60).
public struct UBIECHeader: Sendable, Equatable {
    /// Header length (`UBI_EC_HDR_SIZE`).
    public static let size = 64
    /// `UBI_EC_HDR_MAGIC`, "UBI#".
    static let magic: [UInt8] = [0x55, 0x42, 0x49, 0x23]

    /// UBI on-flash format version (1).
    public var version: UInt8
    /// Erase counter.
    public var eraseCount: UInt64
    /// Offset of the VID header inside the PEB.
    public var vidHeaderOffset: UInt32
    /// Offset of the LEB data inside the PEB.
    public var dataOffset: UInt32
    /// Image sequence number (the same in every PEB of one image; 0 = not set).
    public var imageSequence: UInt32
    /// `hdr_crc` as stored.
    public var storedCRC: UInt32
    /// CRC recomputed over the first 60 bytes.
    public var computedCRC: UInt32

    /// Whether `bytes` hold "UBI#" at `offset`.
    public static func matches(_ bytes: [UInt8], at offset: Int = 0) -> Bool {
        offset >= 0 && bytes.count - offset >= size && bytes[offset ..< offset + 4].elementsEqual(magic)
    }

    /// Reads the header at `offset` of `bytes` (`offset` is absolute, for errors).
    public init(parsing bytes: [UInt8], at offset: Int) throws {
        var r = try ByteReader(bytes, context: "read UBI EC header").view(at: offset, length: UBIECHeader.size, "UBI EC header")
        guard try r.bytes(4, "magic") == UBIECHeader.magic else {
            throw FormatError(.invalid, offset: UInt64(offset), context: "read UBI EC header", "no \"UBI#\" magic")
        }
        version = try r.u8("version")
        try r.skip(3)
        eraseCount = try r.u64be("ec")
        vidHeaderOffset = try r.u32be("vid_hdr_offset")
        dataOffset = try r.u32be("data_offset")
        imageSequence = try r.u32be("image_seq")
        try r.skip(32)
        storedCRC = try r.u32be("hdr_crc")
        computedCRC = UBICRC.of(bytes[offset ..< offset + 60])
    }

    /// Whether `hdr_crc` verifies.
    public var verifies: Bool { storedCRC == computedCRC }
    /// The checksum pair for the region map.
    var checksum: Checksum { Checksum(kind: "ubi-ec-hdr-crc", stored: storedCRC, computed: computedCRC) }
}

/// The 64-byte volume-identifier header of a mapped PEB (`struct ubi_vid_hdr`,
/// ubi-media.h), big-endian: magic "UBI!" @0, version @4, vol_type @5 (1 dynamic,
/// 2 static), copy_flag @6, compat @7, vol_id @8, lnum @12, data_size @20, used_ebs @24,
/// data_pad @28, data_crc @32, sqnum (u64) @40, hdr_crc @60 over bytes [0, 60).
/// `data_size`, `used_ebs` and `data_crc` are only meaningful for static volumes
/// (and for copies made by wear-leveling, `copy_flag` 1).
public struct UBIVIDHeader: Sendable, Equatable {
    /// Header length (`UBI_VID_HDR_SIZE`).
    public static let size = 64
    /// `UBI_VID_HDR_MAGIC`, "UBI!".
    static let magic: [UInt8] = [0x55, 0x42, 0x49, 0x21]
    /// `UBI_VID_DYNAMIC`.
    public static let dynamic: UInt8 = 1
    /// `UBI_VID_STATIC`.
    public static let `static`: UInt8 = 2

    /// The header bytes as read (kept so a rewrite changes only what it must).
    public var raw: [UInt8]
    /// Format version.
    public var version: UInt8 { raw[4] }
    /// 1 dynamic, 2 static.
    public var volumeType: UInt8 { raw[5] }
    /// 1 when the PEB is a wear-leveling copy whose `data_crc` covers the data.
    public var copyFlag: UInt8 { raw[6] }
    /// Compatibility flags of internal volumes.
    public var compat: UInt8 { raw[7] }
    /// Volume id.
    public var volumeID: UInt32 { Self.u32(raw, 8) }
    /// Logical eraseblock number inside the volume.
    public var lnum: UInt32 { Self.u32(raw, 12) }
    /// Bytes of data in this LEB (static volumes).
    public var dataSize: UInt32 { Self.u32(raw, 20) }
    /// LEBs in the volume (static volumes).
    public var usedEBs: UInt32 { Self.u32(raw, 24) }
    /// Bytes left unused at the end of each LEB for the volume's alignment.
    public var dataPad: UInt32 { Self.u32(raw, 28) }
    /// CRC of the `data_size` data bytes (static volumes).
    public var dataCRC: UInt32 { Self.u32(raw, 32) }
    /// Global write sequence number (0 in images made by ubinize).
    public var sqnum: UInt64 { UInt64(Self.u32(raw, 40)) << 32 | UInt64(Self.u32(raw, 44)) }
    /// `hdr_crc` as stored.
    public var storedCRC: UInt32 { Self.u32(raw, 60) }
    /// CRC recomputed over the first 60 bytes.
    public var computedCRC: UInt32 { UBICRC.of(raw[0 ..< 60]) }
    /// Whether `hdr_crc` verifies.
    public var verifies: Bool { storedCRC == computedCRC }
    /// Whether this is a static-volume LEB.
    public var isStatic: Bool { volumeType == UBIVIDHeader.static }

    static func u32(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
    }

    static func put32(_ b: inout [UInt8], _ at: Int, _ v: UInt32) {
        b[at] = UInt8(truncatingIfNeeded: v >> 24); b[at + 1] = UInt8(truncatingIfNeeded: v >> 16)
        b[at + 2] = UInt8(truncatingIfNeeded: v >> 8); b[at + 3] = UInt8(truncatingIfNeeded: v)
    }

    /// Whether `bytes` hold "UBI!" at `offset`.
    public static func matches(_ bytes: [UInt8], at offset: Int) -> Bool {
        offset >= 0 && bytes.count - offset >= size && bytes[offset ..< offset + 4].elementsEqual(magic)
    }

    /// Reads the header at absolute `offset` of `bytes`, checking the magic and vol_type.
    public init(parsing bytes: [UInt8], at offset: Int) throws {
        let r = try ByteReader(bytes, context: "read UBI VID header").view(at: offset, length: UBIVIDHeader.size, "UBI VID header")
        raw = Array(bytes[r.start ..< r.end])
        guard raw[0 ..< 4].elementsEqual(UBIVIDHeader.magic) else {
            throw FormatError(.invalid, offset: UInt64(offset), context: "read UBI VID header", "no \"UBI!\" magic")
        }
        // A header whose CRC fails is kept for the region map but not interpreted
        // (drivers/mtd/ubi/io.c ubi_io_read_vid_hdr: UBI_BAD_HDR).
        guard !verifies || volumeType == UBIVIDHeader.dynamic || volumeType == UBIVIDHeader.static else {
            throw FormatError(.invalid, offset: UInt64(offset + 5), context: "read UBI VID header",
                              "vol_type \(volumeType) is neither 1 (dynamic) nor 2 (static)")
        }
    }

    /// A copy with `lnum`, `sqnum` and the static-volume fields set and `hdr_crc`
    /// recomputed, as libubigen's `ubigen_init_vid_hdr` fills them (dynamic volumes keep
    /// data_size, used_ebs and data_crc at 0).
    func rewritten(lnum: UInt32, sqnum: UInt64, data: ArraySlice<UInt8>, usedEBs: UInt32) throws -> UBIVIDHeader {
        var h = self
        UBIVIDHeader.put32(&h.raw, 12, lnum)
        UBIVIDHeader.put32(&h.raw, 40, UInt32(truncatingIfNeeded: sqnum >> 32))
        UBIVIDHeader.put32(&h.raw, 44, UInt32(truncatingIfNeeded: sqnum))
        h.raw[6] = 0  // a fresh write, not a wear-leveling copy
        if isStatic {
            UBIVIDHeader.put32(&h.raw, 20, try Checked.int(data.count, as: UInt32.self, "data_size"))
            UBIVIDHeader.put32(&h.raw, 24, usedEBs)
            UBIVIDHeader.put32(&h.raw, 32, UBICRC.of(data))
        } else {
            UBIVIDHeader.put32(&h.raw, 20, 0)
            UBIVIDHeader.put32(&h.raw, 24, 0)
            UBIVIDHeader.put32(&h.raw, 32, 0)
        }
        UBIVIDHeader.put32(&h.raw, 60, h.computedCRC)
        return h
    }
}
