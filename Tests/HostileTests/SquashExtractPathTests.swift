import BinaryIO
import Foundation
import Platform
import Squash
import TestSupport
import XCTest

/// `imagetool squash extract` on hostile images: symlinks pointing out of the output folder
/// (absolute and ../), entries that try to write through them, names `..`, `.`, with `/`,
/// duplicates, non-UTF-8 names, a pre-planted symlink as the output folder, devices as
/// non-root. Nothing outside the output folder may change; a refused image leaves nothing.
final class SquashExtractPathTests: XCTestCase {
    /// Symlinks out of the folder are recreated as symlinks (lossless) and nothing is written
    /// through them, whatever their target.
    func testSymlinksOutOfTheFolderAreNeverFollowed() throws {
        let sb = try Sandbox("links")
        defer { sb.cleanup() }
        let tree = Tree(root: Hostile.dir("", [
            Hostile.link("abs", sb.outside),
            Hostile.link("rel", "../outside"),
            Hostile.link("up", "../../../../../../../../tmp"),
            Hostile.link("victim", sb.outside + "/victim"),
            Hostile.link("deep", "../../outside/victim"),
            Hostile.dir("d", [Hostile.file("f", "inside\n"), Hostile.link("x", "/etc/passwd")]),
            Hostile.file("zz", "last\n"),
        ]))
        let img = sb.base + "/links.sqfs"
        try Hostile.writeImage(tree, to: img)
        let out = sb.base + "/out"
        let r = try Hostile.cli(["squash", "extract", img, "-d", out])
        XCTAssertEqual(r.status, 0, r.err)
        let got = try Sandbox.listing(out)
        XCTAssertEqual(got["abs"], "link " + sb.outside)
        XCTAssertEqual(got["rel"], "link ../outside")
        XCTAssertEqual(got["up"], "link ../../../../../../../../tmp")
        XCTAssertEqual(got["victim"], "link " + sb.outside + "/victim")
        XCTAssertEqual(got["d/x"], "link /etc/passwd")
        XCTAssertEqual(got.count, 9, "\(got.keys.sorted())")
        try sb.assertUntouched(allowed: ["links.sqfs", "out"])

        // Selecting a path that goes through a symlink is refused, not followed.
        let r2 = try Hostile.cli(["squash", "extract", img, "-d", sb.base + "/out2", "abs/victim"])
        XCTAssertEqual(r2.status, 1, r2.err)
        try sb.assertUntouched(allowed: ["links.sqfs", "out"])
    }

    /// An output path that is a symlink to another folder is refused, never written through.
    func testOutputPathThatIsASymlinkIsRefused() throws {
        let sb = try Sandbox("outlink")
        defer { sb.cleanup() }
        let img = sb.base + "/a.sqfs"
        try Hostile.writeImage(Tree(root: Hostile.dir("", [Hostile.file("victim", "PWNED\n")])), to: img)
        try FileManager.default.createSymbolicLink(atPath: sb.base + "/out", withDestinationPath: sb.outside)
        let r = try Hostile.cli(["squash", "extract", img, "-d", sb.base + "/out"])
        XCTAssertNotEqual(r.status, 0, "extracting into a symlinked output folder must be refused")
        XCTAssertTrue(r.err.contains("imagetool:"), r.err)
        try sb.assertUntouched(allowed: ["a.sqfs", "out"])
    }

