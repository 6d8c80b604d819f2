import BinaryIO
import Digests

/// The writer's view of a tree before anything is written: inode numbers, hard-link
/// counts and the order file data is written in. Inode numbers follow the order inodes
/// are written (mksquashfs.c `dir_scan` writes a directory's children before the directory,
/// so the root has the highest number); data follows tree order (mksquashfs reader.c
/// `reader_scan`: each directory's entries in name order, descending into subdirectories
/// where they occur).
struct WriterPlan {
    struct PlannedFile {
        var content: Content
        var path: String
    }

    /// Regular files whose data is written, in data order (each hard-linked file once).
    private(set) var files: [PlannedFile] = []
    /// Inode number of every directory, by the order directories are entered (pre-order).
    private(set) var dirNumbers: [UInt32] = []
    /// Number of directory entries naming each hard-link group.
    private(set) var linkCounts: [Int: UInt32] = [:]
    private(set) var inodeCount = 0

    init(_ tree: Tree, options: SquashWriterOptions) throws {
        var seen = Set<Int>()
        var counter: UInt32 = 0
        tree.walk { _, node in
            if node.kind != .directory, let h = node.hardLinkID { linkCounts[h, default: 0] += 1 }
        }
        try visit(tree.root, path: "", seen: &seen, counter: &counter)
        inodeCount = Int(counter)
    }

    private mutating func visit(_ dir: Node, path: String, seen: inout Set<Int>, counter: inout UInt32) throws {
        let idx = dirNumbers.count
        dirNumbers.append(0)
        for c in dir.children {
            let p = path.isEmpty ? c.name : path + "/" + c.name
            if c.kind == .directory {
                try visit(c, path: p, seen: &seen, counter: &counter)
                continue
            }
            if let h = c.hardLinkID, !seen.insert(h).inserted { continue }
            guard counter < UInt32.max - 2 else {
                throw FormatError(.tooLarge, context: "write squashfs", "too many inodes")
            }
            counter += 1
            if c.kind == .file { files.append(PlannedFile(content: c.content, path: p)) }
        }
        counter += 1
        dirNumbers[idx] = counter
    }
}

/// Finds files whose content equals an earlier file's (mksquashfs.c `duplicate()`): only
/// files sharing a size are compared, by SHA-256 of their bytes, or, for files taken from a
/// squashfs image, by the location of their blocks. Files are hashed one by one as the
/// writer reaches them, so hashing overlaps compression instead of preceding it.
struct DuplicateFinder {
    private let contents: [Content]
    private let collides: Set<UInt64>
    private var firstByKey: [String: Int] = [:]

    init(_ contents: [Content]) {
        self.contents = contents
        var seen = Set<UInt64>(), twice = Set<UInt64>()
        for c in contents where c.size > 0 {
            if !seen.insert(c.size).inserted { twice.insert(c.size) }
        }
        collides = twice
    }

    /// The index of the first earlier file with the same content as file `i`, or nil
    /// (then `i` becomes the original for later files). Call in file order.
    mutating func original(of i: Int) throws -> Int? {
        let c = contents[i]
        guard collides.contains(c.size) else { return nil }
        let key = "\(c.size):" + (try DuplicateFinder.key(c))
        if let first = firstByKey[key] { return first }
        firstByKey[key] = i
        return nil
    }

    private static func key(_ c: Content) throws -> String {
        switch c {
        case .empty: return "empty"
        case .bytes(let b): return "h" + Hex.encode(Digest.sha256(b))
        case .host(let p, _): return "h" + Hex.encode(try Digest.hashFile(.sha256, path: p))
        case .squashfs(let e):
            let frag = e.fragment.map { "\($0.blockStart)+\($0.offset)" } ?? "-"
            return "s\(ObjectIdentifier(e.image.file).hashValue):\(e.image.base):\(e.blocksStart):\(e.blockSizes.count):\(frag)"
        }
    }
}
