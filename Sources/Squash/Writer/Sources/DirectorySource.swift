import BinaryIO
import CSys
import Platform
#if canImport(Glibc)
import Glibc
#endif

/// Builds trees for the writer from the places mksquashfs takes them: a directory on disk,
/// a tar archive, another squashfs image, and pseudo definitions — and merges several.
public enum TreeSource {
    /// Reads the directory `path` (not following symlinks) into a tree whose root carries
    /// the directory's own metadata, as mksquashfs does with a single source directory.
    /// Regular files become `.host` content read at write time; files sharing an inode
    /// become hard links; extended attributes are read with `llistxattr`/`lgetxattr`.
    public static func directory(_ path: String, xattrs: Bool = true) throws -> Tree {
        var links: [String: Int] = [:]
        var st = stat()
        guard lstat(path, &st) == 0 else { throw FormatError.errno("stat", file: path) }
        guard (st.st_mode & S_IFMT) == S_IFDIR else {
            throw FormatError(.invalid, context: "read source", "not a directory", file: path)
        }
        var root = try node(path: path, name: "", st: st, xattrs: xattrs, links: &links)
        try fill(&root, path: path, xattrs: xattrs, links: &links, depth: 0)
        return Tree(root: root)
    }

    private static func fill(_ dir: inout Node, path: String, xattrs: Bool, links: inout [String: Int], depth: Int) throws {
        guard depth < 4096 else { throw FormatError(.tooLarge, context: "read source", "directories nested too deep", file: path) }
        for name in try FS.list(path) {
            let p = path + "/" + name
            var st = stat()
            guard lstat(p, &st) == 0 else { throw FormatError.errno("stat", file: p) }
            var n = try node(path: p, name: name, st: st, xattrs: xattrs, links: &links)
            if n.kind == .directory { try fill(&n, path: p, xattrs: xattrs, links: &links, depth: depth + 1) }
            dir.children.append(n)  // FS.list is sorted by name bytes
        }
    }

    static func node(path: String, name: String, st: stat, xattrs: Bool, links: inout [String: Int]) throws -> Node {
        let kind: Node.Kind
        switch st.st_mode & S_IFMT {
        case S_IFDIR: kind = .directory
        case S_IFREG: kind = .file
        case S_IFLNK: kind = .symlink
        case S_IFBLK: kind = .blockDevice
        case S_IFCHR: kind = .charDevice
        case S_IFIFO: kind = .fifo
        case S_IFSOCK: kind = .socket
        default: throw FormatError(.unsupported, context: "read source", "unknown file type", file: path)
        }
        var n = Node(name: name, kind: kind, mode: UInt16(st.st_mode & 0o7777), uid: st.st_uid, gid: st.st_gid,
                     mtime: UInt32(clamping: st.st_mtim.tv_sec))
        switch kind {
        case .file: n.content = st.st_size > 0 ? .host(path: path, size: UInt64(st.st_size)) : .empty
        case .symlink: n.linkTarget = try readLink(path)
        case .blockDevice, .charDevice:
            let d = UInt64(st.st_rdev)
            n.device = Device(major: UInt32(truncatingIfNeeded: ((d >> 8) & 0xFFF) | ((d >> 32) & ~0xFFF)),
                              minor: UInt32(truncatingIfNeeded: (d & 0xFF) | ((d >> 12) & ~0xFF)))
        default: break
        }
        if kind != .directory && st.st_nlink > 1 {
            let key = "\(st.st_dev):\(st.st_ino)"
            if let id = links[key] { n.hardLinkID = id } else { links[key] = links.count + 1; n.hardLinkID = links.count }
        }
        if xattrs { n.xattrs = try readXattrs(path) }
        return n
    }

