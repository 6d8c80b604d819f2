import BinaryIO
import Platform

/// Extended attributes (squashfs_fs.h `squashfs_xattr_id_table`, `squashfs_xattr_id`,
/// `squashfs_xattr_entry`, `squashfs_xattr_val`; squashfs-tools-ng include/sqfs/xattr.h).
/// At `xattrIdTableStart`: u64 start of the key/value metadata blocks, u32 id count,
/// u32 unused, then a u64 index of the id blocks. Each id (16 bytes) is a u64 reference
/// (block offset from the key/value start << 16 | offset), u32 pair count, u32 total size.
/// A pair is u16 type (0 user, 1 trusted, 2 security; 0x100 = value stored elsewhere),
/// u16 name size, name without prefix, u32 value size, value (or a u64 reference to it).
public struct XattrTable: Sendable {
    let kv: MetadataTable?
    let ids: [(ref: UInt64, count: UInt32, size: UInt32)]

    /// Reads the table of `sb`, or an empty table when the image has none.
    public init(image: FileView, superblock sb: Superblock, codec: any SquashCodec) throws {
        guard sb.hasXattrTable else { kv = nil; ids = []; return }
        var head = try image.reader(at: sb.xattrIdTableStart, count: 16, context: "read xattr id table")
        let kvStart = try head.u64le("key/value table start")
        let count = try head.u32le("xattr id count")
        guard kvStart >= UInt64(Superblock.size), kvStart < sb.xattrIdTableStart else {
            throw head.error(.outOfBounds, "key/value table start 0x\(String(kvStart, radix: 16)) outside the image", at: 0)
        }
        try Checked.limit(UInt64(count), sb.bytesUsed / 16, "xattr id count", context: "read xattr id table")
        let raw = try MetadataTable.readIndexed(image: image, indexStart: sb.xattrIdTableStart + 16, count: Int(count),
                                                entrySize: 16, codec: codec, limit: sb.bytesUsed, name: "xattr id table")
        // The key/value blocks end where the first id block starts.
        let firstId = count > 0 ? (MetadataTable.firstBlock(image: image, indexStart: sb.xattrIdTableStart + 16) ?? kvStart) : sb.xattrIdTableStart
        guard firstId >= kvStart, firstId <= sb.xattrIdTableStart else {
            throw FormatError(.outOfBounds, offset: image.base &+ sb.xattrIdTableStart, context: "read xattr id table",
                              "id blocks start before the key/value table")
        }
        kv = try MetadataTable(image: image, start: kvStart, end: firstId, codec: codec, name: "xattr key/value table")
        var r = ByteReader(raw, context: "read xattr id table")
        var list: [(UInt64, UInt32, UInt32)] = []
        list.reserveCapacity(Int(count))
        for _ in 0 ..< Int(count) {
            list.append((try r.u64le("xattr reference"), try r.u32le("pair count"), try r.u32le("size")))
        }
        ids = list
    }

    /// Number of xattr ids (distinct attribute sets).
    public var count: Int { ids.count }

    /// The attributes of set `index`, in stored order.
    public func attributes(_ index: UInt32, inode: UInt32) throws -> [Xattr] {
        guard let kv, Int(index) < ids.count else {
            throw FormatError(.outOfBounds, context: "read inode \(inode)", "xattr index \(index) beyond xattr table of \(ids.count)")
        }
        let id = ids[Int(index)]
        let pos = try kv.position(block: id.ref >> 16, offset: UInt32(id.ref & 0xFFFF), what: "xattr set \(index)")
        var r = try kv.reader(at: pos, context: "read xattrs of inode \(inode)")
        guard UInt64(id.count) <= UInt64(r.remaining / 8) else { throw r.error(.invalid, "\(id.count) xattr pairs cannot fit") }
        var out: [Xattr] = []
        for _ in 0 ..< id.count {
            let type = try r.u16le("xattr type")
            let nameSize = Int(try r.u16le("xattr name size"))
            let name = try r.bytes(nameSize, "xattr name")
            let prefix: String
            switch type & 0xFF {
            case 0: prefix = "user."
            case 1: prefix = "trusted."
            case 2: prefix = "security."
            default: throw r.error(.invalid, "unknown xattr namespace \(type & 0xFF)")
            }
            guard type & ~0x1FF == 0 else { throw r.error(.invalid, "unknown xattr type bits 0x\(String(type, radix: 16))") }
            let vsize = Int(try r.u32le("xattr value size"))
            var value: [UInt8]
            if type & 0x100 != 0 {
                guard vsize == 8 else { throw r.error(.invalid, "out-of-line xattr reference of \(vsize) bytes") }
                let ref = try r.u64le("xattr value reference")
                let vpos = try kv.position(block: ref >> 16, offset: UInt32(ref & 0xFFFF), what: "xattr value")
                var vr = try kv.reader(at: vpos, context: "read xattr value")
                let n = Int(try vr.u32le("xattr value size"))
                value = try vr.bytes(n, "xattr value")
            } else {
                value = try r.bytes(vsize, "xattr value")
            }
            out.append(Xattr(name: prefix + String(decoding: name, as: UTF8.self), value: value))
        }
        return out
    }
}
