import BinaryIO

/// Writes the inode and directory tables for a planned tree once its data is placed:
/// post-order, so every child's inode reference is known when its directory's listing is
/// written, and each directory inode follows its listing (mksquashfs.c `dir_scan` /
/// `write_dir` / `create_inode`). Collects the id table, xattr ids and export references.
struct TableBuilder {
    var inodes: MetadataWriter
    var directories: MetadataWriter
    var ids = IdTableWriter()
    var xattrs = XattrWriter()
    /// Inode reference by inode number - 1.
    private(set) var exportReferences: [UInt64]
    private(set) var rootReference: UInt64 = 0
    private let plan: WriterPlan
    private let options: SquashWriterOptions
    private let fileData: (Int) -> FileData
    private var dirCounter = 0
    private var fileCounter = 0
    private var number: UInt32 = 0
    private var hardLinks: [Int: (ref: UInt64, number: UInt32, type: UInt16)] = [:]

    init(plan: WriterPlan, options: SquashWriterOptions, codec: any SquashCodec, fileData: @escaping (Int) -> FileData) throws {
        self.plan = plan; self.options = options; self.fileData = fileData
        inodes = MetadataWriter(codec: codec)
        directories = MetadataWriter(codec: codec)
        exportReferences = Array(repeating: 0, count: plan.inodeCount)
    }

    /// Writes every inode and listing, root last.
    mutating func build(root: Node) throws {
        rootReference = try writeDirectory(root, path: "/", parent: UInt32(plan.inodeCount + 1)).ref
    }

    private mutating func header(_ node: Node, type: UInt16, number: UInt32) throws -> Inode {
        let uid = options.rootOwned ? 0 : node.uid
        let gid = options.rootOwned ? 0 : node.gid
        var inode = Inode(type: type, permissions: node.mode & 0o7777, uidIndex: try ids.index(of: uid),
                          gidIndex: try ids.index(of: gid), mtime: options.allTime ?? node.mtime, number: number)
        inode.xattrIndex = xattrs.id(for: node.xattrs)
        return inode
    }

    private mutating func writeDirectory(_ dir: Node, path: String, parent: UInt32) throws -> (ref: UInt64, number: UInt32) {
        let myNumber = plan.dirNumbers[dirCounter]
        dirCounter += 1
        var entries: [DirectoryListing.Entry] = []
        entries.reserveCapacity(dir.children.count)
        var subdirs: UInt32 = 0
        var previous: [UInt8]?
        for c in dir.children {
            let name = Array(c.name.utf8)
            guard !name.isEmpty, name.count <= 256, !name.contains(0), !name.contains(UInt8(ascii: "/")),
                  name != [46], name != [46, 46] else {
                throw FormatError(.invalid, context: "write directory \(path)", "unusable entry name \(c.name.debugDescription)")
            }
            if let p = previous, !p.lexicographicallyPrecedes(name) {
                throw FormatError(.invalid, context: "write directory \(path)", "entries not sorted or not unique at \(c.name.debugDescription)")
            }
            previous = name
            if c.kind == .directory {
                let r = try writeDirectory(c, path: path + c.name + "/", parent: myNumber)
                entries.append(.init(name: name, inodeRef: r.ref, inodeNumber: r.number, type: Inode.basicDir))
                subdirs += 1
                continue
            }
            if let h = c.hardLinkID, let e = hardLinks[h] {
                entries.append(.init(name: name, inodeRef: e.ref, inodeNumber: e.number, type: e.type))
                continue
            }
            number += 1
            let ref = try writeInode(c, number: number, path: path + c.name)
            let type = Inode.basicType(of: c.kind)
            if let h = c.hardLinkID { hardLinks[h] = (ref, number, type) }
            entries.append(.init(name: name, inodeRef: ref, inodeNumber: number, type: type))
        }
        number += 1
        precondition(number == myNumber, "inode numbering out of step with the plan")

        let listingStart = directories.uncompressedCount
        let (block, offset) = directories.position
        let listing = DirectoryListing(entries, start: listingStart)
        try directories.append(listing.bytes)
        let index = listing.indexPoints.map {
            DirectoryIndexEntry(index: $0.index, startBlock: directories.blockStart(ofBlock: $0.block), name: $0.name)
        }
        var inode = try header(dir, type: Inode.basicDir, number: myNumber)
        inode.linkCount = 2 + subdirs
        inode.dirBlock = block
        inode.dirOffset = offset
        inode.dirSize = UInt32(listing.bytes.count + 3)
        inode.parent = parent
        if inode.dirSize > 0xFFFF || !index.isEmpty || inode.xattrIndex != Inode.none { inode.type = 8 }
        let ref = inodes.reference
        try inodes.append(inode.serialized(index: index))
        exportReferences[Int(myNumber) - 1] = ref
        return (ref, myNumber)
    }

    private mutating func writeInode(_ node: Node, number: UInt32, path: String) throws -> UInt64 {
        var inode = try header(node, type: Inode.basicType(of: node.kind), number: number)
        let hasXattr = inode.xattrIndex != Inode.none
        inode.linkCount = node.hardLinkID.flatMap { plan.linkCounts[$0] } ?? 1
        switch node.kind {
        case .file:
            let d = fileData(fileCounter)
            fileCounter += 1
            inode.fileSize = node.content.size
            inode.blocksStart = d.blocksStart
            inode.blockSizes = d.blockSizes
            inode.fragmentIndex = d.fragmentIndex
            inode.fragmentOffset = d.fragmentIndex == Inode.none ? 0 : d.fragmentOffset
            inode.sparse = d.sparse
            let basic = inode.linkCount == 1 && d.blocksStart <= UInt64(UInt32.max) && inode.fileSize <= UInt64(UInt32.max)
                && !hasXattr && d.sparse == 0
            inode.type = basic ? 2 : 9
        case .symlink:
            let target = Array((node.linkTarget ?? "").utf8)
            guard !target.isEmpty, target.count <= 4096 else {
                throw FormatError(.invalid, context: "write \(path)", "symlink target of \(target.count) bytes (1..4096 allowed)")
            }
            inode.target = target
            if hasXattr { inode.type = 10 }
        case .blockDevice, .charDevice:
            inode.device = Inode.encode(node.device ?? Device(major: 0, minor: 0))
            if hasXattr { inode.type += 7 }
        case .fifo, .socket:
            if hasXattr { inode.type += 7 }
        case .directory:
            preconditionFailure("directories are written by writeDirectory")
        }
        let ref = inodes.reference
        try inodes.append(inode.serialized())
        exportReferences[Int(number) - 1] = ref
        return ref
    }
}
