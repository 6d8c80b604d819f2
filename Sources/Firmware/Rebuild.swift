#if canImport(Glibc)
import Glibc
#endif
import BinaryIO
import Codecs

/// What a rebuild may change besides the rootfs and kernel.
public struct RebuildOptions: Sendable {
    /// Refuse results larger than this (the flash partition size), when known.
    public var maxImageSize: UInt64?
    /// Re-signs a fwtool signature chunk; without one an outdated chunk is dropped with a warning.
    public var signer: (any FirmwareSigner)?
    /// Replacement metadata JSON for the fwtool metadata chunk (nil keeps it).
    public var metadataJSON: [UInt8]?
    /// Re-signs a signed FIT's signature nodes; without it a signed FIT is refused (exit 3).
    public var fitSigner: FITSigner?
    /// Options; all optional.
    public init(maxImageSize: UInt64? = nil, signer: (any FirmwareSigner)? = nil, metadataJSON: [UInt8]? = nil,
                fitSigner: FITSigner? = nil) {
        self.maxImageSize = maxImageSize; self.signer = signer; self.metadataJSON = metadataJSON; self.fitSigner = fitSigner
    }
}

/// A rebuilt image and what the user should know about it.
public struct RebuildResult: Sendable {
    /// The new image.
    public var bytes: [UInt8]
    /// Things the user should know (e.g. a dropped signature).
    public var warnings: [String]
}

extension FirmwareImage {
    /// Rebuilds the image with a new squashfs rootfs and/or kernel, recomputing every
    /// length, offset, CRC, MD5, padding, marker and fwtool trailer of the original
    /// layout. The rootfs stays at its offset; a kernel must fit before it. Refuses (exit 3)
    /// with the sizes when the result would not fit the layout (TP-Link `fw_length`, a
    /// factory image's fixed length, an x86 rootfs partition, `maxImageSize`).
    /// `replacingKernel` is a kernel as the image stores it; for uImage layouts a raw
    /// payload (no uImage magic) is wrapped in the original header with new size and CRCs.
    public func rebuild(replacingRootfs: [UInt8]? = nil, replacingKernel: [UInt8]? = nil,
                        options: RebuildOptions = RebuildOptions()) throws -> RebuildResult {
        do {
            var warnings: [String] = []
            let newRoot = try replacingRootfs.map { try FirmwareImage.trimmedSquashfs($0) }
            let out = try layout.rebuild(bytes, rootfs: newRoot, kernel: replacingKernel, options: options, warnings: &warnings)
            if let max = options.maxImageSize, UInt64(out.count) > max {
                throw FormatError(.refused, context: "rebuild image",
                                  "image would be \(out.count) bytes, \(UInt64(out.count) - max) more than the allowed \(max)")
            }
            return RebuildResult(bytes: out, warnings: warnings)
        } catch let e as FormatError {
            throw path.map { e.inFile($0) } ?? e
        }
    }

    /// Checks a replacement squashfs and cuts it to `bytes_used` (mksquashfs without
    /// `-nopad` pads to 4 KiB; OpenWrt images carry the unpadded filesystem).
    static func trimmedSquashfs(_ b: [UInt8]) throws -> [UInt8] {
        let span = try SquashfsSpan(parsing: b, at: 0, context: "read replacement rootfs")
        return b.count == Int(span.bytesUsed) ? b : Array(b[..<Int(span.bytesUsed)])
    }

    /// Appends the fwtool chunks again: metadata kept (or replaced), each trailer's CRC
    /// recomputed over everything before it. A signature chunk is kept when the signed
    /// bytes are unchanged, re-signed with `options.signer`, or dropped with a warning.
    static func appendChunks(_ body: inout [UInt8], _ chunks: [FwtoolChunk], original: [UInt8], originalBodySize: Int,
                             options: RebuildOptions, warnings: inout [String]) throws {
        var reg = CRC32.uninverted(body)
        let head = body
        let tail = try chunkTail(chunks, register: &reg, originalBodySize: originalBodySize, options: options, warnings: &warnings,
                                 signedUnchanged: { tail, originalPos in
            head.count + tail.count == originalPos && originalPos <= original.count
                && head.withUnsafeBytes { a in original.withUnsafeBytes { b in
                    guard let pa = a.baseAddress, let pb = b.baseAddress else { return a.count == 0 }
                    return memcmp(pa, pb, a.count) == 0 } }
                && tail.withUnsafeBytes { a in original.withUnsafeBytes { b in
                    guard let pa = a.baseAddress, let pb = b.baseAddress else { return a.count == 0 }
                    return memcmp(pa, pb + head.count, a.count) == 0 } }
        }, message: { tail in head + tail })
        body += tail
    }

    /// The fwtool chunks to append after an image body whose CRC register (init 0xffffffff,
    /// no final inversion) is `register`: metadata kept (or replaced), each trailer's CRC
    /// recomputed over everything before it. A signature chunk is kept when the signed
    /// bytes are unchanged (`signedUnchanged(tail so far, original offset of the chunk)`),
    /// re-signed over `message(tail so far)` with
    /// `options.signer`, or dropped with a warning. Shared by the in-memory rebuild and the
    /// file-based disk writer (`DiskImageFile`).
    static func chunkTail(_ chunks: [FwtoolChunk], register reg: inout UInt32, originalBodySize: Int,
                          options: RebuildOptions, warnings: inout [String],
                          signedUnchanged: ([UInt8], Int) -> Bool, message: ([UInt8]) throws -> [UInt8]) throws -> [UInt8] {
        var tail: [UInt8] = []
        var originalPos = originalBodySize
        for c in chunks {
            var chunk = c
            if c.isMetadata, let json = options.metadataJSON {
                chunk.data = Array(c.data.prefix(8)) + json
            }
            if c.isSignature && !signedUnchanged(tail, originalPos) {
                if let signer = options.signer {
                    let sig = try signer.usignSignature(of: try message(tail))
                    chunk.data = try UcertChain(parsing: c.data).resigned(with: sig)
                } else {
                    warnings.append("dropped the fwtool signature chunk (\(c.data.count) bytes): the image changed and no usign key was given; sysupgrade will treat the image as unsigned")
                    originalPos += c.data.count + FwtoolChunk.trailerSize
                    continue
                }
            }
            try Checked.limit(chunk.data.count, FwtoolChunk.maxData, "fwtool chunk", context: "append fwtool chunk")
            tail += chunk.data
            reg = CRC32.uninverted(chunk.data, continuing: reg)
            let t = chunk.trailer(crc: reg)
            tail += t
            reg = CRC32.uninverted(t, continuing: reg)
            originalPos += c.data.count + FwtoolChunk.trailerSize
        }
        return tail
    }
}
