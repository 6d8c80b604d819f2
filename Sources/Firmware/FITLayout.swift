import BinaryIO
import Codecs

/// An OpenWrt image that is a FIT (`*-squashfs-sysupgrade.itb` of mediatek/filogic,
/// mt7622 and others): the FIT with the kernel, device trees and the squashfs rootfs
/// inline or as external data (`mkimage -E -B 0x1000 [-p 0x1000]`, include/image-commands.mk
/// Build/fit with `external[-static]-with-rootfs`), zero padding to the alignment,
/// optional `pad-rootfs` padding and markers, then fwtool chunks (Build/append-metadata).
public struct FITLayout: Sendable, Equatable {
    /// The parsed tree.
    public var fit: FITImage
    /// The squashfs in the rootfs image (absolute offset in the file).
    public var rootfs: SquashfsSpan?
    /// End of the FIT including the zero padding of the last external image.
    public var paddedEnd: Int
    /// padjffs2 padding and markers after the FIT.
    public var padding: JFFS2Padding?
    /// Bytes after the padding up to the fwtool chunks, kept verbatim.
    public var tailRaw: [UInt8]?
    /// Length of everything before the fwtool chunks.
    public var bodySize: Int
    /// fwtool chunks in file order.
    public var chunks: [FwtoolChunk]
}

extension FITLayout {
    /// Parses a file that starts with a FIT.
    public init(parsing bytes: [UInt8]) throws {
        let (chunks, bodyEnd) = try FwtoolChunk.parseChain(bytes, end: bytes.count)
        let fit = try FITImage(parsing: bytes, limit: bodyEnd)
        var rootfs: SquashfsSpan? = nil
        if let r = fit.rootfs {
            rootfs = try SquashfsSpan(parsing: bytes, at: r.dataStart, limit: r.dataEnd, context: "read FIT /images/\(r.name)")
        }
        var pos = fit.end
        if !fit.externalImages.isEmpty {
            let padded = min(FITImage.alignUp(pos, fit.alignment), bodyEnd)
            if bytes[pos ..< padded].allSatisfy({ $0 == 0 }) { pos = padded }
        }
        var layout = FITLayout(fit: fit, rootfs: rootfs, paddedEnd: pos, padding: nil, tailRaw: nil, bodySize: bodyEnd, chunks: chunks)
        if let (p, after) = JFFS2Padding.parse(bytes, from: pos, limit: bodyEnd) {
            layout.padding = p
            pos = after
        }
        if pos < bodyEnd { layout.tailRaw = Array(bytes[pos ..< bodyEnd]) }
        self = layout
    }

    /// The region role of an image's data.
    func role(of image: FITImage.Image) -> Region.Role {
        if image.holdsRootfs { return .rootfs }
        if image.name == fit.kernel?.name { return .kernel }
        if image.type == "flat_dt" { return .deviceTree }
        return .fitData
    }

    /// Regions: the tree (split around inline data), each image's data with its hash
    /// checks, alignment padding, pad-rootfs padding, and the fwtool chunks.
    public func regions(of bytes: [UInt8]) -> [Region] {
        var rs: [Region] = []
        var pos = 0
        func data(_ img: FITImage.Image) {
            let note = "/images/\(img.name) \(img.type), \(img.compression), \(img.placement.rawValue)"
                + (img.holdsRootfs ? ", squashfs \(rootfs?.compressor ?? "") bytes_used \(rootfs?.bytesUsed ?? 0)" : "")
            rs.append(Region(offset: UInt64(img.dataStart), size: UInt64(img.dataSize), role: role(of: img),
                             checksums: fit.checksums(of: img), note: note))
            pos = img.dataEnd
        }
        let signed = fit.isSigned ? ", signed" : ""
        let treeNote = "FIT tree, \(fit.images.count) images, default \(fit.defaultConfiguration ?? "none")\(signed)"
        for img in fit.images.filter({ $0.placement == .inline && $0.dataSize > 0 }).sorted(by: { $0.dataStart < $1.dataStart }) {
            if img.dataStart > pos { rs.append(Region(offset: UInt64(pos), size: UInt64(img.dataStart - pos), role: .fitHeader, note: treeNote)) }
            data(img)
        }
        if fit.totalSize > pos { rs.append(Region(offset: UInt64(pos), size: UInt64(fit.totalSize - pos), role: .fitHeader, note: treeNote)) }
        pos = fit.totalSize
        for img in fit.externalImages {
            if img.dataStart > pos { rs.append(Region(offset: UInt64(pos), size: UInt64(img.dataStart - pos), role: .fitPadding)) }
            data(img)
        }
        if paddedEnd > pos { rs.append(Region(offset: UInt64(pos), size: UInt64(paddedEnd - pos), role: .fitPadding)); pos = paddedEnd }
        if let p = padding {
            rs += p.regions(from: UInt64(pos))
            pos += p.render(from: UInt64(pos)).count
        }
        if bodySize > pos { rs.append(Region(offset: UInt64(pos), size: UInt64(bodySize - pos), role: .unknown)) }
        return rs + FwtoolChunk.regions(of: chunks, in: bytes, from: bodySize)
    }

