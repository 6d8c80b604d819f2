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

/// `imagetool install` against the fixtures, checked with independent tools (unsquashfs,
/// signify-openbsd) and the rules of openwrt/opkg-lede: libopkg/opkg_install.c
/// `opkg_install_pkg` (deps, conflicts, clashes, info files), libopkg/pkg.c
/// `pkg_print_status` (the status stanza), pkg_depends.c `version_constraints_satisfied`,
/// and opkg_download.c `opkg_verify_file` -> opkg-key -> `usign -V -P /etc/opkg/keys`.
final class InstallTests: XCTestCase {
    /// (1) A rebased kmod installs: the output image's checksums verify (inspect), the .ko
    /// extracted by unsquashfs equals the ipk's, status/.list/.control are as opkg writes
    /// them, unchanged blocks were copied, the input is untouched, two runs are identical.
    func testInstallRebasedKmodIntoFixtureImage() throws {
        try TestEnv.requireFixtures()
        let bin = try InstallFixture.binary()
        let dir = TestEnv.tempDir("install")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try InstallFixture.rebase(into: dir)
        let ipkPath = dir + "/feed/" + InstallFixture.ipkName("kmod-imt-extra")
        let out = dir + "/out.bin"
        let r = try TestSupport.run(bin, ["install", InstallFixture.image, ipkPath, "-o", out, "--json"])
        XCTAssertEqual(r.status, 0, r.err)
        let report = try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any] ?? [:]
        let pkgs = report["packages"] as? [[String: Any]] ?? []
        XCTAssertEqual(pkgs.first?["action"] as? String, "install")
        XCTAssertEqual(report["installedCount"] as? Int, 1)
        XCTAssertEqual(report["filesAdded"] as? Int, (pkgs.first?["files"] as? [String])?.count)
        XCTAssertEqual((report["dependencies"] as? [[String: Any]])?.first?["outcome"] as? String, "installed")
        let repack = report["repack"] as? [String: Any] ?? [:]
        let reused = (repack["blocksReused"] as? Int ?? 0) + (repack["fragmentsReused"] as? Int ?? 0)
        XCTAssertGreaterThan(reused, 0, "unchanged files' blocks must be copied, not recompressed: \(repack)")

        // Every checksum of the rebuilt image verifies (imagetool inspect --json).
        let insp = try TestSupport.run(bin, ["inspect", "--json", out])
        XCTAssertEqual(insp.status, 0, insp.err)
        let ij = try JSONSerialization.jsonObject(with: insp.stdout) as? [String: Any] ?? [:]
        XCTAssertEqual(ij["checksumsVerify"] as? Bool, true)
        XCTAssertTrue(try FirmwareImage.open(out).regions.allSatisfy { $0.checksums.allSatisfy(\.verifies) })

        // unsquashfs extracts the module byte-identical to the one in the ipk.
        let root = dir + "/root"
        try InstallFixture.unsquash(out, into: root)
        let release = InstallFixture.fact("RELEASE")
        let ipk = try IPK.open(ipkPath)
        let members = try ipk.dataFiles(readData: true)
        let ko = members.first { $0.name.hasSuffix("/imt_extra.ko") }
        XCTAssertNotNil(ko)
        XCTAssertEqual(try FS.read(root + "/lib/modules/\(release)/imt_extra.ko"), ko?.data)

        // The Firmware library's rootfs facts see the package installed.
        let facts = try RootfsFacts(reading: DirectoryRootfs(root: root))
        XCTAssertEqual(facts.kmods["kmod-imt-extra"], InstallFixture.fact("PKG_KMOD_VERSION"))
        XCTAssertTrue(facts.modules.contains { $0.hasSuffix("imt_extra.ko") }, "\(facts.modules)")

