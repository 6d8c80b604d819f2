import BinaryIO

/// Collects the extended-attribute sets of a tree and writes the xattr table
/// (squashfs_fs.h `squashfs_xattr_entry`, `squashfs_xattr_val`, `squashfs_xattr_id`,
/// `squashfs_xattr_table`; mksquashfs xattr.c). Identical sets share one id.
///
/// Layout: key/value metadata blocks (per pair: u16 type = namespace 0 user, 1 trusted,
/// 2 security; u16 name size; name without the namespace prefix; u32 value size; value),
/// then the id metadata blocks (u64 reference of the set's first pair, u32 pair count,
/// u32 bytes of the set), then the 16-byte table header (u64 start of the key/value blocks,
/// u32 id count, u32 unused) followed by the u64 offsets of the id blocks. The superblock's
/// xattr id table start points at that header.
struct XattrWriter {
    /// Namespace prefixes squashfs can store, in type order.
    static let prefixes = ["user.", "trusted.", "security."]
    private var ids: [[Xattr]: UInt32] = [:]
    private(set) var sets: [[Xattr]] = []
    /// Attributes left out because squashfs has no namespace for them (e.g. "system.").
    private(set) var skipped = 0

    /// Whether any set was registered.
    var isEmpty: Bool { sets.isEmpty }

    /// The id of a node's attribute set, or `Inode.none` when it has none that squashfs can store.
    mutating func id(for xattrs: [Xattr]) -> UInt32 {
        guard !xattrs.isEmpty else { return Inode.none }
        let storable = xattrs.filter { x in XattrWriter.prefixes.contains { x.name.hasPrefix($0) && x.name.count > $0.count } }
        skipped += xattrs.count - storable.count
        guard !storable.isEmpty else { return Inode.none }
        if let id = ids[storable] { return id }
        let id = UInt32(sets.count)
        ids[storable] = id
        sets.append(storable)
        return id
    }

    /// The table bytes to write at image offset `at`, and the offset of the table header.
    func write(at: UInt64, codec: any SquashCodec) throws -> (bytes: [UInt8], headerStart: UInt64) {
        var kv = MetadataWriter(codec: codec)
        var idEntries = ByteWriter(capacity: sets.count * 16)
        for set in sets {
            let ref = kv.reference
            var w = ByteWriter()
            for x in set {
                guard let type = XattrWriter.prefixes.firstIndex(where: { x.name.hasPrefix($0) }) else { continue }
                let name = Array(x.name.utf8.dropFirst(XattrWriter.prefixes[type].utf8.count))
                guard name.count <= Int(UInt16.max), x.value.count <= Int(UInt32.max) else {
                    throw FormatError(.tooLarge, context: "write xattrs", "attribute \(x.name) too large")
                }
                w.u16le(UInt16(type)); w.u16le(UInt16(name.count)); w.append(name)
                w.u32le(UInt32(x.value.count)); w.append(x.value)
            }
            let body = w.finish()
            try kv.append(body)
            idEntries.u64le(ref); idEntries.u32le(UInt32(set.count)); idEntries.u32le(UInt32(truncatingIfNeeded: body.count))
        }
        var out = try kv.finish()
        let idBlocksAt = at + UInt64(out.count)
        let table = try MetadataWriter.lookupTable(idEntries.finish(), at: idBlocksAt, codec: codec)
        // lookupTable appends the index right after the blocks; the header goes between.
        let blockBytes = Int(table.indexStart - idBlocksAt)
        out.append(contentsOf: table.bytes[0 ..< blockBytes])
        let headerStart = at + UInt64(out.count)
        var h = ByteWriter(capacity: 16)
        h.u64le(at); h.u32le(UInt32(sets.count)); h.u32le(0)
        out.append(contentsOf: h.finish())
        out.append(contentsOf: table.bytes[blockBytes...])
        return (out, headerStart)
    }
}
