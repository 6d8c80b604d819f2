import BinaryIO
import Platform

/// The fragment table: `fragmentCount` 16-byte entries (u64 start, u32 size word, u32
/// unused) in metadata blocks listed by a u64 index at `fragmentTableStart`
/// (squashfs_fs.h `struct squashfs_fragment_entry`). A size word with bit 24 set is stored
/// uncompressed; its low 24 bits are the stored size.
public struct FragmentTable: Sendable {
    public struct Entry: Sendable, Equatable {
        public var start: UInt64
        public var sizeWord: UInt32
    }
    public let entries: [Entry]

    /// Reads and validates the table of `sb`: every fragment block lies inside the image
    /// and is at most one block.
    public init(image: FileView, superblock sb: Superblock, codec: any SquashCodec) throws {
        guard sb.hasFragmentTable else { entries = []; return }
        try Checked.limit(UInt64(sb.fragmentCount), sb.bytesUsed / 16, "fragment count", context: "read fragment table")
        let raw = try MetadataTable.readIndexed(image: image, indexStart: sb.fragmentTableStart, count: Int(sb.fragmentCount),
                                                entrySize: 16, codec: codec, limit: sb.bytesUsed, name: "fragment table")
        var r = ByteReader(raw, context: "read fragment table")
        var out: [Entry] = []
        out.reserveCapacity(Int(sb.fragmentCount))
        for i in 0 ..< Int(sb.fragmentCount) {
            let start = try r.u64le("fragment start")
            let word = try r.u32le("fragment size")
            _ = try r.u32le("unused")
            let size = UInt64(word & 0xFF_FFFF)
            guard word & ~0x1FF_FFFF == 0, size > 0, size <= UInt64(sb.blockSize), start >= UInt64(Superblock.size),
                  start <= sb.bytesUsed, size <= sb.bytesUsed - start else {
                throw FormatError(.outOfBounds, offset: image.base &+ sb.fragmentTableStart, context: "read fragment table",
                                  "fragment \(i): block at 0x\(String(start, radix: 16)) size word 0x\(String(word, radix: 16)) outside the image or larger than a block")
            }
            out.append(Entry(start: start, sizeWord: word))
        }
        entries = out
    }

    /// The entry at `index`, checked.
    public func entry(_ index: UInt32, inode: UInt32) throws -> Entry {
        guard Int(index) < entries.count else {
            throw FormatError(.outOfBounds, context: "read inode \(inode)", "fragment index \(index) beyond fragment table of \(entries.count)")
        }
        return entries[Int(index)]
    }

    /// Serialises entries as the payload of the fragment table's metadata blocks (for writers).
    public static func payload(_ entries: [Entry]) -> [UInt8] {
        var w = ByteWriter(capacity: entries.count * 16)
        for e in entries { w.u64le(e.start); w.u32le(e.sizeWord); w.u32le(0) }
        return w.finish()
    }
}

extension FragmentTable.Entry {
    /// An entry for a fragment block at `start` with stored size word `sizeWord`.
    public init(start: UInt64, size sizeWord: UInt32) { self.start = start; self.sizeWord = sizeWord }
}
