#if canImport(Glibc)
import Glibc
#endif
import BinaryIO
import Codecs
import Platform

/// OpenWrt x86 combined image: a disk image with a boot partition and a rootfs partition
/// (openwrt target/linux/x86/image/Makefile, scripts/gen_image_generic.sh with
/// firmware-utils ptgen), usually `gzip -9n`'d with fwtool metadata appended after the
/// gzip stream (include/image.mk; sysupgrade on x86 reads past the gzip member).
///
/// Partition tables: MBR (446 bytes of boot code, four 16-byte entries: status, CHS, type,
/// CHS, le32 first LBA, le32 sector count, 0x55 0xAA at 510) for `*-combined.img`, or GPT
/// (`ptgen -g`: protective MBR, header at LBA 1, entries at LBA 2, backup at the end,
/// see `GPTLayout`) for `*-combined-efi.img`. gen_image_generic.sh makes the boot
/// partition with make_ext4fs (MBR) or mkfs.fat (GPT), holding `/boot/vmlinuz` (a
/// bzImage) and grub's configuration; the rootfs partition is squashfs or ext4.
public struct DiskImageLayout: Sendable, Equatable {
    /// Largest decompressed disk accepted.
    public static let maxDiskSize = 1 << 30

    /// What a partition holds, by its magic numbers.
    public enum Filesystem: String, Sendable, Codable {
        case squashfs, ext, fat, other
    }

    /// One partition (an MBR entry or a GPT entry).
    public struct Partition: Sendable, Equatable {
        /// 1-based entry number in the MBR table or GPT entry array.
        public var index: Int
        /// MBR partition type byte (0x83 Linux, 0xef EFI...); 0 for GPT entries.
        public var type: UInt8
        /// Status byte 0x80.
        public var bootable: Bool
        /// Byte offset on the disk (first LBA * 512).
        public var offset: Int
        /// Length in bytes (sectors * 512).
        public var size: Int
        /// GPT type GUID.
        public var typeGUID: String? = nil
        /// GPT partition name.
        public var name: String? = nil
        /// Filesystem found in it.
        public var filesystem: Filesystem = .other
    }

    /// Whether the disk is wrapped in gzip.
    public var gzipped: Bool
    /// Input bytes the gzip stream used (gzipped images).
    public var gzipSize: Int
    /// The raw disk image (decompressed when gzipped).
    public var disk: [UInt8]
    /// Non-empty partitions sorted by offset.
    public var partitions: [Partition]
    /// Index into `partitions` of the rootfs (squashfs or ext).
    public var rootfsPartition: Int?
    /// The rootfs superblock (offset relative to the disk), for a squashfs rootfs.
    public var rootfs: SquashfsSpan?
    /// Length of everything before the fwtool chunks (the gzip stream or the raw disk).
    public var bodySize: Int
    /// fwtool chunks after the gzip stream or disk, in file order.
    public var chunks: [FwtoolChunk]
    /// The GUID partition table, for GPT disks.
    public var gpt: GPTLayout? = nil
    /// Index into `partitions` of the boot partition (holds /boot/vmlinuz).
    public var bootPartition: Int? = nil

    /// The rootfs bytes (`bytes_used` long), for a squashfs rootfs.
    public var rootfsImage: [UInt8]? {
        guard let r = rootfs else { return nil }
        return Array(disk[Int(r.offset) ..< Int(r.end)])
    }

    /// The ext2/3/4 rootfs partition, when the rootfs is not squashfs.
    public var extRootfs: Partition? {
        guard let k = rootfsPartition, partitions[k].filesystem == .ext else { return nil }
        return partitions[k]
    }

    static func hasMBR(_ b: [UInt8]) -> Bool { b.count >= 512 && b[510] == 0x55 && b[511] == 0xaa }

    /// Whether an image starting with `head` (its first 512 bytes or more) is read as a
    /// disk image by `FirmwareImage` (not a NAND tar, and gzip or an MBR signature).
    public static func isDiskImage(head: [UInt8]) -> Bool {
        !NANDTarLayout.matches(head) && matches(head)
    }

    /// A gzip stream or a raw MBR disk.
    public static func matches(_ bytes: [UInt8]) -> Bool {
        (bytes.count > 18 && bytes[0] == 0x1f && bytes[1] == 0x8b) || hasMBR(bytes)
    }

