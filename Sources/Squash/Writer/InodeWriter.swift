import BinaryIO

/// An entry of an extended directory's index: where a directory header starts, so the
/// kernel can skip to the right metadata block when looking a name up (squashfs_fs.h
/// `struct squashfs_dir_index`: u32 index, u32 start_block, u32 size - 1, name;
/// kernel fs/squashfs/namei.c `get_dir_index_using_name`).
struct DirectoryIndexEntry: Sendable {
    /// Offset of the header from the start of the directory's listing.
    var index: UInt32
    /// Directory-table-relative start of the metadata block holding that header.
    var startBlock: UInt32
    /// Name of the header's first entry.
    var name: [UInt8]
}

extension Inode {
    /// A fresh inode of `type` with the common header fields (squashfs_fs.h
    /// `struct squashfs_base_inode_header`).
    init(type: UInt16, permissions: UInt16, uidIndex: UInt16, gidIndex: UInt16, mtime: UInt32, number: UInt32) {
        self.type = type; self.permissions = permissions; self.uidIndex = uidIndex; self.gidIndex = gidIndex
        self.mtime = mtime; self.number = number
    }

    /// The on-disk bytes of this inode, in the layout its `type` selects (squashfs_fs.h
    /// `squashfs_{dir,ldir,reg,lreg,symlink,dev,ldev,ipc,lipc}_inode_header`). Extended
    /// directories carry `index` after their fixed part.
    func serialized(index: [DirectoryIndexEntry] = []) -> [UInt8] {
        var w = ByteWriter(capacity: 64 + blockSizes.count * 4 + target.count)
        w.u16le(type); w.u16le(permissions); w.u16le(uidIndex); w.u16le(gidIndex)
        w.u32le(mtime); w.u32le(number)
        switch type {
        case 1:
            w.u32le(dirBlock); w.u32le(linkCount); w.u16le(UInt16(truncatingIfNeeded: dirSize))
            w.u16le(dirOffset); w.u32le(parent)
        case 8:
            w.u32le(linkCount); w.u32le(dirSize); w.u32le(dirBlock); w.u32le(parent)
            w.u16le(UInt16(truncatingIfNeeded: index.count)); w.u16le(dirOffset); w.u32le(xattrIndex)
            for e in index {
                w.u32le(e.index); w.u32le(e.startBlock); w.u32le(UInt32(e.name.count - 1)); w.append(e.name)
            }
        case 2:
            w.u32le(UInt32(truncatingIfNeeded: blocksStart)); w.u32le(fragmentIndex); w.u32le(fragmentOffset)
            w.u32le(UInt32(truncatingIfNeeded: fileSize))
            for s in blockSizes { w.u32le(s) }
        case 9:
            w.u64le(blocksStart); w.u64le(fileSize); w.u64le(sparse); w.u32le(linkCount)
            w.u32le(fragmentIndex); w.u32le(fragmentOffset); w.u32le(xattrIndex)
            for s in blockSizes { w.u32le(s) }
        case 3, 10:
            w.u32le(linkCount); w.u32le(UInt32(target.count)); w.append(target)
            if type == 10 { w.u32le(xattrIndex) }
        case 4, 5, 11, 12:
            w.u32le(linkCount); w.u32le(device)
            if type > 7 { w.u32le(xattrIndex) }
        default:  // 6, 7, 13, 14
            w.u32le(linkCount)
            if type > 7 { w.u32le(xattrIndex) }
        }
        return w.finish()
    }

    /// The basic inode type (1-7) of a tree node kind.
    static func basicType(of kind: Node.Kind) -> UInt16 {
        switch kind {
        case .directory: return basicDir
        case .file: return basicFile
        case .symlink: return basicSymlink
        case .blockDevice: return basicBlock
        case .charDevice: return basicChar
        case .fifo: return basicFifo
        case .socket: return basicSocket
        }
    }
}