        // Status stanza in pkg_print_status order and format (constraint_to_str: "= ").
        let status = try FS.readText(root + "/usr/lib/opkg/status")
        let expected = """
        Package: kmod-imt-extra
        Version: \(InstallFixture.fact("PKG_KMOD_VERSION"))
        Depends: kernel (= \(InstallFixture.fact("PKG_KERNEL_VERSION_OLD")))
        Status: install user installed
        Architecture: \(InstallFixture.fact("ARCH"))
        Installed-Time: \(InstallFixture.fact("SOURCE_DATE_EPOCH"))


        """
        XCTAssertTrue(status.hasSuffix(expected), status)
        // .list: non-directory members as absolute paths; .control: the control file as stored.
        let list = try members.filter { $0.kind != .directory }.map { "/" + (try SafePath.components($0.name)).joined(separator: "/") + "\n" }.joined()
        XCTAssertEqual(try FS.readText(root + "/usr/lib/opkg/info/kmod-imt-extra.list"), list)
        XCTAssertEqual(try FS.read(root + "/usr/lib/opkg/info/kmod-imt-extra.control"), ipk.controlBytes)

        // Input untouched; a second run gives the same bytes.
        XCTAssertEqual(Hex.encode(Digest.sha256(try FS.read(InstallFixture.image))), InstallFixture.fact("IMAGE_SHA256"))
        let again = try TestSupport.run(bin, ["install", InstallFixture.image, ipkPath, "-o", dir + "/again.bin"])
        XCTAssertEqual(again.status, 0, again.err)
        XCTAssertEqual(try FS.read(out), try FS.read(dir + "/again.bin"))
    }

    /// (2) The unrebased kmod (built for the feed's kernel) is refused with exit 3, naming
    /// both kernel versions and `imagetool rebase`; nothing is written. --force proceeds
    /// and says so.
    func testUnrebasedKmodRefusedWithExit3() throws {
        try TestEnv.requireFixtures()
        let bin = try InstallFixture.binary()
        let dir = TestEnv.tempDir("install")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ipk = InstallFixture.feed + "/" + InstallFixture.ipkName("kmod-imt-extra")
        let out = dir + "/out.bin"
        let r = try TestSupport.run(bin, ["install", InstallFixture.image, ipk, "-o", out])
        XCTAssertEqual(r.status, 3, r.err)
        XCTAssertTrue(r.err.contains(InstallFixture.fact("PKG_KERNEL_VERSION_NEW")), r.err)
        XCTAssertTrue(r.err.contains(InstallFixture.fact("PKG_KERNEL_VERSION_OLD")), r.err)
        XCTAssertTrue(r.err.contains("imagetool rebase"), r.err)
        XCTAssertFalse(FS.exists(out))
        XCTAssertEqual(try FS.list(dir), [], "no temporary files may be left")

        let f = try TestSupport.run(bin, ["install", InstallFixture.image, ipk, "-o", out, "--force", "--json"])
        XCTAssertEqual(f.status, 0, f.err)
        let j = try JSONSerialization.jsonObject(with: f.stdout) as? [String: Any] ?? [:]
        XCTAssertFalse((j["forced"] as? [String] ?? []).isEmpty, "--force must be recorded in the report")
    }

    /// (3) A missing dependency is refused naming it; a same-version package is skipped
    /// like opkg's `opkg_install_check_downgrade`.
    func testMissingDependencyRefusedNamingIt() throws {
        try TestEnv.requireFixtures()
        let bin = try InstallFixture.binary()
        let dir = TestEnv.tempDir("install")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try InstallFixture.rebase(into: dir)
        let src = try IPK.open(dir + "/feed/" + InstallFixture.ipkName("kmod-imt-extra"))
        var control = src.control
        control.set("Depends", (control["Depends"] ?? "") + ", kmod-imt-missing (>= 2.0)")
        let bad = dir + "/bad.ipk"
        try FS.writeAtomically(try src.rewritingControl(control), to: bad)
        let r = try TestSupport.run(bin, ["install", InstallFixture.image, bad, "-o", dir + "/out.bin"])
        XCTAssertEqual(r.status, 3, r.err)
        XCTAssertTrue(r.err.contains("kmod-imt-missing (>= 2.0)"), r.err)
        XCTAssertFalse(FS.exists(dir + "/out.bin"))

        let same = try TestSupport.run(bin, ["install", InstallFixture.image, dir + "/feed/" + InstallFixture.ipkName("kmod-imt-hello"),
                                 "-o", dir + "/same.bin", "--json"])
        XCTAssertEqual(same.status, 0, same.err)
        let j = try JSONSerialization.jsonObject(with: same.stdout) as? [String: Any] ?? [:]
        XCTAssertEqual((j["packages"] as? [[String: Any]])?.first?["action"] as? String, "skip-same-version")
    }

    /// pkg_depends.c `version_constraints_satisfied`: an equal version meets every operator.
    func testVersionConstraintsAsOpkg() throws {
        func term(_ s: String) throws -> Relationship.Term { try XCTUnwrap(Relationship(parsing: s).terms.first) }
        XCTAssertTrue(InstallResolver.satisfies(try term("a (>= 1.0-1)"), version: "1.0-2"))
        XCTAssertFalse(InstallResolver.satisfies(try term("a (>= 1.0-3)"), version: "1.0-2"))
        XCTAssertTrue(InstallResolver.satisfies(try term("a (<< 1.0)"), version: "1.0"), "opkg: equal satisfies <<")
        XCTAssertFalse(InstallResolver.satisfies(try term("a (>> 2.0)"), version: "1.0"))
        XCTAssertFalse(InstallResolver.satisfies(try term("a (= 5.15.137-1-aaa)"), version: "5.15.137-1-bbb"))
        XCTAssertTrue(InstallResolver.satisfies(try term("a"), version: "anything"))
    }

    /// (4) opkg verifies a feed's Packages.sig with `usign -V -P /etc/opkg/keys` (the key
    /// file named by the signature's fingerprint). A feed rebased with a fresh key verifies
    /// with signify-openbsd against the key --add-key placed in the image, and not against
    /// the keys the original image trusted.
    func testInstalledKeyVerifiesRebasedFeedAsOpkgDoes() throws {
        try TestEnv.requireFixtures()
        let bin = try InstallFixture.binary()
        let signify = try TestEnv.tool("signify-openbsd")
        let dir = TestEnv.tempDir("install")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let secret = try Usign.SecretKey.generate(comment: "imagetool install test key")
        try FS.writeAtomically(secret.render(), to: dir + "/op.sec")
        let pub = secret.publicKeyFile(comment: "imagetool install test public key")
        try FS.writeAtomically(pub.render(), to: dir + "/op.pub")
        let rb = try InstallFixture.rebase(into: dir, key: dir + "/op.sec")
        let line = try XCTUnwrap(rb.customfeedsLine)
        let out = dir + "/out.bin"
        let r = try TestSupport.run(bin, ["install", InstallFixture.image, dir + "/feed/" + InstallFixture.ipkName("kmod-imt-extra"),
                              "-o", out, "--add-key", dir + "/op.pub", "--feed-line", line])
        XCTAssertEqual(r.status, 0, r.err)
        try InstallFixture.unsquash(out, into: dir + "/root")
        try InstallFixture.unsquash(InstallFixture.image, into: dir + "/orig")

        let sig = try Usign.Signature.open(dir + "/feed/Packages.sig")
        let keyName = Usign.fingerprintName(sig.fingerprint)
        let installed = dir + "/root/etc/opkg/keys/" + keyName
        XCTAssertTrue(FS.isRegularFile(installed), "no /etc/opkg/keys/\(keyName) in the output image")
        let v = try TestSupport.run(signify, ["-V", "-p", installed, "-m", dir + "/feed/Packages", "-x", dir + "/feed/Packages.sig"])
        XCTAssertEqual(v.status, 0, v.err)
        XCTAssertFalse(FS.exists(dir + "/orig/etc/opkg/keys/" + keyName), "the original image must not already trust the fresh key")
        let feeds = try FS.readText(dir + "/root/etc/opkg/customfeeds.conf")
        XCTAssertTrue(feeds.hasSuffix(line + "\n"), feeds)
    }
}