    /// The partition table of a disk of `diskSize` bytes read through `read(offset, count)`:
    /// partitions sorted by offset with their filesystems, the GPT when there is one, and
    /// the boot and rootfs partitions (gen_image_generic.sh: the first data partition is
    /// the boot partition, the second the rootfs; a squashfs partition is always the rootfs).
    public static func partitionTable(diskSize: Int, read: (Int, Int) throws -> [UInt8]) throws
        -> (partitions: [Partition], gpt: GPTLayout?, boot: Int?, rootfs: Int?) {
        let mbr = try read(0, 512)
        guard hasMBR(mbr) else {
            throw FormatError(.invalid, offset: 510, context: "read MBR", "no 0x55AA boot signature")
        }
        var parts: [Partition] = []
        var gpt: GPTLayout? = nil
        if GPTLayout.isProtectiveMBR(mbr) {
            let g = try GPTLayout.parse(diskSize: diskSize, read: read)
            gpt = g
            for e in g.partitions {
                let off = try Checked.mul(Int(e.firstLBA), 512, "partition offset")
                let size = try Checked.mul(Int(e.lastLBA - e.firstLBA + 1), 512, "partition size")
                parts.append(Partition(index: e.index, type: 0, bootable: false, offset: off, size: size,
                                       typeGUID: e.typeGUID, name: e.name))
            }
        } else {
            for i in 0 ..< 4 {
                var r = try ByteReader(mbr, context: "read MBR partition \(i + 1)").view(at: 446 + 16 * i, length: 16)
                let status = try r.u8("status")
                try r.skip(3)
                let type = try r.u8("type")
                try r.skip(3)
                let lba = try r.u32le("first LBA")
                let count = try r.u32le("sectors")
                guard type != 0, count != 0 else { continue }
                let off = try Checked.mul(Int(lba), 512, "partition offset")
                let size = try Checked.mul(Int(count), 512, "partition size")
                guard try Checked.add(off, size, "partition end") <= diskSize else {
                    throw FormatError(.truncated, offset: UInt64(446 + 16 * i + 8), context: "read MBR partition \(i + 1)",
                                      "partition [\(off), +\(size)) beyond disk end \(diskSize)")
                }
                parts.append(Partition(index: i + 1, type: type, bootable: status == 0x80, offset: off, size: size))
            }
        }
        parts.sort { $0.offset < $1.offset }
        for p in parts {
            let lo = gpt.map { Int(clamping: min($0.primary.firstUsableLBA, UInt64(diskSize / 512))) * 512 } ?? 512
            let hi = gpt.map { Int(clamping: min($0.primary.lastUsableLBA, UInt64(diskSize / 512) - 1)) * 512 + 512 } ?? diskSize
            guard p.offset >= lo, p.offset + p.size <= hi else {
                throw FormatError(.invalid, offset: gpt == nil ? UInt64(446 + 16 * (p.index - 1) + 8) : 512, context: "read partition table",
                                  "partition \(p.index) [\(p.offset), +\(p.size)) outside the usable area [\(lo), \(hi))")
            }
        }
        for k in 1 ..< max(1, parts.count) where parts[k].offset < parts[k - 1].offset + parts[k - 1].size {
            throw FormatError(.invalid, offset: 446, context: "read partition table", "partitions \(parts[k - 1].index) and \(parts[k].index) overlap")
        }
        for k in parts.indices where parts[k].size >= 1536 {
            let head = try read(parts[k].offset, min(parts[k].size, 4096))
            if SquashfsSpan.matches(head, at: 0) { parts[k].filesystem = .squashfs }
            else if Ext4Filesystem.matches(head, at: 0) { parts[k].filesystem = .ext }
            else if FATFilesystem.matches(head) { parts[k].filesystem = .fat }
        }
        let data = parts.indices.filter { parts[$0].typeGUID != GPTEntry.biosBootType }.sorted { parts[$0].index < parts[$1].index }
        var rootfs = parts.firstIndex { $0.filesystem == .squashfs }
        var boot: Int? = nil
        if let r = rootfs {
            boot = data.first { $0 != r && parts[$0].filesystem != .other }
        } else if data.count >= 2, parts[data[1]].filesystem == .ext {
            boot = data[0]; rootfs = data[1]
        } else {
            boot = data.first { parts[$0].filesystem != .other }
        }
        return (parts, gpt, boot, rootfs)
    }
}

