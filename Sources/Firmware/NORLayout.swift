import BinaryIO
import Codecs

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
}

extension NORLayout {
    /// Parses `bytes` as a NOR image (TP-Link or uImage header, or a FIT kernel at 0) whose
    /// header starts at `base` (0, or the length of a recovery image's boot-loader padding
    /// or of a vendor header, see `headerOffset(in:)`).
    public init(parsing bytes: [UInt8], at base: Int = 0) throws {
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
            kernelSize = try FITImage(parsing: bytes, limit: bodyEnd, context: "read FIT kernel").end
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
                rootfs = try SquashfsSpan(parsing: bytes, at: off, limit: bodyEnd)
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
        self = layout
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
                  let f = try? FITImage(parsing: Array(bytes[Int(kernelOffset) ..< Int(kernelOffset + kernelSize)])) {
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
        return rs + FwtoolChunk.regions(of: chunks, in: bytes, from: Int(bodySize))
    }

    /// Where the image header starts: 0 when a TP-Link or uImage header is there, else the
    /// first 512-byte boundary in the first 4 MiB holding a TP-Link header whose MD5 verifies
    /// — a TP-Link tftp recovery image is the factory image behind boot-loader padding
    /// (`pad-extra 128k`) — else the first uImage in the first 4 MiB whose header and data
    /// CRCs verify (a vendor header in front, which is mapped but never rewritten); nil when
    /// there is neither.
    static func headerOffset(in bytes: [UInt8]) -> Int? {
        if TPLinkHeader.matches(bytes, at: 0) || UImageHeader.matches(bytes, at: 0) { return 0 }
        let (_, bodyEnd) = (try? FwtoolChunk.parseChain(bytes, end: bytes.count)) ?? ([], bytes.count)
        var off = 512
        let limit = min(bytes.count - TPLinkHeader.size, 4 << 20)
        while off <= limit {
            if TPLinkHeader.matches(bytes, at: off),
               let h = try? TPLinkHeader(parsing: bytes, at: off, bodyEnd: bodyEnd),
               h.kernelOffset == UInt32(TPLinkHeader.size),
               h.checksum(image: bytes[off ..< bodyEnd]).verifies {
                return off
            }
            off += 512
        }
        // A uImage behind a vendor header (any 4-byte boundary): header and data CRCs must
        // both verify before the bytes in front are taken for a header imagetool does not know.
        off = 4
        let uLimit = min(bytes.count - UImageHeader.size, 4 << 20)
        while off <= uLimit {
            if UImageHeader.matches(bytes, at: off) {
                var r = ByteReader(Array(bytes[off ..< off + UImageHeader.size]), context: "scan")
                if let u = try? UImageHeader(parsing: &r), u.headerCRC == u.computedHeaderCRC() {
                    let start = off + UImageHeader.size
                    let end = start + Int(u.dataSize)
                    if end <= bodyEnd, CRC32.checksum(Array(bytes[start ..< end])) == u.dataCRC { return off }
                }
            }
            off += 4
        }
        return nil
    }

    /// The image body (everything before the fwtool chunks) with the replacements applied.
    func rebuildBody(_ bytes: [UInt8], rootfs newRoot: [UInt8]?, kernel newKernel: [UInt8]?,
                     warnings: inout [String]) throws -> [UInt8] {
        let kStart = Int(kernelOffset), kEnd = Int(kernelOffset + kernelSize)
        var kernel = Array(bytes[kStart ..< kEnd])
        if let nk = newKernel {
            if let u = uimage, !UImageHeader.matches(nk) {
                kernel = try u.describing(nk).serialize() + nk
            } else {
                kernel = nk
            }
        }
        var body = Array(bytes[..<kStart])  // TP-Link header (resealed below) or nothing
        body += kernel
        var kernelFieldLength = kernel.count
        if let r = rootfs {
            let rOff = Int(r.offset)
            guard body.count <= rOff else {
                throw FormatError(.refused, offset: UInt64(kStart), context: "rebuild image",
                                  "kernel of \(kernel.count) bytes ends at 0x\(String(body.count, radix: 16)), past the rootfs at 0x\(String(rOff, radix: 16)) (room for \(rOff - kStart) bytes)")
            }
            if let raw = gapRaw, newKernel == nil {
                body += raw
            } else {
                body += repeatElement(gapFill ?? 0xff, count: rOff - body.count)
            }
            if tplink != nil && placement == .afterKernel { kernelFieldLength = rOff - kStart }
            body += newRoot ?? Array(bytes[rOff ..< Int(r.end)])
        } else if newRoot != nil {
            throw FormatError(.unsupported, context: "rebuild image", "this image has no squashfs rootfs to replace (initramfs kernel)")
        }
        if let p = padding { body += p.render(from: UInt64(body.count), origin: headerOffset) }
        if let raw = tailRaw {
            if newRoot != nil || newKernel != nil {
                warnings.append("kept \(raw.count) unexplained bytes after the rootfs padding at their new offset 0x\(String(body.count, radix: 16))")
            }
            body += raw
        } else if let f = tailFill {
            guard body.count <= Int(bodySize) else {
                throw FormatError(.refused, context: "rebuild image",
                                  "image body would be \(body.count) bytes, \(body.count - Int(bodySize)) more than the fixed length \(bodySize) of the original")
            }
            body += repeatElement(f, count: Int(bodySize) - body.count)
        }
        if var h = tplink {
            let length = body.count - Int(headerOffset)
            guard length <= Int(h.firmwareLength) else {
                let room = Int(h.firmwareLength) - (length - (newRoot?.count ?? Int(rootfs?.bytesUsed ?? 0)))
                throw FormatError(.refused, offset: headerOffset + UInt64(h.f.fwLength), context: "rebuild TP-Link image",
                                  "image would be \(length) bytes, \(length - Int(h.firmwareLength)) more than fw_length \(h.firmwareLength); the rootfs has room for about \(max(0, room)) bytes")
            }
            if newKernel != nil { h.setKernelLength(try Checked.int(kernelFieldLength, as: UInt32.self, "kernel_len")) }
            if let nr = newRoot { h.setRootfsLength(try Checked.int(nr.count, as: UInt32.self, "rootfs_len")) }
            let base = Int(headerOffset)
            var image = Array(body[base...])
            h.seal(&image)
            body.replaceSubrange(base..., with: image)
        }
        return body
    }
}

extension FirmwareImage.Kind {
    /// TP-Link v1/v2 header + kernel + squashfs (firmware-utils mktplinkfw).
    public static let tplink = FirmwareImage.Kind(rawValue: "tplink")
    /// uImage kernel + padding + squashfs rootfs (NOR sysupgrade).
    public static let uimageSysupgrade = FirmwareImage.Kind(rawValue: "uimage-sysupgrade")
    /// A uImage alone (initramfs kernel).
    public static let uimageKernel = FirmwareImage.Kind(rawValue: "uimage-kernel")
    /// A FIT kernel + padding + squashfs rootfs (NOR sysupgrade of FIT boards).
    public static let fitKernelSysupgrade = FirmwareImage.Kind(rawValue: "fit-kernel-sysupgrade")
}

extension NORLayout: FirmwareFamily {
    public static var familyDescription: String {
        "TP-Link (mktplinkfw v1/v2, mktplinkfw2 v2/v3, at 0 or behind recovery padding), uImage"
    }

