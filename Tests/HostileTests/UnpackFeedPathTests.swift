import BinaryIO
import Foundation
import Platform
import Squash
import TestSupport
import XCTest

/// `imagetool unpack` / `repack` and `imagetool rebase` with hostile content: a rootfs
/// whose symlinks point out of the folder, an output folder that is a symlink (with
/// --force), a manifest naming files outside the unpack folder, a feed whose Packages
/// names files outside the feed.
final class UnpackFeedPathTests: XCTestCase {
    var fixtureImage: String { TestEnv.fixtures + "/image/imagetool-fixture-squashfs-sysupgrade.bin" }

    /// Builds a sysupgrade image whose rootfs holds symlinks out of any folder.
    func hostileFirmware(_ sb: Sandbox) throws -> String {
        let tree = Tree(root: Hostile.dir("", [
            Hostile.dir("etc", [Hostile.file("openwrt_release", "DISTRIB_ID='OpenWrt'\n"), Hostile.link("passwd", sb.outside + "/victim")]),
            Hostile.link("abs", sb.outside),
            Hostile.link("rel", "../../../outside"),
            Hostile.dir("lib", [Hostile.link("modules", "../../../../outside")]),
        ]))
        let rootfs = sb.base + "/hostile.sqfs"
        try Hostile.writeImage(tree, to: rootfs)
        let u = sb.base + "/u0"
        var r = try Hostile.cli(["unpack", fixtureImage, "-d", u, "--no-tree"])
        XCTAssertEqual(r.status, 0, r.err)
        let evil = sb.base + "/evil.bin"
        r = try Hostile.cli(["repack", u, "--rootfs", rootfs, "-o", evil])
        XCTAssertEqual(r.status, 0, r.err)
        return evil
    }

    func testUnpackKeepsHostileSymlinksInside() throws {
        let sb = try Sandbox("unpack")
        defer { sb.cleanup() }
        let evil = try hostileFirmware(sb)
        let u = sb.base + "/u1"
        let r = try Hostile.cli(["unpack", evil, "-d", u])
        XCTAssertEqual(r.status, 0, r.err)
        let got = try Sandbox.listing(u)
        let links = got.filter { $0.value.hasPrefix("link ") }
        XCTAssertEqual(links.count, 4, "\(got.keys.sorted())")
        XCTAssertEqual(links.first { $0.key.hasSuffix("etc/passwd") }?.value, "link " + sb.outside + "/victim")
        try sb.assertUntouched(allowed: ["hostile.sqfs", "u0", "evil.bin", "u1"])

        // Unpacking again with --force over a symlink to the outside folder replaces the
        // symlink itself, never the folder it points to.
        let trap = sb.base + "/u2"
        try FileManager.default.createSymbolicLink(atPath: trap, withDestinationPath: sb.outside)
        let r2 = try Hostile.cli(["unpack", evil, "-d", trap, "--force"])
        XCTAssertTrue(r2.status == 0 || r2.status == 1 || r2.status == 3, r2.err)
        try sb.assertUntouched(allowed: ["hostile.sqfs", "u0", "evil.bin", "u1", "u2"])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: sb.base).filter { $0.contains("tmp") || $0.hasPrefix(".") }
        XCTAssertEqual(leftovers, [], "temporary folders left behind")
    }

    /// A manifest naming a file outside the unpack folder is refused (repack never reads
    /// through it).
    func testRepackRefusesManifestPathsOutsideTheFolder() throws {
        let sb = try Sandbox("manifest")
        defer { sb.cleanup() }
        let u = sb.base + "/u"
        XCTAssertEqual(try Hostile.cli(["unpack", fixtureImage, "-d", u, "--no-tree"]).status, 0)
        let manifest = u + "/manifest.json"
        var text = try String(contentsOfFile: manifest, encoding: .utf8)
        for name in ["\"kernel\"", "\"rootfs.sqfs\""] {
            text = text.replacingOccurrences(of: "\"file\" : \(name)", with: "\"file\" : \"../outside/victim\"")
            text = text.replacingOccurrences(of: "\"file\":\(name)", with: "\"file\":\"../outside/victim\"")
        }
        XCTAssertTrue(text.contains("../outside/victim"), "manifest layout changed: \(text.prefix(400))")
        try Data(text.utf8).write(to: URL(fileURLWithPath: manifest))
        let r = try Hostile.cli(["repack", u, "-o", sb.base + "/out.bin"])
        XCTAssertEqual(r.status, 1, r.out + r.err)
        XCTAssertTrue(r.err.contains(".."), r.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: sb.base + "/out.bin"))
        try sb.assertUntouched(allowed: ["u"])
    }

    /// A feed whose Packages index names files outside the feed folder: rebase refuses (or
    /// skips the entry) and writes nothing outside its output folder.
    func testRebaseRefusesPackagesFilenamesOutsideTheFeed() throws {
        let sb = try Sandbox("feed")
        defer { sb.cleanup() }
        let feed = sb.base + "/feed"
        try FileManager.default.createDirectory(atPath: feed, withIntermediateDirectories: false)
        for f in try FS.list(TestEnv.fixtures + "/feed") where f.hasSuffix(".ipk") {
            try FileManager.default.copyItem(atPath: TestEnv.fixtures + "/feed/" + f, toPath: feed + "/" + f)
        }
        var packages = try String(contentsOfFile: TestEnv.fixtures + "/feed/Packages", encoding: .utf8)
        packages = packages.replacingOccurrences(of: "Filename: kmod-imt-hello_6.1.0-56-amd64-1_x86_64.ipk",
                                                 with: "Filename: ../outside/victim")
        try Data(packages.utf8).write(to: URL(fileURLWithPath: feed + "/Packages"))
        let out = sb.base + "/out"
        let r = try Hostile.cli(["rebase", feed, "--kernel", fixtureImage, "-o", out, "--key", TestEnv.root + "/keys/demo.sec",
                                 "--config", TestEnv.fixtures + "/config/new.config"])
        if r.status == 0 {
            // Accepted feed: the entry must be refused and named in the report, never read.
            XCTAssertTrue(r.out.contains("refused") && r.out.contains("bad-entry: ../outside/victim"), r.out)
            let listed = try String(contentsOfFile: out + "/Packages", encoding: .utf8)
            XCTAssertFalse(listed.contains("../"), listed)
        } else {
            XCTAssertTrue(r.err.contains(".."), r.err)
        }
        try sb.assertUntouched(allowed: ["feed", "out"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/victim"))
    }
}