extension DiskImageLayout {
    /// Parses the disk (inflating a gzip wrapper, bounded) and its partition table.
    public init(parsing bytes: [UInt8]) throws {
        var disk = bytes
        var gz = false
        var gzSize = 0
        var bodyEnd = bytes.count
        var chunks: [FwtoolChunk] = []
        if bytes[0] == 0x1f && bytes[1] == 0x8b {
            let inf = try Deflate.inflate(bytes, framing: .gzip, maxOutput: Self.maxDiskSize, context: "inflate disk image")
            disk = inf.bytes
            gz = true
            gzSize = inf.consumed
            let (c, start) = try FwtoolChunk.parseChain(bytes, end: bytes.count)
            guard start >= gzSize else {
                throw FormatError(.invalid, offset: UInt64(start), context: "read fwtool trailer", "chunk overlaps the gzip stream")
            }
            guard start == gzSize else {
                throw FormatError(.invalid, offset: UInt64(gzSize), context: "read gzip trailer",
                                  "\(start - gzSize) unexplained bytes after the gzip stream")
            }
            chunks = c
            bodyEnd = gzSize
        } else {
            let (c, start) = try FwtoolChunk.parseChain(bytes, end: bytes.count)
            chunks = c
            bodyEnd = start
            disk = Array(bytes[..<start])
        }
        let d = disk
        let table = try Self.partitionTable(diskSize: disk.count) { off, n in
            guard off >= 0, n >= 0, off <= d.count - n else {
                throw FormatError(.truncated, offset: UInt64(max(0, off)), context: "read disk", "\(n) bytes at \(off) beyond the disk end \(d.count)")
            }
            return Array(d[off ..< off + n])
        }
        var layout = DiskImageLayout(gzipped: gz, gzipSize: gzSize, disk: disk, partitions: table.partitions, rootfsPartition: table.rootfs,
                                     rootfs: nil, bodySize: bodyEnd, chunks: chunks, gpt: table.gpt, bootPartition: table.boot)
        if let k = table.rootfs, table.partitions[k].filesystem == .squashfs {
            let p = table.partitions[k]
            layout.rootfs = try SquashfsSpan(parsing: disk, at: p.offset, limit: p.offset + p.size, context: "read rootfs partition \(p.index)")
        }
        self = layout
    }

    /// Regions of the disk itself (the inflated disk for gzipped images): MBR, GPT headers
    /// and entry arrays with their CRCs, partitions and the gaps between them.
    public func diskRegions() -> [Region] {
        var items: [Region] = [Region(offset: 0, size: 512, role: .mbr, note: gpt != nil ? "protective MBR" : nil)]
        if let g = gpt {
            let (pc, bc) = g.checksums()
            let ss = UInt64(GPTHeader.sectorSize)
            items.append(Region(offset: ss, size: ss, role: .gptHeader, checksums: [pc[0]], note: "primary, \(g.partitions.count) partitions"))
            items.append(Region(offset: g.primary.entriesLBA * ss, size: UInt64(g.primary.entryArraySectors) * ss, role: .gptEntries,
                                checksums: [pc[1]], note: "primary, \(g.primary.entryCount) x \(g.primary.entrySize) bytes"))
            if let b = g.backup, bc.count == 2 {
                items.append(Region(offset: b.entriesLBA * ss, size: UInt64(b.entryArraySectors) * ss, role: .gptEntries,
                                    checksums: [bc[1]], note: "backup"))
                items.append(Region(offset: b.myLBA * ss, size: ss, role: .gptHeader, checksums: [bc[0]], note: "backup"))
            }
        }
        for (k, p) in partitions.enumerated() {
            var note = "partition \(p.index)"
            if let n = p.name, !n.isEmpty { note += " \"\(n)\"" }
            note += p.typeGUID.map { " type \($0)" } ?? " type 0x\(String(p.type, radix: 16))"
            if p.filesystem != .other { note += ", \(p.filesystem.rawValue)" }
            if k == bootPartition { note += ", boot" }
            items.append(Region(offset: UInt64(p.offset), size: UInt64(p.size), role: k == rootfsPartition ? .rootfs : .partition, note: note))
        }
        items.sort { $0.offset < $1.offset }
        var rs: [Region] = []
        var pos: UInt64 = 0
        for r in items {
            if r.offset > pos { rs.append(Region(offset: pos, size: r.offset - pos, role: .diskGap)) }
            if r.offset < pos { continue }  // overlapping item (rejected by validate in parse)
            rs.append(r)
            pos = r.end
        }
        if pos < UInt64(disk.count) { rs.append(Region(offset: pos, size: UInt64(disk.count) - pos, role: .diskGap)) }
        return rs
    }