    /// Images that mksquashfs cannot make, made by patching names in an image with
    /// uncompressed metadata: each must be refused with one error, leaving no output.
    func testPatchedNamesAreRefusedAndLeaveNothing() throws {
        guard let mksquashfs = TestEnv.which("mksquashfs") else { throw XCTSkip("mksquashfs (squashfs-tools) not installed") }
        let sb = try Sandbox("names")
        defer { sb.cleanup() }
        // (what, build the source folder, names to patch from -> to, expected message)
        let cases: [(String, (String) throws -> Void, [([UInt8], [UInt8])], String)] = [
            ("symlink then a directory of the same name", { src in
                try FileManager.default.createSymbolicLink(atPath: src + "/aaa1", withDestinationPath: sb.outside)
                try FileManager.default.createDirectory(atPath: src + "/aaa2", withIntermediateDirectories: false)
                try Data("PWNED\n".utf8).write(to: URL(fileURLWithPath: src + "/aaa2/victim"))
            }, [(Array("aaa2".utf8), Array("aaa1".utf8))], "duplicate entry name"),
            ("symlink then a file of the same name", { src in
                try FileManager.default.createSymbolicLink(atPath: src + "/bbb1", withDestinationPath: sb.outside + "/victim")
                try Data("PWNED\n".utf8).write(to: URL(fileURLWithPath: src + "/bbb2"))
            }, [(Array("bbb2".utf8), Array("bbb1".utf8))], "duplicate entry name"),
            ("a directory named ..", { src in
                try FileManager.default.createDirectory(atPath: src + "/Q9", withIntermediateDirectories: false)
                try Data("PWNED\n".utf8).write(to: URL(fileURLWithPath: src + "/Q9/victim"))
            }, [(Array("Q9".utf8), Array("..".utf8))], "unsafe entry name"),
            ("a name with a slash", { src in
                try Data("PWNED\n".utf8).write(to: URL(fileURLWithPath: src + "/oQuts"))
            }, [(Array("oQuts".utf8), Array("o/uts".utf8))], "unsafe entry name"),
        ]
        for (i, c) in cases.enumerated() {
            let src = sb.base + "/src\(i)"
            try FileManager.default.createDirectory(atPath: src, withIntermediateDirectories: false)
            try c.1(src)
            let img = sb.base + "/img\(i).sqfs"
            let mk = try TestSupport.run(mksquashfs, [src, img, "-noI", "-noId", "-noD", "-noF", "-noX", "-noappend", "-all-root", "-quiet", "-no-progress"])
            XCTAssertEqual(mk.status, 0, mk.err)
            var bytes = try FS.read(img, limit: 1 << 20)
            var patched = 0
            for (from, to) in c.2 { patched += Hostile.patch(&bytes, from, to) }
            XCTAssertGreaterThan(patched, 0, "\(c.0): nothing patched")
            try FS.writeAtomically(bytes, to: img)
            let out = sb.base + "/out\(i)"
            let r = try Hostile.cli(["squash", "extract", img, "-d", out])
            XCTAssertEqual(r.status, 1, "\(c.0): \(r.out) \(r.err)")
            XCTAssertTrue(r.err.contains(c.3), "\(c.0): \(r.err)")
            XCTAssertEqual(r.err.split(separator: "\n").count, 1, "\(c.0): one error line: \(r.err)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: out), "\(c.0): output left behind")
            try FileManager.default.removeItem(atPath: src)
            try FileManager.default.removeItem(atPath: img)
            try sb.assertUntouched(allowed: [])
        }
    }

    /// Two names that are not UTF-8 must not collapse into one (silently losing a file):
    /// either both come out under their exact bytes, or the image is refused.
    func testNonUTF8NamesAreNotMergedOrLost() throws {
        guard let mksquashfs = TestEnv.which("mksquashfs") else { throw XCTSkip("mksquashfs (squashfs-tools) not installed") }
        let sb = try Sandbox("utf8")
        defer { sb.cleanup() }
        let src = sb.base + "/src"
        try FileManager.default.createDirectory(atPath: src, withIntermediateDirectories: false)
        try Data("first\n".utf8).write(to: URL(fileURLWithPath: src + "/Xa"))
        try Data("second\n".utf8).write(to: URL(fileURLWithPath: src + "/Xb"))
        let img = sb.base + "/img.sqfs"
        let mk = try TestSupport.run(mksquashfs, [src, img, "-noI", "-noId", "-noD", "-noF", "-noX", "-noappend", "-all-root", "-quiet", "-no-progress"])
        XCTAssertEqual(mk.status, 0, mk.err)
        var bytes = try FS.read(img, limit: 1 << 20)
        XCTAssertEqual(Hostile.patch(&bytes, Array("Xa".utf8), [0x58, 0xFE]), 1)
        XCTAssertEqual(Hostile.patch(&bytes, Array("Xb".utf8), [0x58, 0xFF]), 1)
        try FS.writeAtomically(bytes, to: img)
        let out = sb.base + "/out"
        let r = try Hostile.cli(["squash", "extract", img, "-d", out])
        if r.status == 0 {
            let names = try FS.list(out).map { Array($0.utf8) }
            XCTAssertEqual(Set(names), [[0x58, 0xFE], [0x58, 0xFF]], "names changed or a file was lost")
        } else {
            XCTAssertEqual(r.status, 1, r.err)
            XCTAssertTrue(r.err.contains("UTF-8"), r.err)
            XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        }
        try sb.assertUntouched(allowed: ["src", "img.sqfs", "out"])
    }

    /// Device nodes cannot be made by an unprivileged user: they are reported as not
    /// created, everything else is extracted, and the run succeeds.
    func testDevicesAsNonRootAreReportedNotCreated() throws {
        let sb = try Sandbox("dev")
        defer { sb.cleanup() }
        let tree = Tree(root: Hostile.dir("", [
            Node(name: "null", kind: .charDevice, mode: 0o666, device: Device(major: 1, minor: 3)),
            Node(name: "sda", kind: .blockDevice, mode: 0o660, device: Device(major: 8, minor: 0)),
            Node(name: "fifo", kind: .fifo, mode: 0o644),
            Hostile.file("plain", "plain\n"),
        ]))
        let img = sb.base + "/dev.sqfs"
        try Hostile.writeImage(tree, to: img)
        let out = sb.base + "/work/out"
        try FileManager.default.createDirectory(atPath: sb.base + "/work", withIntermediateDirectories: false)
        var args = ["squash", "extract", img, "-d", out]
        var tool = try Hostile.binary()
        if geteuid() == 0 {
            // Drop to nobody so mknod fails like it does for a normal user.
            guard let setpriv = TestEnv.which("setpriv") else { throw XCTSkip("running as root without setpriv") }
            _ = try TestSupport.run("/bin/chmod", ["0777", sb.base + "/work"])
            _ = try TestSupport.run("/bin/chmod", ["0755", sb.base])
            _ = try TestSupport.run("/bin/chmod", ["0644", img])
            args = ["--reuid=65534", "--regid=65534", "--clear-groups", "--", tool] + args
            tool = setpriv
        }
        let r = try TestSupport.run(tool, args)
        if r.status == 126 || r.err.contains("Permission denied") && !FileManager.default.fileExists(atPath: out) {
            throw XCTSkip("the build folder is not readable by nobody: \(r.err)")
        }
        XCTAssertEqual(r.status, 0, r.err)
        let got = try Sandbox.listing(out)
        XCTAssertNotNil(got["plain"])
        XCTAssertEqual(got["fifo"].map { $0.hasPrefix("other") }, true)
        XCTAssertNil(got["null"]); XCTAssertNil(got["sda"])
        XCTAssertTrue((r.out + r.err).contains("needs root"), r.out + r.err)
        try sb.assertUntouched(allowed: ["dev.sqfs", "work"])
    }
}
