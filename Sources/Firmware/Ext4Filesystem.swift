#if canImport(Glibc)
import Glibc
#endif
import BinaryIO
import CExt2fs

/// An ext2/ext3/ext4 filesystem inside a file (a disk image partition at `offset`), read
/// and written through libext2fs (e2fsprogs lib/ext2fs, Debian libext2fs-dev) with its
/// unix I/O manager's `offset=` option — nothing of the on-disk format is parsed here
/// beyond the superblock magic used for detection.
///
/// Writes follow e2fsprogs misc/create_inode.c (`do_write_internal`, `do_mkdir_internal`,
/// `do_symlink_internal`): new inode near the parent, link (expanding the directory when
/// it is full), allocation statistics, extent header for extent-mapped filesystems, data
/// through `ext2fs_file_write`. Removal follows debugfs `kill_file_by_inode`. Every
/// libext2fs error (`errcode_t`) becomes a `FormatError` naming the partition offset.
public final class Ext4Filesystem: @unchecked Sendable {
    /// ext2/3/4 superblock magic `s_magic` (0xEF53 at byte 56 of the superblock at 1024).
    public static let magic: UInt16 = 0xef53
    /// Root directory inode (EXT2_ROOT_INO).
    public static let rootInode: UInt32 = 2

    /// Whether `bytes[offset...]` holds an ext2/3/4 superblock magic.
    public static func matches(_ bytes: [UInt8], at offset: Int) -> Bool {
        guard offset >= 0, offset <= bytes.count - 1082 else { return false }
        return bytes[offset + 1080] == 0x53 && bytes[offset + 1081] == 0xef
    }

    /// One inode's metadata.
    public struct Inode: Sendable, Equatable {
        /// Inode number.
        public var number: UInt32
        /// i_mode: type bits and permissions.
        public var mode: UInt16
        public var uid: UInt32
        public var gid: UInt32
        /// i_mtime (seconds).
        public var mtime: UInt32
        /// File size in bytes.
        public var size: UInt64
        /// Hard links.
        public var links: UInt16
        /// Device number of a block or character device (old or new encoding in i_block).
        public var rdev: UInt32

        public var isDirectory: Bool { mode & 0o170000 == 0o040000 }
        public var isRegular: Bool { mode & 0o170000 == 0o100000 }
        public var isSymlink: Bool { mode & 0o170000 == 0o120000 }
        /// Permission bits including setuid/setgid/sticky.
        public var permissions: UInt16 { mode & 0o7777 }
    }

    /// Metadata the installer sets on what it writes.
    public struct Metadata: Sendable, Equatable {
        public var permissions: UInt16
        public var uid: UInt32
        public var gid: UInt32
        public var mtime: UInt32
        public init(permissions: UInt16, uid: UInt32, gid: UInt32, mtime: UInt32) {
            self.permissions = permissions; self.uid = uid; self.gid = gid; self.mtime = mtime
        }
    }

    var fs: ext2_filsys?
    /// The file holding the filesystem.
    public let path: String
    /// Byte offset of the filesystem in that file (the partition offset).
    public let offset: UInt64
    /// Opened read-write.
    public let writable: Bool

    static let errorTable: Void = { initialize_ext2_error_table() }()

    /// The file named in errors (the image the user gave, not a temporary copy); nil leaves
    /// it to the caller (`withFile`).
    public let label: String?
    /// The offset named in errors (the partition's offset in the image).
    public let reportOffset: UInt64

    /// Opens the filesystem at `offset` of `path` (read-write when `writable`); errors name
    /// `label` and `reportOffset` when given.
    public static func open(_ path: String, offset: UInt64 = 0, writable: Bool = false, label: String? = nil,
                            reportOffset: UInt64? = nil) throws -> Ext4Filesystem {
        try Ext4Filesystem(path: path, offset: offset, writable: writable, label: label, reportOffset: reportOffset)
    }

    private init(path: String, offset: UInt64, writable: Bool, label: String?, reportOffset: UInt64?) throws {
        _ = Ext4Filesystem.errorTable
        self.path = path; self.offset = offset; self.writable = writable
        self.label = label; self.reportOffset = reportOffset ?? offset
        var handle: ext2_filsys? = nil
        let flags = Int32(EXT2_FLAG_64BITS) | (writable ? Int32(EXT2_FLAG_RW) : 0)
        let rc = ext2fs_open2(path, "offset=\(offset)", flags, 0, 0, shim_unix_io_manager(), &handle)
        try Ext4Filesystem.check(rc, offset: self.reportOffset, path: self.label, "open ext filesystem")
        guard let h = handle else {
            throw FormatError(.io, offset: self.reportOffset, context: "open ext filesystem", "libext2fs returned no handle", file: self.label)
        }
        fs = h
        if writable {
            try check(ext2fs_read_bitmaps(h), "read ext filesystem bitmaps")
        }
    }