    /// Outer regions: the gzip stream (or the disk's own regions for a raw disk) and
    /// fwtool chunks.
    public func regions(of bytes: [UInt8]) -> [Region] {
        var rs: [Region] = []
        if gzipped {
            let n = gzipSize
            let storedCRC = n >= 8 ? UInt32(bytes[n - 8]) | UInt32(bytes[n - 7]) << 8 | UInt32(bytes[n - 6]) << 16 | UInt32(bytes[n - 5]) << 24 : 0
            rs.append(Region(offset: 0, size: UInt64(n), role: .gzip,
                             checksums: [Checksum(kind: "gzip-crc32", stored: storedCRC, computed: CRC32.checksum(disk))],
                             note: "disk image, \(disk.count) bytes inflated, \(partitions.count) partitions\(gpt != nil ? " (GPT)" : "")"))
        } else {
            rs = diskRegions()
        }
        return rs + FwtoolChunk.regions(of: chunks, in: bytes, from: bodySize)
    }
}

extension DiskImageLayout {
    /// Where OpenWrt's x86 images keep the kernel in the boot partition
    /// (target/linux/x86/image: `$(CP) $(KDIR)/bzImage $(KDIR)/root.grub/boot/vmlinuz`).
    public static let kernelPath = "/boot/vmlinuz"

    /// Writes partition `p` to a temporary file (libext2fs reads files, not memory) and
    /// runs `body` on it; the file is removed afterwards.
    func withPartitionFile<T>(_ p: Partition, _ body: (String) throws -> T) throws -> T {
        let tmp = FS.temporarySibling(of: "/tmp/imagetool-partition.img", tag: "p\(p.index)")
        defer { unlink(tmp) }
        try disk.withUnsafeBytes { buf in
            try FS.writeAtomically(Array(buf[p.offset ..< p.offset + p.size]), to: tmp, mode: 0o600)
        }
        return try body(tmp)
    }

    /// The ext2/3/4 filesystem of partition `p` opened read-only from a temporary copy
    /// (removed at once; the open descriptor keeps it readable).
    public func openExtRootfs(_ p: Partition) throws -> Ext4Rootfs {
        try withPartitionFile(p) { file in
            Ext4Rootfs(fs: try Ext4Filesystem.open(file, offset: 0, reportOffset: UInt64(p.offset)), partitionOffset: UInt64(p.offset))
        }
    }

    /// The kernel file of the boot partition (ext2/3/4 through libext2fs, or FAT), or nil
    /// when there is no boot partition or no `/boot/vmlinuz` in it.
    public func readKernel() throws -> [UInt8]? {
        guard let k = bootPartition else { return nil }
        let p = partitions[k]
        let d = disk
        switch p.filesystem {
        case .ext:
            return try withPartitionFile(p) { file in
                let fs = try Ext4Filesystem.open(file, offset: 0, reportOffset: UInt64(p.offset))
                let rooted = Ext4Rootfs(fs: fs, partitionOffset: UInt64(p.offset))
                return try rooted.readFile(DiskImageLayout.kernelPath, limit: KernelPayload.maxKernelSize)
            }
        case .fat:
            let fat = try FATFilesystem(size: p.size, offset: UInt64(p.offset)) { off, n in
                guard off >= 0, n >= 0, off <= p.size - n else {
                    throw FormatError(.truncated, offset: UInt64(p.offset), context: "read FAT partition \(p.index)", "\(n) bytes at \(off) beyond its \(p.size) bytes")
                }
                return Array(d[p.offset + off ..< p.offset + off + n])
            }
            return try fat.readFile(DiskImageLayout.kernelPath, limit: KernelPayload.maxKernelSize)
        default:
            return nil
        }
    }

