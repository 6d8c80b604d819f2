import BinaryIO
import Squash

/// An OpenWrt firmware image understood as typed regions: the entry point other
/// libraries use (`FirmwareImage.open(path)`), see the layout types for the formats.
public struct FirmwareImage: Sendable {
    /// Largest image file accepted.
    public static let maxImageSize: UInt64 = 2 << 30

    /// The image families imagetool recognises.
    public enum Kind: String, Sendable, Codable {
        /// TP-Link v1/v2 header + kernel + squashfs (firmware-utils mktplinkfw).
        case tplink
        /// uImage kernel + padding + squashfs rootfs (NOR sysupgrade).
        case uimageSysupgrade = "uimage-sysupgrade"
        /// A uImage alone (initramfs kernel).
        case uimageKernel = "uimage-kernel"
        /// NAND sysupgrade tar (`sysupgrade-<board>/CONTROL|kernel|root`).
        case nandTar = "nand-sysupgrade-tar"
        /// x86 disk image (MBR, boot and rootfs partitions), gzip'd or not.
        case x86Combined = "x86-combined"
        /// A bare squashfs rootfs (`root.squashfs`, an unpacked `rootfs.sqfs`).
        case squashfs = "squashfs-rootfs"
        /// UBI image made by ubinize (NAND `*-factory.ubi`: kernel, rootfs, rootfs_data volumes).
        case ubi
        /// x86 EFI disk image (GPT, boot and rootfs partitions), gzip'd or not.
        case x86CombinedEFI = "x86-combined-efi"
        /// A FIT (`.itb`) holding the kernel, device trees and usually the rootfs.
        case fit
        /// A FIT kernel + padding + squashfs rootfs (NOR sysupgrade of FIT boards).
        case fitKernelSysupgrade = "fit-kernel-sysupgrade"
    }

    /// The layout, one case per family.
    public enum Layout: Sendable {
        case nor(NORLayout)
        case nand(NANDTarLayout)
        case disk(DiskImageLayout)
        /// A bare squashfs: the filesystem and the padding after `bytes_used`.
        case bare(SquashfsSpan)
        case ubi(UBILayout)
        case fit(FITLayout)
    }

    /// The file this image came from, for error messages.
    public var path: String?
    /// The image bytes.
    public var bytes: [UInt8]
    /// The detected family.
    public var kind: Kind
    /// The parsed layout of that family.
    public var layout: Layout
    /// Regions covering the whole file in order.
    public var regions: [Region]
    /// Parts of the image that should be there but could not be read (e.g. a damaged
    /// rootfs); the regions still cover the file, with such bytes mapped as `unknown`.
    public var problems: [FormatError] = []

    /// Reads and parses the image at `path`.
    public static func open(_ path: String) throws -> FirmwareImage {
        try withFile(path) {
            try FirmwareImage(bytes: FS.read(path, limit: maxImageSize), path: path)
        }
    }

    /// Parses `bytes`, detecting the family from its magic numbers.
    public init(bytes: [UInt8], path: String? = nil) throws {
        self.path = path
        self.bytes = bytes
        do {
            if NANDTarLayout.matches(bytes) {
                let l = try NANDTarLayout.parse(bytes)
                kind = .nandTar; layout = .nand(l); regions = l.regions(of: bytes)
            } else if UBILayout.matches(bytes) {
                let l = try UBILayout.parse(bytes)
                kind = .ubi; layout = .ubi(l); regions = l.regions(of: bytes)
            } else if DiskImageLayout.matches(bytes) {
                let l = try DiskImageLayout.parse(bytes)
                kind = l.gpt != nil ? .x86CombinedEFI : .x86Combined; layout = .disk(l); regions = l.regions(of: bytes)
            } else if SquashfsSpan.matches(bytes, at: 0) {
                let span = try SquashfsSpan(in: bytes, at: 0)
                kind = .squashfs; layout = .bare(span); regions = FirmwareImage.bareRegions(span, fileSize: bytes.count)
            } else if FITImage.matches(bytes) {
                let f = try FITLayout.parse(bytes)
                if f.fit.rootfs == nil, let n = try? NORLayout.parse(bytes), n.rootfs != nil {
                    kind = .fitKernelSysupgrade; layout = .nor(n); regions = n.regions(of: bytes)
                } else {
                    kind = .fit; layout = .fit(f); regions = f.regions(of: bytes)
                }
            } else {
                let base = try FirmwareImage.headerOffset(in: bytes)
                let l = try NORLayout.parse(bytes, at: base)
                kind = l.tplink != nil ? .tplink : (l.rootfs != nil ? .uimageSysupgrade : .uimageKernel)
                layout = .nor(l); regions = l.regions(of: bytes)
                if let p = l.rootfsProblem { problems.append(p) }
            }
            try Regions.validate(regions, fileSize: UInt64(bytes.count), context: "map regions")
        } catch let e as FormatError {
            throw path.map { e.inFile($0) } ?? e
        }
    }

