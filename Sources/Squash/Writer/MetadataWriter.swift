import BinaryIO

/// Packs a squashfs metadata table (inodes, directories, xattrs, and the blocks of the
/// id/fragment/export tables) into blocks of 8 KiB uncompressed. Each block is stored with a
/// u16 header: the stored size, with bit 15 set when the block is kept uncompressed because
/// compressing did not make it smaller (squashfs_fs.h `SQUASHFS_METADATA_SIZE`,
/// `SQUASHFS_COMPRESSED_BIT`; mksquashfs.c `mangle()` / squashfs-tools-ng meta_writer.c).
///
/// A reference to a byte is (offset of its block from the table start) << 16 | offset in
/// the block; blocks are flushed in order, so the reference of the next byte is always known.
struct MetadataWriter {
    /// Uncompressed size of a metadata block.
    static let blockSize = Superblock.metadataBlockSize
    let codec: any SquashCodec
    /// The encoded blocks written so far (headers included).
    private(set) var output: [UInt8] = []
    /// Bytes appended but not yet flushed into a block (fewer than 8 KiB).
    private var pending: [UInt8] = []
    /// Table-relative start of every flushed block, by uncompressed block number.
    private(set) var blockStarts: [UInt32] = []
    /// Total uncompressed bytes appended.
    private(set) var uncompressedCount = 0

    init(codec: any SquashCodec) {
        self.codec = codec
        pending.reserveCapacity(2 * MetadataWriter.blockSize)
    }

    /// Reference (block start, offset) of the next byte to be appended.
    var position: (block: UInt32, offset: UInt16) {
        (UInt32(truncatingIfNeeded: output.count), UInt16(pending.count))
    }

    /// The packed 64-bit reference of the next byte (inode references use this form).
    var reference: UInt64 {
        let p = position
        return UInt64(p.block) << 16 | UInt64(p.offset)
    }

    /// Table-relative start of uncompressed block `k` (flushed, or the one being filled).
    func blockStart(ofBlock k: Int) -> UInt32 {
        k < blockStarts.count ? blockStarts[k] : UInt32(truncatingIfNeeded: output.count)
    }

    /// Appends bytes, flushing every full 8 KiB block.
    mutating func append(_ bytes: [UInt8]) throws {
        pending.append(contentsOf: bytes)
        uncompressedCount += bytes.count
        if pending.count >= MetadataWriter.blockSize { try flushFull() }
    }

    private mutating func flushFull() throws {
        var start = 0
        while pending.count - start >= MetadataWriter.blockSize {
            try emit(pending[start ..< start + MetadataWriter.blockSize])
            start += MetadataWriter.blockSize
        }
        pending.removeSubrange(0 ..< start)
    }

    private mutating func emit(_ chunk: ArraySlice<UInt8>) throws {
        guard output.count <= Int(UInt32.max) else {
            throw FormatError(.tooLarge, context: "write metadata", "metadata table exceeds 4 GiB")
        }
        blockStarts.append(UInt32(output.count))
        output.append(contentsOf: try MetadataWriter.encodeBlock(chunk, codec: codec))
    }

    /// Flushes the last, partial block and returns the encoded table.
    mutating func finish() throws -> [UInt8] {
        if !pending.isEmpty {
            try emit(pending[...])
            pending.removeAll()
        }
        return output
    }

    /// One metadata block: header + compressed bytes, or header with bit 15 + raw bytes
    /// when compression does not shrink it (mksquashfs keeps the smaller form).
    static func encodeBlock(_ chunk: ArraySlice<UInt8>, codec: any SquashCodec) throws -> [UInt8] {
        precondition(!chunk.isEmpty && chunk.count <= blockSize)
        let compressed = try chunk.withUnsafeBytes { try codec.compress($0) }
        var out: [UInt8] = []
        out.reserveCapacity(chunk.count + 2)
        if !compressed.isEmpty && compressed.count < chunk.count {
            let h = UInt16(compressed.count)
            out.append(UInt8(h & 0xFF)); out.append(UInt8(h >> 8))
            out.append(contentsOf: compressed)
        } else {
            let h = UInt16(chunk.count) | 0x8000
            out.append(UInt8(h & 0xFF)); out.append(UInt8(h >> 8))
            out.append(contentsOf: chunk)
        }
        return out
    }

    /// A "lookup table" (id, fragment, export, xattr id tables): the entries packed into
    /// metadata blocks written at image offset `at`, then the u64 index of those blocks'
    /// absolute offsets. Returns the bytes to write at `at` and the offset of the index,
    /// which is what the superblock records (squashfs_fs.h `SQUASHFS_*_BLOCK_BYTES`).
    static func lookupTable(_ entries: [UInt8], at: UInt64, codec: any SquashCodec) throws -> (bytes: [UInt8], indexStart: UInt64) {
        var blocks: [UInt8] = []
        var index = ByteWriter(capacity: (entries.count / blockSize + 1) * 8)
        var pos = 0
        while pos < entries.count {
            let end = min(pos + blockSize, entries.count)
            index.u64le(at + UInt64(blocks.count))
            blocks.append(contentsOf: try encodeBlock(entries[pos ..< end], codec: codec))
            pos = end
        }
        let indexStart = at + UInt64(blocks.count)
        blocks.append(contentsOf: index.finish())
        return (blocks, indexStart)
    }
}