    deinit {
        if let h = fs { ext2fs_free(h) }
    }

    static func check(_ rc: errcode_t, offset: UInt64, path: String?, _ context: String) throws {
        guard rc != 0 else { return }
        let msg = error_message(rc).map { String(cString: $0) } ?? "error \(rc)"
        throw FormatError(.invalid, offset: offset, context: context, "libext2fs: \(msg) (partition at offset \(offset))", file: path)
    }

    func check(_ rc: errcode_t, _ context: String) throws {
        try Ext4Filesystem.check(rc, offset: reportOffset, path: label, context)
    }

    func handle() throws -> ext2_filsys {
        guard let h = fs else { throw FormatError(.usage, offset: reportOffset, context: "ext filesystem", "already closed", file: label) }
        return h
    }

    /// Block size in bytes.
    public var blockSize: Int { fs.map { Int(shim_block_size($0)) } ?? 0 }
    /// Total and free blocks.
    public var blockCounts: (total: UInt64, free: UInt64) {
        guard let h = fs else { return (0, 0) }
        return (UInt64(shim_blocks_count(h)), UInt64(shim_free_blocks(h)))
    }

    func rawInode(_ ino: UInt32) throws -> ext2_inode {
        var inode = ext2_inode()
        try check(ext2fs_read_inode(try handle(), ino, &inode), "read inode \(ino)")
        return inode
    }

    /// The metadata of inode `ino`.
    public func inode(_ ino: UInt32) throws -> Inode {
        var i = try rawInode(ino)
        let size = UInt64(i.i_size) | UInt64(i.i_size_high) << 32
        let b0 = i.i_block.0, b1 = i.i_block.1
        let rdev = b0 != 0 ? b0 : b1
        return Inode(number: ino, mode: i.i_mode, uid: shim_inode_uid(&i), gid: shim_inode_gid(&i), mtime: i.i_mtime,
                     size: size, links: i.i_links_count, rdev: rdev)
    }

    /// Entries of directory `dir` (without "." and ".."), in on-disk order.
    public func list(_ dir: UInt32) throws -> [(name: String, inode: UInt32)] {
        final class Box { var out: [(name: String, inode: UInt32)] = [] }
        let box = Box()
        let h = try handle()
        let rc = withExtendedLifetime(box) { () -> errcode_t in
            shim_dir_iterate(h, dir, { ino, name, len, _, ctx in
                guard let ctx, let name else { return 0 }
                let b = Unmanaged<Box>.fromOpaque(ctx).takeUnretainedValue()
                let bytes = UnsafeRawBufferPointer(start: name, count: Int(len))
                if ino != 0, !(len == 1 && bytes[0] == 0x2e), !(len == 2 && bytes[0] == 0x2e && bytes[1] == 0x2e) {
                    b.out.append((String(decoding: bytes, as: UTF8.self), ino))
                }
                return 0
            }, Unmanaged.passUnretained(box).toOpaque())
        }
        try check(rc, "list directory inode \(dir)")
        return box.out
    }

    /// The inode of `name` in directory `dir`, or nil.
    public func lookup(_ dir: UInt32, _ name: String) throws -> UInt32? {
        var ino: ext2_ino_t = 0
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty, bytes.count <= 255 else { return nil }
        let rc = bytes.withUnsafeBufferPointer { b -> errcode_t in
            guard let base = b.baseAddress else { return errcode_t(EXT2_ET_FILE_NOT_FOUND) }
            return base.withMemoryRebound(to: CChar.self, capacity: b.count) {
                ext2fs_lookup(fs, dir, $0, Int32(b.count), nil, &ino)
            }
        }
        if rc == EXT2_ET_FILE_NOT_FOUND { return nil }
        try check(rc, "look up \(name) in directory inode \(dir)")
        return ino
    }

    /// The inode at an absolute path, following no symlinks; nil when a component is missing.
    public func resolve(_ path: String) throws -> UInt32? {
        var cur = Ext4Filesystem.rootInode
        for c in path.split(separator: "/") where c != "." {
            guard try inode(cur).isDirectory, let next = try lookup(cur, String(c)) else { return nil }
            cur = next
        }
        return cur
    }

