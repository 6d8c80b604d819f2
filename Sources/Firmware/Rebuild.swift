#if canImport(Glibc)
import Glibc
#endif
import BinaryIO

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
            var out: [UInt8]
            switch layout {
            case .nor(let l):
                if l.headerOffset > 0 && !l.prefixIsFill {
                    throw FormatError(.refused, offset: 0, context: "rebuild image",
                                      "the \(l.headerOffset) bytes before the image at 0x\(String(l.headerOffset, radix: 16)) are a vendor header imagetool does not know; it may hold lengths or checksums of what follows, so the image is not rewritten")
                }
                out = try l.rebuildBody(bytes, rootfs: newRoot, kernel: replacingKernel, warnings: &warnings)
                try FirmwareImage.appendChunks(&out, l.chunks, original: bytes, originalBodySize: Int(l.bodySize),
                                               options: options, warnings: &warnings)
            case .nand(let l):
                out = try l.rebuildBody(bytes, rootfs: newRoot, kernel: replacingKernel)
                try FirmwareImage.appendChunks(&out, l.chunks, original: bytes, originalBodySize: l.bodySize,
                                               options: options, warnings: &warnings)
            case .bare(let span):
                if replacingKernel != nil {
                    throw FormatError(.unsupported, context: "rebuild squashfs", "a bare squashfs rootfs holds no kernel to replace")
                }
                out = newRoot ?? bytes
                if newRoot != nil && UInt64(bytes.count) > span.bytesUsed {
                    // mksquashfs pads to 4 KiB unless -nopad; keep the original's choice.
                    let fill = bytes[Int(span.bytesUsed)]
                    out += repeatElement(fill, count: (4096 - out.count % 4096) % 4096)
                }
            case .fit(let l):
                out = try l.rebuildBody(bytes, rootfs: newRoot, kernel: replacingKernel, signer: options.fitSigner, warnings: &warnings)
                try FirmwareImage.appendChunks(&out, l.chunks, original: bytes, originalBodySize: l.bodySize,
                                               options: options, warnings: &warnings)
            case .disk(let l):
                if replacingKernel != nil {
                    throw FormatError(.unsupported, context: "rebuild x86 image", "the kernel lives in the boot partition's filesystem; replacing it is not supported")
                }
                out = try l.rebuildBody(bytes, rootfs: newRoot)
                try FirmwareImage.appendChunks(&out, l.chunks, original: bytes, originalBodySize: l.bodySize,
                                               options: options, warnings: &warnings)
            case .ubi(let l):
                out = try l.rebuildBody(bytes, rootfs: newRoot, kernel: replacingKernel, warnings: &warnings)
            }
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
        let span = try SquashfsSpan(in: b, at: 0, context: "read replacement rootfs")
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

extension NORLayout {
    /// The image body (everything before the fwtool chunks) with the replacements applied.
    func rebuildBody(_ bytes: [UInt8], rootfs newRoot: [UInt8]?, kernel newKernel: [UInt8]?,
                     warnings: inout [String]) throws -> [UInt8] {
        let kStart = Int(kernelOffset), kEnd = Int(kernelOffset + kernelSize)
        var kernel = Array(bytes[kStart ..< kEnd])
        if let nk = newKernel {
            if let u = uimage, !UImageHeader.matches(nk) {
                kernel = try u.describing(nk).serialize() + nk
            } else {
                kernel = nk
            }
        }
        var body = Array(bytes[..<kStart])  // TP-Link header (resealed below) or nothing
        body += kernel
        var kernelFieldLength = kernel.count
        if let r = rootfs {
            let rOff = Int(r.offset)
            guard body.count <= rOff else {
                throw FormatError(.refused, offset: UInt64(kStart), context: "rebuild image",
                                  "kernel of \(kernel.count) bytes ends at 0x\(String(body.count, radix: 16)), past the rootfs at 0x\(String(rOff, radix: 16)) (room for \(rOff - kStart) bytes)")
            }
            if let raw = gapRaw, newKernel == nil {
                body += raw
            } else {
                body += repeatElement(gapFill ?? 0xff, count: rOff - body.count)
            }
            if tplink != nil && placement == .afterKernel { kernelFieldLength = rOff - kStart }
            body += newRoot ?? Array(bytes[rOff ..< Int(r.end)])
        } else if newRoot != nil {
            throw FormatError(.unsupported, context: "rebuild image", "this image has no squashfs rootfs to replace (initramfs kernel)")
        }
        if let p = padding { body += p.render(from: UInt64(body.count), origin: headerOffset) }
        if let raw = tailRaw {
            if newRoot != nil || newKernel != nil {
                warnings.append("kept \(raw.count) unexplained bytes after the rootfs padding at their new offset 0x\(String(body.count, radix: 16))")
            }
            body += raw
        } else if let f = tailFill {
            guard body.count <= Int(bodySize) else {
                throw FormatError(.refused, context: "rebuild image",
                                  "image body would be \(body.count) bytes, \(body.count - Int(bodySize)) more than the fixed length \(bodySize) of the original")
            }
            body += repeatElement(f, count: Int(bodySize) - body.count)
        }
        if var h = tplink {
            let length = body.count - Int(headerOffset)
            guard length <= Int(h.firmwareLength) else {
                let room = Int(h.firmwareLength) - (length - (newRoot?.count ?? Int(rootfs?.bytesUsed ?? 0)))
                throw FormatError(.refused, offset: headerOffset + UInt64(h.f.fwLength), context: "rebuild TP-Link image",
                                  "image would be \(length) bytes, \(length - Int(h.firmwareLength)) more than fw_length \(h.firmwareLength); the rootfs has room for about \(max(0, room)) bytes")
            }
            if newKernel != nil { h.setKernelLength(try Checked.int(kernelFieldLength, as: UInt32.self, "kernel_len")) }
            if let nr = newRoot { h.setRootfsLength(try Checked.int(nr.count, as: UInt32.self, "rootfs_len")) }
            let base = Int(headerOffset)
            var image = Array(body[base...])
            h.seal(&image)
            body.replaceSubrange(base..., with: image)
        }
        return body
    }
}
