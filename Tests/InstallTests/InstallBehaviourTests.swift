import BinaryIO
import Digests
import FeedRewrite
import Firmware
import Foundation
import Install
import Platform
import Rebase
import TestSupport
import XCTest

/// opkg-lede behaviours beyond the happy path, through the library (`OfflineInstaller`),
/// with real ipks built in the ipkg-build layout and outputs read back by unsquashfs:
/// upgrades (opkg_install.c `remove_obsolesced_files`, `remove_maintainer_scripts`), file
/// clashes (`check_data_file_clashes`, -force-overwrite, the old owner's .list rewritten),
/// conffile checksums (`resolve_conffiles`), dependencies met by packages of the same run,
/// conflicts and replaces (`pkg_hash_fetch_conflicts`, `pkg_get_installed_replacees`).
final class InstallBehaviourTests: XCTestCase {
    let t: Int64 = 1_700_000_000

    func control(_ name: String, _ version: String, extra: String = "") -> [UInt8] {
        Array("Package: \(name)\nVersion: \(version)\n\(extra)Architecture: \(InstallFixture.fact("ARCH"))\nDescription:  test\n".utf8)
    }

    func file(_ n: String, _ text: String) -> TarMember { TarMember(name: n, mtime: t, data: Array(text.utf8)) }

    func write(_ bytes: [UInt8], _ dir: String, _ name: String) throws -> String {
        try FS.writeAtomically(bytes, to: dir + "/" + name)
        return dir + "/" + name
    }

    func install(_ ipks: [String], _ dir: String, configure: (inout InstallOptions) -> Void = { _ in }) throws -> (InstallReport, String) {
        var o = InstallOptions(image: InstallFixture.image, packages: ipks, output: dir + "/out.bin")
        configure(&o)
        let r = try OfflineInstaller.run(o)
        let root = dir + "/root-\(UUID().uuidString)"
        try InstallFixture.unsquash(o.output, into: root)
        return (r, root)
    }

    func testUpgradeRemovesObsoleteFilesAndReplacesStanzaInPlace() throws {
        try TestEnv.requireFixtures()
        let dir = TestEnv.tempDir("install-b")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let rel = InstallFixture.fact("RELEASE"), old = InstallFixture.fact("PKG_KMOD_VERSION")
        let newVersion = old.replacingOccurrences(of: "-1", with: "-2", options: .backwards, range: old.range(of: "-1", options: .backwards))
        let ipk = try write(try InstallFixture.makeIPK(
            control: control("kmod-imt-hello", newVersion, extra: "Depends: kernel (=\(InstallFixture.fact("PKG_KERNEL_VERSION_OLD")))\n"),
            data: [file("./lib/modules/\(rel)/imt_hello.ko", "new module bytes")]), dir, "hello.ipk")
        let (r, root) = try install([ipk], dir)
        XCTAssertEqual(r.packages.first?.action, "upgrade")
        XCTAssertEqual(r.packages.first?.installedVersion, old)
        XCTAssertEqual(Set(r.packages.first?.obsoleteFilesRemoved ?? []), ["/etc/modules.d/30-imt-hello", "/etc/modules-boot.d/30-imt-hello"])
        XCTAssertFalse(FS.exists(root + "/etc/modules.d/30-imt-hello"))
        XCTAssertFalse(FS.exists(root + "/usr/lib/opkg/info/kmod-imt-hello.postinst"), "old maintainer scripts are removed")
        XCTAssertEqual(try FS.readText(root + "/lib/modules/\(rel)/imt_hello.ko"), "new module bytes")
        XCTAssertEqual(try FS.readText(root + "/usr/lib/opkg/info/kmod-imt-hello.list"), "/lib/modules/\(rel)/imt_hello.ko\n")
        let status = try OpkgStatus(parsing: try FS.read(root + "/usr/lib/opkg/status"))
        XCTAssertEqual(status.entries.map(\.name), ["base-files", "busybox", "kernel", "kmod-imt-hello", "kmod-imt-user", "libc"],
                       "the upgraded stanza stays in place")
        XCTAssertEqual(status.installed("kmod-imt-hello")?.version, newVersion)

        // An older version is not installed (opkg: "Not downgrading").
        let older = try write(try InstallFixture.makeIPK(control: control("kmod-imt-hello", "0.1-1"), data: []), dir, "older.ipk")
        XCTAssertEqual(try install([older], dir).0.packages.first?.action, "skip-downgrade")
    }

