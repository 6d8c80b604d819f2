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
