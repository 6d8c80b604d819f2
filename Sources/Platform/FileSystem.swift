#if canImport(Glibc)
import Glibc
#endif
import BinaryIO
import CSys

/// File-system helpers with the safety rules every imagetool writer follows: inputs are read
/// with a size limit, outputs appear atomically (temporary name, fsync, rename), and paths
/// taken from archives never leave their output folder.
public enum FS {
    /// Default cap for whole-file reads: 4 GiB.
    public static let defaultReadLimit: UInt64 = 4 << 30

    /// Reads a whole file, refusing files larger than `limit`.
    public static func read(_ path: String, limit: UInt64 = defaultReadLimit) throws -> [UInt8] {
        let f = try RandomAccessFile(path: path)
        try Checked.limit(f.size, limit, "file size", context: "read file")
        return try f.read(at: 0, count: Int(f.size), context: "read file")
    }

    /// Reads a whole text file.
    public static func readText(_ path: String, limit: UInt64 = 256 << 20) throws -> String {
        String(decoding: try read(path, limit: limit), as: UTF8.self)
    }

    /// Whether something (not following a final symlink) exists at `path`.
    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    /// Whether `path` is a directory (following symlinks).
    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// Whether `path` is a regular file (following symlinks).
    public static func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }

    /// Device, inode, size and modification time of `path` (following symlinks), or nil:
    /// equal values before and after reading mean the file was not replaced or rewritten
    /// meanwhile.
    public static func identity(_ path: String) -> [Int64]? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return [Int64(st.st_dev), Int64(st.st_ino), Int64(st.st_size), Int64(st.st_mtim.tv_sec), Int64(st.st_mtim.tv_nsec)]
    }

    /// Size of a file in bytes.
    public static func size(_ path: String) throws -> UInt64 {
        var st = stat()
        guard stat(path, &st) == 0 else { throw FormatError.errno("stat", file: path) }
        return UInt64(max(0, st.st_size))
    }

    /// Names in a directory, sorted bytewise, without "." and "..".
    public static func list(_ path: String) throws -> [String] {
        try listTyped(path).map(\.name)
    }

    /// What a directory entry is, from readdir's d_type (lstat when the file system does
    /// not say): symlinks are never followed.
    public enum EntryType: Sendable { case file, directory, symlink, other }

    /// Entries of a directory with their types, sorted bytewise, without "." and "..".
    public static func listTyped(_ path: String) throws -> [(name: String, type: EntryType)] {
        guard let d = opendir(path) else { throw FormatError.errno("list directory", file: path) }
        defer { closedir(d) }
        var entries: [(key: [UInt8], name: String, type: EntryType)] = []
        while let e = readdir(d) {
            let name = withUnsafePointer(to: e.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            var type: EntryType
            switch Int32(e.pointee.d_type) {
            case Int32(DT_REG): type = .file
            case Int32(DT_DIR): type = .directory
            case Int32(DT_LNK): type = .symlink
            case Int32(DT_UNKNOWN):
                var st = stat()
                guard lstat(path + "/" + name, &st) == 0 else { continue }
                switch st.st_mode & S_IFMT {
                case S_IFREG: type = .file
                case S_IFDIR: type = .directory
                case S_IFLNK: type = .symlink
                default: type = .other
                }
            default: type = .other
            }
            entries.append((Array(name.utf8), name, type))
        }
        return entries.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { ($0.name, $0.type) }
    }

    /// Creates a directory and its parents (mode 0755); fine if it exists as a directory.
    public static func makeDirectories(_ path: String, mode: mode_t = 0o755) throws {
        if isDirectory(path) { return }
        let parent = dirname(of: path)
        if parent != path && !parent.isEmpty { try makeDirectories(parent, mode: mode) }
        if mkdir(path, mode) != 0 && errno != EEXIST {
            throw FormatError.errno("create directory", file: path)
        }
    }

    /// Like `makeDirectories`, returning the folders it created, outermost first (so a
    /// caller that gives up can remove them again with `removeEmptyDirectory`).
    public static func makeDirectoriesRecording(_ path: String, mode: mode_t = 0o755) throws -> [String] {
        var missing: [String] = []
        var p = path
        while !p.isEmpty && !exists(p) {
            missing.append(p)
            let parent = dirname(of: p)
            if parent == p { break }
            p = parent
        }
        try makeDirectories(path, mode: mode)
        return missing.reversed()
    }

    /// Removes `path` if it is an empty folder; anything else is left alone.
    public static func removeEmptyDirectory(_ path: String) { rmdir(path) }

    /// `path` with symlinks, `.` and `..` resolved as far as it exists (the rest appended),
    /// for comparing where two paths point.
    public static func canonicalPath(_ path: String) -> String {
        var abs = absolute(path)
        while abs.count > 1 && abs.hasSuffix("/") { abs.removeLast() }
        var head = abs, rest: [String] = []
        while true {
            if let r = realpath(head, nil) {
                defer { free(r) }
                let base = String(cString: r)
                return rest.isEmpty ? base : (base == "/" ? "" : base) + "/" + rest.reversed().joined(separator: "/")
            }
            let parent = dirname(of: head)
            if parent == head { return abs }
            rest.append(basename(of: head))
            head = parent
        }
    }

    /// Whether `inner` is `outer` or lies below it (after `canonicalPath`).
    public static func isSameOrInside(_ inner: String, _ outer: String) -> Bool {
        let i = canonicalPath(inner), o = canonicalPath(outer)
        return i == o || i.hasPrefix(o == "/" ? "/" : o + "/")
    }

    /// Removes a file or a whole tree, never following symlinks. Missing is fine.
    public static func removeTree(_ path: String) throws {
        var st = stat()
        guard lstat(path, &st) == 0 else { return }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            chmod(path, 0o755)
            try removeContents(path)
            if rmdir(path) != 0 { throw FormatError.errno("remove directory", file: path) }
        } else if unlink(path) != 0 {
            throw FormatError.errno("remove", file: path)
        }
    }

    /// Removes everything inside directory `path`: entries are unlinked relative to the
    /// open directory (unlinkat), subdirectories recursively.
    static func removeContents(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw FormatError.errno("open directory", file: path) }
        defer { close(fd) }
        for (name, type) in try listTyped(path) {
            if type == .directory {
                try removeTree(path + "/" + name)
            } else if unlinkat(fd, name, 0) != 0 && errno != ENOENT {
                throw FormatError.errno("remove", file: path + "/" + name)
            }
        }
    }

    /// The process's current directory.
    public static func currentDirectory() -> String {
        var buf = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buf, buf.count) != nil else { return "." }
        return String(cString: buf)
    }

    /// `path` made absolute against the current directory.
    public static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : currentDirectory() + "/" + path
    }

    /// The directory part of a path ("." when there is none).
    public static func dirname(of path: String) -> String {
        guard let i = path.lastIndex(of: "/") else { return "." }
        if i == path.startIndex { return "/" }
        return String(path[..<i])
    }

    /// The last component of a path.
    public static func basename(of path: String) -> String {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        guard let i = p.lastIndex(of: "/") else { return String(p) }
        return String(p[p.index(after: i)...])
    }

    /// A temporary name beside `path`, unique to this process. Leftovers of earlier runs that
    /// were killed (same `.NAME.TAG-PID-N` pattern, PID no longer alive) are removed first, so
    /// interrupted runs do not pile up temporary files next to their output.
    public static func temporarySibling(of path: String, tag: String = "tmp") -> String {
        let dir = dirname(of: path)
        let base = basename(of: path)
        removeStaleTemporaries(in: dir, prefix: ".\(base).\(tag)-")
        return "\(dir)/.\(base).\(tag)-\(getpid())-\(UInt32.random(in: 0 ... .max))"
    }

    /// Removes the temporaries that killed runs left beside `path` (`.NAME.TAG-PID-N`, PID
    /// gone), for a run that keeps `path` as it is and so makes no temporary of its own.
    public static func removeStaleTemporaries(beside path: String, tag: String = "tmp") {
        removeStaleTemporaries(in: dirname(of: path), prefix: ".\(basename(of: path)).\(tag)-")
    }

    /// Removes `prefix` + `PID-N` entries of `dir` whose PID is not a running process.
    static func removeStaleTemporaries(in dir: String, prefix: String) {
        guard let names = try? list(dir) else { return }
        for name in names where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count).split(separator: "-")
            guard rest.count == 2, rest[1].allSatisfy(\.isNumber), let pid = Int32(rest[0]), pid > 0,
                  pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { try? removeTree(dir + "/" + name) }
        }
    }

    /// Writes `bytes` to `path` atomically: a temporary sibling is written, fsynced and
    /// renamed over `path`, so readers see the old or the new content, never a mix; the
    /// folder is fsynced after the rename so the new name survives a power cut. A failed
    /// write (a full disk) removes the temporary and leaves `path` as it was.
    public static func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws {
        try writeAtomically([(path, bytes, mode)])
    }

    /// Replaces several files together: every new content is first written to a temporary
    /// sibling and fsynced; only when all are complete are they renamed into place, one after
    /// another (a rename needs no space), and their folders fsynced. A failure while writing
    /// (a full disk, a read-only file system) removes every temporary and leaves all the
    /// old files as they were: a key pair or a feed index is never half replaced.
    public static func writeAtomically(_ files: [(path: String, bytes: [UInt8], mode: mode_t)]) throws {
        var temporaries: [String] = []
        do {
            for f in files {
                let tmp = temporarySibling(of: f.path)
                temporaries.append(tmp)
                let out = try RandomAccessFile(creating: tmp, mode: f.mode)
                try out.write(f.bytes, at: 0)
                try out.sync()
            }
            for (i, f) in files.enumerated() {
                if rename(temporaries[i], f.path) != 0 { throw FormatError.errno("rename into place", file: f.path) }
                temporaries[i] = ""
            }
        } catch {
            for t in temporaries where !t.isEmpty { unlink(t) }
            throw error
        }
        var folders: [String] = []
        for f in files where !folders.contains(dirname(of: f.path)) { folders.append(dirname(of: f.path)) }
        for d in folders { syncDirectory(d) }
    }

    /// fsyncs the folder `path` itself (its entries: a rename into it becomes durable).
    /// Best effort: the rename has already happened, so a failure here is not reported.
    public static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// Runs `body` holding an exclusive advisory lock (flock) on `.NAME.lock` beside `path`,
    /// so two imagetool runs never build the same output at once: the second fails at once,
    /// naming the output, instead of racing the first. The lock file is removed afterwards;
    /// a run that finds it replaced while it waited for the lock tries again.
    public static func withOutputLock<T>(_ path: String, _ body: () throws -> T) throws -> T {
        let lockPath = dirname(of: path) + "/." + basename(of: path) + ".lock"
        var fd: Int32 = -1
        while fd < 0 {
            let f = open(lockPath, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
            guard f >= 0 else { throw FormatError.errno("create lock file", file: lockPath) }
            if flock(f, LOCK_EX | LOCK_NB) != 0 {
                let e = errno
                close(f)
                if e == EWOULDBLOCK {
                    throw FormatError(.io, context: "lock output",
                                      "another imagetool run is writing this output (lock \(lockPath) is held)", file: path)
                }
                errno = e
                throw FormatError.errno("lock output", file: lockPath)
            }
            // The holder before us may have removed the file after we opened it: then our lock
            // is on a name nobody else will find; start over with the current file.
            var a = stat(), b = stat()
            if fstat(f, &a) == 0, lstat(lockPath, &b) == 0, a.st_dev == b.st_dev, a.st_ino == b.st_ino {
                fd = f
            } else {
                close(f)
            }
        }
        defer {
            unlink(lockPath)
            close(fd)
        }
        return try body()
    }

    /// Writes a NEW file (never following or replacing anything: O_CREAT|O_EXCL|O_NOFOLLOW),
    /// without fsync. For files inside a folder that `replaceDirectoryAtomically` publishes.
    public static func writeNew(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else { throw FormatError.errno("create", file: path) }
        defer { close(fd) }
        try bytes.withUnsafeBytes { try FileDescriptor.write(fd, $0, file: path) }
    }

    /// Builds a directory atomically: `body` fills a temporary sibling directory, which then
    /// replaces `path` in one step (Linux `renameat2(RENAME_EXCHANGE)` when `path` exists),
    /// so `path` holds the complete old or the complete new tree, never a mix.
    /// The build holds the output's lock (`withOutputLock`): a second run writing the same
    /// folder at the same time fails clearly instead of racing.
    public static func replaceDirectoryAtomically<T>(_ path: String, _ body: (String) throws -> T) throws -> T {
        try withOutputLock(path) { try replaceDirectoryLocked(path, body) }
    }

    static func replaceDirectoryLocked<T>(_ path: String, _ body: (String) throws -> T) throws -> T {
        let tmp = temporarySibling(of: path)
        try? removeTree(tmp)
        guard mkdir(tmp, 0o755) == 0 else { throw FormatError.errno("create temporary directory", file: tmp) }
        do {
            let result = try body(tmp)
            // One syncfs for the whole new tree (its files were written without their own
            // fsync), so the rename below publishes complete, durable content.
            if csys_syncfs_path(tmp) != 0 { throw FormatError.errno("sync", file: tmp) }
            if exists(path) {
                if csys_rename_exchange(tmp, path) != 0 {
                    throw FormatError.errno("replace directory", file: path)
                }
                // `tmp` now holds the old content; the new one is published, so failing to
                // remove the old one is not the run's failure.
                try? removeTree(tmp)
            } else if rename(tmp, path) != 0 {
                throw FormatError.errno("rename directory into place", file: path)
            }
            syncDirectory(dirname(of: path))
            return result
        } catch {
            try? removeTree(tmp)
            throw error
        }
    }

    /// Makes `path` a new hard link to `existing` when `existing` is a regular file of ours
    /// with no other links whose content is exactly `bytes` (read and compared first), so a
    /// rerun that produces the same file reuses it instead of writing a new one. Returns
    /// false (and changes nothing) otherwise. For an output folder about to replace the
    /// previous one, whose files `existing` are: once the old folder is removed the new link
    /// is the only one left.
    public static func linkIfIdentical(_ existing: String, to path: String, bytes: [UInt8]) -> Bool {
        let fd = open(existing, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_nlink == 1, st.st_uid == geteuid(),
              st.st_size == off_t(bytes.count) else { return false }
        let same: Bool = bytes.withUnsafeBytes { want in
            var buf = [UInt8](repeating: 0, count: min(max(bytes.count, 1), 1 << 20))
            var off = 0
            while off < bytes.count {
                let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress, min($0.count, bytes.count - off), off_t(off)) }
                if n <= 0 { return false }
                let eq = buf.withUnsafeBytes { memcmp($0.baseAddress!, want.baseAddress! + off, n) == 0 }
                if !eq { return false }
                off += n
            }
            return true
        }
        return same && link(existing, path) == 0
    }

    /// Flushes the file system holding `path` to disk (syncfs).
    public static func syncFileSystem(of path: String) throws {
        if csys_syncfs_path(path) != 0 { throw FormatError.errno("sync", file: path) }
    }

    /// fsyncs every regular file and directory below `path`.
    static func syncTree(_ path: String) throws {
        var st = stat()
        guard lstat(path, &st) == 0 else { return }
        let type = st.st_mode & S_IFMT
        if type == S_IFDIR {
            for name in try list(path) { try syncTree(path + "/" + name) }
        }
        if type == S_IFDIR || type == S_IFREG {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd >= 0 { fsync(fd); close(fd) }
        }
    }
}