    static func readLink(_ path: String) throws -> String {
        var buf = [CChar](repeating: 0, count: 4097)
        let n = readlink(path, &buf, 4096)
        guard n >= 0 else { throw FormatError.errno("readlink", file: path) }
        return String(decoding: buf[0 ..< n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func readXattrs(_ path: String) throws -> [Xattr] {
        let len = csys_llistxattr(path, nil, 0)
        if len < 0 {
            if errno == ENOTSUP || errno == EOPNOTSUPP { return [] }
            throw FormatError.errno("list xattrs", file: path)
        }
        guard len > 0 else { return [] }
        var list = [CChar](repeating: 0, count: Int(len))
        let got = csys_llistxattr(path, &list, list.count)
        guard got >= 0 else { throw FormatError.errno("list xattrs", file: path) }
        var out: [Xattr] = []
        for raw in list[0 ..< Int(got)].split(separator: 0) {
            let name = String(decoding: raw.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let vlen = csys_lgetxattr(path, name, nil, 0)
            guard vlen >= 0 else { throw FormatError.errno("read xattr \(name)", file: path) }
            var value = [UInt8](repeating: 0, count: Int(vlen))
            let v = value.withUnsafeMutableBytes { csys_lgetxattr(path, name, $0.baseAddress, Int(vlen)) }
            guard v >= 0 else { throw FormatError.errno("read xattr \(name)", file: path) }
            value.removeSubrange(Int(v)...)
            out.append(Xattr(name: name, value: value))
        }
        return out.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
    }

    /// Reads the squashfs image at `path` (at byte `offset`, e.g. inside a firmware file):
    /// its files keep `.squashfs` content, so a writer with the same compressor and block
    /// size copies their blocks instead of recompressing them.
    public static func image(_ path: String, offset: UInt64 = 0) throws -> Tree {
        try SquashImage(path: path, offset: offset).readTree()
    }

    /// The tree of one source of `squash create`: a directory, a squashfs image (told by its
    /// magic, `Superblock.looksLikeSquashfs`) or else a tar archive (any compression
    /// libarchive reads).
    public static func open(_ path: String) throws -> Tree {
        if FS.isDirectory(path) { return try directory(path) }
        if Superblock.looksLikeSquashfs(file: try RandomAccessFile(path: path)) { return try image(path) }
        return try tar(path)
    }

    /// Sources merged at the image root in order (later ones win), as mksquashfs merges
    /// several source arguments; the root is a 0755 directory with time `rootTime` unless a
    /// source brings its own.
    public static func merging(_ paths: [String], rootTime: UInt32) throws -> Tree {
        var tree = Tree(root: Node(name: "", kind: .directory, mode: 0o755, mtime: rootTime))
        for p in paths { tree = merge(tree, try open(p)) }
        return tree
    }

    /// Lays `overlay` over `base`: nodes of the overlay replace those at the same path, except
    /// that a directory over a directory keeps the children of both (the overlay's metadata wins).
    /// Hard-link ids of the overlay are renumbered so they cannot collide with the base's.
    public static func merge(_ base: Tree, _ overlay: Tree) -> Tree {
        var maxID = 0
        base.walk { _, n in maxID = max(maxID, n.hardLinkID ?? 0) }
        var root = base.root
        mergeNode(&root, overlay.root, shift: maxID)
        return Tree(root: root)
    }

    private static func mergeNode(_ dst: inout Node, _ src: Node, shift: Int) {
        let children = dst.children
        dst = src
        dst.hardLinkID = src.hardLinkID.map { $0 + shift }
        dst.children = children
        for c in src.children {
            if c.kind == .directory, let i = dst.children.firstIndex(where: { $0.name == c.name }), dst.children[i].kind == .directory {
                mergeNode(&dst.children[i], c, shift: shift)
            } else {
                var copy = c
                shiftLinks(&copy, shift)
                dst.insertChild(copy)
            }
        }
    }

    private static func shiftLinks(_ n: inout Node, _ shift: Int) {
        n.hardLinkID = n.hardLinkID.map { $0 + shift }
        for i in n.children.indices { shiftLinks(&n.children[i], shift) }
    }
}
