#if canImport(Glibc)
import Glibc
#endif
import BinaryIO
import CZlib
import Platform

/// Re-compressing a gzip member whose data changed in a few places, reusing the original
/// member's deflate blocks wherever their data and the 32 KiB window before them are
/// unchanged — a generalisation of zlib's examples/gzappend.c (RFC 1951 §3.2.3: blocks
/// are independent except for back-references into the previous 32 KiB; §3.2.4: only
/// stored blocks depend on byte alignment). Changed stretches are deflated anew (zlib
/// level `level`, the preceding 32 KiB as dictionary, the partial output byte primed with
/// `deflatePrime`, closed with a sync flush so the stream is byte-aligned again); reused
/// blocks are copied bit for bit, shifted as needed, and a run holding a stored block is
/// only reused at its original byte alignment (empty fixed-Huffman blocks, 10 bits each,
/// realign it). The member header is the original's, the trailer CRC-32 and ISIZE the new
/// data's. The result inflates to exactly the new data; its bytes differ from a one-shot
/// `gzip -9n` only in the recompressed stretches.
extension GzipStream {
    /// What a recompression reused.
    public struct RecompressStats: Sendable {
        /// Uncompressed bytes whose original compressed blocks were copied.
        public var reusedBytes: Int
        /// Uncompressed bytes deflated anew.
        public var deflatedBytes: Int
    }

    struct Block { var bitStart: Int; var u0: Int; var bitEnd: Int; var u1: Int }

