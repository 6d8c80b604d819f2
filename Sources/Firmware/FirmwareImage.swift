import BinaryIO
import Squash

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

/// The unknown-container message: which families were tried and which known magics
/// occur where, so a user can tell what the file is and where a filesystem starts.
enum ContainerScan {
    /// Families `FirmwareImage` recognises, in the order it tries them.
    static var families: String { FirmwareFamilies.all.map { $0.familyDescription }.joined(separator: ", ") }

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
