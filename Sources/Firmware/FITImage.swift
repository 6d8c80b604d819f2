import BinaryIO
import CFDT
import Codecs
import Digests

/// A U-Boot Flattened Image Tree (FIT, `.itb`): a flattened device tree (magic `d00dfeed`)
/// whose `/images/<name>` nodes hold the kernel, device trees and the rootfs, and whose
/// `/configurations/<name>` nodes name the images to boot (u-boot
/// doc/usage/fit/source_file_format.rst, boot/image-fit.c). An image's bytes are the
/// node's `data` property (inline), or lie after the tree: `data-offset` counts from the
/// end of the tree rounded up to 4 bytes (`(totalsize + 3) & ~3`), `data-position` from
/// the start of the FIT; `data-size` gives the length (`mkimage -E [-B align] [-p pos]`,
/// tools/fit_image.c fit_extract_data). `hash-N` subnodes hold `algo` (crc32, md5, sha1,
/// sha256, ...) and `value` computed over the image data; `signature-N` nodes with a
/// `value` mean the FIT is signed.
///
/// The tree is read with libfdt only after `fdt_check_header` and `fdt_check_full` accept
/// it within bounds checked here; every offset and size from a property is checked
/// against the bytes available before it is used.
public struct FITImage: Sendable, Equatable {
    /// FDT_MAGIC.
    public static let magic: UInt32 = 0xd00d_feed
    /// sizeof(struct fdt_header).
    public static let headerSize = 40

    /// Where an image's data is stored.
    public enum Placement: String, Sendable, Codable {
        /// In the node's `data` property.
        case inline
        /// After the tree, at `data-offset` from the 4-byte aligned tree end.
        case offset = "data-offset"
        /// After the tree, at `data-position` from the start of the FIT.
        case position = "data-position"
    }

    /// One `hash-N` node.
    public struct Hash: Sendable, Equatable {
        /// Node name ("hash-1").
        public var name: String
        /// `algo` ("crc32", "sha1", ...).
        public var algo: String
        /// `value` as stored.
        public var stored: [UInt8]
        /// The value recomputed over the image data (nil for an algorithm imagetool lacks).
        public var computed: [UInt8]?
    }

    /// One `/images/<name>` node.
    public struct Image: Sendable, Equatable {
        /// Node name ("kernel-1").
        public var name: String
        /// `type` ("kernel", "flat_dt", "filesystem", "ramdisk", ...).
        public var type: String
        /// `arch`.
        public var arch: String?
        /// `os`.
        public var os: String?
        /// `compression` ("none" when absent, as U-Boot assumes).
        public var compression: String
        /// `description`.
        public var description: String?
        /// How the data is stored.
        public var placement: Placement
        /// Offset of the data from the start of the FIT.
        public var dataStart: Int
        /// Data length.
        public var dataSize: Int
        /// Hash nodes in tree order.
        public var hashes: [Hash]
        /// Names of signature nodes that carry a `value`.
        public var signatures: [String]
        /// One past the last data byte.
        public var dataEnd: Int { dataStart + dataSize }
        /// Whether the data is a squashfs filesystem (the rootfs).
        var holdsRootfs: Bool = false
    }

    /// One `/configurations/<name>` node.
    public struct Configuration: Sendable, Equatable {
        /// Node name ("config-1").
        public var name: String
        /// `kernel` image name.
        public var kernel: String?
        /// `fdt` image names.
        public var fdt: [String]
        /// `ramdisk` image name.
        public var ramdisk: String?
        /// `loadables` image names.
        public var loadables: [String]
        /// Names of signature nodes that carry a `value`.
        public var signatures: [String]
    }

    /// `totalsize` of the tree (mkimage -B pads it to the alignment).
    public var totalSize: Int
    /// Images in tree order.
    public var images: [Image]
    /// Configurations in tree order.
    public var configurations: [Configuration]
    /// `/configurations/default`.
    public var defaultConfiguration: String?
    /// `/description`.
    public var description: String?

    /// Whether any image or configuration carries a signature value.
    public var isSigned: Bool {
        images.contains { !$0.signatures.isEmpty } || configurations.contains { !$0.signatures.isEmpty }
    }

