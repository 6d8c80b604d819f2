import BinaryIO
import Platform

/// A run of squashfs metadata blocks decompressed into one buffer. Each block on disk is a
/// u16 header (bit 15 set = stored uncompressed, low 15 bits = stored size, at most 8 KiB)
/// followed by its bytes, and decompresses to at most 8 KiB (squashfs_fs.h
/// SQUASHFS_METADATA_SIZE; squashfs-tools-ng lib/sqfs/src/meta_reader.c).
/// A reference (block offset relative to the table start, offset in the block) resolves to a
/// position in `bytes`; reads may continue into the following blocks, as inodes and
/// directory listings do, but never past the table.
public struct MetadataTable: Sendable {
    /// The decompressed bytes of all blocks, in disk order.
    public let bytes: [UInt8]
    /// Table start, relative to the image.
    public let start: UInt64
    /// Absolute file offset of the image (for error offsets).
    let imageBase: UInt64
    /// Block start (relative to `start`) -> position of its first byte in `bytes`.
    private let blockPositions: [UInt32: Int]
    /// Name used in errors ("inode table").
    public let name: String
    /// Largest decompressed table accepted (a 1 GiB image of small files needs ~100 MiB).
    public static let maxDecompressed = 512 << 20

    /// Reads and decompresses every metadata block in `[start, end)` of `image`.
    public init(image: FileView, start: UInt64, end: UInt64, codec: any SquashCodec, name: String) throws {
        self.start = start
        self.imageBase = image.base
        self.name = name
        guard start <= end, end <= image.length else {
            throw FormatError(.outOfBounds, offset: image.base &+ start, context: "read \(name)",
                              "table [0x\(String(start, radix: 16)), 0x\(String(end, radix: 16))) outside the image")
        }
        let length = try Checked.int(end - start, "read \(name)")
        try Checked.limit(length, 1 << 30, "table size", context: "read \(name)", offset: image.base &+ start)
        let raw = try image.read(at: start, count: length, context: "read \(name)")
        var out: [UInt8] = []
        out.reserveCapacity(min(length * 4, 64 << 20))
        var positions: [UInt32: Int] = [:]
        var pos = 0
        while pos < raw.count {
            guard pos <= Int(UInt32.max) else { break }
            let (payload, next) = try MetadataTable.block(raw, at: pos, fileOffset: image.base &+ start, codec: codec, name: name)
            positions[UInt32(pos)] = out.count
            out.append(contentsOf: payload)
            if out.count > MetadataTable.maxDecompressed {
                throw FormatError(.tooLarge, offset: image.base &+ start, context: "read \(name)",
                                  "decompresses to more than \(MetadataTable.maxDecompressed) bytes")
            }
            pos = next
        }
        bytes = out
        blockPositions = positions
    }

    /// Decodes the metadata block at `pos` of `raw`; returns its payload and the next block's position.
    static func block(_ raw: [UInt8], at pos: Int, fileOffset: UInt64, codec: any SquashCodec, name: String) throws -> ([UInt8], Int) {
        let at = fileOffset &+ UInt64(pos)
        guard pos + 2 <= raw.count else {
            throw FormatError(.truncated, offset: at, context: "read \(name)", "metadata block header cut off")
        }
        let header = UInt16(raw[pos]) | UInt16(raw[pos + 1]) << 8
        let size = Int(header & 0x7FFF)
        let compressed = header & 0x8000 == 0
        guard size > 0, size <= Superblock.metadataBlockSize else {
            throw FormatError(.invalid, offset: at, context: "read \(name)", "metadata block size \(size) not in 1..8192")
        }
        guard size <= raw.count - pos - 2 else {
            throw FormatError(.truncated, offset: at, context: "read \(name)",
                              "metadata block of \(size) bytes runs past the table end")
        }
        let body = raw[(pos + 2) ..< (pos + 2 + size)]
        let payload: [UInt8]
        if compressed {
            do {
                payload = try body.withUnsafeBytes { try codec.decompress($0, maxOutput: Superblock.metadataBlockSize) }
            } catch let e as FormatError {
                throw FormatError(e.kind, offset: at, context: "read \(name)", "metadata block: \(e.message)")
            }
            guard !payload.isEmpty else {
                throw FormatError(.invalid, offset: at, context: "read \(name)", "metadata block decompresses to nothing")
            }
        } else {
            payload = Array(body)
        }
        return (payload, pos + 2 + size)
    }

