import BinaryIO
import Platform

/// The uid/gid table: `idCount` u32 ids in metadata blocks listed by a u64 index at
/// `idTableStart` (squashfs_fs.h SQUASHFS_ID_*; inodes store 16-bit indexes into it).
public struct IdTable: Sendable {
    public let ids: [UInt32]

    /// Reads the table of `sb`.
    public init(image: FileView, superblock sb: Superblock, codec: any SquashCodec) throws {
        let raw = try MetadataTable.readIndexed(image: image, indexStart: sb.idTableStart, count: Int(sb.idCount),
                                                entrySize: 4, codec: codec, limit: sb.bytesUsed, name: "id table")
        var r = ByteReader(raw, context: "read id table")
        var ids: [UInt32] = []
        ids.reserveCapacity(Int(sb.idCount))
        for _ in 0 ..< Int(sb.idCount) { ids.append(try r.u32le("id")) }
        self.ids = ids
    }

    /// The id at `index`, or an out-of-bounds error naming `what` (uid or gid) and the inode.
    public func id(_ index: UInt16, what: String, inode: UInt32) throws -> UInt32 {
        guard Int(index) < ids.count else {
            throw FormatError(.outOfBounds, context: "read inode \(inode)", "\(what) index \(index) beyond id table of \(ids.count)")
        }
        return ids[Int(index)]
    }

    /// Serialises ids as the payload of the id table's metadata blocks (for writers).
    public static func payload(_ ids: [UInt32]) -> [UInt8] {
        var w = ByteWriter(capacity: ids.count * 4)
        for id in ids { w.u32le(id) }
        return w.finish()
    }
}
