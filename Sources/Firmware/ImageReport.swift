import BinaryIO

/// The facts `imagetool inspect` prints: the region map (covering the whole file in
/// order) with every checksum recomputed, the kernel banner, the rootfs superblock, the
/// fwtool metadata and, when the rootfs can be read, the rootfs facts.
public struct ImageReport: Sendable, Codable {
    /// Kernel facts from the decompressed payload.
    public struct Kernel: Sendable, Codable {
        public var compression: String
        public var size: Int
        public var banner: String?
        public var release: String?
        public var hasConfig: Bool
        public var configLines: Int?
    }
    /// Superblock facts of the squashfs rootfs.
    public struct Rootfs: Sendable, Codable {
        public var offset: UInt64
        public var size: UInt64
        public var compressor: String
        public var blockSize: UInt32
        public var inodes: UInt32
        public var created: UInt32
    }
    /// Header fields of a TP-Link image.
    public struct TPLink: Sendable, Codable {
        public var headerVersion: Int
        public var vendor: String
        public var firmwareVersion: String
        public var hardwareID: String
        public var hardwareRevision: UInt32
        public var firmwareLength: UInt32
        public var kernelOffset: UInt32
        public var kernelLength: UInt32
        public var rootfsOffset: UInt32
        public var rootfsLength: UInt32
        public var kernelLoadAddress: String
        public var kernelEntryPoint: String
        public var rootfsPlacement: String?
    }
    /// Header fields of a uImage kernel.
    public struct UImage: Sendable, Codable {
        public var name: String
        public var arch: String
        public var compression: String
        public var dataSize: UInt32
        public var loadAddress: String
        public var entryPoint: String
        public var created: UInt32
    }

    public var file: String
    public var size: Int
    public var kind: String
    public var regions: [Region]
    /// Whether every stored checksum verifies.
    public var checksumsVerify: Bool
    public var tplink: TPLink?
    public var uimage: UImage?
    public var kernel: Kernel?
    /// Why the kernel could not be read, when it could not.
    public var kernelError: String?
    public var rootfs: Rootfs?
    /// The fwtool metadata JSON text.
    public var metadata: String?
    /// Facts read from the rootfs (nil when no reader was given or no rootfs exists).
    public var facts: RootfsFacts?

    static func hex(_ v: UInt32) -> String { "0x" + Checksum.hex32(v) }

    /// Builds the report for `image`; `facts` come from the caller's rootfs reader.
    public init(image: FirmwareImage, file: String, facts: RootfsFacts? = nil) {
        self.file = file
        size = image.bytes.count
        kind = image.kind.rawValue
        regions = image.regions
        checksumsVerify = image.regions.allSatisfy { $0.checksums.allSatisfy(\.verifies) }
        if case .nor(let l) = image.layout {
            if let h = l.tplink {
                tplink = TPLink(headerVersion: h.headerVersion, vendor: h.vendor, firmwareVersion: h.firmwareVersion,
                                hardwareID: ImageReport.hex(h.hardwareID), hardwareRevision: h.hardwareRevision,
                                firmwareLength: h.firmwareLength, kernelOffset: h.kernelOffset, kernelLength: h.kernelLength,
                                rootfsOffset: h.rootfsOffset, rootfsLength: h.rootfsLength,
                                kernelLoadAddress: ImageReport.hex(h.kernelLoadAddress), kernelEntryPoint: ImageReport.hex(h.kernelEntryPoint),
                                rootfsPlacement: l.placement?.rawValue)
            }
            if let u = l.uimage {
                uimage = UImage(name: u.name, arch: u.archName, compression: u.compressionName, dataSize: u.dataSize,
                                loadAddress: ImageReport.hex(u.loadAddress), entryPoint: ImageReport.hex(u.entryPoint), created: u.time)
            }
        }
        if !image.kernelImage.isEmpty {
            do {
                let k = try image.kernelPayload()
                kernel = Kernel(compression: k.compression, size: k.size, banner: k.banner, release: k.release,
                                hasConfig: k.config != nil, configLines: k.config.map { $0.split(separator: "\n").count })
            } catch let e as FormatError {
                kernelError = e.description
            } catch {
                kernelError = "\(error)"
            }
        } else {
            kernelError = "the kernel is inside the boot partition's filesystem"
        }
        if let r = image.rootfsSpan {
            rootfs = Rootfs(offset: r.offset, size: r.bytesUsed, compressor: r.compressor, blockSize: r.blockSize,
                            inodes: r.inodeCount, created: r.modificationTime)
        }
        metadata = image.metadataJSON
        self.facts = facts
    }
}
