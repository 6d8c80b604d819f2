#if canImport(Glibc)
import Glibc
#endif
import BinaryIO
import CSys
import Platform

/// Writes a `Tree` read from a `SquashImage` to a host directory, like `unsquashfs -d DIR`.
/// Safety: every name was validated when the tree was read (no "/", "..", NUL); the tree is
/// built into a fresh temporary sibling of DIR that nothing else writes, directories are
/// created by us with mkdir, files with O_CREAT|O_EXCL|O_NOFOLLOW, and symlinks are leaves
/// that are never followed (lchown, AT_SYMLINK_NOFOLLOW, lsetxattr). The finished tree is
/// renamed to DIR, which must not exist or be empty. File data is decompressed by
/// `parallel` workers at once. As non-root, what cannot be created or set (device nodes,
/// owners, privileged xattrs) is recorded in the report.
public struct Extractor {
    /// What extraction did and what it could not do.
    public struct Report: Sendable, Codable {
        public var directories = 0, files = 0, symlinks = 0, devices = 0, fifos = 0, sockets = 0, hardLinks = 0
        public var bytes: UInt64 = 0
        /// Entries that could not be created (e.g. device nodes as non-root), with the reason.
        public var notCreated: [String] = []
        /// Number of entries whose owner was not set because we are not root.
        public var ownersNotSet = 0
        /// Attributes that could not be set, "path: name (reason)".
        public var xattrsNotSet: [String] = []
    }

    public let image: SquashImage
    public let tree: Tree
    /// Worker threads for data blocks (default: the processor count; more workers made
    /// xz decoding slower per block on a 2-core machine). Each holds one block at a time.
    public var parallel: Int
    /// Whether to chown (default: when running as root).
    public var setOwners: Bool
    /// Whether to set extended attributes.
    public var setXattrs = true
    /// Counts the bytes of file data written (phase "extract to DIR").
    public var progress: ProgressMeter?
    /// Files with more blocks than this are split into jobs of this many blocks.
    public static let blocksPerJob = 16

    public init(image: SquashImage, tree: Tree, parallel: Int? = nil) {
        self.image = image
        self.tree = tree
        self.parallel = max(1, parallel ?? Workers.onlineProcessors)
        self.setOwners = geteuid() == 0
    }

    struct Item {
        var rel: String
        var node: Node
    }

    /// Extracts the whole tree, or only `paths` (with their parents and everything below them), to `dir`.
    public func extract(to dir: String, paths: [String] = []) throws -> Report {
        var st = stat()
        if lstat(dir, &st) == 0 {
            guard (st.st_mode & S_IFMT) == S_IFDIR, (try FS.list(dir)).isEmpty else {
                throw FormatError(.refused, context: "extract", "\(dir) exists and is not an empty directory", file: dir)
            }
        }
        let selected = try paths.map { try SafePath.components($0, context: "select path") }
        for (i, comps) in selected.enumerated() where tree.node(at: comps.joined(separator: "/")) == nil {
            throw FormatError(.invalid, context: "select path", "\(paths[i].debugDescription) is not in the image")
        }
        var items: [Item] = []
        tree.walk { path, node in
            if !selected.isEmpty {
                let comps = path.split(separator: "/").map(String.init)
                let keep = selected.contains { sel in
                    comps.count <= sel.count ? Array(sel.prefix(comps.count)) == comps : Array(comps.prefix(sel.count)) == sel
                }
                if !keep { return }
            }
            items.append(Item(rel: path, node: node))
        }
        let tmp = FS.temporarySibling(of: dir, tag: "extract")
        guard mkdir(tmp, 0o700) == 0 else { throw FormatError.errno("create directory", file: tmp) }
        do {
            var report = try build(items, root: tmp, label: "extract to \(FS.basename(of: dir))")
            if lstat(dir, &st) == 0 { rmdir(dir) }
            guard rename(tmp, dir) == 0 else { throw FormatError.errno("rename into place", file: dir) }
            report.notCreated.sort()
            report.xattrsNotSet.sort()
            return report
        } catch {
            try? FS.removeTree(tmp)
            throw error
        }
    }

