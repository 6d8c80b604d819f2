import BinaryIO
import Platform

/// The in-memory filesystem tree shared by the squashfs reader and writer (and by tar and
/// directory sources). It records everything squashfs can store, so read -> write is lossless:
/// type, permission bits, owner, mtime, xattrs, link targets, device numbers, hard-link
/// identity, and for files where their bytes come from (a host file, memory, or the data
/// blocks of an existing image, which the writer may copy without recompressing).
public struct Tree: Sendable {
    /// The root directory (its `name` is empty).
    public var root: Node

    public init(root: Node = Node(name: "", kind: .directory, mode: 0o755)) {
        self.root = root
    }

    /// The node at a slash-separated path ("" or "/" is the root), or nil.
    public func node(at path: String) -> Node? {
        var cur = root
        for comp in path.split(separator: "/") where comp != "." {
            guard cur.kind == .directory, let next = cur.children.first(where: { $0.name == comp }) else { return nil }
            cur = next
        }
        return cur
    }

    /// Inserts or replaces the node at `path`, creating missing parent directories with
    /// `parentTemplate`'s metadata. Children stay sorted by name bytes (squashfs order).
    public mutating func insert(_ node: Node, at path: String,
                                parentTemplate: Node = Node(name: "", kind: .directory, mode: 0o755)) throws {
        let comps = try SafePath.components(path, context: "insert \(path)")
        guard let last = comps.last else { throw FormatError(.invalid, context: "insert", "cannot replace the root") }
        var n = node
        n.name = last
        try Tree.insert(&root, comps.dropLast(), n, parentTemplate)
    }

    private static func insert(_ dir: inout Node, _ parents: ArraySlice<String>, _ node: Node, _ tmpl: Node) throws {
        guard dir.kind == .directory else {
            throw FormatError(.invalid, context: "insert", "\(dir.name) is not a directory")
        }
        if let first = parents.first {
            if let i = dir.children.firstIndex(where: { $0.name == first }) {
                try insert(&dir.children[i], parents.dropFirst(), node, tmpl)
            } else {
                var d = tmpl
                d.name = first
                d.kind = .directory
                try insert(&d, parents.dropFirst(), node, tmpl)
                dir.insertChild(d)
            }
        } else {
            dir.insertChild(node)
        }
    }

    /// Removes the node at `path`; returns whether something was removed.
    @discardableResult
    public mutating func remove(at path: String) throws -> Bool {
        let comps = try SafePath.components(path, context: "remove \(path)")
        guard !comps.isEmpty else { throw FormatError(.invalid, context: "remove", "cannot remove the root") }
        return Tree.remove(&root, comps[...])
    }

    private static func remove(_ dir: inout Node, _ comps: ArraySlice<String>) -> Bool {
        guard let first = comps.first, let i = dir.children.firstIndex(where: { $0.name == first }) else { return false }
        if comps.count == 1 { dir.children.remove(at: i); return true }
        return remove(&dir.children[i], comps.dropFirst())
    }

    /// Visits every node depth-first in squashfs order (a directory before its children,
    /// children sorted by name bytes), with its path ("" for the root, "etc/config" below).
    public func walk(_ visit: (String, Node) throws -> Void) rethrows {
        try Tree.walk(root, "", visit)
    }

    private static func walk(_ node: Node, _ path: String, _ visit: (String, Node) throws -> Void) rethrows {
        try visit(path, node)
        for c in node.children {
            try walk(c, path.isEmpty ? c.name : path + "/" + c.name, visit)
        }
    }

    /// Number of nodes, root included.
    public var count: Int {
        var n = 0
        walk { _, _ in n += 1 }
        return n
    }
}

/// One entry of a `Tree`.
public struct Node: Sendable {
    /// File type, as squashfs distinguishes them.
    public enum Kind: String, Sendable, Codable {
        case directory, file, symlink, blockDevice, charDevice, fifo, socket
    }

    /// Name within its parent (no slashes); empty for the root.
    public var name: String
    public var kind: Kind
    /// Permission bits including setuid/setgid/sticky (mode & 0o7777).
    public var mode: UInt16
    public var uid: UInt32
    public var gid: UInt32
    /// Modification time, seconds since the epoch (squashfs stores 32 bits).
    public var mtime: UInt32
    /// Extended attributes in stored order, full names ("user.foo", "security.capability").
    public var xattrs: [Xattr]
    /// Target of a symlink.
    public var linkTarget: String?
    /// Device number of a block or character device.
    public var device: Device?
    /// Nodes with the same non-nil `hardLinkID` are one inode (hard links).
    public var hardLinkID: Int?
    /// Where a regular file's bytes come from.
    public var content: Content
    /// Children of a directory, sorted by name bytes.
    public var children: [Node]

