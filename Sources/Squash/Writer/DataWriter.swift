import BinaryIO
import Platform

/// Where one file's data ended up: what its inode records (squashfs_fs.h
/// `squashfs_reg_inode_header` / `squashfs_lreg_inode_header`).
struct FileData: Sendable {
    var blocksStart: UInt64 = 0
    var started = false
    var blockSizes: [UInt32] = []
    var fragmentIndex: UInt32 = Inode.none
    var fragmentOffset: UInt32 = 0
    /// Bytes of the file held in sparse (all-zero, unstored) blocks.
    var sparse: UInt64 = 0
}

/// Counters the writer reports.
public struct DataStatistics: Sendable, Codable, Equatable {
    /// Data and fragment blocks compressed (or stored raw) from uncompressed bytes.
    public var compressedBlocks = 0
    /// Data blocks copied verbatim from a source image (incremental repack).
    public var copiedBlocks = 0
    /// Fragment blocks copied verbatim from a source image.
    public var copiedFragments = 0
    /// All-zero blocks stored as sparse (no bytes).
    public var sparseBlocks = 0
    /// Files whose data duplicates an earlier file's and share its blocks.
    public var duplicateFiles = 0
    /// All counters zero.
    public init() {}
}

/// Writes file data in mksquashfs's layout: for each file, in tree order, its full blocks
/// (and its last partial block) as data blocks, except that a file smaller than the block
/// size (or, with always-use-fragments, any tail) is packed into the current fragment
/// block, which is written when the next tail no longer fits (mksquashfs.c
/// `write_file_blocks`, `get_and_fill_fragment`). All-zero blocks become sparse (size 0).
/// Blocks of files from a squashfs image with the same compressor and block size are copied
/// verbatim, as are the fragment blocks holding their tails.
final class DataWriter {
    enum Target { case block(file: Int, length: Int), fragment(Int) }

    let out: RandomAccessFile
    private(set) var position: UInt64
    let codec: any SquashCodec
    let blockSize: Int
    let compressor: Compressor
    let fragments: Bool
    let alwaysFragments: Bool
    private(set) var records: [FileData] = []
    private(set) var fragmentTable = FragmentTableWriter()
    private(set) var stats = DataStatistics()
    private var fragmentBuffer: [UInt8] = []
    private var openFragment: Int?
    private var copiedFragmentIndex: [String: Int] = [:]
    private let pipeline: BlockPipeline<Target>
    private let progress: ProgressMeter?
    private let fragmentCache = ContentReader.FragmentCache()

    init(out: RandomAccessFile, start: UInt64, codec: any SquashCodec, blockSize: Int, fragments: Bool,
         alwaysFragments: Bool, threads: Int, progress: ProgressMeter?) {
        self.out = out; self.position = start; self.codec = codec; self.blockSize = blockSize
        self.compressor = codec.compressor
        self.fragments = fragments; self.alwaysFragments = alwaysFragments; self.progress = progress
        // One compression thread per processor: with two per processor (as mksquashfs runs a
        // block and a fragment deflator each) xz spent 30% more CPU on the same blocks, its
        // encoders evicting each other's match-finder tables from the caches. Up to 4 MiB of
        // blocks in flight, at least 4 per thread (32 MiB cost xz another 4%).
        pipeline = BlockPipeline(threads: threads, window: max(4 * threads, (4 << 20) / max(blockSize, 4096)))
    }

    private func submit(_ target: Target, _ job: @escaping @Sendable () throws -> BlockResult) throws {
        try pipeline.submit(target, consume: consume, job)
    }

    private func consume(_ r: BlockResult, _ t: Target) throws {
        switch t {
        case .block(let i, let length):
            if !records[i].started { records[i].blocksStart = position; records[i].started = true }
            records[i].blockSizes.append(r.sizeWord)
            if r.sizeWord == 0 { records[i].sparse += UInt64(length); stats.sparseBlocks += 1 }
            progress?.add(length)
        case .fragment(let k):
            fragmentTable.entries[k] = (position, r.sizeWord)
        }
        if !r.bytes.isEmpty {
            try out.write(r.bytes, at: position)
            position += UInt64(r.bytes.count)
        }
    }

    /// Adds the next file (in tree order) and returns its record index.
    func add(_ content: Content, path: String) throws -> Int {
        let i = records.count
        records.append(FileData())
        let size = content.size
        guard size > 0 else { return i }
        if case .squashfs(let e) = content, canCopy(e) {
            try copy(e, file: i)
            return i
        }
        let reader = try ContentReader(content, blockSize: blockSize, path: path, cache: fragmentCache)
        let bs = UInt64(blockSize)
        let useFragment = fragments && (size < bs || (alwaysFragments && size % bs != 0))
        let fullBlocks = useFragment ? size / bs : (size + bs - 1) / bs
        for j in 0 ..< fullBlocks {
            let off = j * bs
            let n = Int(min(bs, size - off))
            let block = try reader.read(at: off, count: n)
            stats.compressedBlocks += 1
            let codec = self.codec
            try submit(.block(file: i, length: n)) {
                if DataWriter.isZero(block) { return BlockResult(bytes: [], sizeWord: 0) }
                return try DataWriter.pack(block, codec: codec)
            }
        }
        if useFragment {
            let tailStart = fullBlocks * bs
            let tail = try reader.read(at: tailStart, count: Int(size - tailStart))
            try addTail(tail, file: i)
        }
        return i
    }