    private func build(_ items: [Item], root: String, label: String) throws -> Report {
        var report = Report()
        var firstPath: [Int: String] = [:]
        var links: [(String, String)] = []
        var files: [(path: String, node: Node)] = []
        for it in items {
            let path = it.rel.isEmpty ? root : root + "/" + it.rel
            let n = it.node
            if let id = n.hardLinkID, n.kind != .directory {
                if let first = firstPath[id] { links.append((first, path)); continue }
                firstPath[id] = path
            }
            switch n.kind {
            case .directory:
                if !it.rel.isEmpty, mkdir(path, 0o700) != 0 { throw FormatError.errno("create directory", file: path) }
                report.directories += 1
            case .file:
                files.append((path, n))
                report.files += 1
                report.bytes += n.size
            case .symlink:
                guard symlink(n.linkTarget ?? "", path) == 0 else { throw FormatError.errno("create symlink", file: path) }
                report.symlinks += 1
            case .blockDevice, .charDevice:
                let d = n.device ?? Device(major: 0, minor: 0)
                let type = n.kind == .blockDevice ? S_IFBLK : S_IFCHR
                if mknod(path, type | 0o600, dev_t(csys_makedev(d.major, d.minor))) != 0 {
                    if errno == EPERM || errno == EACCES {
                        report.notCreated.append("\(it.rel): \(n.kind == .blockDevice ? "block" : "char") device \(d.major),\(d.minor) (needs root)")
                        continue
                    }
                    throw FormatError.errno("create device", file: path)
                }
                report.devices += 1
            case .fifo:
                guard mkfifo(path, 0o600) == 0 else { throw FormatError.errno("create fifo", file: path) }
                report.fifos += 1
            case .socket:
                guard mknod(path, S_IFSOCK | 0o600, 0) == 0 else { throw FormatError.errno("create socket", file: path) }
                report.sockets += 1
            }
        }
        progress?.begin(label, total: Int(clamping: report.bytes), unit: .bytes)
        // mksquashfs stores identical files once (-no-duplicates not given): such files share
        // their data blocks. Decompress each shared extent once and copy the written bytes.
        var unique: [(path: String, node: Node)] = []
        var copies: [(from: String, to: String)] = []
        var copySources = Set<String>()
        var byExtent: [ExtentKey: String] = [:]
        var byPath: [String: UInt64] = [:]  // sizes of copies, for the progress count
        for f in files {
            if case .squashfs(let e) = f.node.content, !e.blockSizes.isEmpty {
                let key = ExtentKey(e)
                if let first = byExtent[key] {
                    copies.append((first, f.path)); copySources.insert(first)
                    if progress != nil { byPath[f.path] = f.node.size }
                    continue
                }
                byExtent[key] = f.path
            }
            unique.append(f)
        }
        // Files written whole by one worker get their owner, mode, xattrs and time there,
        // through the open descriptor — except the sources of copies, which must stay
        // readable until copied.
        let written = try writeFiles(unique, finishing: { !copySources.contains($0) }, rootLength: root.utf8.count + 1)
        report.xattrsNotSet += written.xattrsNotSet
        for c in copies {
            try Extractor.copy(from: c.from, to: c.to)
            if let n = byPath[c.to] { progress?.add(n) }
        }
        for (first, path) in links {
            guard link(first, path) == 0 else { throw FormatError.errno("create hard link", file: path) }
            report.hardLinks += 1
        }
        // Attributes, deepest first so directory modes and times are set after their contents.
        for it in items.reversed() {
            let path = it.rel.isEmpty ? root : root + "/" + it.rel
            if written.finished.contains(path) {
                if !setOwners && (it.node.uid != geteuid() || it.node.gid != getegid()) { report.ownersNotSet += 1 }
                continue
            }
            var st = stat()
            guard lstat(path, &st) == 0 else { continue }  // not created (device as non-root) or a link
            try setAttributes(it, path: path, isLink: it.node.kind == .symlink, report: &report)
        }
        return report
    }

    private func setAttributes(_ it: Item, path: String, isLink: Bool, report: inout Report) throws {
        let n = it.node
        if setOwners {
            if lchown(path, n.uid, n.gid) != 0 { throw FormatError.errno("set owner", file: path) }
        } else if n.uid != geteuid() || n.gid != getegid() {
            report.ownersNotSet += 1
        }
        if !isLink, chmod(path, mode_t(n.mode)) != 0 { throw FormatError.errno("set mode", file: path) }
        if setXattrs {
            for x in n.xattrs {
                let rc = x.value.withUnsafeBytes { csys_lsetxattr(path, x.name, $0.baseAddress, $0.count) }
                if rc != 0 {
                    let why = String(cString: strerror(errno))
                    report.xattrsNotSet.append("\(it.rel.isEmpty ? "." : it.rel): \(x.name) (\(why))")
                }
            }
        }
        var times = [timespec(tv_sec: Int(n.mtime), tv_nsec: 0), timespec(tv_sec: Int(n.mtime), tv_nsec: 0)]
        if utimensat(AT_FDCWD, path, &times, AT_SYMLINK_NOFOLLOW) != 0 { throw FormatError.errno("set times", file: path) }
    }
}