    /// Images stored after the tree, in file order.
    public var externalImages: [Image] {
        images.filter { $0.placement != .inline }.sorted { $0.dataStart < $1.dataStart }
    }

    /// One past the last byte of the tree and the external data (no trailing alignment).
    public var end: Int { externalImages.map(\.dataEnd).reduce(totalSize, max) }

    /// The kernel image: the default configuration's `kernel`, else the first `kernel` type.
    public var kernel: Image? {
        let conf = configurations.first { $0.name == defaultConfiguration } ?? configurations.first
        if let k = conf?.kernel, let i = images.first(where: { $0.name == k }) { return i }
        return images.first { $0.type == "kernel" || $0.type == "kernel_noload" }
    }

    /// The rootfs image: a filesystem, ramdisk or loadable whose data is a squashfs.
    public var rootfs: Image? { images.first { $0.holdsRootfs } }

    /// Whether `bytes` start with the FDT magic.
    public static func matches(_ bytes: [UInt8], at offset: Int = 0) -> Bool {
        guard offset >= 0, bytes.count - offset >= headerSize else { return false }
        return bytes[offset] == 0xd0 && bytes[offset + 1] == 0x0d && bytes[offset + 2] == 0xfe && bytes[offset + 3] == 0xed
    }

    /// The `totalsize` header field at the start of `bytes` (nil when too short).
    static func totalSize(of bytes: [UInt8]) -> Int? {
        guard bytes.count >= headerSize else { return nil }
        return Int(UInt32(bytes[4]) << 24 | UInt32(bytes[5]) << 16 | UInt32(bytes[6]) << 8 | UInt32(bytes[7]))
    }

    /// libfdt's message for an error code.
    static func fdtMessage(_ code: Int32) -> String {
        guard let s = fdt_strerror(code) else { return "libfdt error \(code)" }
        return String(cString: s)
    }

    /// Recomputes every hash and marks the image holding a squashfs.
    mutating func computeHashes(_ bytes: [UInt8]) throws {
        for i in images.indices {
            let img = images[i]
            images[i].holdsRootfs = ["filesystem", "ramdisk", "firmware", "standalone"].contains(img.type)
                && SquashfsSpan.matches(bytes, at: img.dataStart) && img.dataSize >= SquashfsSpan.superblockSize
            // One digest per algorithm, however many hash nodes name it (bounded work).
            var byAlgo: [String: [UInt8]?] = [:]
            bytes.withUnsafeBytes { raw in
                let data = UnsafeRawBufferPointer(rebasing: raw[img.dataStart ..< img.dataEnd])
                for h in images[i].hashes.indices {
                    let algo = images[i].hashes[h].algo
                    if byAlgo[algo] == nil { byAlgo[algo] = .some(FITImage.digest(algo, data)) }
                    images[i].hashes[h].computed = byAlgo[algo] ?? nil
                }
            }
        }
    }

    /// A hash `value` for `algo` over `data` (CRC-32 as 4 big-endian bytes, as U-Boot's
    /// calculate_hash stores it); nil for algorithms imagetool does not compute.
    /// `pad` zero bytes after `data` are hashed too (a page-padded rootfs, without a copy).
    static func digest(_ algo: String, _ data: UnsafeRawBufferPointer, pad: Int = 0) -> [UInt8]? {
        let zeros = [UInt8](repeating: 0, count: pad)
        let md: Digest.Algorithm
        switch algo {
        case "crc32":
            let c = zeros.withUnsafeBytes { CRC32.checksum($0, continuing: CRC32.checksum(data)) }
            return [UInt8(c >> 24), UInt8(c >> 16 & 0xff), UInt8(c >> 8 & 0xff), UInt8(c & 0xff)]
        case "md5": md = .md5
        case "sha1": md = .sha1
        case "sha256": md = .sha256
        case "sha512": md = .sha512
        default: return nil
        }
        let h = Digest.Hasher(md)
        h.update(data)
        if pad > 0 { h.update(zeros) }
        return h.finish()
    }

    /// The stored-versus-computed checks of every hash of `image`.
    public func checksums(of image: Image) -> [Checksum] {
        image.hashes.map { h in
            Checksum(kind: "fit-\(image.name)-\(h.name)-\(h.algo)", stored: Hex.encode(h.stored),
                     computed: h.computed.map { Hex.encode($0) } ?? "unsupported algorithm")
        }
    }

