import BinaryIO
import Platform

/// An opened squashfs 4.0 image: its validated superblock, codec and tables, read from a
/// `FileView` whose offset 0 is the superblock (squashfs-tools unsquashfs.c read_super /
/// read_filesystem_tables; squashfs-tools-ng lib/sqfs). Immutable and safe to share
/// between threads.
public final class SquashImage: Sendable {
    public let view: FileView
    public let superblock: Superblock
    public let codec: any SquashCodec
    /// The compressor-options payload, if the image stores one.
    public let compressorOptions: [UInt8]?
    public let inodeTable: MetadataTable
    public let directoryTable: MetadataTable
    public let ids: IdTable
    public let fragments: FragmentTable
    public let exportTable: ExportTable
    public let xattrs: XattrTable
    /// Data blocks and fragments, with a small cache of decompressed fragment blocks.
    public let data: DataReader

    /// Opens the image at `offset` of the file at `path` (see `SuperblockFinder` for "auto").
    public convenience init(path: String, offset: UInt64 = 0) throws {
        let v: FileView
        do {
            v = try RandomAccessFile(path: path).view(base: offset)
        } catch let e as FormatError { throw e.inFile(path) }
        do {
            try self.init(view: v)
        } catch let e as FormatError { throw e.inFile(path) }
    }

    /// Opens the image in `view`, validating the superblock and reading every table.
    public init(view: FileView) throws {
        self.view = view
        let head = try view.read(at: 0, count: min(Superblock.size, Int(min(view.length, 96))), context: "read superblock")
        guard head.count == Superblock.size else {
            throw FormatError(.truncated, offset: view.base, context: "read superblock", "image is only \(head.count) bytes, a superblock needs 96")
        }
        let sb = try Superblock(parsing: head, fileOffset: view.base, imageSize: view.length)
        superblock = sb
        var opts: [UInt8]? = nil
        if sb.flags.contains(.compressorOptions) {
            // Stored uncompressed (the kernel reads it before its decompressor exists:
            // block.c fails a compressed block while `msblk->stream` is NULL) into one page
            // (decompressor.c get_comp_opts: at most PAGE_SIZE bytes, 4 KiB on OpenWrt targets).
            let o = try MetadataTable.readBlock(image: view, at: UInt64(Superblock.size), limit: sb.inodeTableStart,
                                                codec: nil, name: "compressor options").0
            guard o.count <= Superblock.maxOptionsSize else {
                throw FormatError(.invalid, offset: view.base &+ UInt64(Superblock.size), context: "read compressor options",
                                  "options block is \(o.count) bytes; the kernel reads at most \(Superblock.maxOptionsSize)")
            }
            opts = o
        }
        compressorOptions = opts
        codec = try Codecs.make(sb.compressor, options: opts, blockSize: sb.blockSize, offset: view.base + 96)
        ids = try IdTable(image: view, superblock: sb, codec: codec)
        fragments = try FragmentTable(image: view, superblock: sb, codec: codec)
        exportTable = try ExportTable(image: view, superblock: sb, codec: codec)
        xattrs = try XattrTable(image: view, superblock: sb, codec: codec)
        inodeTable = try MetadataTable(image: view, start: sb.inodeTableStart, end: sb.directoryTableStart,
                                       codec: codec, name: "inode table")
        directoryTable = try MetadataTable(image: view, start: sb.directoryTableStart,
                                           end: SquashImage.directoryTableEnd(view, sb), codec: codec, name: "directory table")
        data = DataReader(view: view, codec: codec, blockSize: sb.blockSize, limit: sb.bytesUsed)
    }

    /// Where the directory table ends: the first table structure after it (mksquashfs writes
    /// inodes, directories, fragment blocks + index, export blocks + index, id blocks + index,
    /// xattr blocks + index).
    static func directoryTableEnd(_ view: FileView, _ sb: Superblock) -> UInt64 {
        var cands: [UInt64] = [sb.bytesUsed, sb.idTableStart]
        if let b = MetadataTable.firstBlock(image: view, indexStart: sb.idTableStart) { cands.append(b) }
        if sb.hasFragmentTable {
            cands.append(sb.fragmentTableStart)
            if let b = MetadataTable.firstBlock(image: view, indexStart: sb.fragmentTableStart) { cands.append(b) }
        }
        if sb.hasExportTable {
            cands.append(sb.exportTableStart)
            if let b = MetadataTable.firstBlock(image: view, indexStart: sb.exportTableStart) { cands.append(b) }
        }
        if sb.hasXattrTable {
            cands.append(sb.xattrIdTableStart)
            if let b = MetadataTable.firstBlock(image: view, indexStart: sb.xattrIdTableStart) { cands.append(b) }
        }
        return cands.filter { $0 > sb.directoryTableStart && $0 <= sb.bytesUsed }.min() ?? sb.bytesUsed
    }

