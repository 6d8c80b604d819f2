import BinaryIO
import Squash

/// An ext2/3/4 rootfs read through libext2fs as a `RootfsSource` (for `RootfsFacts`) and
/// as a `Tree` (for the offline installer). Symlinks inside the rootfs are followed,
/// resolved against the rootfs root, never the host.
public struct Ext4Rootfs: RootfsSource {
    /// The opened filesystem.
    public let fs: Ext4Filesystem
    /// Offset of the partition in the image, for messages.
    public let partitionOffset: UInt64

    /// Wraps an opened filesystem.
    public init(fs: Ext4Filesystem, partitionOffset: UInt64) {
        self.fs = fs; self.partitionOffset = partitionOffset
    }

    /// Resolves `path`, following symlinks (at most 16) inside the filesystem.
    func resolve(_ path: String) throws -> UInt32? {
        var comps = path.split(separator: "/").map(String.init).filter { $0 != "." && !$0.isEmpty }
        var cur = Ext4Filesystem.rootInode
        var stack: [UInt32] = []
        var hops = 0
        var i = 0
        while i < comps.count {
            let c = comps[i]
            if c == ".." { cur = stack.popLast() ?? Ext4Filesystem.rootInode; i += 1; continue }
            guard try fs.inode(cur).isDirectory, let next = try fs.lookup(cur, c) else { return nil }
            let n = try fs.inode(next)
            if n.isSymlink {
                hops += 1
                guard hops <= 16 else { return nil }
                let t = try fs.readlink(next)
                let tc = t.split(separator: "/").map(String.init).filter { $0 != "." && !$0.isEmpty }
                if t.hasPrefix("/") { cur = Ext4Filesystem.rootInode; stack = [] }
                comps = tc + comps[(i + 1)...]
                i = 0
                continue
            }
            stack.append(cur)
            cur = next
            i += 1
        }
        return cur
    }

    /// File contents (bounded by `limit`).
    public func readFile(_ path: String, limit: Int) throws -> [UInt8]? {
        guard let ino = try resolve(path), try fs.inode(ino).isRegular else { return nil }
        return try fs.read(ino, limit: limit)
    }

    /// Child names of a directory, sorted.
    public func list(_ path: String) throws -> [String]? {
        guard let ino = try resolve(path), try fs.inode(ino).isDirectory else { return nil }
        return try fs.list(ino).map(\.name).sorted()
    }
}

extension Ext4Filesystem {
    /// Prefix of the `.host` content path that marks a file whose bytes are still in this
    /// filesystem (followed by the inode number); `readContent` reads them.
    public static let contentPrefix = "\u{1}ext:"

    /// When the filesystem was made (ext4 `s_mkfs_time`, else the last write time).
    public var mkfsTime: UInt32 {
        guard let h = fs, let sb = h.pointee.super else { return 0 }
        return sb.pointee.s_mkfs_time != 0 ? sb.pointee.s_mkfs_time : sb.pointee.s_wtime
    }

    /// The inode a `.host` content path made by `readTree` names, or nil.
    public static func inode(ofContent path: String) -> UInt32? {
        guard path.hasPrefix(contentPrefix) else { return nil }
        return UInt32(path.dropFirst(contentPrefix.count))
    }

    /// The whole tree (types, permissions, owners, mtimes, symlink targets, device numbers,
    /// hard-link identity); file contents stay in the filesystem as `.host` paths with
    /// `contentPrefix`. Depth is bounded so a directory loop cannot recurse forever.
    public func readTree() throws -> Tree {
        var root = try node(Ext4Filesystem.rootInode, name: "", depth: 0)
        root.name = ""
        return Tree(root: root)
    }

    func node(_ ino: UInt32, name: String, depth: Int) throws -> Node {
        guard depth < 256 else {
            throw FormatError(.invalid, offset: reportOffset, context: "read ext tree", "directories nested deeper than 256 (a loop?)", file: label)
        }
        let i = try inode(ino)
        var n = Node(name: name, kind: .file, mode: i.permissions, uid: i.uid, gid: i.gid, mtime: i.mtime)
        switch i.mode & 0o170000 {
        case 0o040000:
            n.kind = .directory
            for e in try list(ino).sorted(by: { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }) {
                n.children.append(try node(e.inode, name: e.name, depth: depth + 1))
            }
        case 0o100000:
            n.content = i.size == 0 ? .empty : .host(path: Ext4Filesystem.contentPrefix + String(ino), size: i.size)
            if i.links > 1 { n.hardLinkID = Int(ino) }
        case 0o120000:
            n.kind = .symlink
            n.linkTarget = try readlink(ino)
        case 0o060000, 0o020000:
            n.kind = i.mode & 0o170000 == 0o060000 ? .blockDevice : .charDevice
            let d = i.rdev
            n.device = d & 0xffff_0000 == 0 && d < 0x10000
                ? Device(major: (d >> 8) & 0xff, minor: d & 0xff)
                : Device(major: (d >> 8) & 0xfff, minor: (d & 0xff) | ((d >> 12) & 0xfff00))
        case 0o010000: n.kind = .fifo
        case 0o140000: n.kind = .socket
        default:
            throw FormatError(.invalid, offset: reportOffset, context: "read ext tree", "inode \(ino) (\(name)) has file type \(String(i.mode >> 12, radix: 8))", file: label)
        }
        return n
    }

