import BinaryIO
import Firmware
import Foundation
import TestSupport
import XCTest

/// A NAND sysupgrade tar whose `kernel` member is a FIT (qualcommax/ipq40xx/mvebu), made as
/// include/image-commands.mk Build/sysupgrade-tar runs scripts/sysupgrade-tar.sh (root
/// `dd bs=1024 conv=sync`, `tar --sort=name --owner=0 --group=0 --numeric-owner`, mtime
/// SOURCE_DATE_EPOCH) + Build/append-metadata: fixtures/make-fit-fixtures.sh
/// fit-sysupgrade.tar. Oracles: GNU tar, dumpimage, unsquashfs, fwimage.py fwtool-check.
final class FITNANDTarTests: XCTestCase {
    static let board = "sysupgrade-imagetool_fixture"

    /// The members of `tar` extracted by GNU tar into `dir`.
    func extract(_ tar: String, into dir: String) throws -> String {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let r = try TestSupport.run(try Images.tool("tar", package: "tar"), ["-xf", tar, "-C", dir])
        XCTAssertEqual(r.status, 0, "tar -xf \(tar): \(r.err)")
        return dir + "/" + Self.board
    }

    func testInspectExplainsEveryByte() throws {
        let dir = try FITTests.fixtures()
        let path = dir + "/fit-sysupgrade.tar"
        let img = try FirmwareImage.open(path)
        XCTAssertEqual(img.kind, .nandTar)
        XCTAssertEqual(img.regions.reduce(0) { $0 + $1.size }, UInt64(img.bytes.count))
        XCTAssertTrue(img.regions.allSatisfy { $0.checksums.allSatisfy(\.verifies) })
        // The FIT kernel's 4 hash nodes (kernel-1, fdt-1: crc32 + sha1) and the fwtool CRC.
        XCTAssertEqual(img.regions.first { $0.role == .kernel }?.checksums.count, 4)
        XCTAssertEqual(img.regions.flatMap(\.checksums).count, 5)
        XCTAssertEqual(img.kernelImage, try readBytes(dir + "/fit-kernel.itb"))
        // root as sysupgrade-tar.sh stores it: the squashfs zero-padded to 1 KiB.
        let root = try readBytes(TestEnv.fixtures + "/image/root.squashfs")
        let member = try XCTUnwrap(img.rootfsImage)
        XCTAssertEqual(member.count % 1024, 0)
        XCTAssertEqual(Array(member.prefix(root.count)), root)
        let release = try XCTUnwrap(TestEnv.fixtureFacts["RELEASE"])
        XCTAssertEqual(try img.kernelPayload().release, release)
        XCTAssertEqual(try img.rootfsFacts()?.kernelPackageVersion, TestEnv.fixtureFacts["PKG_KERNEL_VERSION_OLD"])
        let r = try TestEnv.imagetool(["inspect", path])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("checksums all verify"), r.out)
        XCTAssertTrue(r.out.contains("release \(release)"), r.out)
        XCTAssertTrue(r.out.contains("/images/kernel-1: kernel, lzma"), r.out)
    }

    func testUnpackRepackInstallAndRebase() throws {
        let dir = try FITTests.fixtures()
        let tmp = TestEnv.tempDir("fit-sysupgrade")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let path = dir + "/fit-sysupgrade.tar"
        // unpack + repack is byte-identical.
        XCTAssertEqual(try TestEnv.imagetool(["unpack", path, "-d", tmp + "/u"]).status, 0)
        let rp = try TestEnv.imagetool(["repack", tmp + "/u", "-o", tmp + "/repacked.tar"])
        XCTAssertEqual(rp.status, 0, rp.err)
        XCTAssertEqual(try readBytes(tmp + "/repacked.tar"), try readBytes(path))
        // rebase --kernel reads the FIT kernel's facts from the tar.
        let ipk = try rebasedFeed(onto: path, out: tmp + "/feed")
        // install: the FIT kernel stays byte-identical, the root gains the kmod.
        let out = tmp + "/out.tar"
        let r = try TestEnv.imagetool(["install", path, ipk, "-o", out])
        XCTAssertEqual(r.status, 0, r.err)
        let before = try extract(path, into: tmp + "/before")
        let after = try extract(out, into: tmp + "/after")
        XCTAssertEqual(try readBytes(after + "/kernel"), try readBytes(before + "/kernel"))
        XCTAssertEqual(try readBytes(after + "/CONTROL"), try readBytes(before + "/CONTROL"))
        let dump = try TestSupport.run(try Images.tool("dumpimage", package: "u-boot-tools"), ["-l", after + "/kernel"])
        XCTAssertEqual(dump.status, 0, dump.err)
        XCTAssertEqual(dump.out.components(separatedBy: "Hash value:").count - 1, 4, dump.out)
        let listed = try dumpimageHashes(after + "/kernel")
        XCTAssertEqual(Set(listed.keys), ["kernel-1", "fdt-1"])
        // root: the new squashfs, zero-padded to 1 KiB as sysupgrade-tar.sh pads it.
        let root = try readBytes(after + "/root")
        XCTAssertEqual(root.count % 1024, 0)
        let unsq = try Images.tool("unsquashfs", package: "squashfs-tools")
        let ls = try TestSupport.run(unsq, ["-l", after + "/root"])
        XCTAssertEqual(ls.status, 0, ls.err)
        XCTAssertTrue(ls.out.contains("/lib/modules/\(TestEnv.fixtureFacts["RELEASE"] ?? "")/imt_extra.ko"), ls.out)
        let status = try TestSupport.run(unsq, ["-cat", after + "/root", "usr/lib/opkg/status"])
        XCTAssertTrue(status.out.contains("Package: kmod-imt-extra"), status.out)
        let fw = try TestSupport.run(try Images.tool("python3", package: "python3"), [TestEnv.fixtures + "/src/fwimage.py", "fwtool-check", out])
        XCTAssertEqual(fw.status, 0, "fwtool trailer: \(fw.err)")
        let img = try FirmwareImage.open(out)
        XCTAssertEqual(img.regions.reduce(0) { $0 + $1.size }, UInt64(img.bytes.count))
        XCTAssertTrue(img.regions.allSatisfy { $0.checksums.allSatisfy(\.verifies) })
        XCTAssertNotNil(img.metadataJSON)
        // The installed image is a kernel source for rebase again.
        _ = try rebasedFeed(onto: out, out: tmp + "/feed2")
    }
}
