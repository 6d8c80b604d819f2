import XCTest
@testable import BinaryIO

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

final class ByteReaderTests: XCTestCase {
    func testEndianness() throws {
        var r = ByteReader([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e])
        XCTAssertEqual(try r.u16le(), 0x0201)
        XCTAssertEqual(try r.u16be(), 0x0304)
        XCTAssertEqual(try r.u32le(), 0x0807_0605)
        XCTAssertEqual(try r.u32be(), 0x090a_0b0c)
        XCTAssertEqual(r.remaining, 2)
    }

    func testReadPastEndThrowsTruncatedWithAbsoluteOffset() {
        var r = ByteReader([1, 2, 3], fileOffset: 0x1000, context: "read header")
        XCTAssertNoThrow(try r.u16le())
        XCTAssertThrowsError(try r.u32le()) { e in
            let fe = e as? FormatError
            XCTAssertEqual(fe?.kind, .truncated)
            XCTAssertEqual(fe?.offset, 0x1002)
            XCTAssertEqual(fe?.context, "read header")
        }
        XCTAssertEqual(r.offset, 2, "a failed read must not move the cursor")
    }

    func testSeekOutsideThrowsOutOfBounds() {
        var r = ByteReader([UInt8](repeating: 0, count: 16), fileOffset: 100)
        XCTAssertNoThrow(try r.seek(to: 16))
        XCTAssertThrowsError(try r.seek(to: 17)) { e in
            XCTAssertEqual((e as? FormatError)?.kind, .outOfBounds)
            XCTAssertEqual((e as? FormatError)?.offset, 116)
        }
        XCTAssertThrowsError(try r.seek(to: -1))
    }

    func testSliceCannotOverrun() throws {
        var r = ByteReader(Array(0 ..< 32), fileOffset: 0x40)
        try r.skip(4)
        var s = try r.slice(8)
        XCTAssertEqual(r.offset, 12)
        XCTAssertEqual(try s.u8(), 4)
        XCTAssertNoThrow(try s.skip(6))
        XCTAssertThrowsError(try s.u16le()) { e in
            XCTAssertEqual((e as? FormatError)?.kind, .truncated)
            XCTAssertEqual((e as? FormatError)?.offset, 0x40 + 11)
        }
        XCTAssertThrowsError(try r.slice(100))
        XCTAssertThrowsError(try r.view(at: 30, length: 3))
        let v = try r.view(at: 30, length: 2)
        XCTAssertEqual(v.rest(), [30, 31])
    }

    func testBytesAndCStrings() throws {
        var r = ByteReader(Array("abc\0def".utf8))
        XCTAssertEqual(try r.cString(), "abc")
        XCTAssertThrowsError(try r.cString()) { XCTAssertEqual(($0 as? FormatError)?.kind, .truncated) }
        XCTAssertThrowsError(try r.bytes(-1))
    }
}

final class CheckedMathTests: XCTestCase {
    func testOverflowsThrow() {
        XCTAssertThrowsError(try Checked.add(UInt32.max, 1, "size")) { XCTAssertEqual(($0 as? FormatError)?.kind, .overflow) }
        XCTAssertThrowsError(try Checked.mul(UInt64(1) << 40, UInt64(1) << 30, "count*size", offset: 12)) {
            XCTAssertEqual(($0 as? FormatError)?.kind, .overflow)
            XCTAssertEqual(($0 as? FormatError)?.offset, 12)
        }
        XCTAssertThrowsError(try Checked.sub(UInt8(1), 2, "len"))
        XCTAssertThrowsError(try Checked.int(UInt64.max, as: Int.self, "size"))
        XCTAssertThrowsError(try Checked.limit(UInt64(10) << 30, 1 << 30, "declared size", context: "read ipk")) {
            XCTAssertEqual(($0 as? FormatError)?.kind, .tooLarge)
        }
        XCTAssertEqual(try Checked.mul(6, 7, "x"), 42)
    }
}

final class ByteWriterTests: XCTestCase {
    func testRoundTripAndPatch() throws {
        var w = ByteWriter()
        w.u32be(0x2705_1956)
        w.u16le(0xbeef)
        w.u64le(1)
        w.pad(to: 16, with: 0xff)
        w.patchU32be(0xdead_c0de, at: 0)
        var r = ByteReader(w.finish())
        XCTAssertEqual(try r.u32be(), 0xdead_c0de)
        XCTAssertEqual(try r.u16le(), 0xbeef)
        XCTAssertEqual(try r.u64le(), 1)
        XCTAssertEqual(r.rest(), [0xff, 0xff])
    }
}

