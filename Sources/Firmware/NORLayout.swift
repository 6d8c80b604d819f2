import BinaryIO

/// The layout of an OpenWrt NOR flash image: an optional TP-Link header, the kernel
/// (a U-Boot uImage or a raw compressed kernel), padding to the rootfs, the squashfs
/// rootfs, padjffs2 padding and markers, optional fill to a fixed length (factory
/// images), and fwtool chunks at the end. Follows the recipe
/// `append-kernel | pad-to $$BLOCKSIZE | append-rootfs | pad-rootfs | append-metadata`
/// (openwrt include/image-commands.mk) and mktplinkfw's `build_fw` for TP-Link images.
public struct NORLayout: Sendable, Equatable {
    /// How a TP-Link image locates its rootfs.
    public enum RootfsPlacement: String, Sendable, Codable {
        /// At the header's `rootfs_ofs`.
        case headerOffset = "header-offset"
        /// Right after `kernel_ofs + kernel_len` (mktplinkfw with `-a`: old ar71xx images
        /// whose header keeps the flash layout's nominal rootfs_ofs).
        case afterKernel = "after-kernel"
        /// Found by scanning for the squashfs magic after the kernel (uImage images; the
        /// device's mtdsplit parser scans the same way).
        case scanned
    }

    /// Bytes before the image proper: a TP-Link tftp recovery image (`tp_recovery.bin`)
    /// is the factory image behind boot-loader padding (ramips `pad-extra 128k`). 0 for
    /// ordinary images; every other offset here is absolute in the file.
    public var headerOffset: UInt64 = 0
    /// Whether the bytes before `headerOffset` are one fill byte (boot-loader padding);
    /// otherwise they are a vendor header imagetool does not interpret, and an image whose
    /// content changes is not rebuilt (the header may hold lengths or checksums of it).
    public var prefixIsFill: Bool = true
    /// The TP-Link header, when present.
    public var tplink: TPLinkHeader?
    /// Offset of the kernel region (0x200 under a TP-Link header, else 0).
    public var kernelOffset: UInt64
    /// Length of the kernel region (uImage header + data, or TP-Link kernel_len).
    public var kernelSize: UInt64
    /// The uImage header at `kernelOffset`, when the kernel is a uImage.
    public var uimage: UImageHeader?
    /// Bytes between the kernel and the rootfs, when they are all one value.
    public var gapFill: UInt8?
    /// Bytes between the kernel and the rootfs, when they are not uniform (kept verbatim).
    public var gapRaw: [UInt8]?
    /// The rootfs, when there is one (initramfs images have none).
    public var rootfs: SquashfsSpan?
    /// How the rootfs was found.
    public var placement: RootfsPlacement?
    /// Padding and markers after the rootfs (or the kernel when no rootfs).
    public var padding: JFFS2Padding?
    /// Fill after the padding up to `bodySize` (factory images are padded to fw_length).
    public var tailFill: UInt8?
    /// Bytes after the padding that are not uniform fill, kept verbatim.
    public var tailRaw: [UInt8]?
    /// Length of everything before the fwtool chunks.
    public var bodySize: UInt64
    /// fwtool chunks in file order.
    public var chunks: [FwtoolChunk]
    /// Why a rootfs the image should hold could not be read (its bytes are then mapped
    /// as `unknown`); nil when there is none or it was read.
    public var rootfsProblem: FormatError? = nil

    /// Where the rootfs starts (or would start) in this layout.
    public var rootfsOffset: UInt64? { rootfs?.offset }

    /// Length of the gap between the kernel and the rootfs.
    var gapSize: UInt64 {
        guard let r = rootfs else { return 0 }
        return r.offset - (kernelOffset + kernelSize)
    }