    func testFileClashRefusedUnlessForceOverwriteAndConffileChecksum() throws {
        try TestEnv.requireFixtures()
        let dir = TestEnv.tempDir("install-b")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = "config interface 'lan'\n\toption proto 'static'\n"
        let ipk = try write(try InstallFixture.makeIPK(
            control: control("imt-netcfg", "1.0-1"), data: [file("./etc/config/network", text)],
            controlExtra: [file("./conffiles", "/etc/config/network\n")]), dir, "netcfg.ipk")
        XCTAssertThrowsError(try install([ipk], dir)) { e in
            let f = e as? FormatError
            XCTAssertEqual(f?.kind, .refused)
            XCTAssertTrue(f?.message.contains("/etc/config/network, which is already provided by package base-files") ?? false, "\(e)")
        }
        XCTAssertFalse(FS.exists(dir + "/out.bin"))
        let (r, root) = try install([ipk], dir) { $0.forceOverwrite = true }
        XCTAssertEqual(r.packages.first?.takenOver, ["/etc/config/network"])
        XCTAssertFalse(r.forced.isEmpty)
        XCTAssertEqual(try FS.readText(root + "/etc/config/network"), text)
        XCTAssertFalse(try FS.readText(root + "/usr/lib/opkg/info/base-files.list").contains("/etc/config/network"),
                       "the old owner's .list loses the file (pkg_write_changed_filelists)")
        let sha = Hex.encode(Digest.sha256(Array(text.utf8)))
        let status = try FS.readText(root + "/usr/lib/opkg/status")
        XCTAssertTrue(status.contains("Conffiles:\n /etc/config/network \(sha)\nInstalled-Time:"), status)
        XCTAssertEqual(try FS.readText(root + "/usr/lib/opkg/info/imt-netcfg.conffiles"), "/etc/config/network\n")
    }

    func testDependenciesConflictsAndReplaces() throws {
        try TestEnv.requireFixtures()
        let dir = TestEnv.tempDir("install-b")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A depends on B (>= 1.0), B comes in the same run; B provides a virtual name C wants.
        let a = try write(try InstallFixture.makeIPK(control: control("imt-a", "1.0-1", extra: "Depends: imt-b (>= 1.0), virt-thing\n"),
                                                     data: [file("./usr/share/imt/a", "a")]), dir, "a.ipk")
        let b = try write(try InstallFixture.makeIPK(control: control("imt-b", "1.2-1", extra: "Provides: virt-thing\n"),
                                                     data: [file("./usr/share/imt/b", "b")]), dir, "b.ipk")
        let (r, root) = try install([a, b], dir)
        XCTAssertEqual(r.dependencies.filter { $0.package == "imt-a" }.map(\.outcome), ["co-installed", "co-installed"])
        XCTAssertTrue(try FS.readText(root + "/usr/lib/opkg/status").contains("Package: imt-b\nVersion: 1.2-1\nProvides: virt-thing\n"))

        // Conflicts with an installed package: refused, naming it.
        let c = try write(try InstallFixture.makeIPK(control: control("imt-sh", "1.0-1", extra: "Conflicts: busybox\n"),
                                                     data: [file("./usr/share/imt/c", "c")]), dir, "c.ipk")
        XCTAssertThrowsError(try install([c], dir)) { e in
            XCTAssertTrue("\(e)".contains("conflicts with installed busybox"), "\(e)")
        }
        // Replaces + Conflicts: the installed package is removed, its files taken over.
        let d = try write(try InstallFixture.makeIPK(control: control("imt-sh", "1.0-1", extra: "Conflicts: busybox\nReplaces: busybox\n"),
                                                     data: [file("./bin/sh", "#!imt\n")]), dir, "d.ipk")
        let (r2, root2) = try install([d], dir)
        XCTAssertEqual(r2.packages.first?.replaced, ["busybox"])
        XCTAssertFalse(FS.exists(root2 + "/bin/busybox"))
        XCTAssertFalse(FS.exists(root2 + "/usr/lib/opkg/info/busybox.list"))
        XCTAssertEqual(try FS.readText(root2 + "/bin/sh"), "#!imt\n")
        XCTAssertFalse(try FS.readText(root2 + "/usr/lib/opkg/status").contains("Package: busybox\n"))
    }