    /// Reads one metadata block at `offset` of `image` (used for the compressor options and
    /// the single-block tables); returns its payload and the offset after it.
    public static func readBlock(image: FileView, at offset: UInt64, limit: UInt64, codec: (any SquashCodec)?,
                                 name: String) throws -> ([UInt8], UInt64) {
        guard offset < limit, limit <= image.length else {
            throw FormatError(.outOfBounds, offset: image.base &+ offset, context: "read \(name)",
                              "metadata block at 0x\(String(offset, radix: 16)) outside the image")
        }
        let avail = Int(min(limit - offset, UInt64(Superblock.metadataBlockSize + 2)))
        let raw = try image.read(at: offset, count: avail, context: "read \(name)")
        guard raw.count >= 2 else {
            throw FormatError(.truncated, offset: image.base &+ offset, context: "read \(name)", "metadata block header cut off")
        }
        if raw[1] & 0x80 == 0 && codec == nil {
            throw FormatError(.invalid, offset: image.base &+ offset, context: "read \(name)", "block must be stored uncompressed")
        }
        let (payload, next) = try block(raw, at: 0, fileOffset: image.base &+ offset,
                                        codec: codec ?? GzipCodec(), name: name)
        return (payload, offset + UInt64(next))
    }

    /// The position in `bytes` of reference (block, offset), checked against the table.
    public func position(block: UInt64, offset: UInt32, what: String) throws -> Int {
        guard block <= UInt64(UInt32.max), let p = blockPositions[UInt32(block)] else {
            throw FormatError(.outOfBounds, offset: imageBase &+ start &+ block, context: "read \(name)",
                              "\(what): no metadata block starts at table offset 0x\(String(block, radix: 16))")
        }
        guard offset < UInt32(Superblock.metadataBlockSize), p + Int(offset) < bytes.count else {
            throw FormatError(.outOfBounds, offset: imageBase &+ start &+ block, context: "read \(name)",
                              "\(what): offset \(offset) beyond table end")
        }
        return p + Int(offset)
    }

    /// A reader over the table from `position` to its end. Error offsets name the
    /// table start (decompressed positions have no single file offset).
    public func reader(at position: Int, context: String) throws -> ByteReader {
        let r = ByteReader(bytes, fileOffset: imageBase &+ start, context: context)
        return try r.view(at: position, length: bytes.count - position, context)
    }

    /// Reads a "lookup table": `count` fixed-size entries stored in metadata blocks whose
    /// offsets are listed as u64s at `indexStart` (id, fragment and export tables).
    /// Every listed block must lie in `[96, indexStart)`.
    public static func readIndexed(image: FileView, indexStart: UInt64, count: Int, entrySize: Int,
                                   codec: any SquashCodec, limit: UInt64, name: String) throws -> [UInt8] {
        let total = try Checked.mul(count, entrySize, "read \(name)")
        let blocks = (total + Superblock.metadataBlockSize - 1) / Superblock.metadataBlockSize
        let indexLen = try Checked.mul(blocks, 8, "read \(name) index")
        guard indexStart <= limit, UInt64(indexLen) <= limit - indexStart else {
            throw FormatError(.outOfBounds, offset: image.base &+ indexStart, context: "read \(name)",
                              "index of \(blocks) blocks runs past the image end 0x\(String(limit, radix: 16))")
        }
        var index = try image.reader(at: indexStart, count: indexLen, context: "read \(name) index")
        var out: [UInt8] = []
        out.reserveCapacity(min(total, 1 << 24))  // grows only as blocks actually decode
        for i in 0 ..< blocks {
            let at = try index.u64le("block \(i) offset")
            guard at >= UInt64(Superblock.size), at < indexStart else {
                throw FormatError(.outOfBounds, offset: image.base &+ indexStart &+ UInt64(i * 8), context: "read \(name)",
                                  "block \(i) offset 0x\(String(at, radix: 16)) outside [0x60, 0x\(String(indexStart, radix: 16)))")
            }
            let (payload, _) = try readBlock(image: image, at: at, limit: indexStart, codec: codec, name: name)
            let want = min(Superblock.metadataBlockSize, total - i * Superblock.metadataBlockSize)
            guard payload.count >= want else {
                throw FormatError(.truncated, offset: image.base &+ at, context: "read \(name)",
                                  "block \(i) holds \(payload.count) bytes, need \(want)")
            }
            out.append(contentsOf: payload[0 ..< want])
        }
        return out
    }

    /// The first block offsets listed in a lookup table index (to find where tables end).
    static func firstBlock(image: FileView, indexStart: UInt64) -> UInt64? {
        guard let r = try? image.read(at: indexStart, count: 8) else { return nil }
        var v: UInt64 = 0
        for i in 0 ..< 8 { v |= UInt64(r[i]) << (8 * UInt64(i)) }
        return v
    }
}