final class FileTests: XCTestCase {
    var dir = ""
    override func setUp() { dir = NSTemporaryDirectory() + "binaryio-\(UUID().uuidString)"; try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func testOffsetViewReadsAsIfAtZeroAndReportsAbsoluteOffsets() throws {
        let path = dir + "/fw.bin"
        try FS.writeAtomically(Array(repeating: 0xaa, count: 100) + Array(0 ..< 50), to: path)
        let f = try RandomAccessFile(path: path)
        XCTAssertEqual(f.size, 150)
        let v = try f.view(base: 100, length: 50)
        XCTAssertEqual(try v.read(at: 0, count: 3), [0, 1, 2])
        XCTAssertThrowsError(try v.read(at: 48, count: 3)) { e in
            XCTAssertEqual((e as? FormatError)?.kind, .truncated)
            XCTAssertEqual((e as? FormatError)?.offset, 148)
            XCTAssertEqual((e as? FormatError)?.file, path)
        }
        XCTAssertThrowsError(try v.read(at: UInt64.max - 1, count: 4))
        XCTAssertThrowsError(try f.view(base: 140, length: 20)) { XCTAssertEqual(($0 as? FormatError)?.kind, .outOfBounds) }
        XCTAssertThrowsError(try f.read(at: 149, count: 2)) { XCTAssertEqual(($0 as? FormatError)?.offset, 149) }
        let sub = try v.subview(at: 10, length: 5)
        var r = try sub.reader(at: 1, count: 4, context: "t")
        XCTAssertEqual(try r.u8(), 11)
        XCTAssertEqual(r.absoluteOffset, 112)
    }

    func testMissingFileErrorNamesIt() {
        XCTAssertThrowsError(try RandomAccessFile(path: dir + "/nope")) { e in
            XCTAssertEqual((e as? FormatError)?.kind, .io)
            XCTAssertEqual((e as? FormatError)?.file, dir + "/nope")
        }
    }

    func testReadLimit() throws {
        try FS.writeAtomically([UInt8](repeating: 1, count: 1000), to: dir + "/f")
        XCTAssertThrowsError(try FS.read(dir + "/f", limit: 999)) { XCTAssertEqual(($0 as? FormatError)?.kind, .tooLarge) }
        XCTAssertEqual(try FS.read(dir + "/f").count, 1000)
    }

    func testAtomicDirectoryReplaceSwapsWholeTree() throws {
        let out = dir + "/out"
        try FS.replaceDirectoryAtomically(out) { tmp in try FS.writeAtomically([1], to: tmp + "/a") }
        try FS.replaceDirectoryAtomically(out) { tmp in try FS.writeAtomically([2], to: tmp + "/b") }
        XCTAssertEqual(try FS.list(out), ["b"])
        // A failing body leaves the old content untouched.
        struct Boom: Error {}
        XCTAssertThrowsError(try FS.replaceDirectoryAtomically(out) { tmp in
            try FS.writeAtomically([3], to: tmp + "/c"); throw Boom()
        })
        XCTAssertEqual(try FS.list(out), ["b"])
        XCTAssertEqual(try FS.list(dir), ["out"], "no temporary leftovers")
    }

    func testTypedListingRemovalAndPathRelations() throws {
        let root = dir + "/t"
        let created = try FS.makeDirectoriesRecording(root + "/a/b")
        XCTAssertEqual(created, [root, root + "/a", root + "/a/b"])
        XCTAssertEqual(try FS.makeDirectoriesRecording(root + "/a/b"), [], "nothing new")
        try FS.writeNew([1], to: root + "/a/f")
        try FileManager.default.createSymbolicLink(atPath: root + "/a/l", withDestinationPath: dir)
        let l = try FS.listTyped(root + "/a")
        XCTAssertEqual(l.map(\.name), ["b", "f", "l"])
        XCTAssertEqual(l.map(\.type), [.directory, .file, .symlink])
        // Relations follow symlinks and ignore trailing slashes; missing tails are kept.
        XCTAssertTrue(FS.isSameOrInside(root + "/a/l/t/", root))
        XCTAssertTrue(FS.isSameOrInside(root + "/a/./b/../b/new/x", root + "/a/b"))
        XCTAssertFalse(FS.isSameOrInside(root + "/ab", root + "/a"))
        XCTAssertFalse(FS.isSameOrInside(root, root + "/a"))
        // Removal never follows the symlink (the folder it points to survives).
        try FS.removeTree(root + "/a")
        XCTAssertFalse(FS.exists(root + "/a"))
        XCTAssertTrue(FS.isDirectory(dir))
        for d in created.reversed() { FS.removeEmptyDirectory(d) }
        XCTAssertFalse(FS.exists(root))
    }

    func testLinkIfIdenticalOnlyReusesOwnSingleLinkedEqualFiles() throws {
        let a = dir + "/a", b = dir + "/b", c = dir + "/c", d = dir + "/d"
        try FS.writeNew([1, 2, 3], to: a)
        XCTAssertFalse(FS.linkIfIdentical(a, to: b, bytes: [1, 2, 4]), "different content")
        XCTAssertFalse(FS.linkIfIdentical(a, to: b, bytes: [1, 2]), "different size")
        XCTAssertFalse(FS.exists(b))
        XCTAssertTrue(FS.linkIfIdentical(a, to: b, bytes: [1, 2, 3]))
        XCTAssertEqual(try FS.read(b), [1, 2, 3])
        XCTAssertFalse(FS.linkIfIdentical(a, to: c, bytes: [1, 2, 3]), "already has another link")
        try FileManager.default.createSymbolicLink(atPath: d, withDestinationPath: a)
        XCTAssertFalse(FS.linkIfIdentical(d, to: c, bytes: [1, 2, 3]), "symlinks are not followed")
        XCTAssertFalse(FS.linkIfIdentical(dir + "/missing", to: c, bytes: []))
        XCTAssertFalse(FS.exists(c))
    }

    func testSafePathRejectsEscapes() throws {
        XCTAssertEqual(try SafePath.components("./usr//lib/./x/"), ["usr", "lib", "x"])
        for bad in ["../etc/passwd", "/etc/passwd", "a/../../b", "a/\u{0}b"] {
            XCTAssertThrowsError(try SafePath.components(bad), bad) { XCTAssertEqual(($0 as? FormatError)?.kind, .unsafePath) }
        }
        try FileManager.default.createDirectory(atPath: dir + "/root", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/root/link", withDestinationPath: "/etc")
        XCTAssertThrowsError(try SafePath.join(dir + "/root", "link/passwd")) { XCTAssertEqual(($0 as? FormatError)?.kind, .unsafePath) }
        XCTAssertEqual(try SafePath.join(dir + "/root", "new/file"), dir + "/root/new/file")
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

final class DigestTests: XCTestCase {
    func testKnownAnswers() {
        XCTAssertEqual(Hex.encode(Digest.md5(Array("abc".utf8))), "900150983cd24fb0d6963f7d28e17f72")
        XCTAssertEqual(Hex.encode(Digest.sha256(Array("abc".utf8))), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(Hex.encode(Digest.sha512([]).prefix(8)), "cf83e1357eefb8bd")
    }

    func testBase64Strict() {
        for n in 0 ..< 10 {
            let b = Array((0 ..< n).map { UInt8($0 * 37 & 0xff) })
            XCTAssertEqual(Base64.decode(Base64.encode(b)), b)
        }
        XCTAssertEqual(Base64.encode(Array("foobar".utf8)), "Zm9vYmFy")
        XCTAssertNil(Base64.decode("Zm9v!mFy"))
        XCTAssertNil(Base64.decode("Zm9"))
        XCTAssertNil(Base64.decode("Z==="))
        XCTAssertNil(Hex.decode("abc"))
        XCTAssertEqual(Hex.decode("00ff"), [0, 255])
    }
}

final class FormatErrorTests: XCTestCase {
    func testRendersOneLine() {
        let e = FormatError(.outOfBounds, offset: 0x1a2c, context: "read inode table", "beyond table end 0x1a00\nx").inFile("rootfs.sqfs")
        XCTAssertEqual(e.description, "rootfs.sqfs: read inode table: offset 0x1a2c: beyond table end 0x1a00 x")
        XCTAssertEqual(e.within("open").context, "open: read inode table")
    }
}

final class StaleTemporaryTests: XCTestCase {
    func testLeftoversOfDeadRunsAreRemovedOthersKept() throws {
        let dir = NSTemporaryDirectory() + "stale-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A PID that cannot be running (above pid_max), our own PID, and an unrelated file.
        let dead = dir + "/.out.sqfs.tmp-99999999-1", mine = dir + "/.out.sqfs.tmp-\(getpid())-7"
        let other = dir + "/.out.sqfs.tmp-notapid-1", keep = dir + "/out.sqfs"
        for p in [dead, mine, other, keep] { try FS.writeAtomically([1], to: p) }
        try FileManager.default.createDirectory(atPath: dir + "/.out.tmp-99999998-3", withIntermediateDirectories: true)
        _ = FS.temporarySibling(of: dir + "/out.sqfs")
        _ = FS.temporarySibling(of: dir + "/out")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dead))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/.out.tmp-99999998-3"))
        for p in [mine, other, keep] { XCTAssertTrue(FileManager.default.fileExists(atPath: p), p) }
    }
}