    /// Writes what differs between `original` (as `readTree` returned it) and `edited` into
    /// the filesystem: removed non-directories are unlinked, new nodes created, files whose
    /// content is no longer the original inode's rewritten, symlinks whose target changed
    /// re-created, and changed permissions, owners or times set. Returns the paths written.
    @discardableResult
    public func apply(from original: Tree, to edited: Tree, readHost: (String) throws -> [UInt8]) throws -> [String] {
        var before: [String: Node] = [:]
        original.walk { p, n in var c = n; c.children = []; before[p] = c }
        var after: Set<String> = []
        edited.walk { p, _ in after.insert(p) }
        var inodes: [String: UInt32] = ["": Ext4Filesystem.rootInode]
        func ino(_ p: String) throws -> UInt32? {
            if let i = inodes[p] { return i }
            let parent = p.split(separator: "/").dropLast().joined(separator: "/")
            guard let pi = try ino(parent), let i = try lookup(pi, String(p.split(separator: "/").last ?? "")) else { return nil }
            inodes[p] = i
            return i
        }
        func split(_ p: String) -> (parent: String, name: String) {
            let comps = p.split(separator: "/")
            return (comps.dropLast().joined(separator: "/"), String(comps.last ?? ""))
        }
        var written: [String] = []
        for p in before.keys.sorted(by: >) where !after.contains(p) {
            let (parent, name) = split(p)
            guard let pi = try ino(parent) else { continue }
            try unlink(pi, name)
            inodes[p] = nil
            written.append(p)
        }
        func bytes(_ n: Node) throws -> [UInt8] {
            switch n.content {
            case .empty: return []
            case .bytes(let b): return b
            case .host(let hp, _):
                if let i = Ext4Filesystem.inode(ofContent: hp) { return try read(i, limit: DiskImageLayout.maxDiskSize) }
                return try readHost(hp)
            case .squashfs:
                throw FormatError(.unsupported, offset: reportOffset, context: "write ext tree", "squashfs content cannot be written here", file: label)
            }
        }
        try edited.walk { p, n in
            guard !p.isEmpty else { return }
            let meta = Metadata(permissions: n.mode, uid: n.uid, gid: n.gid, mtime: n.mtime)
            let old = before[p]
            let (parent, name) = split(p)
            guard let pi = try ino(parent) else {
                throw FormatError(.invalid, offset: reportOffset, context: "write ext tree", "parent of \(p) missing", file: label)
            }
            if let o = old, o.kind == n.kind, let i = try ino(p) {
                var changed = false
                switch n.kind {
                case .file:
                    if case .host(let hp, _) = n.content, Ext4Filesystem.inode(ofContent: hp) == i {
                    } else if case .empty = n.content, case .empty = o.content {
                    } else {
                        try writeContent(i, try bytes(n)); changed = true
                    }
                case .symlink where o.linkTarget != n.linkTarget:
                    try unlink(pi, name)
                    inodes[p] = try symlink(pi, name, target: n.linkTarget ?? "", meta)
                    written.append(p)
                    return
                default: break
                }
                if changed || o.mode != n.mode || o.uid != n.uid || o.gid != n.gid || o.mtime != n.mtime {
                    try setMetadata(i, meta)
                    written.append(p)
                }
                return
            }
            if old != nil { try unlink(pi, name); inodes[p] = nil }
            switch n.kind {
            case .directory: inodes[p] = try mkdir(pi, name, meta)
            case .file: inodes[p] = try createFile(pi, name, try bytes(n), meta)
            case .symlink: inodes[p] = try symlink(pi, name, target: n.linkTarget ?? "", meta)
            default:
                throw FormatError(.unsupported, offset: reportOffset, context: "write ext tree", "creating \(n.kind.rawValue) \(p) is not supported", file: label)
            }
            written.append(p)
        }
        return written
    }
}
