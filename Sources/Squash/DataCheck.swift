import BinaryIO
import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Decodes every data block and fragment tail of a set of files once, to find the files
/// whose data cannot be read (squashfs keeps no checksums: decompressing is the only check).
/// Files made identical by mksquashfs's duplicate detection share their blocks, and small
/// files share fragment blocks, so each distinct block is decoded once, `parallel` at a time;
/// memory stays at one block per worker plus the reader's fragment cache.
public struct DataCheck {
    public let reader: DataReader
    public let parallel: Int

    public init(reader: DataReader, parallel: Int? = nil) {
        self.reader = reader
        self.parallel = max(1, parallel ?? Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// For each file of `files` whose data does not read, its index and the error reading it
    /// gives (the same error `DataReader.contents(of:)` throws: its first bad block, else its
    /// tail), in index order.
    public func unreadable(_ files: [SquashExtent]) -> [(index: Int, error: any Error)] {
        struct BlockKey: Hashable { var offset: UInt64; var word: UInt32; var expected: Int }
        var blockIndex: [BlockKey: Int] = [:]
        var blocks: [BlockKey] = []
        var fileBlocks: [[Int]] = []
        var fragmentGroups: [UInt64: [Int]] = [:]
        var foreign: [Int] = []
        fileBlocks.reserveCapacity(files.count)
        for (i, e) in files.enumerated() {
            guard e.image.base == reader.view.base, e.blockSize == reader.blockSize else {
                foreign.append(i); fileBlocks.append([]); continue
            }
            let offs = reader.blockOffsets(e)
            var mine: [Int] = []
            mine.reserveCapacity(offs.count)
            for j in 0 ..< offs.count {
                let key = BlockKey(offset: offs[j], word: e.blockSizes[j], expected: reader.length(ofBlock: j, e))
                if let k = blockIndex[key] { mine.append(k) } else {
                    blockIndex[key] = blocks.count; mine.append(blocks.count); blocks.append(key)
                }
            }
            fileBlocks.append(mine)
            if let f = e.fragment { fragmentGroups[f.blockStart, default: []].append(i) }
        }
        let groups = Array(fragmentGroups.values)
        let total = blocks.count + groups.count
        let next = Atomic<Int>(0)
        let badBlocks = Mutex<Set<Int>>([])
        let badTails = Mutex<[Int: any Error]>([:])
        let reader = self.reader
        let blockList = blocks
        DispatchQueue.concurrentPerform(iterations: min(parallel, max(1, total))) { _ in
            while true {
                let k = next.add(1, ordering: .relaxed).oldValue
                guard k < total else { return }
                if k < blockList.count {
                    let b = blockList[k]
                    do { _ = try reader.block(at: b.offset, word: b.word, expected: b.expected, what: "data block") } catch {
                        _ = badBlocks.withLock { $0.insert(k) }
                    }
                } else {
                    for i in groups[k - blockList.count] {
                        do { _ = try reader.tail(of: files[i]) } catch { badTails.withLock { $0[i] = error } }
                    }
                }
            }
        }
        let bad = badBlocks.withLock { $0 }
        let tails = badTails.withLock { $0 }
        var out: [(index: Int, error: any Error)] = []
        for i in foreign { out.append((i, Self.firstError(reader, files[i]))) }
        for (i, mine) in fileBlocks.enumerated() where !foreign.contains(i) {
            if mine.contains(where: bad.contains) || tails[i] != nil {
                // Read it again alone, for exactly the error a whole-file read reports.
                out.append((i, Self.firstError(reader, files[i])))
            }
        }
        return out.sorted { $0.index < $1.index }
    }

    private static func firstError(_ reader: DataReader, _ e: SquashExtent) -> any Error {
        do {
            try reader.forEachChunk(of: e) { _ in }
        } catch { return error }
        return FormatError(.invalid, context: "read file", "data failed to read once and read the second time")
    }
}