    /// The contents of regular file `ino`, refusing files larger than `limit`.
    public func read(_ ino: UInt32, limit: Int) throws -> [UInt8] {
        let meta = try inode(ino)
        try Checked.limit(meta.size, UInt64(limit), "file size", context: "read inode \(ino)")
        var file: ext2_file_t? = nil
        try check(ext2fs_file_open(try handle(), ino, 0, &file), "open inode \(ino)")
        defer { ext2fs_file_close(file) }
        var out = [UInt8](repeating: 0, count: Int(meta.size))
        var done = 0
        while done < out.count {
            var got: UInt32 = 0
            let want = UInt32(min(out.count - done, 1 << 20))
            let rc = out.withUnsafeMutableBytes { ext2fs_file_read(file, $0.baseAddress! + done, want, &got) }
            try check(rc, "read inode \(ino)")
            if got == 0 { break }
            done += Int(got)
        }
        if done < out.count { out.removeSubrange(done...) }
        return out
    }

    /// The target of symlink `ino` (fast symlinks keep it in i_block, inline-data ones in
    /// the inode's data, others in a data block).
    public func readlink(_ ino: UInt32) throws -> String {
        var raw = try rawInode(ino)
        let size = Int(raw.i_size)
        guard size <= 4096 else { throw FormatError(.invalid, offset: reportOffset, context: "read symlink inode \(ino)", "target of \(size) bytes", file: label) }
        if ext2fs_is_fast_symlink(&raw) != 0 {
            let bytes = withUnsafeBytes(of: raw.i_block) { Array($0.prefix(min(size, 60))) }
            return String(decoding: bytes, as: UTF8.self)
        }
        if raw.i_flags & UInt32(EXT4_INLINE_DATA_FL) != 0 {
            var buf = [UInt8](repeating: 0, count: max(size, 60) + 64)
            var got: Int = 0
            try check(ext2fs_inline_data_get(try handle(), ino, &raw, &buf, &got), "read symlink inode \(ino)")
            return String(decoding: buf.prefix(min(size, got)), as: UTF8.self)
        }
        return String(decoding: try read(ino, limit: 4096), as: UTF8.self)
    }

    // MARK: writing

    func linkRetrying(_ parent: UInt32, _ name: String, _ ino: UInt32, _ type: Int32) throws {
        let h = try handle()
        var rc = ext2fs_link(h, parent, name, ino, type)
        if rc == EXT2_ET_DIR_NO_SPACE {
            try check(ext2fs_expand_dir(h, parent), "expand directory inode \(parent)")
            rc = ext2fs_link(h, parent, name, ino, type)
        }
        try check(rc, "link \(name) in directory inode \(parent)")
    }

    func retryingExpand(_ parent: UInt32, _ context: String, _ body: () -> errcode_t) throws {
        var rc = body()
        if rc == EXT2_ET_DIR_NO_SPACE {
            try check(ext2fs_expand_dir(try handle(), parent), "expand directory inode \(parent)")
            rc = body()
        }
        try check(rc, context)
    }

    /// Sets permissions, owner and times (atime, ctime and mtime) of `ino`.
    public func setMetadata(_ ino: UInt32, _ m: Metadata) throws {
        var i = try rawInode(ino)
        i.i_mode = (i.i_mode & 0o170000) | (m.permissions & 0o7777)
        shim_inode_set_ids(&i, m.uid, m.gid)
        i.i_mtime = m.mtime; i.i_atime = m.mtime; i.i_ctime = m.mtime
        try check(ext2fs_write_inode(try handle(), ino, &i), "write inode \(ino)")
    }

    /// Creates directory `name` in `parent`.
    @discardableResult
    public func mkdir(_ parent: UInt32, _ name: String, _ m: Metadata) throws -> UInt32 {
        let h = try handle()
        try retryingExpand(parent, "create directory \(name)") { ext2fs_mkdir(h, parent, 0, name) }
        guard let ino = try lookup(parent, name) else {
            throw FormatError(.io, offset: reportOffset, context: "create directory \(name)", "not found after creation", file: label)
        }
        try setMetadata(ino, m)
        return ino
    }

    /// Creates symlink `name` -> `target` in `parent`.
    @discardableResult
    public func symlink(_ parent: UInt32, _ name: String, target: String, _ m: Metadata) throws -> UInt32 {
        let h = try handle()
        try retryingExpand(parent, "create symlink \(name)") { ext2fs_symlink(h, parent, 0, name, target) }
        guard let ino = try lookup(parent, name) else {
            throw FormatError(.io, offset: reportOffset, context: "create symlink \(name)", "not found after creation", file: label)
        }
        try setMetadata(ino, m)
        return ino
    }

