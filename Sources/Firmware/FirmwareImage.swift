import BinaryIO
import Codecs
import Platform

/// An OpenWrt firmware image understood as typed regions: the entry point other
/// libraries use (`FirmwareImage.open(path)`), see the layout types for the formats.
public struct FirmwareImage: Sendable {
    /// Largest image file accepted.
    public static let maxImageSize: UInt64 = 2 << 30

    /// The family name users see (`imagetool inspect`, `--json` `kind`, the unpack
    /// manifest); each family declares its names beside its layout (`FirmwareImage.Kind.ubi`
    /// in UBILayout.swift, ...).
    public struct Kind: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
    }

    /// The file this image came from, for error messages.
    public var path: String?
    /// The image bytes.
    public var bytes: [UInt8]
    /// The parsed layout of the detected family (`FirmwareFamilies.all`).
    public var layout: any FirmwareFamily
    /// Regions covering the whole file in order.
    public var regions: [Region]
    /// Parts of the image that should be there but could not be read (e.g. a damaged
    /// rootfs); the regions still cover the file, with such bytes mapped as `unknown`.
    public var problems: [FormatError] = []

    /// The detected family.
    public var kind: Kind { layout.kind }

    /// Reads and parses the image at `path`.
    public static func open(_ path: String) throws -> FirmwareImage {
        try withFile(path) {
            try FirmwareImage(parsing: FS.read(path, limit: maxImageSize), path: path)
        }
    }

    /// Parses `bytes`, detecting the family from its magic numbers (the first family of
    /// `FirmwareFamilies.all` that matches); throws the unknown-container error naming
    /// every family tried and the known magics found when none does.
    public init(parsing bytes: [UInt8], path: String? = nil) throws {
        self.path = path
        self.bytes = bytes
        do {
            guard let l = try FirmwareFamilies.detect(bytes) else {
                throw FormatError(.unsupported, offset: 0, context: "detect image", ContainerScan.describe(bytes))
            }
            layout = l
            regions = l.regions(of: bytes)
            problems = l.problems
            try Regions.validate(regions, fileSize: UInt64(bytes.count), context: "map regions")
        } catch let e as FormatError {
            throw path.map { e.inFile($0) } ?? e
        }
    }

    /// The kernel as the image stores it (a uImage with its header, or the raw payload).
    public var kernelImage: [UInt8] { layout.kernelImage(in: bytes) ?? [] }

    /// The squashfs rootfs bytes (`bytes_used` long), when the image has one.
    public var rootfsImage: [UInt8]? { layout.rootfsImage(in: bytes) }

    /// The rootfs superblock facts (offset relative to this image or container).
    public var rootfsSpan: SquashfsSpan? { layout.rootfs }

    /// Absolute offset of the rootfs squashfs in the image file, when it is stored there
    /// uncompressed (NOR images, NAND tar members, raw disk images).
    public var rootfsFileOffset: UInt64? { layout.rootfsFileOffset }

    /// The fwtool metadata JSON, when the image carries it.
    public var metadataJSON: String? {
        layout.chunks.last(where: { $0.isMetadata })?.metadataJSON
    }

    /// The kernel's compressed payload and its compression name.
    public func kernelPayloadBytes() -> (bytes: [UInt8], compression: String?) {
        if let c = layout.kernelCompression { return (kernelImage, c) }
        let k = kernelImage
        if FITImage.matches(k), let f = try? FITImage(parsing: k), let ki = f.kernel {
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
            if FITImage.matches(k) { _ = try FITImage(parsing: k, context: "read FIT kernel") }  // the error, when unreadable
            return try KernelPayload(payload: payload, compression: comp)
        } catch let e as FormatError {
            throw path.map { e.inFile($0) } ?? e
        }
    }
}