    /// The kernel as the image stores it (a uImage with its header, or the raw payload).
    public var kernelImage: [UInt8] {
        switch layout {
        case .nor(let l): return Array(bytes[Int(l.kernelOffset) ..< Int(l.kernelOffset + l.kernelSize)])
        case .nand(let l): return l.member(named: "kernel", in: bytes) ?? []
        case .disk(let l): return (try? l.readKernel()) ?? []
        case .bare: return []
        case .ubi(let l): return l.kernelImage(in: bytes) ?? []
        case .fit(let l): return l.fit.kernel.map { l.fit.data(of: $0, in: bytes) } ?? []
        }
    }

    /// The squashfs rootfs bytes (`bytes_used` long), when the image has one.
    public var rootfsImage: [UInt8]? {
        switch layout {
        case .nor(let l):
            guard let r = l.rootfs else { return nil }
            return Array(bytes[Int(r.offset) ..< Int(r.end)])
        case .nand(let l): return l.member(named: "root", in: bytes)
        case .disk(let l): return l.rootfsImage
        case .bare(let r): return Array(bytes[..<Int(r.bytesUsed)])
        case .ubi(let l): return l.rootfsImage(in: bytes)
        case .fit(let l):
            guard let r = l.rootfs else { return nil }
            return Array(bytes[Int(r.offset) ..< Int(r.end)])
        }
    }

    /// The rootfs superblock facts (offset relative to this image or container).
    public var rootfsSpan: SquashfsSpan? {
        switch layout {
        case .nor(let l): return l.rootfs
        case .nand(let l): return l.rootfs
        case .disk(let l): return l.rootfs
        case .bare(let r): return r
        case .ubi(let l): return l.rootfs
        case .fit(let l): return l.rootfs
        }
    }

    /// The fwtool metadata JSON, when the image carries it.
    public var metadataJSON: String? {
        let chunks: [FwtoolChunk]
        switch layout {
        case .nor(let l): chunks = l.chunks
        case .nand(let l): chunks = l.chunks
        case .disk(let l): chunks = l.chunks
        case .bare: chunks = []
        case .ubi: chunks = []
        case .fit(let l): chunks = l.chunks
        }
        return chunks.last(where: { $0.isMetadata })?.metadataJSON
    }

    /// The kernel's compressed payload and its compression name.
    public func kernelPayloadBytes() -> (bytes: [UInt8], compression: String?) {
        if case .fit(let l) = layout {
            return (kernelImage, l.fit.kernel?.compression)
        }
        let k = kernelImage
        if FITImage.matches(k), let f = try? FITImage.parse(k), let ki = f.kernel {
            return (f.data(of: ki, in: k), ki.compression)
        }
        if UImageHeader.matches(k) {
            var r = ByteReader(k)
            if let h = try? UImageHeader(parsing: &r) {
                let end = min(k.count, UImageHeader.size + Int(h.dataSize))
                return (Array(k[UImageHeader.size ..< end]), h.compressionName)
            }
        }
        if BzImageHeader.matches(k), let h = try? BzImageHeader(parsing: k) {
            let p = h.payload(of: k)
            return (p, KernelPayload.sniff(p, at: 0))
        }
        return (k, nil)
    }

    /// Decompresses the kernel and reads its banner and embedded config.
    public func kernelPayload() throws -> KernelPayload {
        let (payload, comp) = kernelPayloadBytes()
        do {
            let k = kernelImage
            if FITImage.matches(k) { _ = try FITImage.parse(k, context: "read FIT kernel") }  // the error, when unreadable
            return try KernelPayload(payload: payload, compression: comp)
        } catch let e as FormatError {
            throw path.map { e.inFile($0) } ?? e
        }
    }
}

extension FirmwareImage {
    /// Regions of a bare squashfs: the filesystem, then the padding mksquashfs adds (to
    /// 4 KiB) or whatever follows `bytes_used`.
    static func bareRegions(_ span: SquashfsSpan, fileSize: Int) -> [Region] {
        var rs = [Region(offset: 0, size: span.bytesUsed, role: .rootfs, note: "squashfs \(span.version) \(span.compressor)")]
        if UInt64(fileSize) > span.bytesUsed {
            rs.append(Region(offset: span.bytesUsed, size: UInt64(fileSize) - span.bytesUsed, role: .tailPadding))
        }
        return rs
    }