    /// Parses `bytes` as a NOR image (TP-Link or uImage header) whose header starts at
    /// `base` (0, or the length of a recovery image's boot-loader padding).
    public static func parse(_ bytes: [UInt8], at base: Int = 0) throws -> NORLayout {
        let (chunks, bodyEnd) = try FwtoolChunk.parseChain(bytes, end: bytes.count)
        var tplink: TPLinkHeader? = nil
        var kernelOffset = 0, kernelSize = 0
        var uimage: UImageHeader? = nil
        if TPLinkHeader.matches(bytes, at: base) {
            let h = try TPLinkHeader(parsing: bytes, at: base, bodyEnd: bodyEnd)
            tplink = h
            kernelOffset = base + Int(h.kernelOffset)
            kernelSize = Int(h.kernelLength)
            guard kernelOffset + kernelSize <= bodyEnd else {
                throw FormatError(.truncated, offset: UInt64(base + h.f.kernelLen), context: "read TP-Link header",
                                  "kernel [0x\(String(kernelOffset, radix: 16)), +\(kernelSize)) beyond image body end 0x\(String(bodyEnd, radix: 16))")
            }
            if kernelSize >= UImageHeader.size && UImageHeader.matches(bytes, at: kernelOffset) {
                var r = try ByteReader(bytes, context: "read uImage header").view(at: kernelOffset, length: 64)
                uimage = try UImageHeader(parsing: &r)
            }
        } else if UImageHeader.matches(bytes, at: base) {
            var r = try ByteReader(bytes, context: "read uImage header").view(at: base, length: min(UImageHeader.size, bytes.count - base))
            let h = try UImageHeader(parsing: &r)
            uimage = h
            kernelOffset = base
            kernelSize = try Checked.add(UImageHeader.size, Int(h.dataSize), "uImage size", offset: UInt64(base + 12))
            guard base + kernelSize <= bodyEnd else {
                throw FormatError(.truncated, offset: UInt64(base + 12), context: "read uImage header",
                                  "ih_size \(h.dataSize) but only \(bodyEnd - base - UImageHeader.size) data bytes follow the header")
            }
        } else if FITImage.matches(bytes) {
            // A FIT kernel (ramips/ath79 boards booting FIT instead of uImage).
            kernelSize = try FITImage.parse(bytes, limit: bodyEnd, context: "read FIT kernel").end
        } else {
            throw FormatError(.unsupported, offset: UInt64(base), context: "detect image",
                              "neither a TP-Link header nor a uImage header at offset 0x\(String(base, radix: 16))")
        }
        let kernelEnd = kernelOffset + kernelSize

        // Rootfs: TP-Link header offset, right after the kernel, or the first squashfs
        // magic after the kernel on a 4-byte boundary (mtdsplit scans likewise).
        var rootfs: SquashfsSpan? = nil
        var placement: RootfsPlacement? = nil
        var candidates: [(Int, RootfsPlacement)] = []
        if let h = tplink {
            if h.hasRootfsFields, Int(h.rootfsOffset) <= bodyEnd - base { candidates.append((base + Int(h.rootfsOffset), .headerOffset)) }
            candidates.append((kernelEnd, .afterKernel))
        }
        if let found = SquashfsSpan.find(in: bytes, from: (kernelEnd + 3) & ~3, limit: bodyEnd) {
            candidates.append((found, .scanned))
        }
        var rootfsProblem: FormatError? = nil
        for (off, how) in candidates where off >= kernelEnd && SquashfsSpan.matches(bytes, at: off) && off < bodyEnd {
            do {
                rootfs = try SquashfsSpan(in: bytes, at: off, limit: bodyEnd)
                placement = how
                rootfsProblem = nil
                break
            } catch let e as FormatError {
                // Reported, not thrown: the header and kernel are still readable.
                rootfsProblem = rootfsProblem ?? e.within("rootfs at 0x\(String(off, radix: 16)) (\(how.rawValue))")
            }
        }
        if rootfs == nil, rootfsProblem == nil, let h = tplink, h.hasRootfsFields {
            let off = base + Int(h.rootfsOffset)
            rootfsProblem = FormatError(.invalid, offset: UInt64(off), context: "find rootfs",
                                        "no squashfs at rootfs_ofs 0x\(String(h.rootfsOffset, radix: 16)) and none follows the kernel")
        }
        var layout = NORLayout(headerOffset: UInt64(base), tplink: tplink, kernelOffset: UInt64(kernelOffset), kernelSize: UInt64(kernelSize),
                               uimage: uimage, gapFill: nil, gapRaw: nil, rootfs: rootfs, placement: placement,
                               padding: nil, tailFill: nil, tailRaw: nil, bodySize: UInt64(bodyEnd), chunks: chunks)
        layout.rootfsProblem = rootfsProblem
        if base > 0, let f = bytes.first { layout.prefixIsFill = bytes[..<base].allSatisfy { $0 == f } }
        if let r = rootfs {
            let gap = bytes[kernelEnd ..< Int(r.offset)]
            if let f = gap.first, gap.allSatisfy({ $0 == f }) { layout.gapFill = f } else if !gap.isEmpty { layout.gapRaw = Array(gap) }
        }
        var pos = Int(rootfs?.end ?? UInt64(kernelEnd))
        if let (p, after) = JFFS2Padding.parse(bytes, from: pos, limit: bodyEnd, origin: base) {
            layout.padding = p
            pos = after
        }
        let tail = bytes[pos ..< bodyEnd]
        if let f = tail.first, tail.allSatisfy({ $0 == f }), f == 0xff || f == 0 {
            layout.tailFill = f
        } else if !tail.isEmpty {
            layout.tailRaw = Array(tail)
        }
        return layout
    }

