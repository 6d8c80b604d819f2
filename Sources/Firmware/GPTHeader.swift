import BinaryIO
import Codecs

/// A GUID partition table header (UEFI 2.10 §5.3.2, "GPT Header"): at LBA 1 (primary) and
/// at the disk's last LBA (backup), little-endian:
/// `"EFI PART" | u32 revision | u32 header_size | u32 header_crc32 | u32 reserved |
/// u64 my_lba | u64 alternate_lba | u64 first_usable_lba | u64 last_usable_lba |
/// guid disk_guid | u64 partition_entry_lba | u32 number_of_entries |
/// u32 size_of_entry | u32 entry_array_crc32`. The header CRC-32 (zlib's) covers
/// `header_size` bytes with the CRC field zeroed; the entry array CRC covers
/// `number_of_entries * size_of_entry` bytes. OpenWrt's firmware-utils ptgen `-g` writes
/// 128 entries of 128 bytes at LBA 2 and a BIOS boot partition as entry 128.
public struct GPTHeader: Sendable, Equatable {
    /// "EFI PART".
    public static let signature: [UInt8] = Array("EFI PART".utf8)
    /// Logical block size OpenWrt images use.
    public static let sectorSize = 512
    /// Largest entry array accepted (UEFI asks for at least 16 KiB; 1 MiB bounds a hostile count).
    public static let maxEntryArray = 1 << 20

    /// The `header_size` bytes as stored (the CRC field included).
    public var raw: [UInt8]
    public var revision: UInt32
    public var headerSize: Int
    public var storedCRC: UInt32
    public var myLBA: UInt64
    public var alternateLBA: UInt64
    public var firstUsableLBA: UInt64
    public var lastUsableLBA: UInt64
    public var entriesLBA: UInt64
    public var entryCount: Int
    public var entrySize: Int
    public var storedEntriesCRC: UInt32

    /// Whether `sector` starts with the GPT signature.
    public static func matches(_ sector: [UInt8]) -> Bool {
        sector.count >= 8 && Array(sector[0 ..< 8]) == signature
    }

    /// Parses the header in `sector` (a 512-byte sector read at file/disk offset `offset`).
    public init(parsing sector: [UInt8], offset: UInt64, context: String) throws {
        var r = ByteReader(sector, fileOffset: offset, context: context)
        guard try r.bytes(8, "signature") == GPTHeader.signature else { throw r.error(.invalid, "no \"EFI PART\" signature", at: 0) }
        revision = try r.u32le("revision")
        let hs = try r.u32le("header_size")
        guard hs >= 92, hs <= UInt32(sector.count) else { throw r.error(.invalid, "header_size \(hs) outside 92...\(sector.count)", at: 12) }
        headerSize = Int(hs)
        storedCRC = try r.u32le("header_crc32")
        try r.skip(4)
        myLBA = try r.u64le("my_lba")
        alternateLBA = try r.u64le("alternate_lba")
        firstUsableLBA = try r.u64le("first_usable_lba")
        lastUsableLBA = try r.u64le("last_usable_lba")
        try r.skip(16)
        entriesLBA = try r.u64le("partition_entry_lba")
        let n = try r.u32le("number_of_entries")
        let s = try r.u32le("size_of_entry")
        guard s >= 128, s % 8 == 0, s <= 4096 else { throw r.error(.invalid, "size_of_entry \(s) is not a multiple of 8 in 128...4096", at: 84) }
        guard Int(n) * Int(s) <= GPTHeader.maxEntryArray else {
            throw r.error(.tooLarge, "\(n) entries of \(s) bytes exceed \(GPTHeader.maxEntryArray) bytes", at: 80)
        }
        entryCount = Int(n); entrySize = Int(s)
        storedEntriesCRC = try r.u32le("entry_array_crc32")
        raw = Array(sector[0 ..< headerSize])
    }

    /// CRC-32 of the header with its CRC field zeroed.
    public var computedCRC: UInt32 {
        var h = raw
        h.replaceSubrange(16 ..< 20, with: [0, 0, 0, 0])
        return CRC32.checksum(h)
    }

    /// Bytes of the entry array.
    public var entryArraySize: Int { entryCount * entrySize }
    /// Sectors the entry array occupies.
    public var entryArraySectors: Int { (entryArraySize + GPTHeader.sectorSize - 1) / GPTHeader.sectorSize }

    /// The header with `entriesCRC` stored and the header CRC recomputed.
    public func resealed(entriesCRC: UInt32) -> GPTHeader {
        var h = self
        h.storedEntriesCRC = entriesCRC
        for k in 0 ..< 4 { h.raw[88 + k] = UInt8(truncatingIfNeeded: entriesCRC >> (8 * k)) }
        let c = h.computedCRC
        h.storedCRC = c
        for k in 0 ..< 4 { h.raw[16 + k] = UInt8(truncatingIfNeeded: c >> (8 * k)) }
        return h
    }
}

/// One GPT partition entry (UEFI 2.10 §5.3.3): `guid type | guid unique | u64 first_lba |
/// u64 last_lba (inclusive) | u64 attributes | utf16le name[36]`.
public struct GPTEntry: Sendable, Equatable {
    /// BIOS boot partition (grub's core image), which ptgen adds as entry 128.
    public static let biosBootType = "21686148-6449-6e6f-744e-656564454649"
    /// EFI system partition.
    public static let efiSystemType = "c12a7328-f81f-11d2-ba4b-00a0c93ec93b"

    /// 1-based entry number.
    public var index: Int
    /// Type GUID in the usual text form (mixed-endian as UEFI stores it).
    public var typeGUID: String
    public var firstLBA: UInt64
    public var lastLBA: UInt64
    public var name: String

    /// Entries with a non-zero type from the entry array.
    static func parse(_ array: [UInt8], count: Int, size: Int, offset: UInt64) throws -> [GPTEntry] {
        var out: [GPTEntry] = []
        for i in 0 ..< count {
            let base = i * size
            guard base + 128 <= array.count else { break }
            let e = Array(array[base ..< base + 128])
            if e[0 ..< 16].allSatisfy({ $0 == 0 }) { continue }
            var r = ByteReader(e, fileOffset: offset + UInt64(base), context: "read GPT entry \(i + 1)")
            let type = try r.bytes(16, "type")
            try r.skip(16)
            let first = try r.u64le("first_lba"), last = try r.u64le("last_lba")
            guard last >= first else { throw r.error(.invalid, "last_lba \(last) before first_lba \(first)", at: 40) }
            try r.skip(8)
            var units: [UInt16] = []
            for _ in 0 ..< 36 { let u = try r.u16le("name"); if u == 0 { break }; units.append(u) }
            out.append(GPTEntry(index: i + 1, typeGUID: guidString(type), firstLBA: first, lastLBA: last,
                                name: String(decoding: units, as: UTF16.self)))
        }
        return out
    }

    /// The text form of a GUID stored with its first three fields little-endian.
    static func guidString(_ g: [UInt8]) -> String {
        func hex(_ b: [UInt8]) -> String { b.map { String(format2: $0) }.joined() }
        return [hex(g[0 ..< 4].reversed()), hex(g[4 ..< 6].reversed()), hex(g[6 ..< 8].reversed()),
                hex(Array(g[8 ..< 10])), hex(Array(g[10 ..< 16]))].joined(separator: "-")
    }
}

extension String {
    /// Two lowercase hex digits.
    init(format2 b: UInt8) {
        let d = Array("0123456789abcdef")
        self = String([d[Int(b >> 4)], d[Int(b & 15)]])
    }
}