    /// Where the image header starts: 0 when a TP-Link or uImage header is there, else the
    /// first 512-byte boundary in the first 4 MiB holding a TP-Link header whose MD5 verifies
    /// — a TP-Link tftp recovery image is the factory image behind boot-loader padding
    /// (`pad-extra 128k`) — else the first uImage in the first 4 MiB whose header and data
    /// CRCs verify (a vendor header in front, which is mapped but never rewritten). Throws the unknown-container
    /// error, naming every family tried and the known magics found, when there is neither.
    static func headerOffset(in bytes: [UInt8]) throws -> Int {
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
        throw FormatError(.unsupported, offset: 0, context: "detect image", ContainerScan.describe(bytes))
    }
}

/// The unknown-container message: which families were tried and which known magics
/// occur where, so a user can tell what the file is and where a filesystem starts.
enum ContainerScan {
    /// Families `FirmwareImage` recognises, in the order it tries them.
    static let families = "NAND sysupgrade tar, UBI, x86 disk (MBR/GPT), bare squashfs, FIT (.itb), TP-Link (mktplinkfw v1/v2, mktplinkfw2 v2/v3, at 0 or behind recovery padding), uImage"

    /// Known magics at 4-byte boundaries (the first 8 hits).
    static func magics(_ bytes: [UInt8]) -> [String] {
        var found: [String] = []
        let n = bytes.count
        var i = 0
        while i + 4 <= n && found.count < 8 {
            let a = bytes[i], b = bytes[i + 1], c = bytes[i + 2], d = bytes[i + 3]
            var name: String? = nil
            if Superblock.looksLikeSquashfs(bytes, at: i) { name = "squashfs (hsqs)" }
            else if a == 0x73 && b == 0x71 && c == 0x73 && d == 0x68 { name = "squashfs big-endian (sqsh)" }
            else if a == 0x27 && b == 0x05 && c == 0x19 && d == 0x56 { name = "uImage" }
            else if a == 0xd0 && b == 0x0d && c == 0xfe && d == 0xed { name = "FIT/device tree (d00dfeed)" }
            else if a == 0x1f && b == 0x8b && c == 0x08 { name = "gzip" }
            else if a == 0x55 && b == 0x42 && c == 0x49 && d == 0x23 { name = "UBI (UBI#)" }
            else if a == 0x48 && b == 0x44 && c == 0x52 && d == 0x30 { name = "TRX (HDR0)" }
            else if a == 0xfd && b == 0x37 && c == 0x7a && d == 0x58 { name = "xz" }
            else if a == 0x5d && b == 0x00 && c == 0x00 && (d == 0x80 || d == 0x00 || d == 0x01 || d == 0x02 || d == 0x04 || d == 0x08 || d == 0x10 || d == 0x20 || d == 0x40) && i % 512 == 0 { name = "lzma" }
            else if a == 0x45 && b == 0x46 && c == 0x49 && d == 0x20 && i + 8 <= n && bytes[i + 4] == 0x50 && bytes[i + 5] == 0x41 { name = "GPT (EFI PART)" }
            if i + 10 <= n && a == 0x54 && b == 0x50 && c == 0x2d && d == 0x4c && bytes[i + 4] == 0x49 && bytes[i + 5] == 0x4e && bytes[i + 6] == 0x4b {
                name = "TP-Link string (TP-LINK)"
            }
            if i + 8 <= n && a == 0x76 && b == 0x65 && c == 0x72 && d == 0x2e && bytes[i + 4] == 0x20 {
                name = "TP-Link version string (ver. )"
            }
            if let name { found.append("\(name) at 0x\(String(i, radix: 16))") }
            i += 4
        }
        return found
    }

    /// The whole message.
    static func describe(_ bytes: [UInt8]) -> String {
        let m = magics(bytes)
        let head = Hex.encode(bytes.prefix(8))
        var s = "unknown image container (starts \(head)); tried \(families)"
        s += m.isEmpty ? "; no known magic found" : "; found \(m.joined(separator: ", "))"
        if m.contains(where: { $0.hasPrefix("squashfs (hsqs)") }) {
            s += "; to read the filesystem alone use `imagetool squash ls FILE --offset auto`"
        }
        if bytes.count >= 4, (bytes[0] == 0x2a && bytes[1] == 0x23 && bytes[2] == 0x24 && bytes[3] == 0x5e) || bytes.starts(with: Array("DNI".utf8)) {
            s += " (looks like a Netgear image header, which imagetool does not know)"
        }
        return s
    }
}
