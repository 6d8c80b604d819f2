import BinaryIO

/// The id table: every distinct uid and gid once, as u32s in metadata blocks, indexed by
/// the u16 uid/gid indexes of the inodes (squashfs_fs.h `SQUASHFS_ID_BLOCK_BYTES`;
/// mksquashfs.c `get_uid` / `write_id_table`). Ids are numbered in order of first use.
struct IdTableWriter {
    private var index: [UInt32: UInt16] = [:]
    private(set) var ids: [UInt32] = []

    /// The index of `id`, adding it when new; the superblock counts ids in a u16, so at most 65535 fit.
    mutating func index(of id: UInt32) throws -> UInt16 {
        if let i = index[id] { return i }
        guard ids.count < 65535 else {
            throw FormatError(.tooLarge, context: "write id table", "more than 65535 distinct uids and gids")
        }
        let i = UInt16(ids.count)
        index[id] = i
        ids.append(id)
        return i
    }

    /// Table bytes for image offset `at` and the offset of its index (the superblock field).
    func write(at: UInt64, codec: any SquashCodec) throws -> (bytes: [UInt8], indexStart: UInt64) {
        try MetadataWriter.lookupTable(IdTable.payload(ids), at: at, codec: codec)
    }
}

/// The fragment table: per fragment block, u64 start, u32 size word (bit 24 = stored
/// uncompressed), u32 unused (squashfs_fs.h `struct squashfs_fragment_entry`).
struct FragmentTableWriter {
    /// Start and size word of each fragment block, by fragment index.
    var entries: [(start: UInt64, sizeWord: UInt32)] = []

    func write(at: UInt64, codec: any SquashCodec) throws -> (bytes: [UInt8], indexStart: UInt64) {
        let payload = FragmentTable.payload(entries.map { FragmentTable.Entry(start: $0.start, size: $0.sizeWord) })
        return try MetadataWriter.lookupTable(payload, at: at, codec: codec)
    }
}

/// The export (NFS lookup) table: the u64 inode reference of inode number n at index n - 1
/// (squashfs_fs.h `SQUASHFS_LOOKUP_BLOCK_BYTES`; mksquashfs.c `write_inode_lookup_table`).
struct ExportTableWriter {
    var references: [UInt64]

    func write(at: UInt64, codec: any SquashCodec) throws -> (bytes: [UInt8], indexStart: UInt64) {
        try MetadataWriter.lookupTable(ExportTable.payload(references), at: at, codec: codec)
    }
}
