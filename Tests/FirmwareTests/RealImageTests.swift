import BinaryIO
import Firmware
import Foundation
import TestSupport
import XCTest

/// inspect on the real third-party images and the fixture, cross-checked with binwalk,
/// dumpimage, md5sum and Python's zlib.
final class RealImageTests: XCTestCase {
    func assertCovers(_ img: FirmwareImage, file: StaticString = #filePath, line: UInt = #line) {
        var pos: UInt64 = 0
        for r in img.regions {
            XCTAssertEqual(r.offset, pos, "region \(r.role) not contiguous", file: file, line: line)
            pos += r.size
        }
        XCTAssertEqual(pos, UInt64(img.bytes.count), "regions do not add up to the file size", file: file, line: line)
        for r in img.regions { for c in r.checksums { XCTAssertTrue(c.verifies, "\(c.kind) at \(r.offset) does not verify", file: file, line: line) } }
    }

    func testTPLinkImagesVerifyAgainstIndependentTools() throws {
        let expected: [(String, String, Int)] = [(Images.wr740n, "3.3.8", 2686980), (Images.mr3020Factory, "3.8.8", 3932160),
                                                 (Images.mr3020Sysupgrade, "3.8.8", 2883588)]
        for (rel, release, size) in expected {
            let path = try Images.real(rel)
            let img = try FirmwareImage.open(path)
            XCTAssertEqual(img.kind, .tplink)
            XCTAssertEqual(img.bytes.count, size)
            assertCovers(img)
            guard let l = img.layout as? NORLayout, let h = l.tplink, let root = l.rootfs else { return XCTFail("not a TP-Link layout") }
            // md5sum over the salted copy equals what the header stores.
            XCTAssertEqual(try Independent.tplinkMD5(Array(img.bytes[..<Int(l.bodySize)])), Hex.encode(h.storedMD5))
            XCTAssertEqual(h.kernelOffset, 0x200)
            XCTAssertEqual(UInt64(h.rootfsLength), root.bytesUsed, "rootfs_len is the squashfs length")
            XCTAssertEqual(l.placement, .afterKernel)
            // binwalk finds the squashfs where we do.
            XCTAssertEqual(try Independent.binwalkSquashfsOffsets(path), [root.offset])
            // the squashfs at that offset is readable by unsquashfs.
            XCTAssertGreaterThan(try Independent.unsquashfsListing(path, offset: root.offset).count, 100)
            let k = try img.kernelPayload()
            XCTAssertEqual(k.compression, "lzma")
            XCTAssertEqual(k.release, release)
            XCTAssertTrue(k.banner?.hasPrefix("Linux version \(release) (") ?? false)
            let markers = img.regions.filter { $0.role == .jffs2Marker }
            XCTAssertEqual(markers.count, 1)
            XCTAssertEqual(Array(img.bytes[Int(markers[0].offset) ..< Int(markers[0].offset) + 4]), [0xde, 0xad, 0xc0, 0xde])
        }
    }

    func testFactoryImageIsPaddedToFirmwareLength() throws {
        let img = try FirmwareImage.open(try Images.real(Images.mr3020Factory))
        guard let l = img.layout as? NORLayout, let h = l.tplink else { return XCTFail("not TP-Link") }
        XCTAssertEqual(UInt32(img.bytes.count), h.firmwareLength)
        XCTAssertEqual(img.regions.last?.role, .tailPadding)
        XCTAssertTrue(img.bytes[Int(img.regions.last!.offset)...].allSatisfy { $0 == 0xff })
    }

    func testUImageInitramfsAgainstDumpimage() throws {
        let path = try Images.real(Images.mt76x8)
        let img = try FirmwareImage.open(path)
        XCTAssertEqual(img.kind, .uimageKernel)
        assertCovers(img)
        guard let l = img.layout as? NORLayout, let u = l.uimage else { return XCTFail("no uImage") }
        let dump = try TestSupport.run(try Images.tool("dumpimage", package: "u-boot-tools"), ["-l", path])
        XCTAssertEqual(dump.status, 0, dump.err)
        XCTAssertTrue(dump.out.contains("Image Name:   \(u.name)"), dump.out)
        XCTAssertTrue(dump.out.contains("Data Size:    \(u.dataSize) Bytes"), dump.out)
        XCTAssertTrue(dump.out.contains("Load Address: \(String(u.loadAddress, radix: 16))"), dump.out)
        XCTAssertTrue(dump.out.contains("lzma compressed"), dump.out)
        // Header CRC (hcrc zeroed) and data CRC by Python's zlib.
        var head = Array(img.bytes[0 ..< 64])
        head.replaceSubrange(4 ..< 8, with: [0, 0, 0, 0])
        XCTAssertEqual(try Independent.crc32(head), be32(img.bytes, 4))
        XCTAssertEqual(try Independent.crc32(Array(img.bytes[64...])), be32(img.bytes, 24))
        let k = try img.kernelPayload()
        XCTAssertEqual(k.release, "4.14.167")
        XCTAssertNil(img.rootfsSpan)
    }