    /// The regions of `bytes` (the image this layout was parsed from or rebuilt into),
    /// with every checksum recomputed.
    public func regions(of bytes: [UInt8]) -> [Region] {
        var rs: [Region] = []
        let base = headerOffset
        if base > 0 {
            if prefixIsFill {
                rs.append(Region(offset: 0, size: base, role: .recoveryPadding,
                                 note: "boot-loader padding before the image (TP-Link tftp recovery)"))
            } else {
                rs.append(Region(offset: 0, size: base, role: .unknown,
                                 note: "vendor header imagetool does not interpret; the image proper starts at 0x\(String(base, radix: 16))"))
            }
        }
        if let h = tplink {
            rs.append(Region(offset: base, size: UInt64(TPLinkHeader.size), role: .tplinkHeader,
                             checksums: [h.checksum(image: bytes[Int(base) ..< Int(bodySize)])],
                             note: "v\(h.headerVersion) (\(h.generation.rawValue)) hw_id 0x\(String(h.hardwareID, radix: 16)) \(h.firmwareVersion)"))
            if kernelOffset > base + UInt64(TPLinkHeader.size) {
                rs.append(Region(offset: base + UInt64(TPLinkHeader.size), size: kernelOffset - base - UInt64(TPLinkHeader.size), role: .unknown))
            }
        }
        if let u = uimage {
            let dataStart = Int(kernelOffset) + UImageHeader.size
            let dataEnd = max(dataStart, min(dataStart + Int(u.dataSize), Int(kernelOffset + kernelSize)))
            rs.append(Region(offset: kernelOffset, size: UInt64(UImageHeader.size), role: .uimageHeader,
                             checksums: u.checksums(data: bytes[dataStart ..< dataEnd]),
                             note: "\(u.name) (\(u.archName), \(u.compressionName))"))
            rs.append(Region(offset: UInt64(dataStart), size: kernelSize - UInt64(UImageHeader.size), role: .kernel,
                             note: u.compressionName))
        } else if FITImage.matches(bytes, at: Int(kernelOffset)),
                  let f = try? FITImage.parse(Array(bytes[Int(kernelOffset) ..< Int(kernelOffset + kernelSize)])) {
            rs.append(Region(offset: kernelOffset, size: kernelSize, role: .kernel,
                             checksums: f.images.flatMap { f.checksums(of: $0) },
                             note: "FIT, kernel \(f.kernel?.compression ?? "none")\(f.isSigned ? ", signed" : "")"))
        } else {
            rs.append(Region(offset: kernelOffset, size: kernelSize, role: .kernel,
                             note: KernelPayload.sniff(bytes, at: Int(kernelOffset))))
        }
        var pos = kernelOffset + kernelSize
        if let r = rootfs {
            if r.offset > pos { rs.append(Region(offset: pos, size: r.offset - pos, role: .kernelPadding)) }
            rs.append(Region(offset: r.offset, size: r.bytesUsed, role: .rootfs, note: "squashfs \(r.version) \(r.compressor)"))
            pos = r.end
        }
        if let p = padding {
            rs += p.regions(from: pos, origin: headerOffset)
            pos += UInt64(p.render(from: pos, origin: headerOffset).count)
        }
        if pos < bodySize {
            rs.append(Region(offset: pos, size: bodySize - pos, role: tailRaw == nil ? .tailPadding : .unknown))
        }
        pos = bodySize
        var crcReg: UInt32 = 0xffff_ffff
        var crcPos = 0
        for c in chunks {
            let trailerAt = Int(pos) + c.data.count
            crcReg = CRC32.uninverted(Array(bytes[crcPos ..< trailerAt]), continuing: crcReg)
            crcPos = trailerAt
            rs += c.regions(at: pos, crcBefore: crcReg)
            pos += UInt64(c.data.count + FwtoolChunk.trailerSize)
        }
        return rs
    }
}
