import BinaryIO

/// The facts `imagetool inspect` prints: the region map (covering the whole file in
/// order) with every checksum recomputed, the kernel banner, the rootfs superblock, the
/// fwtool metadata and, when the rootfs can be read, the rootfs facts.
public struct ImageReport: Sendable, Codable {
    /// Kernel facts from the decompressed payload.
    public struct Kernel: Sendable, Codable {
        /// Compression name.
        public var compression: String
        /// Size in bytes.
        public var size: Int
        /// `Linux version ...` banner.
        public var banner: String?
        /// Kernel release from the banner.
        public var release: String?
        /// Whether IKCONFIG is embedded.
        public var hasConfig: Bool
        /// Lines of the embedded config.
        public var configLines: Int?
    }
    /// Superblock facts of the squashfs rootfs.
    public struct Rootfs: Sendable, Codable {
        /// Absolute offset of the superblock.
        public var offset: UInt64
        /// Size in bytes.
        public var size: UInt64
        /// squashfs compressor name.
        public var compressor: String
        /// squashfs block size.
        public var blockSize: UInt32
        /// Inode count.
        public var inodes: UInt32
        /// Creation time (seconds since the epoch).
        public var created: UInt32
    }
    /// Header fields of a TP-Link image.
    public struct TPLink: Sendable, Codable {
        /// 1 or 2.
        public var headerVersion: Int
        /// `vendor_name`.
        public var vendor: String
        /// `fw_version`.
        public var firmwareVersion: String
        /// `hw_id` in hex.
        public var hardwareID: String
        /// `hw_rev`.
        public var hardwareRevision: UInt32
        /// `fw_length` (flash layout size).
        public var firmwareLength: UInt32
        /// `kernel_ofs`.
        public var kernelOffset: UInt32
        /// `kernel_len`.
        public var kernelLength: UInt32
        /// `rootfs_ofs` as stored.
        public var rootfsOffset: UInt32
        /// `rootfs_len`.
        public var rootfsLength: UInt32
        /// `kernel_la` in hex.
        public var kernelLoadAddress: String
        /// `kernel_ep` in hex.
        public var kernelEntryPoint: String
        /// How the rootfs is located (header-offset, after-kernel, scanned).
        public var rootfsPlacement: String?

        init(_ h: TPLinkHeader, placement: NORLayout.RootfsPlacement?) {
            headerVersion = h.headerVersion; vendor = h.vendor; firmwareVersion = h.firmwareVersion
            hardwareID = ImageReport.hex(h.hardwareID); hardwareRevision = h.hardwareRevision
            firmwareLength = h.firmwareLength; kernelOffset = h.kernelOffset; kernelLength = h.kernelLength
            rootfsOffset = h.rootfsOffset; rootfsLength = h.rootfsLength
            kernelLoadAddress = ImageReport.hex(h.kernelLoadAddress); kernelEntryPoint = ImageReport.hex(h.kernelEntryPoint)
            rootfsPlacement = placement?.rawValue
        }
    }
    /// Header fields of a uImage kernel.
    public struct UImage: Sendable, Codable {
        /// `ih_name`.
        public var name: String
        /// `ih_arch` name.
        public var arch: String
        /// Compression name.
        public var compression: String
        /// `ih_size`.
        public var dataSize: UInt32
        /// `ih_load` in hex.
        public var loadAddress: String
        /// `ih_ep` in hex.
        public var entryPoint: String
        /// Creation time (seconds since the epoch).
        public var created: UInt32

        init(_ u: UImageHeader) {
            name = u.name; arch = u.archName; compression = u.compressionName; dataSize = u.dataSize
            loadAddress = ImageReport.hex(u.loadAddress); entryPoint = ImageReport.hex(u.entryPoint); created = u.time
        }
    }

    /// A UBI image's geometry (derived, with how) and volumes.
    public struct UBI: Sendable, Codable {
        /// PEB/LEB sizes, header offsets, image_seq and how the sizes were derived.
        public var geometry: UBILayout.Geometry
        /// Volumes of the volume table: name, id, type, reserved PEBs, LEBs in the file, size.
        public var volumes: [UBILayout.Volume]
        /// Name of the volume read as the kernel.
        public var kernelVolume: String?
        /// Name of the volume read as the rootfs.
        public var rootfsVolume: String?
    }

