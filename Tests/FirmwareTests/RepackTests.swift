import BinaryIO
import Firmware
import Foundation
import TestSupport
import XCTest

/// unpack -> repack reproduces every image; edits give valid images checked by
/// independent tools; layouts that cannot hold the result are refused with the sizes.
final class RepackTests: XCTestCase {
    var dir = ""
    override func setUp() { dir = TestEnv.tempDir("fw-repack") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func repackOptions() -> RepackOptions {
        var o = RepackOptions()
        o.treeIO = SquashTreeIO()
        return o
    }

    func testUnpackRepackIsByteIdenticalForEveryImage() throws {
        var paths = [try Images.fixture()]
        for rel in Images.allReal { if let p = try? Images.real(rel) { paths.append(p) } }
        for (i, path) in paths.enumerated() {
            let img = try FirmwareImage.open(path)
            let out = dir + "/u\(i)"
            let summary = try FirmwareUnpacker.unpack(img, into: out, treeIO: SquashTreeIO())
            XCTAssertTrue(summary.files.contains("manifest.json"))
            if img.rootfsSpan != nil {
                XCTAssertTrue(summary.files.contains("rootfs/"), "\(summary.files)")
                XCTAssertEqual(try readBytes(out + "/rootfs.sqfs"), img.rootfsImage)
            }
            XCTAssertEqual(try readBytes(out + "/kernel"), img.kernelImage)
            let r = try FirmwareUnpacker.repack(from: out, options: repackOptions())
            XCTAssertEqual(r.rootfsSource, "original")
            XCTAssertTrue(r.bytes == img.bytes, "\(path): repack differs from the original")
        }
    }

    func testEditedTreeGivesValidTPLinkImage() throws {
        let path = try Images.real(Images.wr740n)
        let img = try FirmwareImage.open(path)
        _ = try FirmwareUnpacker.unpack(img, into: dir + "/u", treeIO: SquashTreeIO())
        try writeBytes(Array("added by imagetool test\n".utf8), dir + "/u/rootfs/etc/imagetool-added")
        let r = try FirmwareUnpacker.repack(from: dir + "/u", options: repackOptions())
        XCTAssertEqual(r.rootfsSource, "rootfs/ tree")
        let out = r.bytes
        try writeBytes(out, dir + "/out.bin")
        // Header fields, read straight from the bytes.
        let kernelOfs = Int(be32(out, 128)), kernelLen = Int(be32(out, 132)), rootfsLen = Int(be32(out, 140))
        XCTAssertEqual(kernelOfs, 0x200)
        XCTAssertEqual(kernelLen, Int(be32(img.bytes, 132)), "kernel untouched")
        XCTAssertEqual(Array(out[kernelOfs ..< kernelOfs + kernelLen]), img.kernelImage)
        let rootfsAt = kernelOfs + kernelLen
        XCTAssertEqual(Array(out[rootfsAt ..< rootfsAt + 4]), Array("hsqs".utf8))
        let bytesUsed = out[rootfsAt + 40 ..< rootfsAt + 48].reversed().reduce(0) { $0 << 8 | Int($1) }
        XCTAssertEqual(rootfsLen, bytesUsed)
        XCTAssertLessThanOrEqual(out.count, Int(be32(out, 124)), "fits fw_length")
        // MD5 by md5sum over the salted copy.
        XCTAssertEqual(try Independent.tplinkMD5(out), Hex.encode(out[76 ..< 92]))
        // unsquashfs reads the rootfs where the header says; only the added file differs.
        let before = try Independent.unsquashfsListing(path, offset: UInt64(rootfsAt))
        let after = try Independent.unsquashfsListing(dir + "/out.bin", offset: UInt64(rootfsAt))
        XCTAssertEqual(Set(after).subtracting(before).map { $0.split(separator: " ").last.map(String.init) ?? "" }, ["squashfs-root/etc/imagetool-added"])
        XCTAssertEqual(Set(before).subtracting(after), [])
        XCTAssertEqual(try Independent.binwalkSquashfsOffsets(dir + "/out.bin"), [UInt64(rootfsAt)])
        // padjffs2: 0xff then deadc0de on the next 64 KiB boundary, then the end.
        let end = rootfsAt + bytesUsed
        let marker = (end + 0xffff) & ~0xffff
        XCTAssertTrue(out[end ..< marker].allSatisfy { $0 == 0xff })
        XCTAssertEqual(Array(out[marker...]), [0xde, 0xad, 0xc0, 0xde])
        let reopened = try FirmwareImage(parsing: out)
        XCTAssertTrue(reopened.regions.allSatisfy { $0.checksums.allSatisfy(\.verifies) })
    }

    func testEditedTreeFixtureKeepsKernelMetadataAndDevices() throws {
        let path = try Images.fixture()
        let img = try FirmwareImage.open(path)
        _ = try FirmwareUnpacker.unpack(img, into: dir + "/u", treeIO: SquashTreeIO())
        try writeBytes(Array("x\n".utf8), dir + "/u/rootfs/etc/imagetool-added")
        try FileManager.default.removeItem(atPath: dir + "/u/rootfs/etc/opkg.conf")
        let out = try FirmwareUnpacker.repack(from: dir + "/u", options: repackOptions()).bytes
        try writeBytes(out, dir + "/out.bin")
        let f = TestEnv.fixtureFacts
        let rootfsAt = Int(f["ROOTFS_OFFSET"] ?? "0") ?? 0
        XCTAssertEqual(Array(out[..<Int(f["KERNEL_SIZE"] ?? "0")!]), img.kernelImage, "uImage untouched")
        let listing = try Independent.unsquashfsListing(dir + "/out.bin", offset: UInt64(rootfsAt))
        XCTAssertTrue(listing.contains { $0.hasSuffix("squashfs-root/etc/imagetool-added") })
        XCTAssertFalse(listing.contains { $0.hasSuffix("squashfs-root/etc/opkg.conf") })
        XCTAssertTrue(listing.contains { $0.hasPrefix("crw-------") && $0.hasSuffix("/dev/console") }, "device kept")
        // fwtool trailer checked by the fixture's independent Python implementation.
        let py = try Images.tool("python3", package: "python3")
        let check = try TestSupport.run(py, [TestEnv.fixtures + "/src/fwimage.py", "fwtool-check", dir + "/out.bin"])
        XCTAssertEqual(check.status, 0, check.err)
        XCTAssertTrue(check.out.hasPrefix("1 "), check.out)
        let re = try FirmwareImage(parsing: out)
        XCTAssertEqual(re.metadataJSON, img.metadataJSON)
        let m = try XCTUnwrap(re.regions.first { $0.role == .jffs2Marker })
        XCTAssertEqual(m.offset % 65536, 0)
        let facts = try XCTUnwrap(try FirmwareImage(parsing: out, path: nil).rootfsFacts())
        XCTAssertEqual(facts.kernelPackageVersion, f["PKG_KERNEL_VERSION_OLD"])
    }

    func testTooLargeRootfsIsRefusedWithTheSizes() throws {
        var rng = SystemRandomNumberGenerator()
        let noise = (0 ..< (3 << 20)).map { _ in UInt8.random(in: 0 ... 255, using: &rng) }
        for rel in [Images.wr740n, Images.mr3020Factory] {
            let img = try FirmwareImage.open(try Images.real(rel))
            let big = try editedSquashfs(try XCTUnwrap(img.rootfsImage), adding: ["noise.bin": noise], in: dir + "/\(rel.count)")
            XCTAssertThrowsError(try img.rebuild(replacingRootfs: big)) { e in
                guard let fe = e as? FormatError else { return XCTFail("\(e)") }
                XCTAssertEqual(fe.kind, .refused)
                XCTAssertTrue(fe.description.contains("3932160") || fe.description.contains("fixed length"), fe.description)
                XCTAssertFalse(fe.description.contains("\n"))
            }
        }
        let fixture = try FirmwareImage.open(try Images.fixture())
        XCTAssertThrowsError(try fixture.rebuild(options: RebuildOptions(maxImageSize: 1000, metadataJSON: Array("{}".utf8)))) { e in
            XCTAssertEqual((e as? FormatError)?.kind, .refused)
            XCTAssertTrue("\(e)".contains("1000"), "\(e)")
        }
    }

    func testKernelReplacementRewritesUImageHeader() throws {
        let img = try FirmwareImage.open(try Images.fixture())
        let payload = try img.kernelPayload()
        XCTAssertNotNil(payload.banner)
        let raw = Array(img.kernelPayloadBytes().bytes.dropLast(1000))  // a different payload
        let out = try img.rebuild(replacingKernel: raw).bytes
        XCTAssertEqual(be32(out, 12), UInt32(raw.count))
        XCTAssertEqual(try Independent.crc32(Array(out[64 ..< 64 + raw.count])), be32(out, 24))
        var head = Array(out[0 ..< 64]); head.replaceSubrange(4 ..< 8, with: [0, 0, 0, 0])
        XCTAssertEqual(try Independent.crc32(head), be32(out, 4))
        let re = try FirmwareImage(parsing: out)
        XCTAssertEqual(re.rootfsSpan?.offset, img.rootfsSpan?.offset)
        XCTAssertEqual(re.rootfsImage, img.rootfsImage)
        XCTAssertTrue(out[(64 + raw.count) ..< Int(img.rootfsSpan!.offset)].allSatisfy { $0 == 0 }, "pad-to fill kept")
        let tooBig = [UInt8](repeating: 0x5d, count: 200_000)
        XCTAssertThrowsError(try img.rebuild(replacingKernel: tooBig)) { e in
            XCTAssertEqual((e as? FormatError)?.kind, .refused)
            XCTAssertTrue("\(e)".contains("room for"), "\(e)")
        }
    }

    func testEditedMetadataIsReappendedWithItsCRC() throws {
        let img = try FirmwareImage.open(try Images.fixture())
        _ = try FirmwareUnpacker.unpack(img, into: dir + "/u", extractTree: false)
        let json = Array("{ \"supported_devices\": [\"imagetool,other\"] }\n".utf8)
        try writeBytes(json, dir + "/u/metadata.json")
        let out = try FirmwareUnpacker.repack(from: dir + "/u", options: repackOptions()).bytes
        XCTAssertEqual(Array(out[(out.count - 16 - json.count)...].prefix(json.count)), json)
        XCTAssertEqual(try Independent.crc32(Array(out[..<(out.count - 16)]), uninverted: true), be32(out, out.count - 12))
        XCTAssertEqual(Array(out[..<Int(img.rootfsSpan!.end)]), Array(img.bytes[..<Int(img.rootfsSpan!.end)]))
    }

    func testTPLinkKernelReplacementAndV2Header() throws {
        let img = try FirmwareImage.open(try Images.real(Images.wr740n))
        let rootfsAt = Int(try XCTUnwrap(img.rootfsSpan).offset)
        let shorter = Array(img.kernelImage.dropLast(4096))
        let out = try img.rebuild(replacingKernel: shorter).bytes
        // after-kernel placement: kernel_len still reaches the rootfs, the rest is 0xff.
        XCTAssertEqual(Int(be32(out, 132)), rootfsAt - 0x200)
        XCTAssertEqual(Array(out[0x200 ..< 0x200 + shorter.count]), shorter)
        XCTAssertTrue(out[(0x200 + shorter.count) ..< rootfsAt].allSatisfy { $0 == 0xff })
        XCTAssertEqual(Array(out[rootfsAt...]), Array(img.bytes[rootfsAt...]))
        XCTAssertEqual(try Independent.tplinkMD5(out), Hex.encode(out[76 ..< 92]))
        XCTAssertThrowsError(try img.rebuild(replacingKernel: img.kernelImage + [0])) { e in
            XCTAssertEqual((e as? FormatError)?.kind, .refused)
        }
        // A v2 header (same layout, version 0x02000000) is read and resealed the same way.
        var v2 = img.bytes
        v2.replaceSubrange(0 ..< 4, with: [2, 0, 0, 0])
        let v2img = try FirmwareImage(parsing: v2)
        guard let l = v2img.layout as? NORLayout else { return XCTFail("not NOR") }
        XCTAssertEqual(l.tplink?.headerVersion, 2)
        XCTAssertFalse(v2img.regions[0].checksums[0].verifies, "MD5 covers the version word")
        let sealed = try v2img.rebuild(options: RebuildOptions(maxImageSize: 4 << 20)).bytes
        XCTAssertEqual(try Independent.tplinkMD5(sealed), Hex.encode(sealed[76 ..< 92]))
        XCTAssertEqual(Array(sealed[92...]), Array(v2[92...]))
    }

    func testRawDiskImageRegions() throws {
        _ = try Images.fixture()
        let root = try readBytes(TestEnv.fixtures + "/image/root.squashfs")
        let sectors = (root.count + 1023) / 512
        var disk = [UInt8](repeating: 0, count: (2048 + sectors) * 512 + 4096)
        disk.replaceSubrange(2048 * 512 ..< 2048 * 512 + root.count, with: root)
        disk[446 + 4] = 0x83
        for k in 0 ..< 4 { disk[446 + 8 + k] = UInt8(truncatingIfNeeded: 2048 >> (8 * k)); disk[446 + 12 + k] = UInt8(truncatingIfNeeded: sectors >> (8 * k)) }
        disk[510] = 0x55; disk[511] = 0xaa
        let img = try FirmwareImage(parsing: disk)
        XCTAssertEqual(img.kind, .x86Combined)
        XCTAssertEqual(img.regions.map(\.role), [.mbr, .diskGap, .rootfs, .diskGap])
        XCTAssertEqual(img.regions.reduce(0) { $0 + $1.size }, UInt64(disk.count))
        XCTAssertEqual(img.rootfsImage, root)
        _ = try FirmwareUnpacker.unpack(img, into: dir + "/u", extractTree: false)
        XCTAssertTrue(try FirmwareUnpacker.repack(from: dir + "/u", options: repackOptions()).bytes == disk)
    }
}
