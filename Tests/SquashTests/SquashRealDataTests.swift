import BinaryIO
import Foundation
import Squash
import TestSupport
import XCTest

/// Real third-party images (../shared/realdata): OpenWrt rootfs inside TP-Link
/// sysupgrade/factory files and binwalk's gzip sample list and extract exactly like
/// unsquashfs; binwalk's big-endian v2 sample is rejected clearly.
final class SquashRealDataTests: XCTestCase {
    static let images: [(String, UInt64)] = [
        ("ReFirmLabs__binwalk/tests/inputs/squashfs.bin", 0),
        ("LordWood__wr740n/openwrt-ar71xx-generic-tl-wr740n-v4-squashfs-sysupgrade.bin", 0xE9CE8),
        ("Mauroalfieri__OpenWRT_TP-Link_MR3020_video/openwrt-ar71xx-generic-tl-mr3020-v1-squashfs-sysupgrade.bin", 0xF4F38),
        ("Mauroalfieri__OpenWRT_TP-Link_MR3020_video/openwrt-ar71xx-generic-tl-mr3020-v1-squashfs-factory.bin", 0xF4F38),
    ]

    func realdata() throws -> String {
        guard let r = TestEnv.realdata else { throw XCTSkip("../shared/realdata is absent; real-image tests need it") }
        return r
    }

    func testOffsetAutoFindsTheRootfs() throws {
        let r = try realdata()
        for (path, offset) in Self.images {
            let f = try RandomAccessFile(path: r + "/" + path)
            XCTAssertEqual(try SuperblockFinder.find(in: f, limit: 4), [offset], path)
        }
        // The uImage initramfs holds no squashfs: a clear error, not a crash.
        let k = r + "/102464__openwrt-mt76x8-binary/openwrt-ramips-mt76x8-mediatek_mt7628an-eval-board-initramfs-kernel.bin"
        XCTAssertThrowsError(try SuperblockFinder.first(in: k)) { e in
            XCTAssertTrue("\(e)".contains("no valid squashfs"), "\(e)")
        }
    }

    func testListAndExtractLikeUnsquashfs() throws {
        let r = try realdata()
        try SquashFixtures.require(["unsquashfs", "python3"])
        _ = try SquashFixtures.tree.get()  // writes manifest.py
        let bin = try SquashFixtures.imagetool()
        for (path, offset) in Self.images {
            let file = r + "/" + path
            let u = try SquashFixtures.run("unsquashfs", ["-lls", "-o", "\(offset)", file], env: ["TZ": "UTC"])
            let expected = u.out.split(separator: "\n").filter { $0.range(of: #"^[-dlcbps][-rwxsStT]{9} "#, options: .regularExpression) != nil }.map(String.init)
            let ours = try TestSupport.run(bin, ["squash", "ls", "-l", "--offset", "auto", file])
            XCTAssertEqual(ours.status, 0, ours.err)
            XCTAssertEqual(ours.out.split(separator: "\n").map(String.init), expected, path)
            XCTAssertGreaterThan(expected.count, 1)

            let t = TestEnv.tempDir("squash-real")
            defer { try? FileManager.default.removeItem(atPath: t) }
            XCTAssertEqual(try SquashFixtures.run("unsquashfs", ["-q", "-n", "-o", "\(offset)", "-d", t + "/x1", file]).status, 0)
            let e = try TestSupport.run(bin, ["squash", "extract", "-q", "--offset", "\(offset)", "-d", t + "/x2", file])
            XCTAssertEqual(e.status, 0, e.err)
            XCTAssertEqual(try SquashFixtures.manifest(dir: t + "/x1"), try SquashFixtures.manifest(dir: t + "/x2"), path)
        }
    }

    func testOpenWrtXzOptionsAreRead() throws {
        let r = try realdata()
        let img = try SquashImage(path: r + "/" + Self.images[1].0, offset: Self.images[1].1)
        let xz = try XCTUnwrap(img.codec as? XzCodec)
        let o = try XCTUnwrap(xz.openWrt)
        XCTAssertEqual([o.preset, o.lc, o.lp, o.pb], [9, 0, 2, 2])
        XCTAssertTrue(o.extreme)
        XCTAssertEqual(o.dictionarySize, 262144)
        XCTAssertEqual(xz.optionsPayload(blockSize: 262144), img.compressorOptions, "options serialise back byte for byte")
        XCTAssertEqual(img.superblock.inodeCount, 965)
    }

    func testVersion2IsRejectedClearly() throws {
        let r = try realdata()
        let v2 = r + "/ReFirmLabs__binwalk/tests/inputs/squashfs_v2.bin"
        XCTAssertThrowsError(try SquashImage(path: v2)) { e in
            XCTAssertEqual((e as? FormatError)?.kind, .unsupported)
            XCTAssertTrue("\(e)".contains("unsupported squashfs version 2"), "\(e)")
        }
        let bin = try SquashFixtures.imagetool()
        let res = try TestSupport.run(bin, ["squash", "info", v2])
        XCTAssertEqual(res.status, 1)
        XCTAssertEqual(res.err, "imagetool: \(v2): read superblock: offset 0x0: unsupported squashfs version 2 (big-endian); only little-endian 4.0 is supported\n")
    }
}