    public init(name: String, kind: Kind, mode: UInt16, uid: UInt32 = 0, gid: UInt32 = 0, mtime: UInt32 = 0,
                xattrs: [Xattr] = [], linkTarget: String? = nil, device: Device? = nil,
                hardLinkID: Int? = nil, content: Content = .empty, children: [Node] = []) {
        self.name = name; self.kind = kind; self.mode = mode; self.uid = uid; self.gid = gid
        self.mtime = mtime; self.xattrs = xattrs; self.linkTarget = linkTarget; self.device = device
        self.hardLinkID = hardLinkID; self.content = content; self.children = children
    }

    /// Size in bytes of a file's content (0 for other kinds).
    public var size: UInt64 { content.size }

    /// Inserts or replaces a child, keeping name-byte order.
    public mutating func insertChild(_ child: Node) {
        let key = Array(child.name.utf8)
        var lo = 0, hi = children.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Array(children[mid].name.utf8).lexicographicallyPrecedes(key) { lo = mid + 1 } else { hi = mid }
        }
        if lo < children.count && children[lo].name == child.name {
            children[lo] = child
        } else {
            children.insert(child, at: lo)
        }
    }
}

/// An extended attribute: full name with its namespace prefix, and value bytes.
public struct Xattr: Sendable, Equatable, Hashable {
    public var name: String
    public var value: [UInt8]
    public init(name: String, value: [UInt8]) { self.name = name; self.value = value }
}

/// A device number (major, minor).
public struct Device: Sendable, Equatable, Hashable {
    public var major: UInt32
    public var minor: UInt32
    public init(major: UInt32, minor: UInt32) { self.major = major; self.minor = minor }
}

/// Where a regular file's bytes come from.
public enum Content: Sendable {
    /// An empty file.
    case empty
    /// Bytes held in memory.
    case bytes([UInt8])
    /// A file on the host, read when the image is written.
    case host(path: String, size: UInt64)
    /// Data blocks and/or fragment of an existing squashfs image, which a writer using the
    /// same compressor and block size copies verbatim instead of recompressing.
    case squashfs(SquashExtent)

    public var size: UInt64 {
        switch self {
        case .empty: return 0
        case .bytes(let b): return UInt64(b.count)
        case .host(_, let s): return s
        case .squashfs(let e): return e.fileSize
        }
    }
}

/// The on-disk location of one file's data inside a squashfs image (squashfs 4.0 layout:
/// consecutive data blocks from `blocksStart`, each with its size word, then an optional
/// tail in a fragment block).
public struct SquashExtent: Sendable {
    /// The image holding the blocks (a view whose offset 0 is the superblock).
    public var image: FileView
    /// Compressor id of that image (1 gzip, 2 lzma, 3 lzo, 4 xz, 5 lz4, 6 zstd).
    public var compressor: UInt16
    /// Block size of that image.
    public var blockSize: UInt32
    /// Offset of the first data block from the start of the image.
    public var blocksStart: UInt64
    /// Size words of the data blocks as stored: bit 24 set = stored uncompressed; size 0 = sparse block.
    public var blockSizes: [UInt32]
    /// The tail end, if the file ends in a fragment.
    public var fragment: FragmentLocation?
    /// The file's length in bytes.
    public var fileSize: UInt64

    public init(image: FileView, compressor: UInt16, blockSize: UInt32, blocksStart: UInt64,
                blockSizes: [UInt32], fragment: FragmentLocation?, fileSize: UInt64) {
        self.image = image; self.compressor = compressor; self.blockSize = blockSize
        self.blocksStart = blocksStart; self.blockSizes = blockSizes; self.fragment = fragment; self.fileSize = fileSize
    }
}

/// Where a file's tail lies: a fragment block (its start and size word) and the offset
/// within the uncompressed fragment block.
public struct FragmentLocation: Sendable, Equatable {
    public var blockStart: UInt64
    /// Size word as stored in the fragment table (bit 24 set = uncompressed).
    public var sizeWord: UInt32
    public var offset: UInt32
    public init(blockStart: UInt64, sizeWord: UInt32, offset: UInt32) {
        self.blockStart = blockStart; self.sizeWord = sizeWord; self.offset = offset
    }
}
