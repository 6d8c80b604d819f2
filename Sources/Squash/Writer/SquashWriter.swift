import BinaryIO
import Platform
#if canImport(Glibc)
import Glibc
#endif

/// Writes a squashfs 4.0 image from a `Tree` (squashfs_fs.h; layout as mksquashfs 4.5.1
/// writes it: superblock, compressor options, data and fragment blocks, inode table,
/// directory table, fragment table, export table, id table, xattr table, padding).
/// The same tree and options give the same bytes: order comes from the tree (children
/// sorted by name bytes), times and owners from the options, never from the clock.
public enum SquashWriter {
    /// What a write produced.
    public struct Report: Sendable, Codable, Equatable {
        /// Bytes used by the filesystem (the superblock field).
        public var bytesUsed: UInt64
        /// Size of the file written (bytes used plus padding).
        public var imageSize: UInt64
        /// Inodes written (the superblock's inode count).
        public var inodes: Int
        /// Fragment blocks (the superblock's fragment count).
        public var fragments: Int
        /// Distinct uids and gids in the id table.
        public var ids: Int
        /// How the file data was written (compressed, copied, sparse, duplicates).
        public var data: DataStatistics
        /// Extended attributes left out because squashfs has no namespace for them.
        public var skippedXattrs: Int
    }

    /// Writes `tree` to `path` atomically (temporary sibling, fsync, rename). `progress`
    /// counts the bytes of file data written, out of the tree's total, in a phase named
    /// `progressLabel` (default "write NAME").
    @discardableResult
    public static func write(_ tree: Tree, to path: String, options: SquashWriterOptions,
                             progress: ProgressMeter? = nil, progressLabel: String? = nil) throws -> Report {
        try options.validate()
        let (tree, options) = try options.resolved(for: tree)
        guard tree.root.kind == .directory else {
            throw FormatError(.invalid, context: "write squashfs", "the tree root is not a directory")
        }
        let tmp = FS.temporarySibling(of: path)
        do {
            let out = try RandomAccessFile(creating: tmp)
            let report = try write(tree, into: out, options: options, progress: progress, label: progressLabel ?? "write \(FS.basename(of: path))")
            try out.sync()
            guard rename(tmp, path) == 0 else { throw FormatError.errno("rename into place", file: path) }
            FS.syncDirectory(FS.dirname(of: path))
            return report
        } catch {
            unlink(tmp)
            throw error
        }
    }

    static func write(_ tree: Tree, into out: RandomAccessFile, options: SquashWriterOptions,
                      progress: ProgressMeter?, label: String = "write squashfs") throws -> Report {
        let codec = options.dataCodec()
        let metaCodec = options.metadataCodec()
        let plan = try WriterPlan(tree, options: options)

        // Compressor options: an uncompressed metadata block right after the superblock.
        var start = UInt64(Superblock.size)
        var flags: Superblock.Flags = []
        if let payload = codec.optionsPayload(blockSize: options.blockSize) {
            var w = ByteWriter(capacity: payload.count + 2)
            w.u16le(UInt16(payload.count) | 0x8000); w.append(payload)
            try out.write(w.finish(), at: start)
            start += UInt64(payload.count + 2)
            flags.insert(.compressorOptions)
        }

        // Data and fragments, in tree order.
        progress?.begin(label, total: plan.files.reduce(0) { $0 &+ Int(clamping: $1.content.size) },
                        unit: .bytes)
        let data = DataWriter(out: out, start: start, codec: codec, blockSize: Int(options.blockSize),
                              fragments: options.fragments, alwaysFragments: options.alwaysFragments,
                              threads: options.threads,
                              progress: progress)
        var duplicates = DuplicateFinder(options.duplicates ? plan.files.map(\.content) : [])
        var recordOf: [Int] = []
        recordOf.reserveCapacity(plan.files.count)
        for (i, f) in plan.files.enumerated() {
            if options.duplicates, let original = try duplicates.original(of: i) {
                recordOf.append(recordOf[original])
                data.noteDuplicate()
                progress?.add(f.content.size)
            } else {
                recordOf.append(try data.add(f.content, path: f.path))
            }
        }
        try data.finish()

        // Inode and directory tables.
        var tables = try TableBuilder(plan: plan, options: options, codec: metaCodec,
                                      fileData: { data.records[recordOf[$0]] })
        try tables.build(root: tree.root)
        var pos = data.position
        let inodeTable = try tables.inodes.finish()
        let inodeStart = pos
        try out.write(inodeTable, at: pos); pos += UInt64(inodeTable.count)
        let dirTable = try tables.directories.finish()
        let dirStart = pos
        try out.write(dirTable, at: pos); pos += UInt64(dirTable.count)

        var fragmentStart = Superblock.absent
        if !data.fragmentTable.entries.isEmpty {
            let t = try data.fragmentTable.write(at: pos, codec: metaCodec)
            try out.write(t.bytes, at: pos); pos += UInt64(t.bytes.count)
            fragmentStart = t.indexStart
        }
        var exportStart = Superblock.absent
        if options.exportable {
            let t = try ExportTableWriter(references: tables.exportReferences).write(at: pos, codec: metaCodec)
            try out.write(t.bytes, at: pos); pos += UInt64(t.bytes.count)
            exportStart = t.indexStart
            flags.insert(.exportable)
        }
        let ids = try tables.ids.write(at: pos, codec: metaCodec)
        try out.write(ids.bytes, at: pos); pos += UInt64(ids.bytes.count)
        var xattrStart = Superblock.absent
        if !tables.xattrs.isEmpty {
            let t = try tables.xattrs.write(at: pos, codec: metaCodec)
            try out.write(t.bytes, at: pos); pos += UInt64(t.bytes.count)
            xattrStart = t.headerStart
        }

        let bytesUsed = pos
        var imageSize = pos
        if options.padTo4K && pos % 4096 != 0 {
            let pad = Int(4096 - pos % 4096)
            try out.write([UInt8](repeating: 0, count: pad), at: pos)
            imageSize += UInt64(pad)
        }
        if !options.fragments { flags.insert(.noFragments) }
        if options.alwaysFragments { flags.insert(.alwaysFragments) }
        if options.duplicates { flags.insert(.duplicates) }
        if tables.xattrs.isEmpty { flags.insert(.noXattrs) }
        let sb = Superblock(inodeCount: UInt32(plan.inodeCount), modificationTime: options.mkfsTime,
                            blockSize: options.blockSize, fragmentCount: UInt32(data.fragmentTable.entries.count),
                            compressor: options.compressor, flags: flags, idCount: UInt16(tables.ids.ids.count),
                            rootInode: tables.rootReference, bytesUsed: bytesUsed,
                            idTableStart: ids.indexStart, xattrIdTableStart: xattrStart, inodeTableStart: inodeStart,
                            directoryTableStart: dirStart, fragmentTableStart: fragmentStart, exportTableStart: exportStart)
        try out.write(sb.serialize(), at: 0)
        return Report(bytesUsed: bytesUsed, imageSize: imageSize, inodes: plan.inodeCount,
                      fragments: data.fragmentTable.entries.count, ids: tables.ids.ids.count, data: data.stats,
                      skippedXattrs: tables.xattrs.skipped)
    }
}