    /// The inode at reference `ref` (metadata block offset << 16 | offset in block).
    public func inode(at ref: UInt64) throws -> Inode {
        guard ref >> 48 == 0 else {
            throw FormatError(.outOfBounds, offset: view.base &+ superblock.inodeTableStart, context: "read inode table",
                              "inode reference 0x\(String(ref, radix: 16)) out of range")
        }
        let pos = try inodeTable.position(block: ref >> 16, offset: UInt32(ref & 0xFFFF), what: "inode 0x\(String(ref, radix: 16))")
        var r = try inodeTable.reader(at: pos, context: "read inode table")
        let ino = try Inode(parsing: &r, blockSize: superblock.blockSize)
        guard ino.number >= 1, ino.number <= superblock.inodeCount else {
            throw FormatError(.invalid, offset: view.base &+ superblock.inodeTableStart, context: "read inode table",
                              "inode number \(ino.number) outside 1...\(superblock.inodeCount)")
        }
        if let expected = exportTable.ref(of: ino.number), expected != ref {
            throw FormatError(.invalid, offset: view.base &+ superblock.exportTableStart, context: "read export table",
                              "inode \(ino.number) is at 0x\(String(ref, radix: 16)), export table says 0x\(String(expected, radix: 16))")
        }
        return ino
    }

    /// The entries of directory inode `dir`, in stored (name) order.
    public func entries(of dir: Inode) throws -> [DirectoryEntry] {
        guard dir.dirSize >= 3 else {
            throw FormatError(.invalid, context: "read inode \(dir.number)", "directory size \(dir.dirSize) is below 3")
        }
        if dir.dirSize == 3 { return [] }
        let pos = try directoryTable.position(block: UInt64(dir.dirBlock), offset: UInt32(dir.dirOffset),
                                              what: "directory of inode \(dir.number)")
        var r = try directoryTable.reader(at: pos, context: "read directory table")
        return try DirectoryEntry.parseListing(&r, size: Int(dir.dirSize) - 3, inodeCount: superblock.inodeCount)
    }

    /// Where the data of file inode `ino` lies, validated against the image and fragment table.
    public func extent(of ino: Inode) throws -> SquashExtent {
        let ctx = "read inode \(ino.number)"
        var end = ino.blocksStart
        for w in ino.blockSizes {
            guard w & ~0x1FF_FFFF == 0, w & 0xFF_FFFF <= superblock.blockSize else {
                throw FormatError(.invalid, context: ctx, "block size word 0x\(String(w, radix: 16)) larger than a block")
            }
            end = try Checked.add(end, UInt64(w & 0xFF_FFFF), ctx)
        }
        guard ino.blockSizes.isEmpty || (ino.blocksStart >= UInt64(Superblock.size) && end <= superblock.bytesUsed) else {
            throw FormatError(.outOfBounds, context: ctx,
                              "data blocks [0x\(String(ino.blocksStart, radix: 16)), 0x\(String(end, radix: 16))) outside the image")
        }
        var frag: FragmentLocation? = nil
        if ino.fragmentIndex != Inode.none {
            let e = try fragments.entry(ino.fragmentIndex, inode: ino.number)
            let tail = ino.fileSize % UInt64(superblock.blockSize)
            guard tail > 0, UInt64(ino.fragmentOffset) + tail <= UInt64(superblock.blockSize) else {
                throw FormatError(.invalid, context: ctx, "fragment offset \(ino.fragmentOffset) + tail \(tail) exceeds the block size")
            }
            frag = FragmentLocation(blockStart: e.start, sizeWord: e.sizeWord, offset: ino.fragmentOffset)
        }
        return SquashExtent(image: view, compressor: superblock.compressor.rawValue, blockSize: superblock.blockSize,
                            blocksStart: ino.blocksStart, blockSizes: ino.blockSizes, fragment: frag, fileSize: ino.fileSize)
    }

    /// Reads the whole tree (see `TreeReader`).
    public func readTree(visitor: ((String, Inode) -> Void)? = nil) throws -> Tree {
        try withFile(view.path) {
            var reader = TreeReader(image: self, visitor: visitor)
            return try reader.read()
        }
    }
}
