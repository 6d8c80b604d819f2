#if canImport(Glibc)
import Glibc
#endif
import BinaryIO
import Platform
import Squash

/// A squashfs rootfs read through the Squash library, as a `RootfsSource` for
/// `RootfsFacts` (files are read from the image; symlinks inside the rootfs are followed,
/// resolved against the rootfs root, never the host).
public struct SquashRootfs: RootfsSource {
    /// The opened squashfs.
    public let image: SquashImage
    /// Its tree.
    public let tree: Tree

    /// Wraps an already opened image and its tree.
    public init(image: SquashImage, tree: Tree) {
        self.image = image
        self.tree = tree
    }

    /// Opens the squashfs at `offset` of the file at `path`.
    public static func open(_ path: String, offset: UInt64 = 0) throws -> SquashRootfs {
        let image = try SquashImage(path: path, offset: offset)
        return SquashRootfs(image: image, tree: try image.readTree())
    }

    func resolve(_ path: String) -> Node? {
        var p = path
        for _ in 0 ..< 16 {
            guard let n = tree.node(at: p) else { return nil }
            guard n.kind == .symlink, let t = n.linkTarget else { return n }
            if t.hasPrefix("/") { p = String(t.dropFirst()) } else {
                var comps = p.split(separator: "/").dropLast().map(String.init)
                for c in t.split(separator: "/") {
                    if c == ".." { if !comps.isEmpty { comps.removeLast() } } else if c != "." { comps.append(String(c)) }
                }
                p = comps.joined(separator: "/")
            }
        }
        return nil
    }

    /// File contents, decompressed (bounded by `limit`).
    public func readFile(_ path: String, limit: Int) throws -> [UInt8]? {
        guard let n = resolve(path), n.kind == .file else { return nil }
        switch n.content {
        case .empty: return []
        case .bytes(let b): return b
        case .host: return nil
        case .squashfs(let e): return try image.data.contents(of: e, maxSize: limit)
        }
    }

    /// Child names of a directory.
    public func list(_ path: String) throws -> [String]? {
        guard let n = resolve(path), n.kind == .directory else { return nil }
        return n.children.map(\.name)
    }

    /// Regular files whose data blocks or fragment do not decompress ("/path: error"),
    /// the first `limit` named and the rest counted: every byte of file data is read once,
    /// as the kernel would on access, so a damaged block is found before a device is.
    public func unreadableFiles(limit: Int = 20) -> [String] {
        var paths: [String] = []
        var extents: [SquashExtent] = []
        tree.walk { path, node in
            guard node.kind == .file, case .squashfs(let e) = node.content else { return }
            paths.append(path); extents.append(e)
        }
        var check = DataCheck(reader: image.data)
        let failures = check.unreadable(extents)
        var bad = failures.prefix(limit).map { "/\(paths[$0.index]): \($0.error)" }
        if failures.count > limit { bad.append("\(failures.count - limit) more unreadable files") }
        return bad
    }
}

/// Extracts and rebuilds the rootfs tree of an unpack folder with the Squash reader and
/// writer. Rebuilding starts from the original image's tree (owners, times, xattrs,
/// device nodes a non-root extraction could not create) and applies only what changed on
/// disk compared with the listing recorded at unpack time; unchanged files keep their
/// compressed blocks, new or changed ones take owner 0:0 and the image's mkfs time.
public struct SquashTreeIO: RootfsTreeIO {
    /// Counts the bytes extracted or written (unpack and repack of big images).
    public var progress: ProgressMeter?

    /// A tree IO using the Squash library.
    public init(progress: ProgressMeter? = nil) { self.progress = progress }

    /// Extracts with `Extractor` (owners set only as root).
    public func extract(squashfsFile: String, into dir: String) throws -> [String] {
        let img = try SquashImage(path: squashfsFile)
        let tree = try img.readTree()
        var ex = Extractor(image: img, tree: tree)
        ex.progress = progress
        let report = try ex.extract(to: dir)
        return report.notCreated
    }

    /// Writes the merged tree with the original compressor options and mkfs time, unpadded.
    public func build(from dir: String, originalFile: String, recorded: [String: String]) throws -> [UInt8] {
        let img = try SquashImage(path: originalFile)
        var tree = try img.readTree()
        let sb = img.superblock
        let current = try TreeListing.lines(dir)
        let host = try TreeSource.directory(dir, xattrs: false)
        // Removed: recorded before, gone now (deepest first).
        for path in recorded.keys.sorted(by: >) where current[path] == nil {
            try tree.remove(at: path)
        }
        // Added or changed, parents first.
        for path in current.keys.sorted() where recorded[path] != current[path] {
            guard var n = host.node(at: path) else { continue }
            let old = tree.node(at: path)
            if n.kind == .directory {
                n.children = old?.kind == .directory ? old?.children ?? [] : []
            }
            n.uid = old?.uid ?? 0
            n.gid = old?.gid ?? 0
            n.mtime = sb.modificationTime
            n.xattrs = old?.xattrs ?? []
            n.hardLinkID = nil
            if n.kind != .directory { n.children = [] }
            try tree.insert(n, at: path)
        }
        var opts = SquashWriterOptions(mkfsTime: sb.modificationTime, compressor: sb.compressor, blockSize: sb.blockSize)
        opts.codec = img.codec
        opts.padTo4K = false
        opts.exportable = sb.hasExportTable
        let out = FS.temporarySibling(of: originalFile, tag: "rebuild")
        defer { unlink(out) }
        try SquashWriter.write(tree, to: out, options: opts, progress: progress, progressLabel: "repack rootfs")
        return try FS.read(out)
    }
}

