import BinaryIO

/// One contiguous byte range of a firmware image and what it holds. An image's regions
/// cover the whole file in order with no gaps or overlaps, so a script can rely on
/// `sum(size) == file size` (the contract of `imagetool inspect --json`).
///
/// Roles follow the OpenWrt image recipes (include/image-commands.mk: append-kernel,
/// pad-to, append-rootfs, pad-rootfs, append-metadata) and the vendor headers they wrap.
public struct Region: Sendable, Codable, Equatable {
    /// What a region holds.
    public enum Role: String, Sendable, Codable, CaseIterable {
        /// Boot-loader padding in front of a TP-Link tftp recovery image (`pad-extra 128k`
        /// in openwrt target/linux/ramips/image/*.mk).
        case recoveryPadding = "recovery-padding"
        /// TP-Link firmware header, 512 bytes (firmware-utils src/mktplinkfw.c, mktplinkfw2.c).
        case tplinkHeader = "tplink-header"
        /// U-Boot legacy image header, 64 bytes (u-boot include/image.h).
        case uimageHeader = "uimage-header"
        /// Kernel payload (compressed as the boot loader expects it).
        case kernel
        /// Padding after the kernel up to the rootfs (Build/pad-to, erase-block alignment).
        case kernelPadding = "kernel-padding"
        /// squashfs 4.0 root filesystem, `bytes_used` long.
        case rootfs
        /// 0xff fill written by padjffs2 / mktplinkfw before an end-of-filesystem marker.
        case jffs2Padding = "jffs2-padding"
        /// `de ad c0 de` JFFS2 end-of-filesystem marker (or a JFFS2 padding node).
        case jffs2Marker = "jffs2-marker"
        /// Fill after the last marker up to a fixed image length (factory images).
        case tailPadding = "tail-padding"
        /// fwtool metadata chunk: 8-byte fwimage_header + JSON (openwrt/fwtool fwimage.h).
        case fwtoolMetadata = "fwtool-metadata"
        /// fwtool signature chunk payload (a ucert blob or usign signature).
        case fwtoolSignature = "fwtool-signature"
        /// fwtool trailer chunk of an unknown type.
        case fwtoolChunk = "fwtool-chunk"
        /// 16-byte fwtool trailer (`FWx0`, CRC, type, size).
        case fwtoolTrailer = "fwtool-trailer"
        /// A member of a NAND sysupgrade tar (header, data and block padding).
        case tarMember = "tar-member"
        /// tar end-of-archive blocks and record padding.
        case tarEnd = "tar-end"
        /// Master boot record (x86 combined images).
        case mbr
        /// A partition of a disk image (boot).
        case partition
        /// GPT header sector, primary at LBA 1 or backup at the last LBA (UEFI 2.10 §5.3.2).
        case gptHeader = "gpt-header"
        /// GPT partition entry array, primary or backup (UEFI 2.10 §5.3.3).
        case gptEntries = "gpt-entries"
        /// Bytes between or after partitions of a disk image.
        case diskGap = "disk-gap"
        /// gzip stream wrapping a disk image.
        case gzip
        /// Bytes after the gzip stream (OpenWrt appends metadata there).
        case gzipTrailer = "gzip-trailer"
        /// UBI erase-counter header, 64 bytes (linux include/uapi/mtd/ubi-media.h `ubi_ec_hdr`).
        case ubiECHeader = "ubi-ec-header"
        /// UBI volume-identifier header, 64 bytes (`ubi_vid_hdr`).
        case ubiVIDHeader = "ubi-vid-header"
        /// UBI volume table (a layout-volume LEB: 172-byte `ubi_vtbl_record`s).
        case ubiVolumeTable = "ubi-volume-table"
        /// Data of a UBI volume other than the kernel and rootfs.
        case ubiVolume = "ubi-volume"
        /// 0xff between UBI headers and after LEB data, or an erased PEB.
        case ubiPadding = "ubi-padding"
        /// FIT tree bytes (device tree header, structure and strings blocks, free space) around
        /// any inline image data (u-boot doc/usage/fit/source_file_format.rst).
        case fitHeader = "fit-header"
        /// A flattened device tree image inside a FIT (`type = "flat_dt"`).
        case deviceTree = "device-tree"
        /// Other FIT image data (ramdisk, firmware, loadables).
        case fitData = "fit-data"
        /// Zero fill aligning FIT external data (`mkimage -E -B`).
        case fitPadding = "fit-padding"
        /// Bytes imagetool does not interpret.
        case unknown
    }

    /// Absolute offset in the file.
    public var offset: UInt64
    /// Length in bytes.
    public var size: UInt64
    /// What the region holds.
    public var role: Role
    /// Checksums stored in or computed over this region.
    public var checksums: [Checksum]
    /// A short human note ("lzma", "squashfs xz", "sysupgrade-board/kernel").
    public var note: String?

    /// A region; `verifies` is derived for each checksum.
    public init(offset: UInt64, size: UInt64, role: Role, checksums: [Checksum] = [], note: String? = nil) {
        self.offset = offset; self.size = size; self.role = role; self.checksums = checksums; self.note = note
    }

    /// One past the last byte.
    public var end: UInt64 { offset &+ size }
}

/// A checksum the image stores, recomputed independently: `verifies` is `stored == computed`.
/// Values are lowercase hex (CRC-32 as 8 digits, MD5 as 32).
public struct Checksum: Sendable, Codable, Equatable {
    /// e.g. "uimage-header-crc32", "uimage-data-crc32", "tplink-md5", "fwtool-crc32".
    public var kind: String
    /// Value stored in the image.
    public var stored: String
    /// Value recomputed from the bytes.
    public var computed: String
    /// `stored == computed`.
    public var verifies: Bool

    /// A region; `verifies` is derived for each checksum.
    public init(kind: String, stored: String, computed: String) {
        self.kind = kind; self.stored = stored; self.computed = computed; self.verifies = stored == computed
    }

    /// A CRC-32 pair rendered as 8 hex digits.
    public init(kind: String, stored: UInt32, computed: UInt32) {
        self.init(kind: kind, stored: Checksum.hex32(stored), computed: Checksum.hex32(computed))
    }

    static func hex32(_ v: UInt32) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, 8 - s.count)) + s
    }
}

/// Region list helpers shared by the layout parsers.
enum Regions {
    /// Checks that `regions` are in order, contiguous from 0 and end at `fileSize`.
    static func validate(_ regions: [Region], fileSize: UInt64, context: String) throws {
        var pos: UInt64 = 0
        for r in regions {
            guard r.offset == pos else {
                throw FormatError(.invalid, offset: r.offset, context: context,
                                  "region \(r.role.rawValue) starts at 0x\(String(r.offset, radix: 16)), expected 0x\(String(pos, radix: 16))")
            }
            pos = try Checked.add(pos, r.size, context)
        }
        guard pos == fileSize else {
            throw FormatError(.invalid, offset: pos, context: context, "regions end at \(pos), file has \(fileSize) bytes")
        }
    }
}