    /// A hard link in data.tar.gz (GNU tar typeflag '1', as ipkg-build's tar writes for
    /// hard-linked files) installs the target's bytes at both names (libbb/unarchive.c
    /// `extract_archive` links them); it must not become an empty file.
    func testHardLinkMemberInstallsTargetBytes() throws {
        try TestEnv.requireFixtures()
        let tar = try TestEnv.tool("tar")
        let dir = TestEnv.tempDir("install-b")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FS.makeDirectories(dir + "/pkg/data/usr/share/imt")
        try FS.makeDirectories(dir + "/pkg/ctl")
        try FS.writeAtomically(Array("linked bytes\n".utf8), to: dir + "/pkg/data/usr/share/imt/a")
        XCTAssertEqual(link(dir + "/pkg/data/usr/share/imt/a", dir + "/pkg/data/usr/share/imt/b"), 0)
        try FS.writeAtomically(control("imt-hardlink", "1.0-1"), to: dir + "/pkg/ctl/control")
        try FS.writeAtomically(Array("2.0\n".utf8), to: dir + "/pkg/debian-binary")
        let opts = ["--format=gnu", "--numeric-owner", "--owner=0", "--group=0", "--sort=name", "--mtime=@1700000000"]
        for (sub, name) in [("data", "data.tar.gz"), ("ctl", "control.tar.gz")] {
            let r = try TestSupport.run(tar, opts + ["-czf", dir + "/pkg/" + name, "-C", dir + "/pkg/" + sub, "."])
            XCTAssertEqual(r.status, 0, r.err)
        }
        let listing = try TestSupport.run(tar, ["-tvzf", dir + "/pkg/data.tar.gz"])
        XCTAssertTrue(listing.out.contains("link to"), "GNU tar must have stored a hard link: \(listing.out)")
        let ipk = dir + "/imt-hardlink.ipk"
        let r = try TestSupport.run(tar, opts + ["-czf", ipk, "-C", dir + "/pkg", "./debian-binary", "./data.tar.gz", "./control.tar.gz"])
        XCTAssertEqual(r.status, 0, r.err)
        let (_, root) = try install([ipk], dir)
        XCTAssertEqual(try FS.readText(root + "/usr/share/imt/a"), "linked bytes\n")
        XCTAssertEqual(try FS.readText(root + "/usr/share/imt/b"), "linked bytes\n")
    }

    /// A rootfs that grows past its erase block moves the JFFS2 marker and fwtool chunks:
    /// the rebuilt image's checksums verify and the big file extracts intact; with a size
    /// limit the install is refused (exit 3 kind) naming the sizes, and nothing is written.
    func testRootfsGrowthRebuildsLayoutAndSizeLimitRefuses() throws {
        try TestEnv.requireFixtures()
        let dir = TestEnv.tempDir("install-b")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var x: UInt64 = 0x9e37_79b9_7f4a_7c15
        let big = (0 ..< 300_000).map { _ -> UInt8 in
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: x >> 33)
        }
        let ipk = try write(try InstallFixture.makeIPK(control: control("imt-big", "1.0-1"),
                                                       data: [TarMember(name: "./usr/share/imt/big.bin", mtime: t, data: big)]), dir, "big.ipk")
        XCTAssertThrowsError(try install([ipk], dir) { $0.rebuild.maxImageSize = UInt64(InstallFixture.fact("IMAGE_SIZE")) ?? 0 }) { e in
            XCTAssertEqual((e as? FormatError)?.kind, .refused, "\(e)")
            XCTAssertTrue("\(e)".contains("rootfs was"), "\(e)")
        }
        XCTAssertFalse(FS.exists(dir + "/out.bin"))
        let (r, root) = try install([ipk], dir)
        let repack = try XCTUnwrap(r.repack)
        XCTAssertGreaterThan(repack.imageBytesAfter, repack.imageBytesBefore)
        let img = try Firmware.FirmwareImage.open(dir + "/out.bin")
        XCTAssertTrue(img.regions.allSatisfy { $0.checksums.allSatisfy(\.verifies) })
        XCTAssertTrue(img.regions.contains { $0.role.rawValue == "jffs2-marker" && $0.offset % 65536 == 0 })
        XCTAssertEqual(try FS.read(root + "/usr/share/imt/big.bin"), big)
    }
}
