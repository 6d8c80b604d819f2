import BinaryIO
import FeedRewrite
import Foundation
import Install
import Platform
import Rebase
import TestSupport
import XCTest

/// (5) Hostile packages: member names that would land outside their place (`..`, absolute
/// names, through a symlink of the package or of the image, control members with paths)
/// and a package name that cannot name info files are refused with one error naming the
/// member, and nothing is written (no output, no temporary files).
final class InstallHostileTests: XCTestCase {
    struct Case { var label: String; var expect: String; var ipk: [UInt8] }

    func cases() throws -> [Case] {
        let t: Int64 = 1_700_000_000
        let release = InstallFixture.fact("RELEASE")
        let control = Array("""
        Package: kmod-imt-evil
        Version: 1.0-1
        Depends: kernel (=\(InstallFixture.fact("PKG_KERNEL_VERSION_OLD")))
        Architecture: \(InstallFixture.fact("ARCH"))
        Description:  hostile test package

        """.utf8)
        let ko = TarMember(name: "./lib/modules/\(release)/evil.ko", mtime: t, data: Array("not a module".utf8))
        func file(_ n: String) -> TarMember { TarMember(name: n, mtime: t, data: Array("owned\n".utf8)) }
        return [
            Case(label: "dot-dot", expect: "..", ipk: try InstallFixture.makeIPK(control: control, data: [ko, file("./../../etc/shadow")])),
            Case(label: "absolute", expect: "/etc/evil", ipk: try InstallFixture.makeIPK(control: control, data: [ko, file("/etc/evil")])),
            Case(label: "own-symlink", expect: "symlink", ipk: try InstallFixture.makeIPK(control: control, data: [
                TarMember(name: "./lib/escape", kind: .symlink, mode: 0o777, mtime: t, linkTarget: "/"),
                file("./lib/escape/etc/passwd"),
            ])),
            Case(label: "image-symlink", expect: "/var is a symlink", ipk: try InstallFixture.makeIPK(control: control, data: [file("./var/evil")])),
            Case(label: "control-path", expect: "not a plain file name", ipk: try InstallFixture.makeIPK(
                control: control, data: [ko], controlExtra: [TarMember(name: "./sub/postinst", mtime: t, data: Array("#!/bin/sh\n".utf8))])),
            Case(label: "package-name", expect: "package name", ipk: try InstallFixture.makeIPK(
                control: Array(String(decoding: control, as: UTF8.self).replacingOccurrences(of: "kmod-imt-evil", with: "../evil").utf8), data: [ko])),
        ]
    }

    func testHostileMemberNamesRefusedAndNothingWritten() throws {
        try TestEnv.requireFixtures()
        let bin = try InstallFixture.binary()
        for c in try cases() {
            let dir = TestEnv.tempDir("install-hostile")
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let ipk = TestEnv.tempDir("hostile-ipk") + "/evil.ipk"
            defer { try? FileManager.default.removeItem(atPath: FS.dirname(of: ipk)) }
            try FS.writeAtomically(c.ipk, to: ipk)
            let before = try FS.read(InstallFixture.image)
            let r = try TestSupport.run(bin, ["install", InstallFixture.image, ipk, "-o", dir + "/out.bin"])
            XCTAssertNotEqual(r.status, 0, "\(c.label): must be refused")
            XCTAssertEqual(r.err.components(separatedBy: "\n").filter { $0.hasPrefix("imagetool: ") }.count, 1, "\(c.label): one error: \(r.err)")
            XCTAssertTrue(r.err.contains(c.expect), "\(c.label): \(r.err)")
            XCTAssertEqual(try FS.list(dir), [], "\(c.label): nothing may be written")
            XCTAssertEqual(try FS.read(InstallFixture.image), before)
        }
    }

    /// The library refuses the same packages before planning (no image needed).
    func testHostilePackagesRefusedByReader() throws {
        try TestEnv.requireFixtures()
        for c in try cases() where c.label != "own-symlink" && c.label != "image-symlink" {
            XCTAssertThrowsError(try InstallPackage(ipk: try IPK(parsing: c.ipk, path: c.label), path: c.label), c.label) { e in
                XCTAssertEqual((e as? FormatError)?.kind, .unsafePath, "\(c.label): \(e)")
            }
        }
    }
}
