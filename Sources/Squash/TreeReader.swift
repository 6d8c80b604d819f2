import BinaryIO

/// Builds the in-memory `Tree` of an image by walking directories from the root inode
/// (squashfs-tools unsquashfs.c dir_scan). Rejects directory cycles and directories
/// reachable twice, entries whose type disagrees with their inode, and trees deeper than
/// `maxDepth`. Nodes that share an inode get the same `hardLinkID` (the inode number).
public struct TreeReader {
    public let image: SquashImage
    /// Deepest directory nesting accepted.
    public static let maxDepth = 1024

    private var seenDirs = Set<UInt64>()
    private var fileRefs: [UInt64: Int] = [:]
    private var xattrCache: [UInt32: [Xattr]] = [:]

    /// Called for every node in walk order with its path ("" for the root) and inode
    /// (used by listings that show stored sizes, like `unsquashfs -lls`).
    public var visitor: ((String, Inode) -> Void)?

    public init(image: SquashImage, visitor: ((String, Inode) -> Void)? = nil) {
        self.image = image
        self.visitor = visitor
    }

    /// Reads every node.
    public mutating func read() throws -> Tree {
        let rootRef = image.superblock.rootReference
        let rootInode = try image.inode(at: rootRef)
        guard rootInode.kind == .directory else {
            throw FormatError(.invalid, context: "read root inode", "root inode is a \(rootInode.kind.rawValue), not a directory")
        }
        var root = try node(rootInode, name: "")
        seenDirs.insert(rootRef)
        visitor?("", rootInode)
        try fill(&root, rootInode, path: "", depth: 0)
        // Second pass: hard-link identity for inodes reached more than once.
        let shared = fileRefs.filter { $0.value > 1 }
        if !shared.isEmpty { TreeReader.markLinks(&root, shared) }
        return Tree(root: root)
    }

    private static func markLinks(_ n: inout Node, _ shared: [UInt64: Int]) {
        for i in n.children.indices {
            if n.children[i].kind == .directory {
                markLinks(&n.children[i], shared)
            } else if let id = n.children[i].hardLinkID, shared[UInt64(id)] == nil {
                n.children[i].hardLinkID = nil
            }
        }
    }

    private mutating func fill(_ dir: inout Node, _ ino: Inode, path: String, depth: Int) throws {
        guard depth < TreeReader.maxDepth else {
            throw FormatError(.tooLarge, context: "read directory table", "directories nested deeper than \(TreeReader.maxDepth)")
        }
        let entries = try image.entries(of: ino)
        dir.children.reserveCapacity(entries.count)
        var prev: [UInt8]? = nil
        for e in entries {
            let child = try image.inode(at: e.inodeRef)
            guard child.basicType == e.type, child.number == e.inodeNumber else {
                throw FormatError(.invalid, context: "read directory table",
                                  "entry \(e.name.debugDescription) says type \(e.type) inode \(e.inodeNumber), inode has type \(child.type) number \(child.number)")
            }
            var n = try node(child, name: e.name)
            let childPath = visitor == nil ? "" : (path.isEmpty ? e.name : path + "/" + e.name)
            visitor?(childPath, child)
            if child.kind == .directory {
                guard seenDirs.insert(e.inodeRef).inserted else {
                    throw FormatError(.invalid, context: "read directory table",
                                      "directory \(e.name.debugDescription) (inode \(child.number)) is reached twice: a loop or a hard-linked directory")
                }
                try fill(&n, child, path: childPath, depth: depth + 1)
            } else {
                // Key hard links by inode reference; the id is the ref, shared refs survive the second pass.
                fileRefs[e.inodeRef, default: 0] += 1
                n.hardLinkID = Int(truncatingIfNeeded: e.inodeRef)
            }
            let key = Array(e.name.utf8)
            if let p = prev, !p.lexicographicallyPrecedes(key) {
                // Stored order is by name bytes; keep the tree sorted whatever the image says.
                dir.insertChild(n)
            } else {
                dir.children.append(n)
            }
            prev = key
        }
    }

    private mutating func node(_ ino: Inode, name: String) throws -> Node {
        var n = Node(name: name, kind: ino.kind, mode: ino.permissions,
                     uid: try image.ids.id(ino.uidIndex, what: "uid", inode: ino.number),
                     gid: try image.ids.id(ino.gidIndex, what: "gid", inode: ino.number),
                     mtime: ino.mtime)
        if ino.xattrIndex != Inode.none {
            if let x = xattrCache[ino.xattrIndex] {
                n.xattrs = x
            } else {
                let x = try image.xattrs.attributes(ino.xattrIndex, inode: ino.number)
                xattrCache[ino.xattrIndex] = x
                n.xattrs = x
            }
        }
        switch ino.kind {
        case .file:
            let ext = try image.extent(of: ino)
            n.content = ino.fileSize == 0 ? .empty : .squashfs(ext)
        case .symlink:
            n.linkTarget = String(decoding: ino.target, as: UTF8.self)
        case .blockDevice, .charDevice:
            n.device = ino.deviceNumbers
        default:
            break
        }
        return n
    }
}
