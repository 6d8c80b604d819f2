import BinaryIO
@testable import Codecs
import Foundation
import TestSupport
import XCTest

/// `Deflate.resumeGzip`: the gzappend technique (zlib examples/gzappend.c) checked by
/// inflating every result, by GNU gzip (`gzip -t`, `gzip -dc`), and against hostile inputs.
final class GzipResumeTests: XCTestCase {
    /// SplitMix64 (TestSupport), seeded so a run can be replayed.
    typealias RNG = SplitMix64

    static func seed(_ name: String) -> UInt64 {
        let s = ProcessInfo.processInfo.environment["GZIP_RESUME_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 1 ... UInt64.max)
        print("GzipResumeTests.\(name) seed \(s) (GZIP_RESUME_SEED=\(s) to replay)")
        return s
    }

    /// Text-like, tar-like data: words, runs of zeros, and incompressible stretches (an
    /// embedded .gz member), so block boundaries fall both on and off byte boundaries.
    static func realistic(_ rng: inout RNG, count: Int) -> [UInt8] {
        let words = ["kmod", "depends", "kernel", "module", "usr/lib", "\n", "Package: ", "0x", "static", "return", " "]
        var out: [UInt8] = []
        out.reserveCapacity(count + 4096)
        while out.count < count {
            switch rng.below(10) {
            case 0: out += [UInt8](repeating: 0, count: 512 + rng.below(4096))
            case 1, 2: out += rng.bytes(1024 + rng.below(16 * 1024))
            default: for _ in 0 ..< 200 { out += Array(words[rng.below(words.count)].utf8) }
            }
        }
        return Array(out.prefix(count))
    }

    /// GNU gzip's own encoding (what ipkg-build writes), or zlib's when gzip is absent.
    static func gnuGzip(_ data: [UInt8], level: Int = 6) throws -> [UInt8] {
        guard TestEnv.which("gzip") != nil else { return Deflate.deflate(data, level: Int32(level), framing: .gzip) }
        let r = try TestSupport.run("gzip", ["-n", "-\(level)", "-c"], input: Data(data))
        XCTAssertEqual(r.status, 0, r.err)
        return Array(r.stdout)
    }

    /// Inflates `gz` with zlib and, when available, GNU gzip; both must give `expected`.
    func assertDecodes(_ gz: [UInt8], to expected: [UInt8], _ what: String, external: Bool) throws {
        let back = try Deflate.inflate(gz, framing: .gzip, maxOutput: expected.count + 1)
        XCTAssertEqual(back.consumed, gz.count, what)
        XCTAssertTrue(back.bytes == expected, "\(what): inflated bytes differ")
        guard external, TestEnv.which("gzip") != nil else { return }
        let t = try TestSupport.run("gzip", ["-t"], input: Data(gz))
        XCTAssertEqual(t.status, 0, "\(what): gzip -t: \(t.err)")
        let d = try TestSupport.run("gzip", ["-dc"], input: Data(gz))
        XCTAssertEqual(d.status, 0, "\(what): gzip -dc: \(d.err)")
        XCTAssertTrue(Array(d.stdout) == expected, "\(what): gzip -dc bytes differ")
    }

    /// Random and realistic data, GNU gzip and zlib originals, many split points; the tail
    /// after the split is replaced, cut, or extended. Every result inflates to the new data.
    func testRoundTripAcrossSplitPoints() throws {
        var rng = RNG(state: Self.seed("roundTrip"))
        var resumed = 0, aligned = 0, unaligned = 0, cases = 0
        for kind in 0 ..< 4 {
            let count = 150 * 1024 + rng.below(250 * 1024)
            let data = kind % 2 == 0 ? Self.realistic(&rng, count: count) : rng.bytes(count)
            let original = kind < 2 ? try Self.gnuGzip(data) : Deflate.deflate(data, level: 6, framing: .gzip)
            for split in 0 ..< 12 {
                let k = split == 0 ? count : rng.below(count)
                var new = Array(data[..<k])
                switch rng.below(3) {
                case 0: new += Self.realistic(&rng, count: rng.below(40 * 1024))
                case 1: new += rng.bytes(rng.below(3000))
                default: break
                }
                if k < count, new.count > k, new[k] == data[k] { new[k] ^= 0x5a }
                let what = "kind \(kind) size \(count) split \(k) new size \(new.count)"
                let boundary = try Deflate.lastBoundary(original, deflateStart: 10, matching: new,
                                                        minimumOffset: Deflate.minimumResumeOffset)
                let out = try Deflate.resumeGzip(original: original, newUncompressed: new)
                XCTAssertEqual(out != nil, boundary != nil, what)
                cases += 1
                guard let out, let boundary else { continue }
                resumed += 1
                if boundary.unusedBits == 0 { aligned += 1 } else { unaligned += 1 }
                XCTAssertLessThanOrEqual(boundary.offset, k, what)
                XCTAssertTrue(out.prefix(10) == original.prefix(10), "\(what): header kept")
                XCTAssertTrue(out.prefix(boundary.byteEnd - 1) == original.prefix(boundary.byteEnd - 1), "\(what): blocks reused")
                try assertDecodes(out, to: new, what, external: split % 3 == 0)
            }
        }
        print("GzipResumeTests: \(cases) cases, \(resumed) resumed (\(aligned) at byte-aligned, \(unaligned) at mid-byte boundaries)")
        XCTAssertGreaterThan(resumed, cases / 2)
    }

    /// Boundaries off and on byte edges both occur: Huffman blocks end mid-byte, stored
    /// blocks (incompressible data through zlib) end on a byte.
    func testBothBoundaryAlignmentsAreExercised() throws {
        var rng = RNG(state: Self.seed("alignments"))
        var seen = Set<Bool>()
        for data in [Self.realistic(&rng, count: 300 * 1024), rng.bytes(300 * 1024)] {
            let gz = Deflate.deflate(data, level: 6, framing: .gzip)
            for k in stride(from: 20 * 1024, to: data.count, by: 7 * 1024) {
                var new = data
                new[k] ^= 0xff
                guard let b = try Deflate.lastBoundary(gz, deflateStart: 10, matching: new, minimumOffset: 1) else { continue }
                seen.insert(b.unusedBits == 0)
                try assertDecodes(try XCTUnwrap(try Deflate.resumeGzip(original: gz, newUncompressed: new)), to: new, "split \(k)", external: false)
                // New data ending exactly at the boundary: nothing left but an empty final block.
                let cut = Array(data[..<b.offset])
                if b.offset >= Deflate.minimumResumeOffset {
                    let out = try XCTUnwrap(try Deflate.resumeGzip(original: gz, newUncompressed: cut), "cut at \(b.offset)")
                    try assertDecodes(out, to: cut, "cut at boundary \(b.offset)", external: k % 3 == 0)
                }
            }
        }
        XCTAssertEqual(seen, [true, false])
    }

    /// FEXTRA, FNAME, FCOMMENT and FHCRC headers are skipped and kept; reserved flags give nil.
    func testHeaderFieldsAreKept() throws {
        var rng = RNG(state: Self.seed("header"))
        let data = Self.realistic(&rng, count: 200 * 1024)
        let plain = Deflate.deflate(data, level: 6, framing: .gzip)
        var header: [UInt8] = [0x1f, 0x8b, 8, 0x1e, 0x78, 0x56, 0x34, 0x12, 0, 3, 4, 0, 0x41, 0x42, 0x43, 0x44]
        header += Array("name.tar\u{0}a comment\u{0}".utf8)
        let hcrc = CRC32.checksum(header)
        header += [UInt8(hcrc & 0xff), UInt8((hcrc >> 8) & 0xff)]
        let original = header + plain[10...]
        XCTAssertEqual(try Deflate.gzipHeaderLength(original), header.count)
        var new = data
        new[150 * 1024] ^= 1
        let out = try XCTUnwrap(try Deflate.resumeGzip(original: original, newUncompressed: new))
        XCTAssertTrue(out.prefix(header.count) == header[...])
        try assertDecodes(out, to: new, "flagged header", external: true)
        var reserved = original
        reserved[3] |= 0x20
        XCTAssertNil(try Deflate.resumeGzip(original: reserved, newUncompressed: new))
    }

    /// One-block members, changes at the start and final-block-only prefixes give nil.
    func testNothingToReuseGivesNil() throws {
        var rng = RNG(state: Self.seed("nil"))
        let small = Self.realistic(&rng, count: 6000)
        XCTAssertNil(try Deflate.resumeGzip(original: try Self.gnuGzip(small), newUncompressed: small + [1, 2, 3]))
        let big = Self.realistic(&rng, count: 200 * 1024)
        var early = big
        early[100] ^= 1
        XCTAssertNil(try Deflate.resumeGzip(original: try Self.gnuGzip(big), newUncompressed: early))
        XCTAssertNil(try Deflate.resumeGzip(original: try Self.gnuGzip(big), newUncompressed: []))
    }

    /// Truncated and corrupted originals give nil, a FormatError, or a member that still
    /// decodes to exactly the new data — never a trap or a wrong result.
    func testHostileOriginalsNeverTrap() throws {
        var rng = RNG(state: Self.seed("hostile"))
        let data = Self.realistic(&rng, count: 160 * 1024)
        let original = try Self.gnuGzip(data)
        var new = data
        new[150 * 1024] ^= 1
        var outcomes = [String: Int]()
        @discardableResult
        func attempt(_ bytes: [UInt8], _ what: String) throws -> String {
            var outcome: String
            do {
                if let out = try Deflate.resumeGzip(original: bytes, newUncompressed: new) {
                    try assertDecodes(out, to: new, what, external: false)
                    outcome = "output"
                } else {
                    outcome = "nil"
                }
            } catch let e as FormatError {
                outcome = "FormatError.\(e.kind)"
            }
            outcomes[outcome, default: 0] += 1
            return outcome
        }
        for n in [0, 1, 2, 5, 9, 10, 11, 100, 20000, original.count - 9] {
            try attempt(Array(original.prefix(n)), "truncated to \(n)")
        }
        // Cut inside blocks whose output still matches: the stream ends early.
        XCTAssertEqual(try attempt(Array(original.prefix(original.count / 3)), "truncated to 1/3"), "FormatError.truncated")
        XCTAssertEqual(try attempt(Array(original.prefix(original.count / 2)), "truncated to 1/2"), "FormatError.truncated")
        // BTYPE 11 in the first block header is reserved (RFC 1951 3.2.3).
        var badType = original
        badType[10] |= 0x06
        XCTAssertEqual(try attempt(badType, "reserved block type"), "FormatError.invalid")
        var notGzip = original
        notGzip[0] = 0x42
        XCTAssertEqual(try attempt(notGzip, "bad magic"), "FormatError.invalid")
        var extra = original
        extra[3] = 0x04; extra[10] = 0xff; extra[11] = 0xff  // FEXTRA with a 64 KiB XLEN
        try attempt(extra, "huge XLEN")
        for i in 0 ..< 300 {
            var b = original
            for _ in 0 ..< 1 + rng.below(4) { b[rng.below(b.count)] ^= UInt8(truncatingIfNeeded: 1 + rng.below(255)) }
            try attempt(b, "mutation \(i)")
        }
        print("GzipResumeTests hostile outcomes: \(outcomes.sorted { $0.key < $1.key })")
    }
}