    /// Whether a squashfs extent's blocks can be copied as they are.
    func canCopy(_ e: SquashExtent) -> Bool {
        e.compressor == compressor.rawValue && e.blockSize == UInt32(blockSize) && (e.fragment == nil || fragments)
            && e.blockSizes.count == Int(e.fragment == nil ? (e.fileSize + UInt64(e.blockSize) - 1) / UInt64(e.blockSize)
                                                           : e.fileSize / UInt64(e.blockSize))
    }

    private func copy(_ e: SquashExtent, file i: Int) throws {
        var at = e.blocksStart
        let bs = UInt64(blockSize)
        for (j, word) in e.blockSizes.enumerated() {
            let length = Int(min(bs, e.fileSize - UInt64(j) * bs))
            let stored = Int(word & 0xFF_FFFF)
            guard stored <= blockSize else {
                throw FormatError(.invalid, offset: e.image.base &+ at, context: "copy data block",
                                  "stored block of \(stored) bytes exceeds the block size", file: e.image.path)
            }
            if word == 0 {
                try submit(.block(file: i, length: length)) { BlockResult(bytes: [], sizeWord: 0) }
                continue
            }
            let image = e.image, from = at
            stats.copiedBlocks += 1
            try submit(.block(file: i, length: length)) {
                BlockResult(bytes: try image.read(at: from, count: stored, context: "copy data block"), sizeWord: word)
            }
            at = try Checked.add(at, UInt64(stored), "copy data block")
        }
        guard let f = e.fragment else { return }
        progress?.add(e.fileSize % bs)  // the tail (canCopy: the blocks hold fileSize / bs whole blocks)
        let key = "\(ObjectIdentifier(e.image.file).hashValue):\(e.image.base):\(f.blockStart)"
        let k: Int
        if let existing = copiedFragmentIndex[key] {
            k = existing
        } else {
            k = fragmentTable.entries.count
            fragmentTable.entries.append((0, 0))
            copiedFragmentIndex[key] = k
            let stored = Int(f.sizeWord & 0xFF_FFFF)
            guard stored <= blockSize else {
                throw FormatError(.invalid, offset: e.image.base &+ f.blockStart, context: "copy fragment block",
                                  "stored fragment of \(stored) bytes exceeds the block size", file: e.image.path)
            }
            let image = e.image, word = f.sizeWord
            stats.copiedFragments += 1
            try submit(.fragment(k)) {
                BlockResult(bytes: try image.read(at: f.blockStart, count: stored, context: "copy fragment block"), sizeWord: word)
            }
        }
        records[i].fragmentIndex = UInt32(k)
        records[i].fragmentOffset = f.offset
    }

    private func addTail(_ tail: [UInt8], file i: Int) throws {
        if fragmentBuffer.count + tail.count > blockSize { try flushFragment() }
        if openFragment == nil {
            openFragment = fragmentTable.entries.count
            fragmentTable.entries.append((0, 0))
        }
        records[i].fragmentIndex = UInt32(openFragment ?? 0)
        records[i].fragmentOffset = UInt32(fragmentBuffer.count)
        fragmentBuffer.append(contentsOf: tail)
        progress?.add(tail.count)
    }

    private func flushFragment() throws {
        guard let k = openFragment, !fragmentBuffer.isEmpty else { return }
        let block = fragmentBuffer, codec = self.codec
        fragmentBuffer = []
        fragmentBuffer.reserveCapacity(blockSize)
        openFragment = nil
        stats.compressedBlocks += 1
        try submit(.fragment(k)) { try DataWriter.pack(block, codec: codec) }
    }

    /// Writes the last fragment and waits for every block.
    func finish() throws {
        try flushFragment()
        try pipeline.finish(consume: consume)
    }

    /// Records that a file shares an earlier file's data instead of being written.
    func noteDuplicate() { stats.duplicateFiles += 1 }

    /// Compressed block with its size word, or the raw block with bit 24 when compression
    /// does not make it smaller (mksquashfs.c `mangle2`).
    static func pack(_ block: [UInt8], codec: any SquashCodec) throws -> BlockResult {
        let c = try codec.compress(block)
        if !c.isEmpty && c.count < block.count { return BlockResult(bytes: c, sizeWord: UInt32(c.count)) }
        return BlockResult(bytes: block, sizeWord: UInt32(block.count) | 1 << 24)
    }

    /// Whether every byte is zero (such a block is stored sparse).
    static func isZero(_ b: [UInt8]) -> Bool {
        b.withUnsafeBytes { raw in
            let words = raw.count / 8
            guard let p = raw.baseAddress else { return true }
            for w in 0 ..< words where p.loadUnaligned(fromByteOffset: w * 8, as: UInt64.self) != 0 { return false }
            for k in (words * 8) ..< raw.count where raw[k] != 0 { return false }
            return true
        }
    }
}
