#if canImport(Glibc)
import Glibc
#endif
import BinaryIO
import CArchive
import Platform

/// Writes a `Tree` read from a squashfs image as a POSIX pax tar through libarchive, like
/// squashfs-tools-ng `sqfs2tar`: owners, modes, mtimes, device numbers, symlinks, hard
/// links (later names as links to the first) and extended attributes (SCHILY.xattr pax
/// records) are kept, so no root is needed. Sockets cannot be stored in tar and are skipped
/// (reported). The root directory is written as "./".
public struct TarExporter {
    public let image: SquashImage
    public let tree: Tree
    /// Workers decompressing the blocks of one big file.
    public var parallel: Int
    /// Counts the bytes of file data written (phase "tar NAME").
    public var progress: ProgressMeter?

    /// What was written.
    public struct Report: Sendable, Codable {
        public var entries = 0
        public var bytes: UInt64 = 0
        /// Entries tar cannot hold (sockets).
        public var skipped: [String] = []
    }

    public init(image: SquashImage, tree: Tree, parallel: Int? = nil) {
        self.image = image
        self.tree = tree
        self.parallel = max(1, parallel ?? Workers.onlineProcessors)
    }

    /// Writes the tar to `path` atomically (temporary sibling + rename), or to stdout for "-".
    public func write(to path: String) throws -> Report {
        if path == "-" { return try write(fd: 1, name: "stdout") }
        let tmp = FS.temporarySibling(of: path)
        let fd = open(tmp, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FormatError.errno("create", file: tmp) }
        do {
            let r = try write(fd: fd, name: path)
            guard fsync(fd) == 0 else { throw FormatError.errno("fsync", file: tmp) }
            close(fd)
            guard rename(tmp, path) == 0 else { throw FormatError.errno("rename into place", file: path) }
            FS.syncDirectory(FS.dirname(of: path))
            return r
        } catch {
            close(fd)
            unlink(tmp)
            throw error
        }
    }

    /// Writes the tar to an open descriptor.
    public func write(fd: Int32, name: String) throws -> Report {
        guard let a = archive_write_new() else { throw FormatError(.io, context: "write tar", "libarchive: out of memory", file: name) }
        defer { archive_write_free(a) }
        func check(_ rc: Int32, _ what: String) throws {
            if rc < ARCHIVE_WARN {
                let msg = archive_error_string(a).map { String(cString: $0) } ?? "error \(rc)"
                throw FormatError(.io, context: "write tar: \(what)", msg, file: name)
            }
        }
        try check(archive_write_set_format_pax_restricted(a), "set format")
        try check(archive_write_set_bytes_in_last_block(a, 1), "set block padding")
        try check(archive_write_open_fd(a, fd), "open")
        var report = Report()
        var firstPath: [Int: String] = [:]
        let data = image.data
        if let progress {
            var total = 0
            var seen = Set<Int>()
            tree.walk { _, n in
                if case .squashfs(let x) = n.content, n.hardLinkID.map({ seen.insert($0).inserted }) ?? true {
                    total = total &+ Int(clamping: x.fileSize)
                }
            }
            progress.begin("tar \(name == "stdout" ? "to stdout" : FS.basename(of: name))", total: total, unit: .bytes)
        }
        var failure: Error?
        tree.walk { path, n in
            guard failure == nil else { return }
            do {
                if n.kind == .socket { report.skipped.append("\(path): socket"); return }
                guard let e = archive_entry_new() else { throw FormatError(.io, context: "write tar", "out of memory", file: name) }
                defer { archive_entry_free(e) }
                let tarName = path.isEmpty ? "./" : path
                archive_entry_copy_pathname(e, tarName)
                archive_entry_set_uid(e, la_int64_t(n.uid))
                archive_entry_set_gid(e, la_int64_t(n.gid))
                archive_entry_set_mtime(e, time_t(n.mtime), 0)
                var type: UInt32
                switch n.kind {
                case .directory: type = SHIM_AE_IFDIR
                case .file: type = SHIM_AE_IFREG
                case .symlink: type = SHIM_AE_IFLNK; archive_entry_copy_symlink(e, n.linkTarget ?? "")
                case .blockDevice: type = SHIM_AE_IFBLK
                case .charDevice: type = SHIM_AE_IFCHR
                case .fifo: type = SHIM_AE_IFIFO
                case .socket: type = SHIM_AE_IFSOCK
                }
                if let d = n.device {
                    archive_entry_set_rdevmajor(e, dev_t(d.major))
                    archive_entry_set_rdevminor(e, dev_t(d.minor))
                }
                archive_entry_set_mode(e, mode_t(type | UInt32(n.mode)))
                var content: SquashExtent? = nil
                if let id = n.hardLinkID, n.kind != .directory, let first = firstPath[id] {
                    archive_entry_copy_hardlink(e, first)
                    archive_entry_set_size(e, 0)
                } else {
                    if let id = n.hardLinkID, n.kind != .directory { firstPath[id] = tarName }
                    archive_entry_set_size(e, n.kind == .file ? la_int64_t(n.size) : 0)
                    if case .squashfs(let x) = n.content { content = x }
                    // Attributes belong to the inode: written once, with its first name.
                    for x in n.xattrs {
                        x.value.withUnsafeBytes { archive_entry_xattr_add_entry(e, x.name, $0.baseAddress, $0.count) }
                    }
                }
                try check(archive_write_header(a, e), "header of \(tarName)")
                if let x = content {
                    try data.forEachChunk(of: x, parallel: x.blockSizes.count > 2 ? parallel : 1) { chunk in
                        let w = chunk.withUnsafeBytes { archive_write_data(a, $0.baseAddress, $0.count) }
                        if w < 0 || w != chunk.count {
                            let msg = archive_error_string(a).map { String(cString: $0) } ?? "short write"
                            throw FormatError(.io, context: "write tar: data of \(tarName)", msg, file: name)
                        }
                        progress?.add(chunk.count)
                    }
                    report.bytes += x.fileSize
                }
                try check(archive_write_finish_entry(a), "finish \(tarName)")
                report.entries += 1
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        try check(archive_write_close(a), "close")
        return report
    }
}
