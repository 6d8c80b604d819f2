import BinaryIO
import Platform

/// Reads a file's uncompressed bytes block by block for the writer, whatever the content
/// source: memory, a host file (pread, so only the blocks in flight are held), or the data
/// blocks and fragment of another squashfs image, decompressed with that image's codec
/// (squashfs 4.0 data layout: consecutive blocks from `blocksStart`, size word bit 24 =
/// stored uncompressed, 0 = sparse; tail at an offset in a fragment block).
struct ContentReader {
    /// Decoded fragment blocks of source images, shared by the files of one write so a
    /// fragment holding many small files is decompressed once, not once per file.
    final class FragmentCache {
        private var entries: [(key: String, bytes: [UInt8])] = []
        private let capacity = 8
        init() {}
        func get(_ key: String, _ make: () throws -> [UInt8]) rethrows -> [UInt8] {
            if let i = entries.firstIndex(where: { $0.key == key }) { return entries[i].bytes }
            let b = try make()
            entries.append((key, b))
            if entries.count > capacity { entries.removeFirst() }
            return b
        }
    }

    private enum Source {
        case bytes([UInt8])
        case host(RandomAccessFile)
        case squashfs(SquashExtent, any SquashCodec, [UInt64])
    }
    private let source: Source
    let size: UInt64
    let blockSize: Int
    let path: String
    private let cache: FragmentCache

    /// A reader for `content`; a host file must still have the size the tree recorded.
    init(_ content: Content, blockSize: Int, path: String, cache: FragmentCache = FragmentCache()) throws {
        self.blockSize = blockSize
        self.cache = cache
        self.size = content.size
        self.path = path
        switch content {
        case .empty: source = .bytes([])
        case .bytes(let b): source = .bytes(b)
        case .host(let p, let s):
            let f = try RandomAccessFile(path: p)
            guard f.size == s else {
                throw FormatError(.io, context: "read \(path)", "file changed size while the image was written (\(s) -> \(f.size) bytes)", file: p)
            }
            source = .host(f)
        case .squashfs(let e):
            guard let comp = Compressor(rawValue: e.compressor) else {
                throw FormatError(.unsupported, context: "read \(path)", "unknown compressor id \(e.compressor)", file: e.image.path)
            }
            var starts: [UInt64] = []
            starts.reserveCapacity(e.blockSizes.count)
            var at = e.blocksStart
            for s in e.blockSizes {
                starts.append(at)
                at = try Checked.add(at, UInt64(s & 0xFF_FFFF), "read \(path)")
            }
            source = .squashfs(e, Codecs.defaults(comp, blockSize: e.blockSize), starts)
        }
    }

    /// The uncompressed bytes `[offset, offset + count)` of the file, `offset` a multiple of
    /// the writer's block size (blocks of a squashfs source are decoded as needed).
    func read(at offset: UInt64, count: Int) throws -> [UInt8] {
        switch source {
        case .bytes(let b):
            return Array(b[Int(offset) ..< Int(offset) + count])
        case .host(let f):
            return try f.read(at: offset, count: count, context: "read \(path)")
        case .squashfs(let e, let codec, let starts):
            var out: [UInt8] = []
            out.reserveCapacity(count)
            var pos = offset
            let end = offset + UInt64(count)
            let sbs = UInt64(e.blockSize)
            while pos < end {
                let j = Int(pos / sbs)
                let blockStart = UInt64(j) * sbs
                let data: [UInt8]
                guard blockStart < e.fileSize else {
                    throw FormatError(.invalid, context: "read \(path)", "block \(j) starts past the file size \(e.fileSize)", file: e.image.path)
                }
                if j < e.blockSizes.count {
                    data = try decodeBlock(e, codec, at: starts[j], sizeWord: e.blockSizes[j],
                                           length: Int(min(sbs, e.fileSize - blockStart)))
                } else {
                    data = try tail(e, codec)
                }
                let from = Int(pos - blockStart)
                let take = min(data.count - from, Int(end - pos))
                guard take > 0 else {
                    throw FormatError(.truncated, context: "read \(path)", "squashfs data ends before byte \(pos)", file: e.image.path)
                }
                out.append(contentsOf: data[from ..< from + take])
                pos += UInt64(take)
            }
            return out
        }
    }

    private func decodeBlock(_ e: SquashExtent, _ codec: any SquashCodec, at: UInt64, sizeWord: UInt32, length: Int) throws -> [UInt8] {
        if sizeWord == 0 { return [UInt8](repeating: 0, count: length) }
        let stored = Int(sizeWord & 0xFF_FFFF)
        let raw = try e.image.read(at: at, count: stored, context: "read data block of \(path)")
        if sizeWord & (1 << 24) != 0 { return raw }
        return try codec.decompress(raw, maxOutput: Int(e.blockSize))
    }

    private func tail(_ e: SquashExtent, _ codec: any SquashCodec) throws -> [UInt8] {
        guard let f = e.fragment else {
            throw FormatError(.truncated, context: "read \(path)", "file has no fragment for its tail", file: e.image.path)
        }
        let key = "\(ObjectIdentifier(e.image.file).hashValue):\(e.image.base):\(f.blockStart)"
        let block = try cache.get(key) { try decodeBlock(e, codec, at: f.blockStart, sizeWord: f.sizeWord, length: Int(e.blockSize)) }
        let tailLength = Int(e.fileSize % UInt64(e.blockSize))
        guard Int(f.offset) + tailLength <= block.count else {
            throw FormatError(.outOfBounds, offset: e.image.base &+ f.blockStart, context: "read \(path)",
                              "tail of \(tailLength) bytes at fragment offset \(f.offset) exceeds the \(block.count)-byte fragment")
        }
        return Array(block[Int(f.offset) ..< Int(f.offset) + tailLength])
    }
}