    /// The data of `image` in `bytes` (the FIT the image was parsed from).
    public func data(of image: Image, in bytes: [UInt8]) -> [UInt8] {
        Array(bytes[image.dataStart ..< image.dataEnd])
    }

    /// The alignment external data was laid out with (`mkimage -B`, 4 by default): the
    /// largest power of two up to 64 KiB that the tree size and every data start share and
    /// that explains the gaps between consecutive images.
    public var alignment: Int {
        let ext = externalImages
        guard !ext.isEmpty else { return 4 }
        var a = 1 << 16
        while a > 4 {
            var ok = totalSize % a == 0
            for (i, img) in ext.enumerated() where ok {
                ok = img.dataStart % a == 0
                if ok, i + 1 < ext.count { ok = FITImage.alignUp(img.dataEnd, a) == ext[i + 1].dataStart }
            }
            if ok { return a }
            a >>= 1
        }
        return 4
    }

    static func alignUp(_ v: Int, _ a: Int) -> Int { (v + a - 1) / a * a }
}

/// libfdt reads over a checked blob (valid only inside `FITImage.parse`'s closure).
struct FITTree {
    let base: UnsafeRawPointer
    let size: Int
    let context: String

    func name(_ node: Int32) -> String {
        var len: Int32 = 0
        guard let p = fdt_get_name(base, node, &len), len >= 0, Int(len) <= size else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: p, count: Int(len)), as: UTF8.self)
    }

    /// The property value and its offset in the blob.
    func prop(_ node: Int32, _ name: String) -> (bytes: UnsafeRawBufferPointer, offset: Int)? {
        var len: Int32 = 0
        guard let p = fdt_getprop(base, node, name, &len), len >= 0 else { return nil }
        let off = base.distance(to: p)
        guard off >= 0, off + Int(len) <= size else { return nil }
        return (UnsafeRawBufferPointer(start: p, count: Int(len)), off)
    }

    func bytes(_ node: Int32, _ name: String) -> [UInt8]? { prop(node, name).map { Array($0.bytes) } }

    /// The strings of a string-list property (NUL separated).
    func strings(_ node: Int32, _ name: String) -> [String] {
        guard let b = prop(node, name)?.bytes else { return [] }
        return b.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    func string(_ node: Int32, _ name: String) -> String? { strings(node, name).first }

    func u32(_ node: Int32, _ name: String, at path: String) throws -> UInt32? {
        guard let p = prop(node, name) else { return nil }
        guard p.bytes.count == 4 else {
            throw FormatError(.invalid, offset: UInt64(p.offset), context: context, "\(path)/\(name) is \(p.bytes.count) bytes, not a 32-bit cell")
        }
        return UInt32(p.bytes[0]) << 24 | UInt32(p.bytes[1]) << 16 | UInt32(p.bytes[2]) << 8 | UInt32(p.bytes[3])
    }

    func subnodes(_ node: Int32) -> [Int32] {
        var out: [Int32] = []
        var n = fdt_first_subnode(base, node)
        while n >= 0 && out.count < 4096 {
            out.append(n)
            n = fdt_next_subnode(base, n)
        }
        return out
    }

    func signatures(_ node: Int32) -> [String] {
        subnodes(node).filter { name($0).hasPrefix("signature") && prop($0, "value") != nil }.map { name($0) }
    }

    func read(limit: Int) throws -> FITImage {
        let imagesNode = fdt_path_offset(base, "/images")
        guard imagesNode >= 0 else {
            throw FormatError(.invalid, context: context, "device tree has no /images node (not a FIT): \(FITImage.fdtMessage(imagesNode))")
        }
        let dataBase = FITImage.alignUp(size, 4)
        var images: [FITImage.Image] = []
        for node in subnodes(imagesNode) {
            let n = name(node)
            let path = "/images/" + n
            let placement: FITImage.Placement
            let start: Int, length: Int
            if let d = prop(node, "data") {
                placement = .inline; start = d.offset; length = d.bytes.count
            } else if let pos = try u32(node, "data-position", at: path) {
                placement = .position; start = Int(pos)
                length = Int(try u32(node, "data-size", at: path) ?? 0)
            } else if let off = try u32(node, "data-offset", at: path) {
                placement = .offset; start = try Checked.add(dataBase, Int(off), "\(path)/data-offset")
                length = Int(try u32(node, "data-size", at: path) ?? 0)
            } else {
                throw FormatError(.invalid, context: context, "\(path) has no data, data-offset or data-position")
            }
            let end = try Checked.add(start, length, "\(path) data end")
            if placement != .inline {
                guard prop(node, "data-size") != nil else {
                    throw FormatError(.invalid, context: context, "\(path) has external data but no data-size")
                }
                guard start >= size, end <= limit else {
                    throw FormatError(.truncated, offset: UInt64(start), context: context,
                                      "\(path) data [0x\(String(start, radix: 16)), +\(length)) is outside the external data area [0x\(String(size, radix: 16)), 0x\(String(limit, radix: 16)))")
                }
            }
            var hashes: [FITImage.Hash] = []
            for h in subnodes(node) where name(h).hasPrefix("hash") {
                guard let algo = string(h, "algo") else {
                    throw FormatError(.invalid, context: context, "\(path)/\(name(h)) has no algo")
                }
                hashes.append(FITImage.Hash(name: name(h), algo: algo, stored: bytes(h, "value") ?? [], computed: nil))
            }
            images.append(FITImage.Image(name: n, type: string(node, "type") ?? "unknown", arch: string(node, "arch"),
                                         os: string(node, "os"), compression: string(node, "compression") ?? "none",
                                         description: string(node, "description"), placement: placement,
                                         dataStart: start, dataSize: length, hashes: hashes, signatures: signatures(node)))
        }
        // External data must not overlap (each image is a region of the file).
        let ext = images.filter { $0.placement != .inline }.sorted { $0.dataStart < $1.dataStart }
        for (a, b) in zip(ext, ext.dropFirst()) where b.dataStart < a.dataEnd {
            throw FormatError(.invalid, offset: UInt64(b.dataStart), context: context,
                              "/images/\(b.name) data overlaps /images/\(a.name)")
        }
        var configs: [FITImage.Configuration] = []
        var defaultConfig: String? = nil
        let confNode = fdt_path_offset(base, "/configurations")
        if confNode >= 0 {
            defaultConfig = string(confNode, "default")
            for c in subnodes(confNode) {
                configs.append(FITImage.Configuration(name: name(c), kernel: string(c, "kernel"), fdt: strings(c, "fdt"),
                                                      ramdisk: string(c, "ramdisk"), loadables: strings(c, "loadables"),
                                                      signatures: signatures(c)))
            }
        }
        return FITImage(totalSize: size, images: images, configurations: configs, defaultConfiguration: defaultConfig,
                        description: string(0, "description"))
    }
}

