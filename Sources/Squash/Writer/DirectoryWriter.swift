import BinaryIO

/// Builds one directory's listing for the directory table: runs of entries, each run led by
/// a header (u32 count - 1, u32 inode-table block of the run's inodes, u32 base inode
/// number), each entry (u16 inode offset in block, i16 inode number - base, u16 basic type,
/// u16 name size - 1, name) — squashfs_fs.h `squashfs_dir_header` / `squashfs_dir_entry`.
/// A new header starts when 256 entries are reached, when an inode lies in another
/// inode-table block, when the number delta leaves the i16 range (mksquashfs.c `add_dir`),
/// and when the listing crosses into a new directory-table block; the headers that begin in
/// a new block become the directory index of an extended directory inode
/// (squashfs-tools-ng lib/sqfs/src/dir_writer.c does the same).
struct DirectoryListing {
    /// One child as the listing records it.
    struct Entry {
        var name: [UInt8]
        /// Inode reference: inode-table block start << 16 | offset in block.
        var inodeRef: UInt64
        var inodeNumber: UInt32
        /// Basic type (1-7).
        var type: UInt16
    }

    /// The listing bytes (without the implicit "." and "..").
    private(set) var bytes: [UInt8] = []
    /// Headers that start in a later directory-table block than the listing's first byte,
    /// with their uncompressed block number (to resolve into a block start once written).
    private(set) var indexPoints: [(index: UInt32, block: Int, name: [UInt8])] = []

    /// Lays out `entries` (already sorted by name bytes) as they will sit at uncompressed
    /// position `start` of the directory table.
    init(_ entries: [Entry], start: Int) {
        var w = ByteWriter(capacity: entries.count * 24)
        var headerAt = -1
        var count = 0
        var headerBlock: UInt64 = 0
        var base: UInt32 = 0
        let bs = MetadataWriter.blockSize
        for e in entries {
            let block = e.inodeRef >> 16
            let delta = Int64(e.inodeNumber) - Int64(base)
            let here = start + w.count
            let crossed = headerAt >= 0 && (start + headerAt) / bs != here / bs
            if headerAt < 0 || count == 256 || block != headerBlock || delta < -32768 || delta > 32767 || crossed {
                if headerAt >= 0 { w.patchU32le(UInt32(count - 1), at: headerAt) }
                if headerAt >= 0 && here / bs != start / bs
                    && (indexPoints.last.map { $0.block != here / bs } ?? true) {
                    indexPoints.append((UInt32(w.count), here / bs, e.name))
                }
                headerAt = w.count
                count = 0
                headerBlock = block
                base = e.inodeNumber
                w.u32le(0); w.u32le(UInt32(truncatingIfNeeded: block)); w.u32le(base)
            }
            w.u16le(UInt16(truncatingIfNeeded: e.inodeRef & 0xFFFF))
            w.u16le(UInt16(bitPattern: Int16(truncatingIfNeeded: Int64(e.inodeNumber) - Int64(base))))
            w.u16le(e.type)
            w.u16le(UInt16(e.name.count - 1))
            w.append(e.name)
            count += 1
        }
        if headerAt >= 0 { w.patchU32le(UInt32(count - 1), at: headerAt) }
        bytes = w.finish()
    }
}
