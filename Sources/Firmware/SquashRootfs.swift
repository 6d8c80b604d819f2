#if canImport(Glibc)
import Glibc
#endif
import BinaryIO
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
    public init(path: String, offset: UInt64 = 0) throws {
        image = try SquashImage(path: path, offset: offset)
        tree = try image.readTree()
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
}

/// Extracts and rebuilds the rootfs tree of an unpack folder with the Squash reader and
/// writer. Rebuilding starts from the original image's tree (owners, times, xattrs,
/// device nodes a non-root extraction could not create) and applies only what changed on
/// disk compared with the listing recorded at unpack time; unchanged files keep their
/// compressed blocks, new or changed ones take owner 0:0 and the image's mkfs time.
public struct SquashTreeIO: RootfsTreeIO {
    /// A tree IO using the Squash library.
    public init() {}

    /// Extracts with `Extractor` (owners set only as root).
    public func extract(squashfsFile: String, into dir: String) throws -> [String] {
        let img = try SquashImage(path: squashfsFile)
        let tree = try img.readTree()
        let report = try Extractor(image: img, tree: tree).extract(to: dir)
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
        try SquashWriter.write(tree, to: out, options: opts)
        return try FS.read(out)
    }
}

extension FirmwareImage {
    /// Absolute offset of the rootfs squashfs in the image file, when it is stored there
    /// uncompressed (NOR images, NAND tar members, raw disk images).
    public var rootfsFileOffset: UInt64? {
        switch layout {
        case .nor(let l): return l.rootfs?.offset
        case .nand(let l):
            guard l.rootfs != nil, let m = l.members.first(where: { $0.name.hasSuffix("/root") }) else { return nil }
            return UInt64(m.dataOffset)
        case .disk(let l): return l.gzipped ? nil : l.rootfs?.offset
        case .fit(let l): return l.rootfs?.offset
        }
    }

    /// Reads the rootfs facts through the Squash reader (nil when the image has no rootfs).
    /// A rootfs inside a gzip'd disk is written to a temporary file beside the image first.
    public func rootfsFacts() throws -> RootfsFacts? {
        guard let root = rootfsImage else { return nil }
        if let p = path, let off = rootfsFileOffset {
            return try RootfsFacts(reading: SquashRootfs(path: p, offset: off))
        }
        let tmp = FS.temporarySibling(of: "/tmp/imagetool-rootfs.sqfs", tag: "facts")
        defer { unlink(tmp) }
        try FS.writeAtomically(root, to: tmp, mode: 0o600)
        return try RootfsFacts(reading: SquashRootfs(path: tmp))
    }
}
