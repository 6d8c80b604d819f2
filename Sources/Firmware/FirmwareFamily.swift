import BinaryIO

/// One image family imagetool reads and rebuilds: the parsed layout of an image of that
/// family. A family is one type in its own file (named after the type) conforming to this
/// protocol, plus one line in `FirmwareFamilies.all`; `FirmwareImage`, `ImageReport`,
/// `FirmwareUnpacker` and the installers ask the layout through this protocol instead of
/// switching over families.
///
/// The layout is a value parsed once from the whole file; methods that need the file's
/// bytes take them (`bytes` is always the image the layout was parsed from).
public protocol FirmwareFamily: Sendable {
    /// Parses `bytes` as this family: nil when its magic is absent (the next family is
    /// tried), a `FormatError` when the magic is there but the layout is damaged.
    static func detect(_ bytes: [UInt8]) throws -> Self?
    /// How this family is named in the unknown-container message ("UBI", "FIT (.itb)").
    static var familyDescription: String { get }

    /// The family name users see (`imagetool inspect`, `--json` `kind`).
    var kind: FirmwareImage.Kind { get }
    /// Regions covering the whole file in order, every checksum recomputed.
    func regions(of bytes: [UInt8]) -> [Region]
    /// Parts that should be there but could not be read (mapped as `unknown`).
    var problems: [FormatError] { get }

    /// The kernel as the image stores it (nil when the image holds none).
    func kernelImage(in bytes: [UInt8]) -> [UInt8]?
    /// The kernel compression the container records, when it stores the payload bare
    /// (a FIT's `compression` property); nil to sniff the kernel image.
    var kernelCompression: String? { get }
    /// Why `kernelImage` is nil, for the report.
    var missingKernel: String { get }

    /// The rootfs locator: the squashfs superblock facts (offset relative to this image,
    /// or to the container — disk, UBI volume — that holds it).
    var rootfs: SquashfsSpan? { get }
    /// The squashfs rootfs bytes (`bytes_used` long), when the image has one.
    func rootfsImage(in bytes: [UInt8]) -> [UInt8]?
    /// Absolute offset of the rootfs squashfs in the file, when it is stored there
    /// contiguous and uncompressed (nil for UBI LEBs and gzip'd disks).
    var rootfsFileOffset: UInt64? { get }
    /// The fwtool chunks at the end of the image, in file order.
    var chunks: [FwtoolChunk] { get }
    /// The kernel and rootfs payloads as file spans, for `imagetool unpack`; `sourceOffset`
    /// is the offset inside the payload (0 unless it is split, as across UBI LEBs).
    func payloadSpans() -> [(offset: Int, size: Int, source: String, sourceOffset: Int)]

    /// The image with the rootfs (already cut to `bytes_used`) and/or the kernel replaced,
    /// every length, checksum, padding and fwtool chunk of the layout recomputed;
    /// `options.maxImageSize` is checked by the caller.
    func rebuild(_ bytes: [UInt8], rootfs: [UInt8]?, kernel: [UInt8]?, options: RebuildOptions,
                 warnings: inout [String]) throws -> [UInt8]
    /// Adds the family's own facts (headers, geometry) to `report`.
    func describe(into report: inout ImageReport, bytes: [UInt8])
}

extension FirmwareFamily {
    public var problems: [FormatError] { [] }
    public var kernelCompression: String? { nil }
    public var missingKernel: String { "the image holds no kernel" }
    public var rootfsFileOffset: UInt64? { rootfs?.offset }
    public var chunks: [FwtoolChunk] { [] }
    public func describe(into report: inout ImageReport, bytes: [UInt8]) {}
}

/// The registry: every family, in the order detection tries them. The first four test
/// magics at offset 0 or 257; the order matters where a test is weak or a family is a
/// catch-all:
/// 1. NAND sysupgrade tar (ustar magic at 257 and a `sysupgrade-` name at 0),
/// 2. UBI (`UBI#` at 0),
/// 3. a bare squashfs (`hsqs` at 0, Squash `Superblock.looksLikeSquashfs`) and
/// 4. FIT (`d00dfeed` at 0) go before
/// 5. x86 disks, whose test is the weakest of the magic ones (gzip magic at 0, or only
///    0x55AA at 510, which a squashfs or FIT may hold by chance in its data: tried first,
///    the disk family would refuse them). A FIT that holds no rootfs but is followed by a
///    squashfs is left to NOR (`fit-kernel-sysupgrade`: a FIT kernel in a NOR image).
/// 6. NOR last: a TP-Link or uImage header at 0, else one found by scanning behind
///    recovery padding or a vendor header — the most permissive test, the catch-all.
/// When none matches, `FirmwareImage` throws the unknown-container error (`ContainerScan`),
/// which names the families from `familyDescription` in this order.
public enum FirmwareFamilies {
    /// The families in detection order.
    public static let all: [any FirmwareFamily.Type] = [
        NANDTarLayout.self,
        UBILayout.self,
        BareSquashfsLayout.self,
        FITLayout.self,
        DiskImageLayout.self,
        NORLayout.self,
    ]

    /// The first family whose magic matches `bytes`, parsed; nil when none does.
    public static func detect(_ bytes: [UInt8]) throws -> (any FirmwareFamily)? {
        for family in all {
            if let layout = try family.detect(bytes) { return layout }
        }
        return nil
    }
}