extension FirmwareImage {
    /// Reads the rootfs facts through the Squash reader (nil when the image has no rootfs).
    /// A rootfs inside a gzip'd disk is written to a temporary file beside the image first.
    public func rootfsFacts() throws -> RootfsFacts? {
        if let l = layout as? DiskImageLayout, let p = l.extRootfs {
            return try withFile(path ?? "image") {
                try l.withPartitionFile(p) { file in
                    try RootfsFacts(reading: Ext4Rootfs(fs: Ext4Filesystem.open(file, offset: 0, label: path ?? "image", reportOffset: UInt64(p.offset)),
                                                         partitionOffset: UInt64(p.offset)))
                }
            }
        }
        return try withRootfsFile { p, off in try RootfsFacts(reading: SquashRootfs.open(p, offset: off)) }
    }

    /// The rootfs facts, salvaged when the rootfs is damaged: the whole tree first; when
    /// that fails, each fact by path lookup (`SquashLookupRootfs`), recording what could
    /// not be read in `unreadable`. `problem` says why the rootfs is not whole (nil when it
    /// read cleanly); facts are nil when not even the superblock and root could be read.
    public func salvageRootfsFacts() -> (facts: RootfsFacts?, problem: FormatError?) {
        var problem: FormatError? = nil
        if let l = layout as? DiskImageLayout, l.extRootfs != nil {
            // ext4 rootfs (libext2fs): read whole or reported.
            do { return (try rootfsFacts(), nil) } catch let e as FormatError { return (nil, e) } catch {
                return (nil, FormatError(.io, context: "read rootfs", "\(error)"))
            }
        }
        do {
            let facts = try withRootfsFile { p, off -> RootfsFacts in
                let rootfs = try SquashRootfs.open(p, offset: off)
                var f = try RootfsFacts(reading: rootfs)
                f.unreadable += rootfs.unreadableFiles()
                return f
            }
            return (facts, nil)
        } catch let e as FormatError {
            problem = e
        } catch {
            problem = FormatError(.io, context: "read rootfs", "\(error)")
        }
        let salvaged = try? withRootfsFile { p, off in
            try RootfsFacts(reading: SquashLookupRootfs(image: SquashImage(path: p, offset: off)), salvage: true)
        }
        return (salvaged ?? nil, problem)
    }

    /// Runs `body` with a file path and offset holding the rootfs squashfs (the image
    /// itself, or a temporary copy for a rootfs that is not stored plainly in the file).
    func withRootfsFile<T>(_ body: (String, UInt64) throws -> T) throws -> T? {
        guard let root = rootfsImage else { return nil }
        if let p = path, let off = rootfsFileOffset { return try body(p, off) }
        let tmp = FS.temporarySibling(of: "/tmp/imagetool-rootfs.sqfs", tag: "facts")
        defer { unlink(tmp) }
        try FS.writeAtomically(root, to: tmp, mode: 0o600)
        return try body(tmp, 0)
    }
}

/// A squashfs rootfs read by path lookup: each lookup reads only the directories and
/// inodes on its path (from the superblock's root inode), so a rootfs damaged elsewhere —
/// an unreadable directory or inode block that `readTree` stops at — still yields the
/// files that are intact (opkg status, /lib/modules). Used when the whole tree cannot be
/// read, to report what survives and say what is lost.
public struct SquashLookupRootfs: RootfsSource {
    /// The opened squashfs.
    public let image: SquashImage

    /// Wraps an opened image.
    public init(image: SquashImage) { self.image = image }

    /// The inode at `path` (symlinks inside the rootfs followed, at most 16 hops).
    func resolve(_ path: String) throws -> Inode? {
        var components = path.split(separator: "/").map(String.init)
        var hops = 0
        var stack: [Inode] = [try image.inode(at: image.superblock.rootInode)]
        var i = 0
        while i < components.count {
            let name = components[i]
            i += 1
            if name == "." || name.isEmpty { continue }
            if name == ".." { if stack.count > 1 { stack.removeLast() }; continue }
            guard let dir = stack.last, dir.kind == .directory else { return nil }
            guard let e = try image.entries(of: dir).first(where: { $0.name == name }) else { return nil }
            let ino = try image.inode(at: e.inodeRef)
            if ino.kind == .symlink {
                hops += 1
                guard hops <= 16 else { return nil }
                let target = String(decoding: ino.target, as: UTF8.self)
                let rest = Array(components[i...])
                if target.hasPrefix("/") { stack = [stack[0]] }
                components = target.split(separator: "/").map(String.init) + rest
                i = 0
                continue
            }
            stack.append(ino)
        }
        return stack.last
    }

    /// File contents, decompressed (bounded by `limit`).
    public func readFile(_ path: String, limit: Int) throws -> [UInt8]? {
        guard let ino = try resolve(path), ino.kind == .file else { return nil }
        return try image.data.contents(of: try image.extent(of: ino), maxSize: limit)
    }

    /// Child names of a directory.
    public func list(_ path: String) throws -> [String]? {
        guard let ino = try resolve(path), ino.kind == .directory else { return nil }
        return try image.entries(of: ino).map(\.name)
    }
}