    /// The FIT of a `.itb` image or of a FIT kernel (u-boot doc/usage/fit/source_file_format.rst).
    public struct FIT: Sendable, Codable {
        /// One `/images` node.
        public struct Image: Sendable, Codable {
            public var name: String
            public var type: String
            public var arch: String?
            public var os: String?
            public var compression: String
            /// inline, data-offset or data-position.
            public var placement: String
            /// Data offset from the start of the FIT, and length.
            public var offset: Int
            public var size: Int
            /// `algo` of each hash node.
            public var hashes: [String]
            /// Whether every hash value verifies.
            public var hashesVerify: Bool
            /// Signature nodes carrying a value.
            public var signatures: [String]
        }
        /// One `/configurations` node.
        public struct Configuration: Sendable, Codable {
            public var name: String
            public var kernel: String?
            public var fdt: [String]
            public var ramdisk: String?
            public var loadables: [String]
            public var signatures: [String]
        }
        /// `/description`.
        public var description: String?
        /// `/configurations/default`.
        public var defaultConfiguration: String?
        /// Whether any image or configuration is signed (rebuilding needs its key: `FITSigner`).
        public var signed: Bool
        /// `totalsize` of the tree.
        public var treeSize: Int
        /// The external data alignment.
        public var alignment: Int
        public var images: [Image]
        public var configurations: [Configuration]

        init(_ f: FITImage) {
            description = f.description
            defaultConfiguration = f.defaultConfiguration
            signed = f.isSigned
            treeSize = f.totalSize
            alignment = f.alignment
            images = f.images.map { i in
                Image(name: i.name, type: i.type, arch: i.arch, os: i.os, compression: i.compression,
                      placement: i.placement.rawValue, offset: i.dataStart, size: i.dataSize, hashes: i.hashes.map(\.algo),
                      hashesVerify: i.hashes.allSatisfy { $0.computed != nil && $0.computed == $0.stored }, signatures: i.signatures)
            }
            configurations = f.configurations.map { c in
                Configuration(name: c.name, kernel: c.kernel, fdt: c.fdt, ramdisk: c.ramdisk, loadables: c.loadables, signatures: c.signatures)
            }
        }
    }

    /// The image path as given.
    public var file: String
    /// Size in bytes.
    public var size: Int
    /// The image family.
    public var kind: String
    /// Regions covering the whole file in order.
    public var regions: [Region]
    /// Whether every stored checksum verifies.
    public var checksumsVerify: Bool
    /// TP-Link header fields, when present.
    public var tplink: TPLink?
    /// uImage header fields, when present.
    public var uimage: UImage?
    /// FIT facts, when the image or its kernel is a FIT.
    public var fit: FIT?
    /// Kernel payload facts, when readable.
    public var kernel: Kernel?
    /// Why the kernel could not be read, when it could not.
    public var kernelError: String?
    /// Rootfs superblock facts, when present.
    public var rootfs: Rootfs?
    /// The fwtool metadata JSON text.
    public var metadata: String?
    /// UBI geometry and volumes, for UBI images.
    public var ubi: UBI?
    /// Facts read from the rootfs (nil when no reader was given or no rootfs exists).
    public var facts: RootfsFacts?
    /// The installed kernel package version (what kmods depend on), from the rootfs or,
    /// when the rootfs records none, the build manifest beside the image.
    public var kernelPackageVersion: String?
    /// Where `kernelPackageVersion` was read.
    public var kernelPackageSource: String?
    /// Parts of the image that could not be read, each naming what is lost (the rest of
    /// the report stands); `imagetool inspect` exits 1 when there are any.
    public var problems: [String]
    /// Regions of the inflated disk of a gzip'd x86 image (offsets inside the disk):
    /// MBR, GPT headers and entry arrays, partitions and gaps, covering the whole disk.
    public var diskRegions: [Region]?

    static func hex(_ v: UInt32) -> String { "0x" + Checksum.hex32(v) }

    /// Builds the report for `image`; `facts` come from the caller's rootfs reader.
    public init(image: FirmwareImage, file: String, facts: RootfsFacts? = nil, problems: [String] = []) {
        self.file = file
        self.problems = image.problems.map(\.located) + problems
        size = image.bytes.count
        kind = image.kind.rawValue
        regions = image.regions
        checksumsVerify = image.regions.allSatisfy { $0.checksums.allSatisfy(\.verifies) }
        image.layout.describe(into: &self, bytes: image.bytes)
        if fit == nil, FITImage.matches(image.kernelImage), let f = try? FITImage(parsing: image.kernelImage) {
            fit = FIT(f)
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
            kernelError = image.layout.missingKernel
        }
        if let r = image.rootfsSpan {
            rootfs = Rootfs(offset: r.offset, size: r.bytesUsed, compressor: r.compressor, blockSize: r.blockSize,
                            inodes: r.inodeCount, created: r.modificationTime)
        }
        metadata = image.metadataJSON
        self.facts = facts
        kernelPackageVersion = facts?.kernelPackageVersion
        kernelPackageSource = facts?.kernelPackageSource
        if kernelPackageVersion == nil, let p = image.path,
           let (v, src) = BuildManifest.kernelPackage(besides: p, release: kernel?.release ?? facts?.moduleReleases.first) {
            kernelPackageVersion = v
            kernelPackageSource = "build manifest " + src
        }
    }
}
