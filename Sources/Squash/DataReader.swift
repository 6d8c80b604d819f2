import BinaryIO
import Platform

/// Reads file contents from data blocks and fragment blocks (squashfs 4.0: a file's blocks
/// lie consecutively from its `blocksStart`, each with a size word — bit 24 set = stored
/// uncompressed, size 0 = sparse block of zeros — and its tail may lie at an offset inside
/// a shared fragment block). Memory stays bounded: one block per worker plus an LRU cache
/// of at most 32 MiB of decompressed fragment blocks.
public final class DataReader: Sendable {
    public let view: FileView
    public let codec: any SquashCodec
    public let blockSize: UInt32
    /// End of the image's used bytes; no block may pass it.
    public let limit: UInt64
    /// Decompressed fragment blocks by start offset, with a use counter for LRU eviction.
    private let cache = LockedBox<(blocks: [UInt64: (bytes: [UInt8], used: UInt64)], clock: UInt64)>(([:], 0))
    /// Fragment blocks kept decompressed: 32 MiB worth (256 blocks of 128 KiB), at least 8.
    /// Deduplicated small files point back at old fragment blocks, so a small cache would
    /// decompress the same block again and again.
    public let cachedFragments: Int

    /// `cachedFragments` overrides the default cache size (32 MiB worth, at least 8 blocks);
    /// readers that visit each fragment block's files together need only a few.
    public init(view: FileView, codec: any SquashCodec, blockSize: UInt32, limit: UInt64, cachedFragments: Int? = nil) {
        self.view = view; self.codec = codec; self.blockSize = blockSize; self.limit = limit
        self.cachedFragments = max(1, cachedFragments ?? max(8, (32 << 20) / Int(max(blockSize, 4096))))
    }

    /// Decodes one stored block at `offset` with size word `word` into exactly `expected` bytes.
    public func block(at offset: UInt64, word: UInt32, expected: Int, what: @autoclosure () -> String) throws -> [UInt8] {
        let size = Int(word & 0xFF_FFFF)
        if size == 0 { return [UInt8](repeating: 0, count: expected) }
        guard offset <= limit, UInt64(size) <= limit - offset, size <= Int(blockSize) else {
            throw FormatError(.outOfBounds, offset: view.base &+ offset, context: "read \(what())",
                              "block of \(size) bytes at 0x\(String(offset, radix: 16)) outside the image")
        }
        let raw = try view.read(at: offset, count: size, context: "read \(what())")
        let out: [UInt8]
        if word & (1 << 24) != 0 {
            out = raw
        } else {
            do {
                out = try raw.withUnsafeBytes { try codec.decompress($0, maxOutput: Int(blockSize)) }
            } catch let e as FormatError {
                throw FormatError(e.kind, offset: view.base &+ offset, context: "read \(what())", e.message)
            }
        }
        guard out.count >= expected else {
            throw FormatError(.invalid, offset: view.base &+ offset, context: "read \(what())",
                              "block holds \(out.count) bytes, expected \(expected)")
        }
        return out.count == expected ? out : Array(out[0 ..< expected])
    }

    /// The decompressed fragment block `loc` (cached).
    public func fragmentBlock(_ loc: FragmentLocation) throws -> [UInt8] {
        let hit: [UInt8]? = cache.withLock { c in
            guard let e = c.blocks[loc.blockStart] else { return nil }
            c.clock += 1
            c.blocks[loc.blockStart] = (e.bytes, c.clock)
            return e.bytes
        }
        if let hit { return hit }
        let size = Int(loc.sizeWord & 0xFF_FFFF)
        let raw = try view.read(at: loc.blockStart, count: size, context: "read fragment block")
        var out: [UInt8]
        if loc.sizeWord & (1 << 24) != 0 {
            out = raw
        } else {
            do {
                out = try raw.withUnsafeBytes { try codec.decompress($0, maxOutput: Int(blockSize)) }
            } catch let e as FormatError {
                throw FormatError(e.kind, offset: view.base &+ loc.blockStart, context: "read fragment block", e.message)
            }
        }
        out = out.count > Int(blockSize) ? Array(out[0 ..< Int(blockSize)]) : out
        let capacity = cachedFragments
        cache.withLock { c in
            c.clock += 1
            c.blocks[loc.blockStart] = (out, c.clock)
            if c.blocks.count > capacity, let oldest = c.blocks.min(by: { $0.value.used < $1.value.used })?.key {
                c.blocks[oldest] = nil
            }
        }
        return out
    }

    /// The tail of `e` from its fragment block.
    public func tail(of e: SquashExtent) throws -> [UInt8] {
        guard let f = e.fragment else { return [] }
        let n = Int(e.fileSize % UInt64(blockSize))
        let b = try fragmentBlock(f)
        let start = Int(f.offset)
        guard start + n <= b.count else {
            throw FormatError(.invalid, offset: view.base &+ f.blockStart, context: "read fragment block",
                              "tail [\(start), +\(n)) beyond the \(b.count) bytes of the fragment block")
        }
        return Array(b[start ..< start + n])
    }

    /// File offsets of each data block of `e` (prefix sums of the stored sizes).
    public func blockOffsets(_ e: SquashExtent) -> [UInt64] {
        var offs = [UInt64](repeating: 0, count: e.blockSizes.count)
        var at = e.blocksStart
        for (i, w) in e.blockSizes.enumerated() { offs[i] = at; at &+= UInt64(w & 0xFF_FFFF) }
        return offs
    }

    /// Uncompressed length of block `i` of `e`.
    @inline(__always)
    public func length(ofBlock i: Int, _ e: SquashExtent) -> Int {
        let start = UInt64(i) * UInt64(blockSize)
        return Int(min(UInt64(blockSize), e.fileSize - start))
    }

    /// Streams the contents of `e` to `body` in order, one block at a time, decompressing up to
    /// `parallel` blocks at once. Holds at most `2 * parallel` blocks in memory.
    public func forEachChunk(of e: SquashExtent, parallel: Int = 1, _ body: ([UInt8]) throws -> Void) throws {
        guard e.image.base == view.base, e.blockSize == blockSize else {
            throw FormatError(.usage, context: "read file", "extent belongs to another image")
        }
        let offs = blockOffsets(e)
        let n = e.blockSizes.count
        let width = max(1, parallel)
        var i = 0
        while i < n {
            let batch = min(n - i, width * 2)
            if batch == 1 || width == 1 {
                try body(try block(at: offs[i], word: e.blockSizes[i], expected: length(ofBlock: i, e), what: "data block \(i)"))
                i += 1
                continue
            }
            let base = i
            let done = Workers.map(batch) { k in
                let j = base + k
                return try self.block(at: offs[j], word: e.blockSizes[j], expected: self.length(ofBlock: j, e), what: "data block \(j)")
            }
            for r in done { try body(try r.get()) }
            i += batch
        }
        if e.fragment != nil { try body(try tail(of: e)) }
    }

    /// The whole contents of `e`, refusing files larger than `maxSize`.
    public func contents(of e: SquashExtent, maxSize: Int = 1 << 30) throws -> [UInt8] {
        try Checked.limit(e.fileSize, UInt64(maxSize), "file size", context: "read file")
        var out: [UInt8] = []
        out.reserveCapacity(Int(e.fileSize))
        try forEachChunk(of: e) { out.append(contentsOf: $0) }
        return out
    }
}