    /// The disk with the rootfs partition's squashfs replaced (it must fit the partition;
    /// bytes after the old filesystem up to the new end are zeroed), gzip'd again with
    /// zlib level 9 and no name or time (`gzip -9n` framing) when the original was; an
    /// unchanged disk keeps the original gzip stream byte for byte.
    func rebuildBody(_ bytes: [UInt8], rootfs newRoot: [UInt8]?) throws -> [UInt8] {
        guard let nr = newRoot else { return Array(bytes[..<bodySize]) }
        guard let k = rootfsPartition, let old = rootfs else {
            throw FormatError(.unsupported, context: "rebuild disk image", "no squashfs rootfs partition found")
        }
        let p = partitions[k]
        guard nr.count <= p.size else {
            throw FormatError(.refused, offset: UInt64(p.offset), context: "rebuild disk image",
                              "rootfs of \(nr.count) bytes does not fit partition \(p.index) of \(p.size) bytes (\(nr.count - p.size) too many)")
        }
        var d = disk
        let oldEnd = Int(old.end)
        d.replaceSubrange(p.offset ..< p.offset + nr.count, with: nr)
        if oldEnd > p.offset + nr.count {
            d.replaceSubrange(p.offset + nr.count ..< oldEnd, with: repeatElement(0, count: oldEnd - p.offset - nr.count))
        }
        return gzipped ? Deflate.deflate(d, level: 9, framing: .gzip) : d
    }
}

extension FirmwareImage.Kind {
    /// x86 disk image (MBR, boot and rootfs partitions), gzip'd or not.
    public static let x86Combined = FirmwareImage.Kind(rawValue: "x86-combined")
    /// x86 EFI disk image (GPT, boot and rootfs partitions), gzip'd or not.
    public static let x86CombinedEFI = FirmwareImage.Kind(rawValue: "x86-combined-efi")
}

extension DiskImageLayout: FirmwareFamily {
    public static var familyDescription: String { "x86 disk (MBR/GPT)" }

    public static func detect(_ bytes: [UInt8]) throws -> DiskImageLayout? {
        matches(bytes) ? try DiskImageLayout(parsing: bytes) : nil
    }

    public var kind: FirmwareImage.Kind { DiskImageLayout.kind(hasGPT: gpt != nil) }

    /// x86-combined-efi for a GPT disk, else x86-combined (also for `DiskImageFile`).
    public static func kind(hasGPT: Bool) -> FirmwareImage.Kind { hasGPT ? .x86CombinedEFI : .x86Combined }

    public func kernelImage(in bytes: [UInt8]) -> [UInt8]? { (try? readKernel()) ?? nil }

    public var missingKernel: String { "no /boot/vmlinuz found in a boot partition" }

    public func rootfsImage(in bytes: [UInt8]) -> [UInt8]? { rootfsImage }

    /// The rootfs partition's squashfs, in a raw disk (a gzip'd disk holds it compressed).
    public var rootfsFileOffset: UInt64? { gzipped ? nil : rootfs?.offset }

    public func payloadSpans() -> [(offset: Int, size: Int, source: String, sourceOffset: Int)] {
        guard !gzipped, let r = rootfs else { return [] }
        return [(Int(r.offset), Int(r.bytesUsed), "rootfs", 0)]
    }

    public func rebuild(_ bytes: [UInt8], rootfs newRoot: [UInt8]?, kernel newKernel: [UInt8]?, options: RebuildOptions,
                        warnings: inout [String]) throws -> [UInt8] {
        if newKernel != nil {
            throw FormatError(.unsupported, context: "rebuild x86 image", "the kernel lives in the boot partition's filesystem; replacing it is not supported")
        }
        var out = try rebuildBody(bytes, rootfs: newRoot)
        try FirmwareImage.appendChunks(&out, chunks, original: bytes, originalBodySize: bodySize,
                                       options: options, warnings: &warnings)
        return out
    }

    /// The inflated disk's own regions, for a gzip'd image.
    public func describe(into report: inout ImageReport, bytes: [UInt8]) {
        guard gzipped else { return }
        let d = diskRegions()
        report.diskRegions = d
        report.checksumsVerify = report.checksumsVerify && d.allSatisfy { $0.checksums.allSatisfy(\.verifies) }
    }
}
