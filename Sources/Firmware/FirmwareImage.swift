import BinaryIO

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
            } else if DiskImageLayout.matches(bytes) {
                let l = try DiskImageLayout.parse(bytes)
                kind = .x86Combined; layout = .disk(l); regions = l.regions(of: bytes)
            } else if FITImage.matches(bytes) {
                let f = try FITLayout.parse(bytes)
                if f.fit.rootfs == nil, let n = try? NORLayout.parse(bytes), n.rootfs != nil {
                    kind = .fitKernelSysupgrade; layout = .nor(n); regions = n.regions(of: bytes)
                } else {
                    kind = .fit; layout = .fit(f); regions = f.regions(of: bytes)
                }
            } else {
                let l = try NORLayout.parse(bytes)
                kind = l.tplink != nil ? .tplink : (l.rootfs != nil ? .uimageSysupgrade : .uimageKernel)
                layout = .nor(l); regions = l.regions(of: bytes)
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
        case .disk(let l): return l.kernelImage ?? []
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
