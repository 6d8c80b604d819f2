import BinaryIO
import Foundation
import Platform
import Squash
import TestSupport
import XCTest

/// Issue 5 "done when": for the reader issue's test tree and for the extracted rootfs of each
/// real image in ../shared/realdata, our image read by unsquashfs, by sqfs2tar and by our
/// reader gives back the same tree, and two runs give the same bytes.
final class WriterRealDataTests: XCTestCase {
    var dir = ""
    override func setUp() { dir = TestEnv.tempDir("writer-real") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    /// The squashfs images in realdata: (label, file, offset of the superblock).
    func realImages() throws -> [(String, String, UInt64)] {
        guard let real = TestEnv.realdata else { throw XCTSkip("../shared/realdata absent") }
        let files = [
            "LordWood__wr740n/openwrt-ar71xx-generic-tl-wr740n-v4-squashfs-sysupgrade.bin",
            "Mauroalfieri__OpenWRT_TP-Link_MR3020_video/openwrt-ar71xx-generic-tl-mr3020-v1-squashfs-sysupgrade.bin",
            "Mauroalfieri__OpenWRT_TP-Link_MR3020_video/openwrt-ar71xx-generic-tl-mr3020-v1-squashfs-factory.bin",
            "ReFirmLabs__binwalk/tests/inputs/squashfs.bin",
        ]
        return try files.filter { FS.exists(real + "/" + $0) }.map { f in
            (FS.basename(of: f), real + "/" + f, try SuperblockFinder.first(in: real + "/" + f))
        }
    }

    /// unsquashfs extraction, sqfs2tar manifest and our reader's manifest of `image` all match
    /// `expectedDir`'s manifest (python, from the reader tests).
    func check(_ image: String, against expectedDir: String, _ label: String) throws {
        let expected = try SquashFixtures.manifest(dir: expectedDir)
        let x = dir + "/x-\(label)"
        let r = try SquashFixtures.run("unsquashfs", ["-no-progress", "-d", x, image])
        XCTAssertEqual(r.status, 0, r.err)
        WriterFixture.assertSame(expected, try SquashFixtures.manifest(dir: x), "\(label): unsquashfs")
        let ours = try WriterFixture.manifest(image: image)
        WriterFixture.assertSame(try WriterFixture.manifest(directory: expectedDir), ours, "\(label): our reader")
        if SquashFixtures.which("sqfs2tar") != nil {
            let tar = dir + "/\(label).tar"
            let t = try SquashFixtures.run("/bin/sh", ["-c", "sqfs2tar '\(image)' > '\(tar)'"])
            XCTAssertEqual(t.status, 0, t.err)
            // Compare the tar with a tar of the expected tree made the same way (mksquashfs image).
            let ref = dir + "/\(label)-ref.sqfs", refTar = dir + "/\(label)-ref.tar"
            XCTAssertEqual(try SquashFixtures.run("mksquashfs", [expectedDir, ref, "-noappend", "-quiet", "-no-progress"]).status, 0)
            XCTAssertEqual(try SquashFixtures.run("/bin/sh", ["-c", "sqfs2tar '\(ref)' > '\(refTar)'"]).status, 0)
            WriterFixture.assertSame(try SquashFixtures.manifest(tar: refTar), try SquashFixtures.manifest(tar: tar), "\(label): sqfs2tar")
        }
    }

    func testReaderTestTree() throws {
        try SquashFixtures.require(["mksquashfs", "unsquashfs", "python3"])
        let tree = try SquashFixtures.tree.get()
        for comp in [Compressor.gzip, .xz] {
            let img = dir + "/tree-\(comp.name).sqfs"
            let o = SquashWriterOptions(mkfsTime: 1_600_000_000, compressor: comp, blockSize: 131072)
            try SquashWriter.write(try TreeSource.directory(tree), to: img, options: o)
            try check(img, against: tree, "tree-\(comp.name)")
            let again = dir + "/tree-again.sqfs"
            try SquashWriter.write(try TreeSource.directory(tree), to: again, options: o)
            XCTAssertEqual(try FS.read(img), try FS.read(again), "deterministic")
            // Size against mksquashfs with the same settings (bytes used, padding aside).
            let mk = try SquashFixtures.image("writer-\(comp.name)", ["-comp", comp.name])
            let a = Double(try SquashImage(path: img).superblock.bytesUsed), b = Double(try SquashImage(path: mk).superblock.bytesUsed)
            print(String(format: "size reader-tree %@: ours %.0f mksquashfs %.0f ratio %.4f", comp.name, a, b, a / b))
            XCTAssertLessThanOrEqual(a / b, 1.002)
        }
    }

    func testRealRootfsRoundTrips() throws {
        try SquashFixtures.require(["unsquashfs", "python3"])
        for (label, file, offset) in try realImages() {
            let src = try SquashImage(path: file, offset: offset)
            let ex = dir + "/ex-\(label)"
            let r = try SquashFixtures.run("unsquashfs", ["-no-progress", "-o", "\(offset)", "-d", ex, file])
            XCTAssertEqual(r.status, 0, r.err)
            // From the extracted directory, with the image's compressor and block size.
            var o = SquashWriterOptions(mkfsTime: src.superblock.modificationTime, compressor: src.superblock.compressor,
                                        blockSize: src.superblock.blockSize)
            if o.compressor == .lzma { o.compressor = .xz }
            let img = dir + "/\(label).sqfs"
            try SquashWriter.write(try TreeSource.directory(ex), to: img, options: o)
            try check(img, against: ex, label)
            // Straight from the image, copying its blocks.
            let copy = dir + "/\(label)-copy.sqfs"
            let report = try SquashRepack.repack(image: file, offset: offset, to: copy) { _, _ in }
            XCTAssertEqual(report.data.compressedBlocks, 0, "\(label): every block copied")
            try check(copy, against: ex, label + "-copy")
        }
    }
}
