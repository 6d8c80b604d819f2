import BinaryIO
import Platform
import XCTest
@testable import Codecs

final class CRC32Tests: XCTestCase {
    func testKnownAnswers() {
        // The CRC-32/ISO-HDLC check value and a few classic vectors.
        XCTAssertEqual(CRC32.checksum(Array("123456789".utf8)), 0xCBF4_3926)
        XCTAssertEqual(CRC32.checksum([UInt8]()), 0)
        XCTAssertEqual(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)), 0x414F_A339)
        XCTAssertEqual(CRC32.checksum([UInt8](repeating: 0, count: 32)), 0x190A_55AD)
    }

    func testContinuationEqualsOneShot() {
        let a = Array("hello, ".utf8), b = Array("world".utf8)
        XCTAssertEqual(CRC32.checksum(b, continuing: CRC32.checksum(a)), CRC32.checksum(a + b))
    }

    func testUninvertedIsFwtoolRegister() {
        let d = Array("123456789".utf8)
        XCTAssertEqual(CRC32.uninverted(d), ~UInt32(0xCBF4_3926))
        // Continuing the register over two halves equals one pass.
        XCTAssertEqual(CRC32.uninverted(Array(d[4...]), continuing: CRC32.uninverted(Array(d[..<4]))), CRC32.uninverted(d))
    }
}

final class CodecTests: XCTestCase {
    let sample: [UInt8] = Array((0 ..< 200_000).map { UInt8(truncatingIfNeeded: ($0 * 7) ^ ($0 >> 5)) })

    func testDeflateRoundTripsAndBoundsOutput() throws {
        for f in [Deflate.Framing.raw, .zlib, .gzip] {
            let c = Deflate.deflate(sample, level: 9, framing: f)
            let d = try Deflate.inflate(c + [9, 9, 9], framing: f == .raw ? .raw : .auto, maxOutput: 1 << 20)
            XCTAssertEqual(d.bytes, sample)
            XCTAssertEqual(d.consumed, c.count, "trailing bytes after the stream stay unconsumed")
            XCTAssertThrowsError(try Deflate.inflate(c, framing: f == .raw ? .raw : .auto, maxOutput: 1000)) {
                XCTAssertEqual(($0 as? FormatError)?.kind, .tooLarge)
            }
            XCTAssertThrowsError(try Deflate.inflate(Array(c.prefix(c.count / 2)), framing: f == .raw ? .raw : .auto, maxOutput: 1 << 20)) {
                XCTAssertEqual(($0 as? FormatError)?.kind, .truncated)
            }
        }
        let gz = Deflate.deflate(sample, level: 9, framing: .gzip)
        XCTAssertEqual(Array(gz.prefix(10)), [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3], "gzip -9n header")
    }

    func testStoredSpanRoundTripsAndIsStoredVerbatim() throws {
        // Incompressible bytes (what a data.tar.gz inside an ipk is) between compressible ones.
        var rng = SystemRandomNumberGenerator()
        let noise = (0 ..< 150_000).map { _ in UInt8.random(in: 0 ... 255, using: &rng) }
        let input = Array(sample.prefix(1536)) + noise + Array(sample.prefix(20_000))
        for span in [1536 ..< 1536 + noise.count, 0 ..< input.count, 0 ..< 0, 0 ..< 10, input.count - 5 ..< input.count, 5 ..< 3_000_000] {
            let c = Deflate.deflate(input, level: 6, framing: .gzip, stored: span)
            XCTAssertEqual(try Deflate.inflate(c, framing: .gzip, maxOutput: 1 << 20).bytes, input, "\(span)")
        }
        let c = Deflate.deflate(input, level: 6, framing: .gzip, stored: 1536 ..< 1536 + noise.count)
        // Stored blocks carry the bytes verbatim: the first 64 KiB of noise appear as-is.
        let probe = Array(noise[0 ..< 4096])
        XCTAssertTrue((0 ... c.count - probe.count).contains { c.matches(probe, at: $0) }, "noise stored verbatim")
        XCTAssertLessThan(c.count, noise.count + 12_000, "the compressible parts (21.5 KB) are still deflated")
        // GNU gzip reads it back.
        let dir = NSTemporaryDirectory() + "gzs-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FS.writeNew(c, to: dir + "/s.gz")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-t", dir + "/s.gz"]
        try p.run(); p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, "gzip -t accepts the stream")
    }

    func testGzipInteroperatesWithGNUGzip() throws {
        let dir = NSTemporaryDirectory() + "gz-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FS.writeAtomically(Deflate.deflate(sample, level: 6, framing: .gzip), to: dir + "/a.gz")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-t", dir + "/a.gz"]
        try p.run(); p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, "gzip -t accepts our stream")
    }

    func testXZAndLzmaAloneRoundTrip() throws {
        try sample.withUnsafeBytes { buf in
            for bcj in [nil, LZMA.BCJ.x86, .arm] {
                let xz = try LZMA.encodeXZ(buf, options: .init(preset: 9, extreme: true, dictionarySize: 1 << 18, lc: 0, lp: 2, pb: 2, bcj: bcj))
                XCTAssertEqual(Array(xz.prefix(6)), [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])
                XCTAssertEqual(try LZMA.decode(xz, alone: false, maxOutput: 1 << 20).bytes, sample)
                XCTAssertThrowsError(try LZMA.decode(xz, alone: false, maxOutput: 100))
            }
            let alone = try LZMA.encodeAlone(buf, options: .init())
            XCTAssertEqual(try LZMA.decode(alone, alone: true, maxOutput: 1 << 20).bytes, sample)
            XCTAssertThrowsError(try LZMA.decode(Array(alone.prefix(40)), alone: true, maxOutput: 1 << 20))
        }
        XCTAssertThrowsError(try LZMA.decode([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], alone: false, maxOutput: 10))
    }

    func testZstdLz4LzoRoundTrip() throws {
        try sample.withUnsafeBytes { buf in
            let z = Zstd.compress(buf, level: 15)
            XCTAssertEqual(try z.withUnsafeBytes { try Zstd.decompress($0, maxOutput: 1 << 20) }, sample)
            XCTAssertThrowsError(try z.withUnsafeBytes { try Zstd.decompress($0, maxOutput: 1000) })
            for hc in [false, true] {
                let l = LZ4.compress(buf, high: hc)
                XCTAssertEqual(try l.withUnsafeBytes { try LZ4.decompress($0, maxOutput: sample.count) }, sample)
                XCTAssertThrowsError(try l.withUnsafeBytes { try LZ4.decompress($0, maxOutput: 1000) })
            }
            for best in [false, true] {
                let o = LZO.compress(buf, best: best)
                XCTAssertEqual(try o.withUnsafeBytes { try LZO.decompress($0, maxOutput: sample.count) }, sample)
                XCTAssertThrowsError(try o.withUnsafeBytes { try LZO.decompress($0, maxOutput: 1000) })
            }
        }
    }
}
