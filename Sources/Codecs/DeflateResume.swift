import BinaryIO
import CZlib
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Re-compressing a gzip member whose uncompressed data kept a common prefix, by reusing the
/// original compressed bits for that prefix — the technique of zlib's examples/gzappend.c
/// (RFC 1951 §3.2.3: deflate blocks are independent apart from back-references into the
/// previous 32 KiB, so a stream may be continued at any block boundary by a new deflate
/// whose dictionary is that window; RFC 1952 §2.3 for the member header and trailer).
extension Deflate {
    /// A deflate block boundary in the original member, after a non-final block.
    struct BlockBoundary: Equatable {
        /// Index in the original bytes one past the last byte the decoder took.
        var byteEnd: Int
        /// Bits of that last byte not yet used (its high bits), 0...7.
        var unusedBits: Int
        /// Uncompressed bytes decoded up to the boundary.
        var offset: Int
    }

    /// Boundaries below this many uncompressed bytes are not worth resuming from: the
    /// dictionary setup and the scan cost about as much as deflating them again.
    static let minimumResumeOffset = 8 * 1024
    /// Members smaller than this are not scanned: GNU gzip and zlib end a block only after
    /// 16-32 K symbols, so a small member is almost always one block, and the little that a
    /// second one could save is less than the scan costs (bench/ipk-resume).
    static let minimumResumeInput = 16 * 1024

    /// The gzip member `original` re-written to hold `newUncompressed`, reusing the original
    /// compressed blocks that decode to a prefix of `newUncompressed` (RFC 1952 member: the
    /// original's header, the reused blocks, a new level-`level` raw deflate continuing with
    /// the last 32 KiB as dictionary and the leftover bits of the last reused byte primed,
    /// then CRC-32 and ISIZE of `newUncompressed`).
    ///
    /// Returns nil when nothing worth reusing exists: `original` is under
    /// `minimumResumeInput` bytes, the data differ within the first `minimumResumeOffset`
    /// bytes or before the first block ends, only the final block's end lies inside the
    /// common prefix, or the header uses reserved flags. Callers then deflate in full.
    /// Corrupt or truncated deflate data throws `FormatError`; `original` is never inflated
    /// past `newUncompressed.count` + 64 KiB, and only output that equals `newUncompressed`
    /// byte for byte is ever reused, so a hostile original cannot change the result's content.
    public static func resumeGzip(original: [UInt8], newUncompressed: [UInt8], level: Int32 = 6) throws -> [UInt8]? {
        guard original.count >= minimumResumeInput, let start = try gzipHeaderLength(original) else { return nil }
        guard let cut = try lastBoundary(original, deflateStart: start, matching: newUncompressed,
                                         minimumOffset: minimumResumeOffset) else { return nil }
        return try continueStream(original: original, at: cut, newUncompressed: newUncompressed, level: level)
    }

    /// Length of the RFC 1952 member header (magic, CM=8, FLG, MTIME, XFL, OS, then FEXTRA,
    /// FNAME, FCOMMENT, FHCRC as flagged); nil for reserved FLG bits.
    static func gzipHeaderLength(_ bytes: [UInt8]) throws -> Int? {
        var r = ByteReader(bytes, context: "resume gzip: read gzip header")
        guard try r.u8("ID1") == 0x1f, try r.u8("ID2") == 0x8b else {
            throw r.error(.invalid, "not a gzip member", at: 0)
        }
        guard try r.u8("CM") == 8 else { throw r.error(.unsupported, "compression method is not deflate", at: 2) }
        let flags = try r.u8("FLG")
        if flags & 0xe0 != 0 { return nil }
        try r.skip(6)  // MTIME, XFL, OS
        if flags & 0x04 != 0 { try r.skip(Int(try r.u16le("XLEN"))) }
        if flags & 0x08 != 0 { while try r.u8("FNAME") != 0 {} }
        if flags & 0x10 != 0 { while try r.u8("FCOMMENT") != 0 {} }
        if flags & 0x02 != 0 { try r.skip(2) }
        return r.offset
    }