    func testFixtureMatchesItsFactsFile() throws {
        let path = try Images.fixture()
        let f = TestEnv.fixtureFacts
        let img = try FirmwareImage.open(path)
        XCTAssertEqual(img.kind, .uimageSysupgrade)
        assertCovers(img)
        func offset(of role: Region.Role) -> UInt64? { img.regions.first { $0.role == role }?.offset }
        XCTAssertEqual(img.bytes.count, Int(f["IMAGE_SIZE"] ?? ""))
        XCTAssertEqual(offset(of: .rootfs), UInt64(f["ROOTFS_OFFSET"] ?? ""))
        XCTAssertEqual(img.regions.first { $0.role == .rootfs }?.size, UInt64(f["ROOTFS_SIZE"] ?? ""))
        XCTAssertEqual(offset(of: .jffs2Marker), UInt64(f["JFFS2_MARKER_OFFSET"] ?? ""))
        XCTAssertEqual(offset(of: .fwtoolMetadata), UInt64(f["METADATA_OFFSET"] ?? ""))
        XCTAssertEqual(offset(of: .fwtoolTrailer), UInt64(f["TRAILER_OFFSET"] ?? ""))
        guard let l = img.layout as? NORLayout else { return XCTFail("not NOR") }
        XCTAssertEqual(l.kernelSize, UInt64(f["KERNEL_SIZE"] ?? ""))
        // dumpimage accepts the kernel region; fwtool CRC by Python's zlib.
        let dir = TestEnv.tempDir("fw-fixture")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try writeBytes(img.kernelImage, dir + "/k")
        let dump = try TestSupport.run(try Images.tool("dumpimage", package: "u-boot-tools"), ["-l", dir + "/k"])
        XCTAssertTrue(dump.out.contains("OpenWrt Linux"), dump.out + dump.err)
        let t = Int(f["TRAILER_OFFSET"] ?? "0") ?? 0
        XCTAssertEqual(try Independent.crc32(Array(img.bytes[..<t]), uninverted: true), be32(img.bytes, t + 4))
        // Kernel payload: banner, release, IKCONFIG equal to the config it was made from.
        let k = try img.kernelPayload()
        XCTAssertEqual(k.banner, f["LINUX_BANNER"])
        XCTAssertEqual(k.release, f["RELEASE"])
        XCTAssertEqual(k.size, Int(f["VMLINUX_SIZE"] ?? ""))
        XCTAssertEqual(k.config, try String(contentsOfFile: TestEnv.fixtures + "/config/old.config", encoding: .utf8))
        // Metadata and rootfs facts.
        let meta = try String(contentsOfFile: TestEnv.fixtures + "/image/metadata.json", encoding: .utf8)
        XCTAssertEqual(img.metadataJSON, meta)
        let facts = try XCTUnwrap(try img.rootfsFacts())
        XCTAssertEqual(facts.kernelPackageVersion, f["PKG_KERNEL_VERSION_OLD"])
        XCTAssertEqual(facts.vermagic, f["VERMAGIC_OLD"])
        XCTAssertEqual(facts.arch, f["ARCH"])
        XCTAssertEqual(facts.kmods.keys.sorted(), (f["INSTALLED_KMODS"] ?? "").split(separator: " ").map(String.init).sorted())
        XCTAssertTrue(facts.kmods.values.allSatisfy { $0 == f["PKG_KMOD_VERSION"] })
        XCTAssertEqual(facts.moduleReleases, [f["RELEASE"] ?? ""])
        XCTAssertEqual(facts.modules, ["imt_hello", "imt_user"].map { "\(f["RELEASE"] ?? "")/\($0).ko" })
        XCTAssertEqual(facts.board, f["BOARD"])
        XCTAssertTrue(facts.feeds.contains { $0.contains(f["PKG_KERNEL_VERSION_OLD"] ?? "-") })
    }

    func testRealRootfsFactsMatchTheKernel() throws {
        for (rel, release) in [(Images.wr740n, "3.3.8"), (Images.mr3020Sysupgrade, "3.8.8")] {
            let img = try FirmwareImage.open(try Images.real(rel))
            let facts = try XCTUnwrap(try img.rootfsFacts())
            XCTAssertEqual(facts.packageManager, "opkg")
            XCTAssertTrue(facts.kernelPackageVersion?.hasPrefix("\(release)-1-") ?? false, "\(facts.kernelPackageVersion ?? "nil")")
            XCTAssertEqual(facts.vermagic?.count, 32)
            XCTAssertEqual(facts.arch, "ar71xx")
            XCTAssertEqual(facts.moduleReleases, [release])
            XCTAssertEqual(try img.kernelPayload().release, release)
            XCTAssertFalse(facts.kmods.isEmpty)
            XCTAssertTrue(facts.kmods.values.allSatisfy { $0.hasPrefix(release) }, "\(facts.kmods)")
            XCTAssertTrue(facts.modules.contains { $0.hasSuffix("/ath9k.ko") })
        }
    }
}
