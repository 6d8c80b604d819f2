import BinaryIO

/// The UBI volume table: the content of the layout volume (vol_id `UBI_LAYOUT_VOLUME_ID`
/// 0x7fffefff, 2 LEBs, each holding a full copy), `min(128, LEB size / 172)` records of
/// `struct ubi_vtbl_record` (linux include/uapi/mtd/ubi-media.h, drivers/mtd/ubi/vtbl.c),
/// big-endian: reserved_pebs @0, alignment @4, data_pad @8, vol_type @12 (1 dynamic,
/// 2 static), upd_marker @13, name_len (u16) @14, name[128] @16, flags @144
/// (`UBI_VTBL_AUTORESIZE_FLG` 1, `UBI_VTBL_SKIP_CRC_CHECK_FLG` 2), crc @168 over [0, 168).
/// An unused record is all zeros with its CRC (libubigen `ubigen_create_empty_vtbl`).
public struct UBIVolumeTable: Sendable, Equatable {
    /// `UBI_VTBL_RECORD_SIZE`.
    public static let recordSize = 172
    /// `UBI_MAX_VOLUMES`.
    public static let maxVolumes = 128
    /// `UBI_LAYOUT_VOLUME_ID` (`UBI_INTERNAL_VOL_START`).
    public static let layoutVolumeID: UInt32 = 0x7fff_efff
    /// `UBI_VOL_NAME_MAX`.
    static let nameMax = 127

    /// One record of the table.
    public struct Record: Sendable, Equatable {
        /// Index in the table = volume id.
        public var index: Int
        /// The 172 record bytes as stored.
        public var raw: [UInt8]
        /// PEBs reserved for the volume (0 = unused record).
        public var reservedPEBs: UInt32 { UBIVIDHeader.u32(raw, 0) }
        /// Volume alignment.
        public var alignment: UInt32 { UBIVIDHeader.u32(raw, 4) }
        /// Unused bytes at the end of each LEB (LEB size % alignment).
        public var dataPad: UInt32 { UBIVIDHeader.u32(raw, 8) }
        /// 1 dynamic, 2 static.
        public var volumeType: UInt8 { raw[12] }
        /// Set while an update is in progress.
        public var updateMarker: UInt8 { raw[13] }
        /// `flags` (bit 0 autoresize, bit 1 skip-check).
        public var flags: UInt8 { raw[144] }
        /// The volume name (`name_len` bytes, at most 127).
        public var name: String {
            let n = min(Int(UInt16(raw[14]) << 8 | UInt16(raw[15])), UBIVolumeTable.nameMax)
            return String(decoding: raw[16 ..< 16 + n], as: UTF8.self)
        }
        /// Whether the record describes a volume.
        public var isUsed: Bool { reservedPEBs != 0 }
        /// `crc` as stored.
        public var storedCRC: UInt32 { UBIVIDHeader.u32(raw, 168) }
        /// CRC recomputed over the first 168 bytes.
        public var computedCRC: UInt32 { UBICRC.of(raw[0 ..< 168]) }
        /// Whether the record's CRC verifies.
        public var verifies: Bool { storedCRC == computedCRC }
        /// Whether the autoresize flag is set.
        public var autoresize: Bool { flags & 1 != 0 }

        /// A copy with `reserved_pebs` changed and the CRC recomputed.
        func withReservedPEBs(_ n: UInt32) -> Record {
            var r = self
            UBIVIDHeader.put32(&r.raw, 0, n)
            UBIVIDHeader.put32(&r.raw, 168, r.computedCRC)
            return r
        }
    }

    /// Records in index order (`count` = `min(128, LEB size / 172)`).
    public var records: [Record]

    /// The record count for a LEB of `lebSize` bytes (libubigen `ubigen_info_init`).
    public static func recordCount(lebSize: Int) -> Int { min(maxVolumes, max(0, lebSize) / recordSize) }

    /// Reads the table from a layout-volume LEB starting at absolute `offset`; checks each
    /// used record's type, name length and alignment (vtbl.c `vtbl_check`), leaving CRC
    /// mismatches to the region map.
    public init(parsing bytes: [UInt8], at offset: Int, lebSize: Int) throws {
        let n = UBIVolumeTable.recordCount(lebSize: lebSize)
        let ctx = "read UBI volume table"
        _ = try ByteReader(bytes, context: ctx).view(at: offset, length: n * UBIVolumeTable.recordSize, "volume table")
        records = []
        records.reserveCapacity(n)
        for i in 0 ..< n {
            let at = offset + i * UBIVolumeTable.recordSize
            let r = Record(index: i, raw: Array(bytes[at ..< at + UBIVolumeTable.recordSize]))
            if r.isUsed && r.verifies {
                guard r.volumeType == UBIVIDHeader.dynamic || r.volumeType == UBIVIDHeader.static else {
                    throw FormatError(.invalid, offset: UInt64(at + 12), context: ctx, "record \(i): vol_type \(r.volumeType)")
                }
                let nameLen = Int(UInt16(r.raw[14]) << 8 | UInt16(r.raw[15]))
                guard nameLen > 0, nameLen <= UBIVolumeTable.nameMax else {
                    throw FormatError(.invalid, offset: UInt64(at + 14), context: ctx, "record \(i): name_len \(nameLen) not in 1...127")
                }
                guard r.alignment > 0, Int(r.alignment) <= lebSize, Int(r.dataPad) < lebSize else {
                    throw FormatError(.invalid, offset: UInt64(at + 4), context: ctx,
                                      "record \(i): alignment \(r.alignment) / data_pad \(r.dataPad) do not fit the \(lebSize)-byte LEB")
                }
            }
            records.append(r)
        }
    }

    /// Used records (reserved_pebs > 0) whose CRC verifies.
    public var volumes: [Record] { records.filter { $0.isUsed && $0.verifies } }

    /// The table bytes (`count * 172`).
    func serialize() -> [UInt8] { records.flatMap(\.raw) }

    /// One checksum per used record plus any unused record whose CRC fails.
    var checksums: [Checksum] {
        records.filter { $0.isUsed || !$0.verifies }.map {
            Checksum(kind: "ubi-vtbl-crc[\($0.index)]", stored: $0.storedCRC, computed: $0.computedCRC)
        }
    }
}
