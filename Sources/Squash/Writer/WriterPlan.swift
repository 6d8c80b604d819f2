import BinaryIO
import Dispatch

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
/// files sharing a size are compared, by SHA-256 of their bytes (hashed on all cores), or,
/// for files taken from a squashfs image, by the location of their blocks.
enum DuplicateFinder {
    /// Maps the index of each duplicate to the index of the first file with its content.
    static func find(_ contents: [Content]) throws -> [Int: Int] {
        var bySize: [UInt64: [Int]] = [:]
        for (i, c) in contents.enumerated() where c.size > 0 { bySize[c.size, default: []].append(i) }
        let candidates = bySize.values.filter { $0.count > 1 }.flatMap { $0 }.sorted()
        guard !candidates.isEmpty else { return [:] }
        let keys = KeyBox(count: candidates.count)
        DispatchQueue.concurrentPerform(iterations: candidates.count) { k in
            keys.set(k, Result { try key(contents[candidates[k]]) })
        }
        var firstByKey: [String: Int] = [:]
        var out: [Int: Int] = [:]
        for (k, i) in candidates.enumerated() {
            let key = "\(contents[i].size):" + (try keys.get(k))
            if let first = firstByKey[key] { out[i] = first } else { firstByKey[key] = i }
        }
        return out
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

    /// Results written by concurrent hashing, one slot per candidate.
    private final class KeyBox: @unchecked Sendable {
        private var slots: [Result<String, Error>]
        private let lock = DispatchSemaphore(value: 1)
        init(count: Int) { slots = Array(repeating: .success(""), count: count) }
        func set(_ i: Int, _ r: Result<String, Error>) { lock.wait(); slots[i] = r; lock.signal() }
        func get(_ i: Int) throws -> String { try slots[i].get() }
    }
}
