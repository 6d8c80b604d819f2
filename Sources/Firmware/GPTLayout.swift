import BinaryIO
import Codecs

/// The GPT of a disk: protective MBR, primary header and entry array, and (when present)
/// the backup entry array and header at the end of the disk.
public struct GPTLayout: Sendable, Equatable {
    public var primary: GPTHeader
    /// The primary entry array bytes.
    public var entries: [UInt8]
    /// The backup header, when the alternate LBA holds one (ptgen without
    /// WANT_ALTERNATE_PTABLE writes none).
    public var backup: GPTHeader?
    /// The backup entry array bytes.
    public var backupEntries: [UInt8]?
    /// Non-empty entries of the primary array.
    public var partitions: [GPTEntry]

    /// Whether the MBR's first entry is a protective 0xEE partition.
    public static func isProtectiveMBR(_ sector0: [UInt8]) -> Bool {
        sector0.count >= 512 && sector0[446 + 4] == 0xee && sector0[510] == 0x55 && sector0[511] == 0xaa
    }

    /// Reads the GPT of a disk of `diskSize` bytes through `read(offset, count)`.
    public static func parse(diskSize: Int, read: (Int, Int) throws -> [UInt8]) throws -> GPTLayout {
        let ss = GPTHeader.sectorSize
        guard diskSize >= 3 * ss else {
            throw FormatError(.truncated, offset: UInt64(ss), context: "read GPT header", "disk of \(diskSize) bytes has no room for a GPT")
        }
        let primary = try GPTHeader(parsing: read(ss, ss), offset: UInt64(ss), context: "read GPT header")
        guard primary.myLBA == 1 else {
            throw FormatError(.invalid, offset: UInt64(ss + 24), context: "read GPT header", "my_lba is \(primary.myLBA), expected 1")
        }
        let (entries, _) = try readArray(primary, diskSize: diskSize, read: read, context: "read GPT entries")
        let parts = try GPTEntry.parse(entries, count: primary.entryCount, size: primary.entrySize,
                                       offset: primary.entriesLBA * UInt64(ss))
        var layout = GPTLayout(primary: primary, entries: entries, backup: nil, backupEntries: nil, partitions: parts)
        let alt = primary.alternateLBA
        if alt > 1, alt < UInt64(diskSize / ss) {
            let sector = try read(Int(alt) * ss, ss)
            if GPTHeader.matches(sector) {
                let b = try GPTHeader(parsing: sector, offset: alt * UInt64(ss), context: "read backup GPT header")
                guard b.myLBA == alt else {
                    throw FormatError(.invalid, offset: alt * UInt64(ss) + 24, context: "read backup GPT header",
                                      "my_lba is \(b.myLBA), expected \(alt)")
                }
                guard b.entryCount == primary.entryCount, b.entrySize == primary.entrySize else {
                    throw FormatError(.invalid, offset: alt * UInt64(ss) + 80, context: "read backup GPT header",
                                      "entry array shape \(b.entryCount)x\(b.entrySize) differs from the primary's \(primary.entryCount)x\(primary.entrySize)")
                }
                layout.backup = b
                layout.backupEntries = try readArray(b, diskSize: diskSize, read: read, context: "read backup GPT entries").bytes
            }
        }
        for p in parts {
            guard p.lastLBA < UInt64(diskSize / ss) else {
                throw FormatError(.truncated, offset: primary.entriesLBA * UInt64(ss) + UInt64((p.index - 1) * primary.entrySize + 40),
                                  context: "read GPT entry \(p.index)", "partition ends at LBA \(p.lastLBA), beyond the disk's \(diskSize / ss) sectors")
            }
        }
        return layout
    }

    static func readArray(_ h: GPTHeader, diskSize: Int, read: (Int, Int) throws -> [UInt8], context: String) throws -> (bytes: [UInt8], offset: Int) {
        let ss = GPTHeader.sectorSize
        guard h.entriesLBA < UInt64(diskSize / ss),
              Int(h.entriesLBA) * ss + h.entryArraySize <= diskSize else {
            throw FormatError(.truncated, offset: h.myLBA * UInt64(ss) + 72, context: context,
                              "entry array at LBA \(h.entriesLBA) (\(h.entryArraySize) bytes) beyond the disk end \(diskSize)")
        }
        let off = Int(h.entriesLBA) * ss
        return (try read(off, h.entryArraySize), off)
    }

    /// Header and entry array checksums (primary, then backup).
    public func checksums() -> (primary: [Checksum], backup: [Checksum]) {
        let p = [Checksum(kind: "gpt-header-crc32", stored: primary.storedCRC, computed: primary.computedCRC),
                 Checksum(kind: "gpt-entries-crc32", stored: primary.storedEntriesCRC, computed: CRC32.checksum(entries))]
        var b: [Checksum] = []
        if let bh = backup, let be = backupEntries {
            b = [Checksum(kind: "gpt-header-crc32", stored: bh.storedCRC, computed: bh.computedCRC),
                 Checksum(kind: "gpt-entries-crc32", stored: bh.storedEntriesCRC, computed: CRC32.checksum(be))]
        }
        return (p, b)
    }

    /// The sectors to write back with every CRC recomputed: (disk offset, bytes) for the
    /// primary header sector, primary array, backup array and backup header.
    public func resealedWrites(read: (Int, Int) throws -> [UInt8]) throws -> [(offset: Int, bytes: [UInt8])] {
        let ss = GPTHeader.sectorSize
        var out: [(offset: Int, bytes: [UInt8])] = []
        let p = primary.resealed(entriesCRC: CRC32.checksum(entries))
        var sector = try read(ss, ss)
        sector.replaceSubrange(0 ..< p.raw.count, with: p.raw)
        out.append((ss, sector))
        out.append((Int(primary.entriesLBA) * ss, entries))
        if let bh = backup, let be = backupEntries {
            let b = bh.resealed(entriesCRC: CRC32.checksum(be))
            out.append((Int(bh.entriesLBA) * ss, be))
            var s = try read(Int(bh.myLBA) * ss, ss)
            s.replaceSubrange(0 ..< b.raw.count, with: b.raw)
            out.append((Int(bh.myLBA) * ss, s))
        }
        return out
    }
}