    /// Creates regular file `name` in `parent` holding `bytes`.
    @discardableResult
    public func createFile(_ parent: UInt32, _ name: String, _ bytes: [UInt8], _ m: Metadata) throws -> UInt32 {
        let h = try handle()
        var ino: ext2_ino_t = 0
        try check(ext2fs_new_inode(h, parent, Int32(0o100000 | Int(m.permissions & 0o7777)), nil, &ino), "allocate inode for \(name)")
        try linkRetrying(parent, name, ino, Int32(EXT2_FT_REG_FILE))
        ext2fs_inode_alloc_stats2(h, ino, 1, 0)
        var i = ext2_inode()
        i.i_mode = 0o100000 | (m.permissions & 0o7777)
        shim_inode_set_ids(&i, m.uid, m.gid)
        i.i_mtime = m.mtime; i.i_atime = m.mtime; i.i_ctime = m.mtime
        i.i_links_count = 1
        if shim_has_extents(h) != 0 {
            var eh: ext2_extent_handle_t? = nil
            try check(ext2fs_extent_open2(h, ino, &i, &eh), "initialise extents of \(name)")
            ext2fs_extent_free(eh)
        }
        try check(ext2fs_write_new_inode(h, ino, &i), "write inode of \(name)")
        try writeContent(ino, bytes, truncate: false)
        // ext2fs_file_write leaves the times it found; set ours last.
        try setMetadata(ino, m)
        return ino
    }

    /// Replaces the contents of regular file `ino` with `bytes` (blocks freed and reallocated).
    public func writeContent(_ ino: UInt32, _ bytes: [UInt8], truncate: Bool = true) throws {
        var file: ext2_file_t? = nil
        try check(ext2fs_file_open(try handle(), ino, Int32(EXT2_FILE_WRITE), &file), "open inode \(ino) for writing")
        var closed = false
        defer { if !closed { ext2fs_file_close(file) } }
        if truncate { try check(ext2fs_file_set_size2(file, 0), "truncate inode \(ino)") }
        var done = 0
        while done < bytes.count {
            var wrote: UInt32 = 0
            let n = UInt32(min(bytes.count - done, 1 << 20))
            let rc = bytes.withUnsafeBytes { ext2fs_file_write(file, $0.baseAddress! + done, n, &wrote) }
            try check(rc, "write inode \(ino)")
            guard wrote > 0 else { throw FormatError(.io, offset: reportOffset, context: "write inode \(ino)", "no progress", file: label) }
            done += Int(wrote)
        }
        try check(ext2fs_file_set_size2(file, ext2_off64_t(bytes.count)), "set size of inode \(ino)")
        closed = true
        try check(ext2fs_file_close(file), "close inode \(ino)")
    }

    /// Removes the non-directory `name` from `parent`; frees its inode and blocks when it
    /// was the last link.
    public func unlink(_ parent: UInt32, _ name: String) throws {
        let h = try handle()
        guard let ino = try lookup(parent, name) else { return }
        var i = try rawInode(ino)
        guard i.i_mode & 0o170000 != 0o040000 else {
            throw FormatError(.unsupported, offset: reportOffset, context: "remove \(name)", "removing directories is not supported", file: label)
        }
        try check(ext2fs_unlink(h, parent, name, ino, 0), "unlink \(name)")
        if i.i_links_count > 1 {
            i.i_links_count -= 1
            try check(ext2fs_write_inode(h, ino, &i), "write inode \(ino)")
            return
        }
        i.i_links_count = 0
        if ext2fs_inode_has_valid_blocks2(h, &i) != 0 || i.i_flags & UInt32(EXT4_INLINE_DATA_FL) != 0 {
            try check(ext2fs_punch(h, ino, &i, nil, 0, ~0), "free blocks of \(name)")
        }
        let acl = UInt64(i.i_file_acl) | UInt64(i.osd2.linux2.l_i_file_acl_high) << 32
        if acl != 0 {
            var count: UInt32 = 0
            try check(ext2fs_adjust_ea_refcount3(h, acl, nil, -1, &count, ino), "release xattr block of \(name)")
            if count == 0 { ext2fs_block_alloc_stats2(h, acl, -1) }
            i.i_file_acl = 0; i.osd2.linux2.l_i_file_acl_high = 0
        }
        i.i_dtime = i.i_mtime
        try check(ext2fs_write_inode(h, ino, &i), "write inode \(ino)")
        ext2fs_inode_alloc_stats2(h, ino, -1, 0)
    }

    /// Writes the superblock, group descriptors and bitmaps and closes the filesystem.
    public func close() throws {
        guard fs != nil else { return }
        var h = fs
        fs = nil
        try check(ext2fs_close_free(&h), "close ext filesystem")
    }
}