    /// Writes to `out` (from offset 0) a gzip member holding the `size` bytes of `newData`,
    /// reusing blocks of the member in `original[0 ..< end]` whose data did not change.
    /// Returns nil (nothing written) when the original's data length differs from `size`.
    /// `register` is updated with fwtool's CRC register over the bytes written.
    public static func recompress(original: RandomAccessFile, end: UInt64, newData: RandomAccessFile, size: Int, level: Int32 = 9,
                                  into out: RandomAccessFile, register: inout UInt32) throws -> (written: Int, stats: RecompressStats)? {
        let page = 4096
        // Pass 1: inflate the original with Z_BLOCK, record block boundaries, compare pages.
        var strm = z_stream()
        guard shim_inflateInit2(&strm, 15 + 16) == Z_OK else { throw FormatError(.io, context: "recompress gzip", "zlib inflateInit2 failed") }
        defer { inflateEnd(&strm) }
        var dirty = [Bool](repeating: false, count: size / page + 2)
        var boundaries: [(bit: Int, u: Int)] = []
        var headerBits = -1
        var inBuf: [UInt8] = []
        var inPos: UInt64 = 0
        var outBuf = [UInt8](repeating: 0, count: 1 << 20)
        var outFill = 0
        var produced = 0
        var crc: UInt32 = 0
        func compare() throws {
            guard outFill > 0 else { return }
            let start = produced - outFill
            guard produced <= size else { return }
            let fresh = try newData.read(at: UInt64(start), count: outFill, context: "read new disk")
            crc = CRC32.checksum(fresh, continuing: crc)
            var p = start
            while p < produced {
                let q = min(produced, (p / page + 1) * page)
                let same = fresh.withUnsafeBytes { f in outBuf.withUnsafeBytes { o in
                    memcmp(f.baseAddress! + (p - start), o.baseAddress! + (p - start), q - p) == 0 } }
                if !same { dirty[p / page] = true }
                p = q
            }
            outFill = 0
        }
        var finished = false
        var sawLast = false
        while !finished {
            if strm.avail_in == 0 {
                guard inPos < end else { throw FormatError(.truncated, offset: inPos, context: "recompress gzip", "compressed stream ends early") }
                inBuf = try original.read(at: inPos, count: Int(min(UInt64(1 << 20), end - inPos)), context: "read original gzip")
                inPos += UInt64(inBuf.count)
            }
            let (rc, n): (Int32, Int) = inBuf.withUnsafeBytes { ib in
                outBuf.withUnsafeMutableBytes { ob in
                    let off = ib.count - Int(strm.avail_in)
                    strm.next_in = UnsafeMutablePointer(mutating: ib.baseAddress!.assumingMemoryBound(to: Bytef.self)) + off
                    if strm.avail_in == 0 { strm.avail_in = UInt32(ib.count); strm.next_in -= off }
                    strm.next_out = ob.baseAddress!.assumingMemoryBound(to: Bytef.self) + outFill
                    strm.avail_out = UInt32(ob.count - outFill)
                    let before = strm.avail_out
                    let rc = CZlib.inflate(&strm, Z_BLOCK)
                    return (rc, Int(before - strm.avail_out))
                }
            }
            outFill += n
            produced += n
            if produced > size { return nil }
            if outFill == outBuf.count { try compare() }
            switch rc {
            case Z_STREAM_END: finished = true
            case Z_OK, Z_BUF_ERROR: break
            default:
                let msg = strm.msg.map { String(cString: $0) } ?? "error \(rc)"
                throw FormatError(.invalid, offset: UInt64(strm.total_in), context: "recompress gzip", "corrupt deflate data: \(msg)")
            }
            if !finished, strm.data_type & 128 != 0, !sawLast {
                let bit = Int(strm.total_in) * 8 - Int(strm.data_type & 7)
                if strm.data_type & 64 != 0 { sawLast = true } else if headerBits < 0 { headerBits = bit; boundaries.append((bit, produced)) } else if boundaries.last?.bit != bit { boundaries.append((bit, produced)) }
            }
        }
        try compare()
        guard produced == size, headerBits >= 0, headerBits % 8 == 0, let lastStart = boundaries.last else { return nil }
        // Blocks before the final one, each reusable when it and its window are clean.
        func clean(_ a: Int, _ b: Int) -> Bool {
            guard b > a else { return true }
            for p in (a / page) ... ((b - 1) / page) where dirty[p] { return false }
            return true
        }
        var blocks: [Block] = []
        for k in 0 ..< boundaries.count - 1 {
            blocks.append(Block(bitStart: boundaries[k].bit, u0: boundaries[k].u, bitEnd: boundaries[k + 1].bit, u1: boundaries[k + 1].u))
        }
        let reusable = blocks.map { clean(max(0, $0.u0 - 32768), $0.u1) && $0.u1 > $0.u0 }

        // Pass 2: emit.
        var w = BitSink(file: out)
        let header = try original.read(at: 0, count: headerBits / 8, context: "read gzip header")
        try w.bytes(header, register: &register)
        var stats = RecompressStats(reusedBytes: 0, deflatedBytes: 0)
        // BTYPE 00 (stored) blocks depend on byte alignment.
        var stored = [Bool](repeating: false, count: blocks.count)
        for (j, bl) in blocks.enumerated() where reusable[j] {
            let byte = try original.read(at: UInt64(bl.bitStart / 8), count: 2, context: "read block header")
            stored[j] = ((Int(byte[0]) | Int(byte[1]) << 8) >> (bl.bitStart % 8)) >> 1 & 3 == 0
        }
        var pendingDeflateFrom: Int? = nil
        var k = 0
        while k < blocks.count {
            guard reusable[k] else {
                if pendingDeflateFrom == nil { pendingDeflateFrom = blocks[k].u0 }
                k += 1
                continue
            }
            var j = k
            while j < blocks.count && reusable[j] { j += 1 }
            let hasStored = stored[k ..< j].contains(true)
            // After a recompressed stretch the stream is byte-aligned (sync flush).
            let cur = pendingDeflateFrom != nil ? 0 : w.bitPosition % 8
            let diff = (blocks[k].bitStart % 8 - cur + 8) % 8
            if hasStored && diff % 2 == 1 {
                // Odd shifts cannot be made up with 10-bit empty blocks: deflate this block.
                if pendingDeflateFrom == nil { pendingDeflateFrom = blocks[k].u0 }
                k += 1
                continue
            }
            if let from = pendingDeflateFrom {
                try w.deflate(newData, from: from, to: blocks[k].u0, level: level, final: false, register: &register)
                stats.deflatedBytes += blocks[k].u0 - from
                pendingDeflateFrom = nil
            }
            if hasStored { for _ in 0 ..< diff / 2 { try w.emptyFixedBlock(register: &register) } }
            try w.copyBits(original, from: blocks[k].bitStart, to: blocks[j - 1].bitEnd, register: &register)
            stats.reusedBytes += blocks[j - 1].u1 - blocks[k].u0
            k = j
        }
        let tailFrom = pendingDeflateFrom ?? lastStart.u
        try w.deflate(newData, from: tailFrom, to: size, level: level, final: true, register: &register)
        stats.deflatedBytes += size - tailFrom
        var trailer: [UInt8] = []
        for v in [crc, UInt32(truncatingIfNeeded: size)] { for s in stride(from: 0, to: 32, by: 8) { trailer.append(UInt8(truncatingIfNeeded: v >> UInt32(s))) } }
        try w.bytes(trailer, register: &register)
        try w.flush(register: &register)
        return (w.written, stats)
    }
}

/// An LSB-first bit writer into a file (RFC 1951 §3.1.1 bit order).
struct BitSink {
    let file: RandomAccessFile
    var buf: [UInt8] = []
    var acc: UInt32 = 0
    var nacc = 0
    var written = 0
    var flushedRegister = false
    init(file: RandomAccessFile) { self.file = file; buf.reserveCapacity(1 << 20) }

    /// Bits written so far.
    var bitPosition: Int { (written + buf.count) * 8 + nacc }

    mutating func spill(register: inout UInt32) throws {
        guard buf.count >= 1 << 20 else { return }
        try flushBytes(register: &register)
    }

