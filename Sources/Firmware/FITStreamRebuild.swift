#if canImport(Glibc)
import Glibc
#endif
import BinaryIO
import Codecs
import Digests
import Platform

extension FirmwareImage {
    /// `rebuild(replacingRootfs:)` for a FIT whose rootfs is external data, written straight
    /// to `output` (atomically: a temporary sibling, fsynced, renamed) from the squashfs
    /// file `rootfsFile` without holding the new rootfs or the new image in memory: the
    /// rootfs hashes are computed in one pass over the file, the tree is edited as
    /// `FITImage.rebuiltTree` does, then the tree, the unchanged images, the rootfs (read in
    /// 4 MiB pieces), the padding and the fwtool chunks (CRC register carried along) are
    /// written in order. Returns nil, writing nothing, when another path is needed (not a
    /// FIT, an inline rootfs, a fwtool signature chunk to re-sign, a padded squashfs file).
    public func rebuildWritingFile(replacingRootfsFile rootfsFile: String, to output: String,
                                   options: RebuildOptions = RebuildOptions()) throws -> RebuildResult? {
        guard let l = layout as? FITLayout, let r = l.fit.rootfs, r.placement != .inline, let span = l.rootfs,
              !l.chunks.contains(where: { $0.isSignature }) else { return nil }
        do {
            let src = try RandomAccessFile(path: rootfsFile)
            guard src.size >= 96 else { return nil }
            let head = try src.read(at: 0, count: 96)
            var hr = ByteReader(head, context: "read replacement rootfs")
            guard SquashfsSpan.matches(head, at: 0) else {
                throw FormatError(.invalid, offset: 0, context: "read replacement rootfs", "no squashfs magic", file: rootfsFile)
            }
            try hr.seek(to: 40)
            guard try hr.u64le("bytes_used") == src.size else { return nil }  // padded: the in-memory path trims it
            try l.fit.checkSignable(options.fitSigner)
            if options.fitSigner != nil && !r.signatures.isEmpty { return nil }  // the image signature wants the data in memory
            let newSize = Int(src.size)
            let pad = UInt64(r.dataSize) > span.bytesUsed && r.dataSize % 4096 == 0 ? FITImage.alignUp(newSize, 4096) - newSize : 0
            // Hashes of the new rootfs, one pass.
            var crc: UInt32 = 0
            var hashers: [String: Digest.Hasher] = [:]
            for h in r.hashes {
                switch h.algo {
                case "crc32": break
                case "md5": hashers[h.algo] = Digest.Hasher(.md5)
                case "sha1": hashers[h.algo] = Digest.Hasher(.sha1)
                case "sha256": hashers[h.algo] = Digest.Hasher(.sha256)
                case "sha512": hashers[h.algo] = Digest.Hasher(.sha512)
                default:
                    throw FormatError(.unsupported, context: "rebuild FIT", "/images/\(r.name)/\(h.name): cannot compute hash algo \(h.algo)")
                }
            }
            let piece = 4 << 20
            var buf = [UInt8](repeating: 0, count: piece)
            func eachPiece(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
                var off: UInt64 = 0
                while off < src.size {
                    let n = Int(min(UInt64(piece), src.size - off))
                    try buf.withUnsafeMutableBytes { b in
                        try src.readFully(into: UnsafeMutableRawBufferPointer(rebasing: b[0 ..< n]), at: off)
                    }
                    try buf.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[0 ..< n])) }
                    off += UInt64(n)
                }
            }
            let zeros = [UInt8](repeating: 0, count: pad)
            try eachPiece { d in
                crc = CRC32.checksum(d, continuing: crc)
                for h in hashers.values { h.update(d) }
            }
            crc = CRC32.checksum(zeros, continuing: crc)
            var values: [String: [UInt8]] = [:]
            var finished: [String: [UInt8]] = [:]
            for (algo, h) in hashers { h.update(zeros); finished[algo] = h.finish() }
            for h in r.hashes {
                values[h.name] = h.algo == "crc32"
                    ? [UInt8(crc >> 24), UInt8(crc >> 16 & 0xff), UInt8(crc >> 8 & 0xff), UInt8(crc & 0xff)] : finished[h.algo]
            }
            let sizes = [r.name: newSize + pad]
            let (tree, starts) = try l.fit.rebuiltTree(bytes, sizes: sizes, hashValues: [r.name: values], inline: [:],
                                                      signer: options.fitSigner)
            let ext = l.fit.externalImages
            let align = l.fit.alignment
            var end = zip(ext, starts).reduce(tree.count) { max($0, $1.1 + (sizes[$1.0.name] ?? $1.0.dataSize)) }
            if l.paddedEnd > l.fit.end, !ext.isEmpty { end = FITImage.alignUp(end, align) }
            var chunks = l.chunks
            if let json = options.metadataJSON {
                for i in chunks.indices where chunks[i].isMetadata { chunks[i].data = Array(chunks[i].data.prefix(8)) + json }
            }
            let paddingBytes = l.padding?.render(from: UInt64(end)) ?? []
            let total = end + paddingBytes.count + (l.tailRaw?.count ?? 0) + chunks.reduce(0) { $0 + $1.data.count + FwtoolChunk.trailerSize }
            if let max = options.maxImageSize, UInt64(total) > max {
                throw FormatError(.refused, context: "rebuild image",
                                  "image would be \(total) bytes, \(UInt64(total) - max) more than the allowed \(max)")
            }
            // Write, carrying the fwtool CRC register over every byte.
            let tmp = FS.temporarySibling(of: output)
            do {
                let out = try RandomAccessFile(creating: tmp)
                var pos: UInt64 = 0
                var reg: UInt32 = 0xffff_ffff
                func put(_ b: [UInt8]) throws {
                    try out.write(b, at: pos)
                    reg = CRC32.uninverted(b, continuing: reg)
                    pos += UInt64(b.count)
                }
                func zeroTo(_ at: Int) throws {
                    var left = at - Int(pos)
                    while left > 0 { let n = min(left, piece); try put([UInt8](repeating: 0, count: n)); left -= n }
                }
                try put(tree)
                for (img, start) in zip(ext, starts) {
                    try zeroTo(start)
                    if img.name == r.name {
                        try eachPiece { try put(Array($0)) }
                        try zeroTo(start + newSize + pad)
                    } else {
                        var o = img.dataStart
                        while o < img.dataEnd { let n = min(piece, img.dataEnd - o); try put(Array(bytes[o ..< o + n])); o += n }
                    }
                }
                try zeroTo(end)
                try put(paddingBytes)
                if let raw = l.tailRaw { try put(raw) }
                for c in chunks {
                    try Checked.limit(c.data.count, FwtoolChunk.maxData, "fwtool chunk", context: "append fwtool chunk")
                    try put(c.data)
                    try put(c.trailer(crc: reg))
                }
                try out.sync()
                if rename(tmp, output) != 0 { throw FormatError.errno("rename into place", file: output) }
            } catch {
                unlink(tmp)
                throw error
            }
            var warnings: [String] = []
            if let raw = l.tailRaw {
                warnings.append("kept \(raw.count) unexplained bytes after the FIT at their new offset 0x\(String(end + paddingBytes.count, radix: 16))")
            }
            return RebuildResult(bytes: [], warnings: warnings)
        } catch let e as FormatError {
            throw path.map { e.inFile($0) } ?? e
        }
    }
}
