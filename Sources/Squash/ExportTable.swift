import BinaryIO
import Platform

/// The export (NFS) table: one u64 inode reference per inode number (entry n-1 for inode
/// n), in metadata blocks listed by a u64 index at `exportTableStart` (squashfs_fs.h
/// SQUASHFS_LOOKUP_*). The reader uses it to cross-check inode numbers.
public struct ExportTable: Sendable {
    public let refs: [UInt64]

    /// Reads the table of `sb`, or an empty table when the image has none.
    public init(image: FileView, superblock sb: Superblock, codec: any SquashCodec) throws {
        guard sb.hasExportTable else { refs = []; return }
        try Checked.limit(UInt64(sb.inodeCount), sb.bytesUsed, "inode count", context: "read export table")
        let raw = try MetadataTable.readIndexed(image: image, indexStart: sb.exportTableStart, count: Int(sb.inodeCount),
                                                entrySize: 8, codec: codec, limit: sb.bytesUsed, name: "export table")
        var r = ByteReader(raw, context: "read export table")
        var out: [UInt64] = []
        out.reserveCapacity(Int(sb.inodeCount))
        for _ in 0 ..< Int(sb.inodeCount) { out.append(try r.u64le("inode reference")) }
        refs = out
    }

    /// The inode reference of inode `number` (1-based), if the table has it.
    public func ref(of number: UInt32) -> UInt64? {
        number >= 1 && Int(number) <= refs.count ? refs[Int(number) - 1] : nil
    }

    /// Serialises references as the payload of the export table's metadata blocks (for writers).
    public static func payload(_ refs: [UInt64]) -> [UInt8] {
        var w = ByteWriter(capacity: refs.count * 8)
        for r in refs { w.u64le(r) }
        return w.finish()
    }
}