    mutating func flushBytes(register: inout UInt32) throws {
        guard !buf.isEmpty else { return }
        try file.write(buf, at: UInt64(written))
        register = CRC32.uninverted(buf, continuing: register)
        written += buf.count
        buf.removeAll(keepingCapacity: true)
    }

    /// Byte-aligned bytes (the writer must be aligned).
    mutating func bytes(_ b: [UInt8], register: inout UInt32) throws {
        guard nacc == 0 else { throw FormatError(.invalid, context: "recompress gzip", "unaligned byte write") }
        buf += b
        try spill(register: &register)
    }

    mutating func bits(_ v: UInt32, _ n: Int) {
        acc |= v << UInt32(nacc)
        nacc += n
        while nacc >= 8 { buf.append(UInt8(truncatingIfNeeded: acc)); acc >>= 8; nacc -= 8 }
    }

    /// An empty fixed-Huffman block: BFINAL 0, BTYPE 01, end-of-block code 0000000 (10 bits).
    mutating func emptyFixedBlock(register: inout UInt32) throws {
        bits(0b010, 3)
        bits(0, 7)
        try spill(register: &register)
    }

    /// Copies bits [a, b) of `src` (LSB-first).
    mutating func copyBits(_ src: RandomAccessFile, from a: Int, to b: Int, register: inout UInt32) throws {
        var i = a
        while i < b && i % 8 != 0 {
            let byte = try src.read(at: UInt64(i / 8), count: 1)[0]
            bits(UInt32(byte >> UInt8(i % 8)) & 1, 1)
            i += 1
        }
        while b - i >= 8 {
            let n = min((b - i) / 8, 1 << 20)
            let chunk = try src.read(at: UInt64(i / 8), count: n, context: "read original gzip")
            if nacc == 0 {
                buf += chunk
            } else {
                let s = UInt32(nacc)
                var a = acc
                buf.reserveCapacity(buf.count + n)
                chunk.withUnsafeBufferPointer { c in
                    for byte in c {
                        a |= UInt32(byte) << s
                        buf.append(UInt8(truncatingIfNeeded: a))
                        a >>= 8
                    }
                }
                acc = a
            }
            i += n * 8
            try spill(register: &register)
        }
        if i < b {
            let byte = try src.read(at: UInt64(i / 8), count: 1)[0]
            bits(UInt32(byte) & ((1 << UInt32(b - i)) - 1), b - i)
        }
    }

    /// Deflates `data[u0 ..< u1]` as raw deflate continuing this stream: the partial byte is
    /// primed into zlib, the previous 32 KiB set as dictionary; ends byte-aligned with a sync
    /// flush, or with the final block when `final`.
    mutating func deflate(_ data: RandomAccessFile, from u0: Int, to u1: Int, level: Int32, final: Bool, register: inout UInt32) throws {
        var strm = z_stream()
        guard shim_deflateInit2(&strm, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK else {
            throw FormatError(.io, context: "recompress gzip", "zlib deflateInit2 failed")
        }
        defer { deflateEnd(&strm) }
        if u0 > 0 {
            let dict = try data.read(at: UInt64(max(0, u0 - 32768)), count: min(u0, 32768), context: "read new disk")
            _ = dict.withUnsafeBufferPointer { deflateSetDictionary(&strm, $0.baseAddress, UInt32($0.count)) }
        }
        if nacc > 0 {
            _ = deflatePrime(&strm, Int32(nacc), Int32(acc & ((1 << UInt32(nacc)) - 1)))
            acc = 0; nacc = 0
        }
        var pos = u0
        var out = [UInt8](repeating: 0, count: 1 << 18)
        var done = false
        while !done {
            let piece = pos < u1 ? try data.read(at: UInt64(pos), count: min(1 << 20, u1 - pos), context: "read new disk") : []
            pos += piece.count
            let flush = pos >= u1 ? (final ? Z_FINISH : Z_SYNC_FLUSH) : Z_NO_FLUSH
            try piece.withUnsafeBytes { ib in
                strm.next_in = UnsafeMutablePointer(mutating: ib.baseAddress?.assumingMemoryBound(to: Bytef.self))
                strm.avail_in = UInt32(ib.count)
                repeat {
                    let (rc, n) = try GzipStream.deflateStep(&strm, flush: flush, into: &out, context: "recompress gzip")
                    buf += out[..<n]
                    try spill(register: &register)
                    if rc == Z_STREAM_END { done = true; break }
                } while strm.avail_out == 0 || strm.avail_in > 0
            }
            if pos >= u1 && flush == Z_SYNC_FLUSH { done = true }
        }
    }

    mutating func flush(register: inout UInt32) throws {
        if nacc > 0 { buf.append(UInt8(truncatingIfNeeded: acc)); acc = 0; nacc = 0 }
        try flushBytes(register: &register)
    }
}