    /// Inflates the raw deflate data at `deflateStart` block by block (zlib `Z_BLOCK`),
    /// comparing the output with `expected`, and returns the last boundary after a non-final
    /// block at or beyond `minimumOffset` whose output so far equals `expected`'s prefix.
    /// Stops at the first difference, so at most `expected.count` + 64 KiB are inflated.
    static func lastBoundary(_ original: [UInt8], deflateStart: Int, matching expected: [UInt8],
                             minimumOffset: Int) throws -> BlockBoundary? {
        let context = "resume gzip: scan deflate blocks"
        guard deflateStart <= original.count, original.count - deflateStart <= Int(UInt32.max) else { return nil }
        var strm = z_stream()
        guard shim_inflateInit2(&strm, -15) == Z_OK else { throw FormatError(.io, context: context, "zlib inflateInit2 failed") }
        defer { inflateEnd(&strm) }
        var window = [UInt8](repeating: 0, count: 64 * 1024)
        return try original.withUnsafeBytes { input -> BlockBoundary? in
            try expected.withUnsafeBytes { want -> BlockBoundary? in
                try window.withUnsafeMutableBytes { out -> BlockBoundary? in
                    guard let inBase = input.baseAddress, let outBase = out.baseAddress else { return nil }
                    strm.next_in = UnsafeMutablePointer(mutating: (inBase + deflateStart).assumingMemoryBound(to: Bytef.self))
                    strm.avail_in = UInt32(original.count - deflateStart)
                    var produced = 0
                    var best: BlockBoundary?
                    while true {
                        strm.next_out = outBase.assumingMemoryBound(to: Bytef.self)
                        strm.avail_out = UInt32(out.count)
                        let rc = CZlib.inflate(&strm, Z_BLOCK)
                        let n = out.count - Int(strm.avail_out)
                        if n > 0 {
                            // The original is longer, or differs within this stretch: no later boundary counts.
                            guard n <= want.count - produced, let w = want.baseAddress,
                                  memcmp(outBase, w + produced, n) == 0 else { return best }
                            produced += n
                        }
                        if rc == Z_STREAM_END { return best }
                        let at = UInt64(deflateStart) + UInt64(strm.total_in)
                        if rc == Z_BUF_ERROR && strm.avail_in == 0 {
                            throw FormatError(.truncated, offset: at, context: context, "compressed stream ends early")
                        }
                        guard rc == Z_OK else {
                            let msg = strm.msg.map { String(cString: $0) } ?? "error \(rc)"
                            throw FormatError(.invalid, offset: at, context: context, "corrupt deflate data: \(msg)")
                        }
                        let type = Int(strm.data_type)
                        // 128: at a block boundary; 64: the block just ended was final; low 3 bits:
                        // unused bits of the last byte taken (zlib.h, inflate() with Z_BLOCK).
                        if type & 128 != 0, type & 64 == 0, type & 0x38 == 0, produced >= minimumOffset {
                            best = BlockBoundary(byteEnd: deflateStart + Int(strm.total_in), unusedBits: type & 7, offset: produced)
                        }
                    }
                }
            }
        }
    }

    /// Writes the member: header and whole reused bytes, then a raw deflate primed with the
    /// reused partial byte's bits and the 32 KiB before the boundary as dictionary, then
    /// the trailer (CRC-32, ISIZE mod 2^32, little-endian).
    static func continueStream(original: [UInt8], at cut: BlockBoundary, newUncompressed: [UInt8], level: Int32) throws -> [UInt8] {
        let context = "resume gzip: deflate"
        var strm = z_stream()
        guard shim_deflateInit2(&strm, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK else {
            throw FormatError(.usage, context: context, "zlib deflateInit2 failed (level \(level))")
        }
        defer { deflateEnd(&strm) }
        let dictStart = max(0, cut.offset - 32 * 1024)
        let rc = newUncompressed.withUnsafeBytes { buf -> Int32 in
            guard let base = buf.baseAddress, cut.offset <= buf.count else { return Z_STREAM_ERROR }
            return deflateSetDictionary(&strm, (base + dictStart).assumingMemoryBound(to: Bytef.self),
                                        UInt32(cut.offset - dictStart))
        }
        guard rc == Z_OK else { throw FormatError(.io, context: context, "deflateSetDictionary failed: \(rc)") }
        let whole = cut.byteEnd - (cut.unusedBits > 0 ? 1 : 0)
        if cut.unusedBits > 0 {
            // The used low bits of the boundary byte end the reused stream; re-emit them.
            let prc = deflatePrime(&strm, Int32(8 - cut.unusedBits), Int32(original[cut.byteEnd - 1]))
            guard prc == Z_OK else { throw FormatError(.io, context: context, "deflatePrime failed: \(prc)") }
        }
        let restCount = newUncompressed.count - cut.offset
        let bound = Int(deflateBound(&strm, UInt(restCount)))
        var out = [UInt8](repeating: 0, count: whole + bound + 1024)  // +1024: the primed bits, slack
        out.withUnsafeMutableBytes { dst in
            original.withUnsafeBytes { src in dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[0 ..< whole])) }
        }
        var produced = whole
        try newUncompressed.withUnsafeBytes { inBuf in
            guard let inBase = inBuf.baseAddress else { return }
            var next = cut.offset
            while true {
                let chunk = min(newUncompressed.count - next, 1 << 30)
                let last = next + chunk == newUncompressed.count
                strm.next_in = UnsafeMutablePointer(mutating: (inBase + next).assumingMemoryBound(to: Bytef.self))
                strm.avail_in = UInt32(chunk)
                next += chunk
                var r: Int32 = Z_OK
                repeat {
                    if produced == out.count { out.append(contentsOf: repeatElement(0, count: max(out.count / 2, 64 * 1024))) }
                    r = out.withUnsafeMutableBytes { dst -> Int32 in
                        guard let outBase = dst.baseAddress else { return Z_STREAM_ERROR }
                        strm.next_out = (outBase + produced).assumingMemoryBound(to: Bytef.self)
                        strm.avail_out = UInt32(clamping: dst.count - produced)
                        let before = Int(strm.avail_out)
                        let r = CZlib.deflate(&strm, last ? Z_FINISH : Z_NO_FLUSH)
                        produced += before - Int(strm.avail_out)
                        return r
                    }
                    guard r == Z_OK || r == Z_STREAM_END || r == Z_BUF_ERROR else {
                        throw FormatError(.io, context: context, "zlib deflate failed: \(r)")
                    }
                } while last ? r != Z_STREAM_END : strm.avail_in > 0
                if last { break }
            }
        }
        out.removeSubrange(produced...)
        let crc = CRC32.checksum(newUncompressed)
        let size = UInt32(truncatingIfNeeded: newUncompressed.count)
        for v in [crc, size] { for s in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: v >> UInt32(s))) } }
        return out
    }
}