    /// A TP-Link or uImage header at 0 or found by `headerOffset(in:)`, or a FIT kernel at 0
    /// followed by a squashfs (which `FITLayout.detect` leaves here).
    public static func detect(_ bytes: [UInt8]) throws -> NORLayout? {
        if FITImage.matches(bytes) { return try NORLayout(parsing: bytes) }
        guard let base = headerOffset(in: bytes) else { return nil }
        return try NORLayout(parsing: bytes, at: base)
    }

    public var kind: FirmwareImage.Kind {
        if tplink != nil { return .tplink }
        if uimage == nil { return .fitKernelSysupgrade }
        return rootfs != nil ? .uimageSysupgrade : .uimageKernel
    }

    public var problems: [FormatError] { rootfsProblem.map { [$0] } ?? [] }

    public func kernelImage(in bytes: [UInt8]) -> [UInt8]? {
        Array(bytes[Int(kernelOffset) ..< Int(kernelOffset + kernelSize)])
    }

    public func rootfsImage(in bytes: [UInt8]) -> [UInt8]? {
        rootfs.map { Array(bytes[Int($0.offset) ..< Int($0.end)]) }
    }

    public func payloadSpans() -> [(offset: Int, size: Int, source: String, sourceOffset: Int)] {
        var spans: [(offset: Int, size: Int, source: String, sourceOffset: Int)] = [(Int(kernelOffset), Int(kernelSize), "kernel", 0)]
        if let r = rootfs { spans.append((Int(r.offset), Int(r.bytesUsed), "rootfs", 0)) }
        return spans
    }

    public func rebuild(_ bytes: [UInt8], rootfs newRoot: [UInt8]?, kernel newKernel: [UInt8]?, options: RebuildOptions,
                        warnings: inout [String]) throws -> [UInt8] {
        if headerOffset > 0 && !prefixIsFill {
            throw FormatError(.refused, offset: 0, context: "rebuild image",
                              "the \(headerOffset) bytes before the image at 0x\(String(headerOffset, radix: 16)) are a vendor header imagetool does not know; it may hold lengths or checksums of what follows, so the image is not rewritten")
        }
        var out = try rebuildBody(bytes, rootfs: newRoot, kernel: newKernel, warnings: &warnings)
        try FirmwareImage.appendChunks(&out, chunks, original: bytes, originalBodySize: Int(bodySize),
                                       options: options, warnings: &warnings)
        return out
    }

    /// The TP-Link header fields and the uImage header.
    public func describe(into report: inout ImageReport, bytes: [UInt8]) {
        if let h = tplink { report.tplink = ImageReport.TPLink(h, placement: placement) }
        if let u = uimage { report.uimage = ImageReport.UImage(u) }
    }
}