extension FITImage {
    /// Parses the FIT at the start of `bytes`; external data must end by `limit`
    /// (the bytes before any fwtool chunks). Hashes are recomputed, never enforced here.
    public init(parsing bytes: [UInt8], limit: Int? = nil, context: String = "read FIT") throws {
        let limit = min(limit ?? bytes.count, bytes.count)
        guard limit >= Self.headerSize, Self.matches(bytes) else {
            throw FormatError(.truncated, offset: 0, context: context, "\(limit) bytes, too short for a device tree header (\(Self.headerSize))")
        }
        guard let total = Self.totalSize(of: bytes), total >= Self.headerSize, total <= limit else {
            throw FormatError(.truncated, offset: 4, context: context,
                              "totalsize \(Self.totalSize(of: bytes) ?? 0) does not fit the \(limit) bytes available")
        }
        var fit = try bytes.withUnsafeBytes { raw -> FITImage in
            guard let base = raw.baseAddress else { throw FormatError(.truncated, offset: 0, context: context, "empty") }
            let rc = fdt_check_header(base)
            guard rc == 0 else { throw FormatError(.invalid, offset: 0, context: context, "device tree header: \(Self.fdtMessage(rc))") }
            let full = fdt_check_full(base, total)
            guard full == 0 else { throw FormatError(.invalid, offset: 0, context: context, "device tree: \(Self.fdtMessage(full))") }
            return try FITTree(base: base, size: total, context: context).read(limit: limit)
        }
        try fit.computeHashes(bytes)
        self = fit
    }
}
