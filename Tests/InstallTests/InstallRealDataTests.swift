import BinaryIO
import FeedRewrite
import Firmware
import Foundation
import Install
import Platform
import Rebase
import TestSupport
import XCTest

/// Installing into real third-party OpenWrt images (../shared/realdata): TP-Link v1
/// sysupgrade and factory images whose squashfs uses OpenWrt's 12-byte xz options. The
/// rebuilt image must keep its size and every checksum (TP-Link MD5), unsquashfs must
/// extract the new file, and every original file must come back unchanged.
final class InstallRealDataTests: XCTestCase {
    func testInstallNoarchPackageIntoRealTPLinkImages() throws {
        guard let rd = TestEnv.realdata else { throw XCTSkip("../shared/realdata is absent: real-image install test skipped") }
        let images = [
            "LordWood__wr740n/openwrt-ar71xx-generic-tl-wr740n-v4-squashfs-sysupgrade.bin",
            "Mauroalfieri__OpenWRT_TP-Link_MR3020_video/openwrt-ar71xx-generic-tl-mr3020-v1-squashfs-factory.bin",
        ].map { rd + "/" + $0 }.filter { FS.isRegularFile($0) }
        guard !images.isEmpty else { throw XCTSkip("TP-Link images not in ../shared/realdata") }
        let unsquashfs = try TestEnv.tool("unsquashfs")
        let dir = TestEnv.tempDir("install-real")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ipk = dir + "/imt-noarch_1.0-1_all.ipk"
        try FS.writeAtomically(try InstallFixture.makeIPK(
            control: Array("Package: imt-noarch\nVersion: 1.0-1\nDepends: libc\nArchitecture: all\nDescription:  test\n".utf8),
            data: [TarMember(name: "./usr/share/imt/", kind: .directory, mode: 0o755, mtime: 1_700_000_000),
                   TarMember(name: "./usr/share/imt/hello", mtime: 1_700_000_000, data: Array("hello from imagetool\n".utf8))]), to: ipk)
        for image in images {
            let out = dir + "/out.bin"
            let report = try OfflineInstaller.run(InstallOptions(image: image, packages: [ipk], output: out))
            XCTAssertEqual(report.packages.first?.action, "install")
            XCTAssertEqual(report.dependencies.first?.outcome, "installed", "libc is installed on the real image")
            let repack = try XCTUnwrap(report.repack)
            XCTAssertGreaterThan(repack.blocksReused + repack.fragmentsReused, repack.blocksCompressed, "most blocks must be copied")
            let before = try FirmwareImage.open(image), after = try FirmwareImage.open(out)
            XCTAssertEqual(after.bytes.count, before.bytes.count, "a TP-Link image keeps its length")
            XCTAssertTrue(after.regions.allSatisfy { $0.checksums.allSatisfy(\.verifies) })
            let off = String(try XCTUnwrap(after.rootfsSpan).offset)
            let a = dir + "/a-\(UUID().uuidString)", b = dir + "/b-\(UUID().uuidString)"
            XCTAssertEqual(try TestSupport.run(unsquashfs, ["-q", "-n", "-o", off, "-d", a, image]).status, 0)
            XCTAssertEqual(try TestSupport.run(unsquashfs, ["-q", "-n", "-o", off, "-d", b, out]).status, 0)
            XCTAssertEqual(try FS.readText(b + "/usr/share/imt/hello"), "hello from imagetool\n")
            // Every regular file of the original extracts unchanged.
            let e = FileManager.default.enumerator(atPath: a)
            var checked = 0
            while let rel = e?.nextObject() as? String {
                let p = a + "/" + rel
                guard FS.isRegularFile(p), let attrs = try? FileManager.default.attributesOfItem(atPath: p),
                      attrs[.type] as? FileAttributeType == .typeRegular else { continue }
                if rel == "usr/lib/opkg/status" { continue }
                XCTAssertEqual(try FS.read(p), try FS.read(b + "/" + rel), rel)
                checked += 1
            }
            XCTAssertGreaterThan(checked, 100)
            XCTAssertTrue(try FS.readText(b + "/usr/lib/opkg/status").hasSuffix("Package: imt-noarch\nVersion: 1.0-1\nDepends: libc\nStatus: install user installed\nArchitecture: all\nInstalled-Time: \(before.rootfsSpan?.modificationTime ?? 0)\n\n"))
        }
    }
}
