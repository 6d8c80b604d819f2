import BinaryIO
import Firmware
import Foundation
import Platform
import TestSupport
import XCTest

/// TP-Link headers of both firmware-utils generations, tftp recovery images, and the
/// message for containers imagetool does not know.
final class TPLinkGenerationsTests: XCTestCase {
    static let wr840n = "dng-nguyn__OpenWRT-for-TL-WR840N-v6.2/openwrt-ramips-mt76x8-tl-wr840n-v6.2-squashfs-sysupgrade.bin"

    /// mktplinkfw2 writes version 2 too (lantiq `TPLINK_HVERSION := 2`), with the same first
    /// word as mktplinkfw's v2: the header is told apart by which MD5 rule verifies. The
    /// WR840N image is re-labelled version 2 and re-sealed here with md5sum and mktplinkfw2's
    /// salt (src/mktplinkfw2.c md5salt_normal).
    func testMktplinkfw2Version2IsToldApartByItsMD5() throws {
        var b = try FS.read(try Images.real(Self.wr840n))
        let v3 = try FirmwareImage(parsing: b)
        guard let l3 = v3.layout as? NORLayout, let h3 = l3.tplink else { return XCTFail("not TP-Link") }
        XCTAssertEqual(h3.generation, .mktplinkfw2)
        XCTAssertEqual(h3.headerVersion, 3)
        XCTAssertEqual(h3.firmwareVersion, "ver. 2.0")
        XCTAssertEqual(h3.hardwareID, 0x0840_0006)
        XCTAssertEqual(h3.kernelOffset, 0x200)
        XCTAssertEqual(h3.firmwareLength, 0x3d_0000)

        b[0] = 2
        var salted = Array(b[..<Int(l3.bodySize)])
        salted.replaceSubrange(0x40 ..< 0x50, with: [0xdc, 0xd7, 0x3a, 0xa5, 0xc3, 0x95, 0x98, 0xfb, 0xdc, 0xf9, 0xe7, 0xf4, 0x0e, 0xae, 0x47, 0x37])
        let md5 = try XCTUnwrap(Hex.decode(try Independent.md5(salted)))
        b.replaceSubrange(0x40 ..< 0x50, with: md5)
        let v2 = try FirmwareImage(parsing: b)
        guard let l2 = v2.layout as? NORLayout, let h2 = l2.tplink else { return XCTFail("not TP-Link") }
        XCTAssertEqual(h2.generation, .mktplinkfw2, "version word 2 with mktplinkfw2's MD5 is mktplinkfw2")
        XCTAssertEqual(h2.headerVersion, 2)
        XCTAssertTrue(v2.regions.flatMap(\.checksums).filter { $0.kind == "tplink-md5" }.allSatisfy(\.verifies))
        XCTAssertEqual(l2.rootfs?.offset, l3.rootfs?.offset)
    }

