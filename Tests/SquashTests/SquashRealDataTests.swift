import BinaryIO
import CLITestSupport
import Foundation
import Platform
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
        ("Roy75117__TL-WR703N-openwrt-bk/lede-17.01.7-ar71xx-generic-tl-wr703n-v1-squashfs-sysupgrade.bin", 0x137B94),
        ("WorldWideWebDev__HooToo-Tripmate-HT-TM02/lede-ramips-rt305x-root.squashfs", 0),
        ("WorldWideWebDev__HooToo-Tripmate-HT-TM02/lede-ramips-rt305x-ht-tm02-squashfs-sysupgrade.bin", 0x1294B4),
        ("dng-nguyn__OpenWRT-for-TL-WR840N-v6.2/openwrt-ramips-mt76x8-tl-wr840n-v6.2-squashfs-sysupgrade.bin", 0x15F2F0),
    ]

    /// Images whose 12-byte OpenWrt xz options block the reader must accept: one line per
    /// image with the squashfs offset, the stored payload and the field order it is in.
    /// LEDE 17.01 .. OpenWrt 19.07 put the dictionary first (the kernel reads it there);
    /// OpenWrt 12.09-era images put it last.
    static let optionImages: [(path: String, offset: UInt64, options: String, layout: OpenWrtLZMAOptions.Layout, inodes: UInt32)] = [
        ("Roy75117__TL-WR703N-openwrt-bk/lede-17.01.7-ar71xx-generic-tl-wr703n-v1-squashfs-sysupgrade.bin", 0x137B94,
         "000004001400090090004000", .dictionaryFirst, 833),
        ("WorldWideWebDev__HooToo-Tripmate-HT-TM02/lede-ramips-rt305x-root.squashfs", 0,
         "000004001400090090004000", .dictionaryFirst, 792),
        ("WorldWideWebDev__HooToo-Tripmate-HT-TM02/lede-ramips-rt305x-ht-tm02-squashfs-sysupgrade.bin", 0x1294B4,
         "000004001400090090004000", .dictionaryFirst, 792),
        ("dng-nguyn__OpenWRT-for-TL-WR840N-v6.2/openwrt-ramips-mt76x8-tl-wr840n-v6.2-squashfs-sysupgrade.bin", 0x15F2F0,
         "000004001400090090004000", .dictionaryFirst, 705),
        ("LordWood__wr740n/openwrt-ar71xx-generic-tl-wr740n-v4-squashfs-sysupgrade.bin", 0xE9CE8,
         "140009009000400000000400", .flagsFirst, 965),
    ]

    static func hex(_ b: [UInt8]?) -> String { (b ?? []).map { String(format: "%02x", $0) }.joined() }

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
        for (path, offset) in Self.images {
            let file = r + "/" + path
            let u = try SquashFixtures.run("unsquashfs", ["-lls", "-o", "\(offset)", file], env: ["TZ": "UTC"])
            let expected = u.out.split(separator: "\n").filter { $0.range(of: #"^[-dlcbps][-rwxsStT]{9} "#, options: .regularExpression) != nil }.map(String.init)
            let ours = try InProcessCLI.run(["squash", "ls", "-l", "--offset", "auto", file])
            XCTAssertEqual(ours.status, 0, ours.err)
            XCTAssertEqual(ours.out.split(separator: "\n").map(String.init), expected, path)
            XCTAssertGreaterThan(expected.count, 1)

            let t = TestEnv.tempDir("squash-real")
            defer { try? FileManager.default.removeItem(atPath: t) }
            XCTAssertEqual(try SquashFixtures.run("unsquashfs", ["-q", "-n", "-o", "\(offset)", "-d", t + "/x1", file]).status, 0)
            let e = try InProcessCLI.run(["squash", "extract", "-q", "--offset", "\(offset)", "-d", t + "/x2", file])
            XCTAssertEqual(e.status, 0, e.err)
            XCTAssertEqual(try SquashFixtures.manifest(dir: t + "/x1"), try SquashFixtures.manifest(dir: t + "/x2"), path)
        }
    }

    func testOpenWrtXzOptionsAreRead() throws {
        let r = try realdata()
        let img = try SquashImage(path: r + "/" + Self.images[1].0, offset: Self.images[1].1)
        let xz = try XCTUnwrap(img.codec as? XZCodec)
        let o = try XCTUnwrap(xz.openWrt)
        XCTAssertEqual([o.preset, o.lc, o.lp, o.pb], [9, 0, 2, 2])
        XCTAssertTrue(o.extreme)
        XCTAssertEqual(o.dictionarySize, 262144)
        XCTAssertEqual(xz.optionsPayload(blockSize: 262144), img.compressorOptions, "options serialise back byte for byte")
        XCTAssertEqual(img.superblock.inodeCount, 965)
    }

    /// Each image's options block is read as OpenWrt's (dictionary 256 KiB, preset 9, extreme,
    /// lc 0 lp 2 pb 2, nice 64), `info`, `ls` and `extract` work with `--offset auto`, and
    /// extract gives exactly what `unsquashfs -o OFFSET` gives.
    func testOpenWrtOptionBlocksInfoListAndExtractWithOffsetAuto() throws {
        let r = try realdata()
        try SquashFixtures.require(["unsquashfs", "python3"])
        _ = try SquashFixtures.tree.get()  // writes manifest.py
        for row in Self.optionImages {
            let file = r + "/" + row.path
            let img = try SquashImage(path: file, offset: row.offset)
            XCTAssertEqual(Self.hex(img.compressorOptions), row.options, row.path)
            XCTAssertEqual(img.superblock.inodeCount, row.inodes, row.path)
            let xz = try XCTUnwrap(img.codec as? XZCodec, row.path)
            let o = try XCTUnwrap(xz.openWrt, row.path)
            XCTAssertEqual(o.layout, row.layout, row.path)
            XCTAssertEqual([o.dictionarySize, o.preset, o.lc, o.lp, o.pb, UInt32(o.niceLength)], [262144, 9, 0, 2, 2, 64], row.path)
            XCTAssertTrue(o.extreme, row.path)
            XCTAssertEqual(Self.hex(xz.optionsPayload(blockSize: 262144)), row.options, "\(row.path): written back as stored")

            let info = try InProcessCLI.run(["squash", "info", "--offset", "auto", file])
            XCTAssertEqual(info.status, 0, "\(row.path): \(info.err)")
            XCTAssertTrue(info.out.contains("squashfs 4.0 at offset \(row.offset) "), "\(row.path): \(info.out)")
            XCTAssertTrue(info.out.contains("layout \(row.layout.rawValue)"), "\(row.path): \(info.out)")

            let u = try SquashFixtures.run("unsquashfs", ["-lls", "-o", "\(row.offset)", file], env: ["TZ": "UTC"])
            let expected = u.out.split(separator: "\n").filter { $0.range(of: #"^[-dlcbps][-rwxsStT]{9} "#, options: .regularExpression) != nil }.map(String.init)
            XCTAssertEqual(expected.count, Int(row.inodes), "\(row.path): unsquashfs lists every inode")
            let ls = try InProcessCLI.run(["squash", "ls", "-l", "--offset", "auto", file])
            XCTAssertEqual(ls.status, 0, ls.err)
            XCTAssertEqual(ls.out.split(separator: "\n").map(String.init), expected, row.path)

            let t = TestEnv.tempDir("squash-opts-real")
            defer { try? FileManager.default.removeItem(atPath: t) }
            XCTAssertEqual(try SquashFixtures.run("unsquashfs", ["-q", "-n", "-o", "\(row.offset)", "-d", t + "/x1", file]).status, 0)
            let e = try InProcessCLI.run(["squash", "extract", "-q", "--offset", "auto", "-d", t + "/x2", file])
            XCTAssertEqual(e.status, 0, e.err)
            XCTAssertEqual(try SquashFixtures.manifest(dir: t + "/x1"), try SquashFixtures.manifest(dir: t + "/x2"), row.path)
        }
    }

    /// `squash add` of one file to the LEDE rootfs keeps its 12-byte options block byte for
    /// byte (the incremental repack reuses the image's codec), and unsquashfs reads the
    /// result: the old files unchanged, the new one present.
    func testEditedLedeRootfsKeepsItsOptionsBlock() throws {
        let r = try realdata()
        try SquashFixtures.require(["unsquashfs", "python3"])
        _ = try SquashFixtures.tree.get()
        let row = Self.optionImages[1]
        let file = r + "/" + row.path
        let t = TestEnv.tempDir("squash-opts-edit")
        defer { try? FileManager.default.removeItem(atPath: t) }
        let added = Array("added by imagetool\n".utf8)
        try FS.writeAtomically(added, to: t + "/hello.txt")
        let out = t + "/edited.sqfs"
        let a = try InProcessCLI.run(["squash", "add", file, "etc/hello.txt=" + t + "/hello.txt", "-o", out])
        XCTAssertEqual(a.status, 0, a.err)

        let bytes = try FS.read(out)
        let original = try FS.read(file)
        XCTAssertEqual(Array(bytes[96 ..< 110]), Array(original[96 ..< 110]), "options block header and payload kept")
        let edited = try SquashImage(path: out)
        XCTAssertTrue(edited.superblock.flags.contains(.compressorOptions))
        XCTAssertEqual(Self.hex(edited.compressorOptions), row.options)
        XCTAssertEqual(edited.superblock.inodeCount, row.inodes + 1)

        let s = try SquashFixtures.run("unsquashfs", ["-s", out])
        XCTAssertEqual(s.status, 0, s.err)
        XCTAssertTrue(s.out.contains("Compression xz"), s.out)
        XCTAssertEqual(try SquashFixtures.run("unsquashfs", ["-q", "-n", "-d", t + "/before", file]).status, 0)
        XCTAssertEqual(try SquashFixtures.run("unsquashfs", ["-q", "-n", "-d", t + "/after", out]).status, 0)
        XCTAssertEqual(try FS.read(t + "/after/etc/hello.txt"), added)
        try FileManager.default.removeItem(atPath: t + "/after/etc/hello.txt")
        var before = try SquashFixtures.manifest(dir: t + "/before"), after = try SquashFixtures.manifest(dir: t + "/after")
        // /etc gained (and lost again) an entry: its mtime is the only difference allowed.
        before.removeAll { $0.hasPrefix("etc ") }; after.removeAll { $0.hasPrefix("etc ") }
        XCTAssertEqual(after, before)
        XCTAssertGreaterThan(before.count, 700)

        // `squash remove` of the file again, and the library repack `install` builds on, of the
        // rootfs inside the TP-Link firmware: the same 12 bytes each time.
        let removed = t + "/removed.sqfs"
        let rm = try InProcessCLI.run(["squash", "remove", out, "etc/hello.txt", "-o", removed])
        XCTAssertEqual(rm.status, 0, rm.err)
        XCTAssertEqual(Self.hex(try SquashImage(path: removed).compressorOptions), row.options)
        XCTAssertEqual(try SquashFixtures.run("unsquashfs", ["-q", "-n", "-d", t + "/removed", removed]).status, 0)
        XCTAssertEqual(try SquashFixtures.manifest(dir: t + "/removed").filter { !$0.hasPrefix("etc ") }, before)
        for other in [Self.optionImages[0], Self.optionImages[4]] {
            let repacked = t + "/repacked.sqfs"
            try SquashRepack.repack(image: r + "/" + other.path, offset: other.offset, to: repacked) { tree, img in
                try TreeSource.add(t + "/hello.txt", at: "etc/hello.txt", to: &tree, parentTime: img.superblock.modificationTime)
            }
            XCTAssertEqual(Self.hex(try SquashImage(path: repacked).compressorOptions), other.options, other.path)
            XCTAssertEqual(try SquashFixtures.run("unsquashfs", ["-q", "-n", "-d", t + "/r", repacked]).status, 0, other.path)
            XCTAssertEqual(try FS.read(t + "/r/etc/hello.txt"), added, other.path)
            try FS.removeTree(t + "/r")
        }
    }

    func testVersion2IsRejectedClearly() throws {
        let r = try realdata()
        let v2 = r + "/ReFirmLabs__binwalk/tests/inputs/squashfs_v2.bin"
        XCTAssertThrowsError(try SquashImage(path: v2)) { e in
            XCTAssertEqual((e as? FormatError)?.kind, .unsupported)
            XCTAssertTrue("\(e)".contains("unsupported squashfs version 2"), "\(e)")
        }
        let res = try InProcessCLI.run(["squash", "info", v2])
        XCTAssertEqual(res.status, 1)
        XCTAssertEqual(res.err, "imagetool: \(v2): read superblock: offset 0x0: unsupported squashfs version 2 (big-endian); only little-endian 4.0 is supported\n")
    }
}
