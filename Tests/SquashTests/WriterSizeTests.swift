import BinaryIO
import Foundation
import Squash
import TestSupport
import XCTest

/// At the same compressor and block size our images are at most 0.2% larger than
/// mksquashfs 4.5.1's (issue 5), on the extracted real OpenWrt rootfs and on the fixture tree.
final class WriterSizeTests: XCTestCase {
    static let lordWood = "LordWood__wr740n/openwrt-ar71xx-generic-tl-wr740n-v4-squashfs-sysupgrade.bin"
    var dir = ""
    override func setUp() { dir = TestEnv.tempDir("writer-size") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    /// The real rootfs, extracted with unsquashfs.
    func realRootfs() throws -> String {
        guard let real = TestEnv.realdata else { throw XCTSkip("../shared/realdata absent") }
        let unsquashfs = try WriterFixture.requireTool("unsquashfs")
        let out = dir + "/rootfs"
        let r = try TestSupport.run(unsquashfs, ["-no-progress", "-o", "\(0xE9CE8)", "-d", out, real + "/" + Self.lordWood])
        XCTAssertEqual(r.status, 0, r.err)
        return out
    }

    /// Sizes of ours and mksquashfs's for one setting; returns ours / theirs.
    func compare(_ src: String, _ label: String, comp: Compressor, blockSize: UInt32, mkArgs: [String],
                 tweak: (inout SquashWriterOptions) -> Void = { _ in }) throws -> Double {
        let mksquashfs = try WriterFixture.requireTool("mksquashfs")
        let theirs = dir + "/theirs-\(label).sqfs", ours = dir + "/ours-\(label).sqfs"
        let r = try TestSupport.run(mksquashfs, [src, theirs, "-noappend", "-no-progress", "-quiet", "-comp", comp.name,
                                                 "-b", "\(blockSize)", "-mkfs-time", "1700000000"] + mkArgs)
        XCTAssertEqual(r.status, 0, r.err)
        var o = SquashWriterOptions(mkfsTime: 1_700_000_000, compressor: comp, blockSize: blockSize)
        tweak(&o)
        try SquashWriter.write(try TreeSource.directory(src), to: ours, options: o)
        // Bytes used (the 4 KiB padding would hide differences).
        let a = Double(try SquashImage(path: ours).superblock.bytesUsed), b = Double(try SquashImage(path: theirs).superblock.bytesUsed)
        let ratio = a / b
        print(String(format: "size %@ %@ bs=%d: ours %.0f mksquashfs %.0f ratio %.4f", label, comp.name, blockSize, a, b, ratio))
        // Both extract to the same tree.
        WriterFixture.assertSame(try WriterFixture.manifest(image: theirs), try WriterFixture.manifest(image: ours), "\(label) \(comp.name) trees")
        return ratio
    }

    func testRealRootfsSizes() throws {
        let src = try realRootfs()
        XCTAssertLessThanOrEqual(try compare(src, "rootfs", comp: .xz, blockSize: 262144, mkArgs: []), 1.002)
        XCTAssertLessThanOrEqual(try compare(src, "rootfs-bcj", comp: .xz, blockSize: 262144, mkArgs: ["-Xbcj", "x86"]) { $0.xzFilters = [.x86] }, 1.002)
        XCTAssertLessThanOrEqual(try compare(src, "rootfs", comp: .gzip, blockSize: 131072, mkArgs: []), 1.002)
        XCTAssertLessThanOrEqual(try compare(src, "rootfs", comp: .zstd, blockSize: 131072, mkArgs: []), 1.002)
        XCTAssertLessThanOrEqual(try compare(src, "rootfs", comp: .lz4, blockSize: 131072, mkArgs: []), 1.002)
        XCTAssertLessThanOrEqual(try compare(src, "rootfs", comp: .lzo, blockSize: 131072, mkArgs: []), 1.002)
    }

    func testFixtureSizes() throws {
        let src = dir + "/src"
        try WriterFixture.makeTree(at: src, blockSize: 131072)
        XCTAssertLessThanOrEqual(try compare(src, "fixture", comp: .gzip, blockSize: 131072, mkArgs: []), 1.002)
        XCTAssertLessThanOrEqual(try compare(src, "fixture", comp: .xz, blockSize: 131072, mkArgs: []), 1.002)
    }
}
