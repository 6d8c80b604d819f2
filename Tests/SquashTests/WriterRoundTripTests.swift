import BinaryIO
import Foundation
import Platform
import Squash
import TestSupport
import XCTest

/// Images we write read back to the same tree through unsquashfs, sqfs2tar and our reader,
/// for every compressor, and twice give the same bytes.
final class WriterRoundTripTests: XCTestCase {
    var dir = ""
    override func setUp() { dir = TestEnv.tempDir("writer-rt") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func roundTrip(_ comp: Compressor, blockSize: UInt32 = 4096, tweak: (inout SquashWriterOptions) -> Void = { _ in }) throws {
        let unsquashfs = try WriterFixture.requireTool("unsquashfs")
        let src = dir + "/src"
        try WriterFixture.makeTree(at: src, blockSize: Int(blockSize))
        var o = SquashWriterOptions(mkfsTime: 1_700_000_000, compressor: comp, blockSize: blockSize)
        tweak(&o)
        let img = dir + "/out.sqfs"
        let report = try SquashWriter.write(try TreeSource.directory(src), to: img, options: o)
        XCTAssertGreaterThan(report.data.duplicateFiles, 0)
        let expected = try WriterFixture.manifest(directory: src)

        // unsquashfs (squashfs-tools) extracts the same tree.
        let out = dir + "/unsq"
        let r = try TestSupport.run(unsquashfs, ["-no-progress", "-d", out, img])
        XCTAssertEqual(r.status, 0, r.err)
        WriterFixture.assertSame(expected, try WriterFixture.manifest(directory: out), "unsquashfs \(comp)")

        // Our reader reads it back.
        WriterFixture.assertSame(expected, try WriterFixture.manifest(image: img), "reader \(comp)")

        // sqfs2tar (squashfs-tools-ng) gives the same tree as a tar stream (extracted by GNU tar).
        if let sqfs2tar = WriterFixture.tool("sqfs2tar") {
            let tar = dir + "/out.tar", x = dir + "/fromtar"
            try FileManager.default.createDirectory(atPath: x, withIntermediateDirectories: true)
            let t = try TestSupport.run("/bin/sh", ["-c", "\(sqfs2tar) \(img) > \(tar) && tar -x --xattrs --xattrs-include='*' --numeric-owner -p -f \(tar) -C \(x)"])
            XCTAssertEqual(t.status, 0, t.err)
            var fromTar = try WriterFixture.manifest(directory: x)
            fromTar.removeFirst(); var exp = expected; exp.removeFirst()  // the tar has no root entry
            WriterFixture.assertSame(exp, fromTar, "sqfs2tar \(comp)")
        }

        // The kernel mounts it and sees the same tree.
        if let k = try WriterFixture.kernelManifest(image: img) {
            WriterFixture.assertSame(expected, k, "kernel \(comp)")
        }

        // Deterministic: a second run gives identical bytes.
        let img2 = dir + "/out2.sqfs"
        try SquashWriter.write(try TreeSource.directory(src), to: img2, options: o)
        XCTAssertEqual(try FS.read(img), try FS.read(img2), "two runs differ")
    }

    func testGzip() throws { try roundTrip(.gzip) }
    func testXz() throws { try roundTrip(.xz, blockSize: 8192) }
    func testXzBCJ() throws { try roundTrip(.xz, blockSize: 8192) { $0.xzFilters = [.x86, .arm] } }
    func testZstd() throws { try roundTrip(.zstd) }
    func testLz4() throws { try roundTrip(.lz4) }
    func testLzo() throws { try roundTrip(.lzo, blockSize: 16384) }
    func testNoFragmentsAlwaysFragmentsNoPad() throws {
        try roundTrip(.gzip) { $0.fragments = false; $0.padTo4K = false; $0.exportable = false }
        try FileManager.default.removeItem(atPath: dir); dir = TestEnv.tempDir("writer-rt")
        try roundTrip(.gzip) { $0.alwaysFragments = true; $0.duplicates = true }
    }
}

/// Block-size extremes and OpenWrt's xz settings reaching the encoder.
final class WriterSettingsTests: XCTestCase {
    func testOneMegabyteBlocks() throws {
        let dir = TestEnv.tempDir("writer-1m")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try WriterFixture.makeTree(at: dir + "/src", blockSize: 1 << 20)
        let img = dir + "/o.sqfs"
        try SquashWriter.write(try TreeSource.directory(dir + "/src"), to: img,
                               options: SquashWriterOptions(mkfsTime: 3, compressor: .zstd, blockSize: 1 << 20))
        WriterFixture.assertSame(try WriterFixture.manifest(directory: dir + "/src"), try WriterFixture.manifest(image: img), "1 MiB blocks")
        let r = try TestSupport.run(try WriterFixture.requireTool("unsquashfs"), ["-no-progress", "-d", dir + "/x", img])
        XCTAssertEqual(r.status, 0, r.err)
        WriterFixture.assertSame(try WriterFixture.manifest(directory: dir + "/src"), try WriterFixture.manifest(directory: dir + "/x"), "unsquashfs 1 MiB")
    }

    /// The first LZMA2 chunk of a data block carries the properties byte (pb * 5 + lp) * 9 + lc
    /// (xz-file-format.txt 5.3.1; LZMA2 chunk header): OpenWrt's lc 0, lp 2, pb 2 give 108.
    func testOpenWrtLzmaPropertiesReachTheStream() throws {
        let dir = TestEnv.tempDir("writer-owrt")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var root = Node(name: "", kind: .directory, mode: 0o755)
        let text = Array(String(repeating: "OpenWrt rootfs text 0123456789\n", count: 20000).utf8)
        root.insertChild(Node(name: "f", kind: .file, mode: 0o644, content: .bytes(text)))
        let img = dir + "/o.sqfs"
        try SquashWriter.write(Tree(root: root), to: img, options: .openWrt(time: 1))
        let bytes = try FS.read(img)
        let start = 96  // no options block: dictionary = block size, no filter
        XCTAssertEqual(Array(bytes[start ..< start + 6]), [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz stream at the first data block")
        let blockHeader = start + 12
        let lzma2 = blockHeader + (Int(bytes[blockHeader]) + 1) * 4
        XCTAssertEqual(bytes[lzma2] & 0xE0, 0xE0, "first chunk resets dictionary and sets properties")
        XCTAssertEqual(bytes[lzma2 + 5], 108, "lc 0 lp 2 pb 2")
        let dflt = dir + "/d.sqfs"
        try SquashWriter.write(Tree(root: root), to: dflt, options: SquashWriterOptions(mkfsTime: 1, compressor: .xz, blockSize: 262144))
        let d = try FS.read(dflt)
        XCTAssertEqual(d[blockHeader + (Int(d[blockHeader]) + 1) * 4 + 5], 93, "xz defaults lc 3 lp 0 pb 2")
    }
}
