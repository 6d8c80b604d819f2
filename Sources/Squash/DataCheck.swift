import BinaryIO
import Platform
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
    /// Bytes the last `unreadable` call decoded (distinct blocks and each file's tail).
    public private(set) var decodedBytes = 0

    /// Reads through `reader`'s image and codec with a fragment cache of two blocks per
    /// worker (each fragment block's files are checked together, so a bigger cache would
    /// only hold memory: 32 MiB with the default reader).
    public init(reader: DataReader, parallel: Int? = nil) {
        let width = max(1, parallel ?? Workers.onlineProcessors)
        self.reader = DataReader(view: reader.view, codec: reader.codec, blockSize: reader.blockSize,
                                 limit: reader.limit, cachedFragments: 2 * width)
        self.parallel = width
    }

    /// For each file of `files` whose data does not read, its index and the error reading it
    /// gives (the same error `DataReader.contents(of:)` throws: its first bad block, else its
    /// tail), in index order.
    public mutating func unreadable(_ files: [SquashExtent]) -> [(index: Int, error: any Error)] {
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
        let badBlocks = LockedBox<Set<Int>>([])
        let badTails = LockedBox<[Int: any Error]>([:])
        let reader = self.reader
        let blockList = blocks
        // Every decoded block's length is added up and checked, never discarded with `_ =`:
        // Swift 6.3.1's optimizer freed the array `tail(of:)` returns before copying into it
        // when its result was unused (AddressSanitizer: heap-use-after-free in the inlined
        // ArraySlice copy), a crash one run in three on a 100 MB rootfs.
        let decoded = Workers.map(min(parallel, max(1, total))) { _ -> Int in
            var bytes = 0
            while true {
                let k = next.add(1, ordering: .relaxed).oldValue
                guard k < total else { break }
                if k < blockList.count {
                    let b = blockList[k]
                    do {
                        let out = try reader.block(at: b.offset, word: b.word, expected: b.expected, what: "data block")
                        bytes &+= out.count
                    } catch {
                        _ = badBlocks.withLock { $0.insert(k) }
                    }
                } else {
                    for i in groups[k - blockList.count] {
                        do {
                            let out = try reader.tail(of: files[i])
                            bytes &+= out.count
                        } catch { badTails.withLock { $0[i] = error } }
                    }
                }
            }
            return bytes
        }
        self.decodedBytes = decoded.reduce(0) { $0 &+ ((try? $1.get()) ?? 0) }
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