    /// A tftp recovery image (ramips `pad-extra 128k | $(IMAGE/factory.bin)`): 128 KiB of
    /// boot-loader padding, then the factory image. inspect maps the padding, the MD5 covers
    /// the image behind it, unpack + repack is byte-identical, and install keeps the padding.
    func testTftpRecoveryImage() throws {
        let factory = try FS.read(try Images.real(Images.mr3020Factory))
        let t = TestEnv.tempDir("recovery")
        defer { try? FileManager.default.removeItem(atPath: t) }
        let rec = [UInt8](repeating: 0, count: 0x20000) + factory
        try FS.writeAtomically(rec, to: t + "/tp_recovery.bin")
        let img = try FirmwareImage.open(t + "/tp_recovery.bin")
        XCTAssertEqual(img.kind, .tplink)
        XCTAssertEqual(img.regions.first?.role, .recoveryPadding)
        XCTAssertEqual(img.regions.first?.size, 0x20000)
        XCTAssertEqual(img.regions[1].role, .tplinkHeader)
        XCTAssertEqual(img.regions[1].offset, 0x20000)
        XCTAssertTrue(img.regions.allSatisfy { $0.checksums.allSatisfy(\.verifies) })
        let inner = try FirmwareImage(parsing: factory)
        // Same regions as the factory image, shifted by the padding.
        XCTAssertEqual(Array(img.regions.dropFirst()).map { $0.offset - 0x20000 }, inner.regions.map(\.offset))
        XCTAssertEqual(Array(img.regions.dropFirst()).map(\.role), inner.regions.map(\.role))

        XCTAssertEqual(try TestEnv.imagetool(["unpack", "-q", t + "/tp_recovery.bin", "-d", t + "/u"]).status, 0)
        let r = try TestEnv.imagetool(["repack", "-q", t + "/u", "-o", t + "/re.bin"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(try FS.read(t + "/re.bin") == rec)

        // A changed rootfs: the padding is kept and the MD5 resealed over the image behind it.
        let rebuilt = try img.rebuild(replacingRootfs: try XCTUnwrap(img.rootfsImage)).bytes
        XCTAssertTrue(rebuilt == rec, "the same rootfs rebuilds the same recovery image")
    }

    /// Unknown containers: every family tried is named, the known magics are listed with
    /// their offsets, and `squash … --offset auto` is suggested when a squashfs is inside.
    func testUnknownContainerNamesTheMagicsFound() throws {
        let sq = try FS.read(try Images.real("WorldWideWebDev__HooToo-Tripmate-HT-TM02/lede-ramips-rt305x-root.squashfs"))
        var b = Array("UNKNOWNHDR".utf8) + [UInt8](repeating: 0x5a, count: 0x1000 - 10)
        b += sq
        let t = TestEnv.tempDir("unknown")
        defer { try? FileManager.default.removeItem(atPath: t) }
        try FS.writeAtomically(b, to: t + "/vendor.bin")
        let r = try TestEnv.imagetool(["inspect", t + "/vendor.bin"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.err.split(separator: "\n").count, 1, r.err)
        for needle in ["vendor.bin", "unknown image container", "TP-Link", "uImage", "NAND", "squashfs (hsqs) at 0x1000", "--offset auto"] {
            XCTAssertTrue(r.err.contains(needle), "missing \(needle): \(r.err)")
        }
        let ls = try TestEnv.imagetool(["squash", "ls", "--offset", "auto", t + "/vendor.bin"])
        XCTAssertEqual(ls.status, 0, "the suggested command works: \(ls.err)")
    }
    /// A uImage sysupgrade behind a vendor header imagetool does not know (not fill): the
    /// uImage is found by its verifying header and data CRCs, everything is mapped and read
    /// (kernel, rootfs facts), unpack + repack is byte-identical, and rewriting is refused —
    /// the header may hold lengths or checksums imagetool cannot keep right.
    func testVendorHeaderInFrontOfAUImageImage() throws {
        let inner = try FS.read(try Images.real("WorldWideWebDev__HooToo-Tripmate-HT-TM02/lede-ramips-rt305x-ht-tm02-squashfs-sysupgrade.bin"))
        var rng = SystemRandomNumberGenerator()
        let header = Array("VNDR".utf8) + (0 ..< 296).map { _ in UInt8.random(in: 0 ... 255, using: &rng) }
        let t = TestEnv.tempDir("vendor")
        defer { try? FileManager.default.removeItem(atPath: t) }
        try FS.writeAtomically(header + inner, to: t + "/vendor.bin")
        let r = try TestEnv.imagetool(["inspect", "--json", t + "/vendor.bin"])
        XCTAssertEqual(r.status, 0, r.err)
        let img = try FirmwareImage.open(t + "/vendor.bin")
        XCTAssertEqual(img.kind, .uimageSysupgrade)
        XCTAssertEqual(img.regions.first?.role, .unknown)
        XCTAssertEqual(img.regions.first?.size, 300)
        XCTAssertTrue(img.regions.first?.note?.contains("vendor header") ?? false)
        XCTAssertEqual(try img.kernelPayload().release, "4.4.182")
        XCTAssertTrue(r.out.contains("4.4.182-1-eb63c23e51a3039dd60c7f7c6f6f87c8"), "rootfs facts read behind the header")
        XCTAssertEqual(try TestEnv.imagetool(["unpack", "-q", t + "/vendor.bin", "-d", t + "/u"]).status, 0)
        XCTAssertEqual(try TestEnv.imagetool(["repack", "-q", t + "/u", "-o", t + "/re.bin"]).status, 0)
        XCTAssertTrue(try FS.read(t + "/re.bin") == header + inner)
        XCTAssertThrowsError(try img.rebuild(replacingRootfs: try XCTUnwrap(img.rootfsImage))) { e in
            XCTAssertEqual((e as? FormatError)?.kind, .refused)
            XCTAssertTrue("\(e)".contains("vendor header"), "\(e)")
        }
    }
}