    /// The image body (everything before the fwtool chunks) with the rootfs and/or kernel
    /// image data replaced (see `FITImage.rebuilt`). A rootfs stored page-padded
    /// (`${ROOTFS}.pagesync`, mkits.sh `-r`) is padded to whole 4 KiB pages again.
    /// A signed FIT is re-signed with `signer`, refused without one.
    func rebuildBody(_ bytes: [UInt8], rootfs newRoot: [UInt8]?, kernel newKernel: [UInt8]?,
                     signer: FITSigner? = nil, warnings: inout [String]) throws -> [UInt8] {
        var replace: [String: [UInt8]] = [:]
        var zeroPad: [String: Int] = [:]
        if let nr = newRoot {
            guard let r = fit.rootfs, let span = rootfs else {
                throw FormatError(.unsupported, context: "rebuild FIT", "this FIT has no squashfs rootfs image to replace")
            }
            if UInt64(r.dataSize) > span.bytesUsed, r.dataSize % 4096 == 0 {
                zeroPad[r.name] = FITImage.alignUp(nr.count, 4096) - nr.count
            }
            replace[r.name] = nr
        }
        if let nk = newKernel {
            guard let k = fit.kernel else {
                throw FormatError(.unsupported, context: "rebuild FIT", "this FIT has no kernel image to replace")
            }
            replace[k.name] = nk
        }
        var body = try fit.rebuilt(bytes, replacing: replace, zeroPad: zeroPad, padLast: paddedEnd > fit.end,
                                   reserve: (padding.map { _ in 1 << 20 } ?? 0) + (tailRaw?.count ?? 0) + chunks.reduce(0) { $0 + $1.data.count + 64 },
                                   signer: signer)
        if let p = padding { body += p.render(from: UInt64(body.count)) }
        if let raw = tailRaw {
            if !replace.isEmpty {
                warnings.append("kept \(raw.count) unexplained bytes after the FIT at their new offset 0x\(String(body.count, radix: 16))")
            }
            body += raw
        }
        return body
    }
}

extension FirmwareImage.Kind {
    /// A FIT (`.itb`) holding the kernel, device trees and usually the rootfs.
    public static let fit = FirmwareImage.Kind(rawValue: "fit")
}

extension FITLayout: FirmwareFamily {
    public static var familyDescription: String { "FIT (.itb)" }

    /// A FIT at 0, unless it holds no rootfs and a squashfs follows it: that is a FIT
    /// kernel in a NOR sysupgrade image, left to `NORLayout` (`fit-kernel-sysupgrade`).
    public static func detect(_ bytes: [UInt8]) throws -> FITLayout? {
        guard FITImage.matches(bytes) else { return nil }
        let f = try FITLayout(parsing: bytes)
        if f.fit.rootfs == nil, let n = try? NORLayout(parsing: bytes), n.rootfs != nil { return nil }
        return f
    }

    public var kind: FirmwareImage.Kind { .fit }

    public func kernelImage(in bytes: [UInt8]) -> [UInt8]? { fit.kernel.map { fit.data(of: $0, in: bytes) } }

    /// The kernel image's `compression` property (its data is the bare payload).
    public var kernelCompression: String? { fit.kernel?.compression }

    public var missingKernel: String { "the FIT has no kernel image" }

    public func rootfsImage(in bytes: [UInt8]) -> [UInt8]? {
        rootfs.map { Array(bytes[Int($0.offset) ..< Int($0.end)]) }
    }

    public func payloadSpans() -> [(offset: Int, size: Int, source: String, sourceOffset: Int)] {
        var spans: [(offset: Int, size: Int, source: String, sourceOffset: Int)] = []
        if let k = fit.kernel { spans.append((k.dataStart, k.dataSize, "kernel", 0)) }
        if let r = rootfs { spans.append((Int(r.offset), Int(r.bytesUsed), "rootfs", 0)) }
        return spans
    }

    public func rebuild(_ bytes: [UInt8], rootfs newRoot: [UInt8]?, kernel newKernel: [UInt8]?, options: RebuildOptions,
                        warnings: inout [String]) throws -> [UInt8] {
        var out = try rebuildBody(bytes, rootfs: newRoot, kernel: newKernel, signer: options.fitSigner, warnings: &warnings)
        try FirmwareImage.appendChunks(&out, chunks, original: bytes, originalBodySize: bodySize,
                                       options: options, warnings: &warnings)
        return out
    }

    public func describe(into report: inout ImageReport, bytes: [UInt8]) {
        report.fit = ImageReport.FIT(fit)
    }
}