/// Validation of relative paths taken from archives and images before anything is created.
public enum SafePath {
    /// Splits an archive member name ("./usr/lib/x", "usr//lib/x/") into components,
    /// refusing absolute names, `..`, NUL bytes and empty results.
    public static func components(_ name: String, context: String = "check path") throws -> [String] {
        if name.utf8.contains(0) { throw FormatError(.unsafePath, context: context, "NUL byte in path \(name.debugDescription)") }
        if name.hasPrefix("/") { throw FormatError(.unsafePath, context: context, "absolute path \(name.debugDescription)") }
        var out: [String] = []
        for c in name.split(separator: "/", omittingEmptySubsequences: true) {
            if c == "." { continue }
            if c == ".." { throw FormatError(.unsafePath, context: context, "path \(name.debugDescription) contains ..") }
            out.append(String(c))
        }
        return out
    }

    /// Joins `root` and a validated relative `name`, and checks that no existing component
    /// below `root` is a symlink (so a write can never be redirected out of `root`).
    public static func join(_ root: String, _ name: String, context: String = "check path") throws -> String {
        let comps = try components(name, context: context)
        var path = root
        var checking = true
        for (i, c) in comps.enumerated() {
            path += "/" + c
            guard checking else { continue }
            var st = stat()
            if lstat(path, &st) == 0 {
                if (st.st_mode & S_IFMT) == S_IFLNK {
                    throw FormatError(.unsafePath, context: context,
                                      "\(name.debugDescription): component \(comps[0...i].joined(separator: "/")) is a symlink")
                }
            } else {
                checking = false  // the rest does not exist yet; nothing to follow
            }
        }
        return path
    }
}

