import BinaryIO
import Foundation
import Platform
import TestSupport
import XCTest

/// `imagetool squash create` from hostile tar archives (written with python3's tarfile) and
/// hostile pseudo definitions: `..` names, absolute names, hard links to files outside the
/// archive, writing through a symlink. Refused inputs leave no image and no temporary file;
/// accepted ones produce an image whose extraction stays inside its folder.
final class TarCreatePathTests: XCTestCase {
    /// Writes a tar with python3's tarfile; `members` are python expressions run with `t`
    /// (the open TarFile) and `add(name, data)` / `info(name, type, linkname)` helpers.
    func makeTar(_ path: String, _ members: [String]) throws {
        guard let py = TestEnv.which("python3") else { throw XCTSkip("python3 not installed") }
        let script = """
        import io, sys, tarfile
        t = tarfile.open(sys.argv[1], "w", format=tarfile.GNU_FORMAT)
        def add(name, data=b"PWNED\\n"):
            i = tarfile.TarInfo(name); i.size = len(data); i.mode = 0o644; t.addfile(i, io.BytesIO(data))
        def info(name, type, linkname=""):
            i = tarfile.TarInfo(name); i.type = type; i.linkname = linkname; i.mode = 0o777; t.addfile(i)
        \(members.joined(separator: "\n"))
        t.close()
        """
        let r = try TestSupport.run(py, ["-c", script, path])
        XCTAssertEqual(r.status, 0, r.err)
    }

    func testHostileTarsAreRefused() throws {
        let sb = try Sandbox("tar")
        defer { sb.cleanup() }
        let victim = sb.outside + "/victim"
        let cases: [(String, [String], String)] = [
            ("dot-dot name", ["add('ok')", "add('../outside/victim')"], ".."),
            ("deep dot-dot name", ["add('a/b/../../../outside/victim')"], ".."),
            ("absolute name", ["add('\(victim)')"], "absolute"),
            ("write through a symlink", ["info('a', tarfile.SYMTYPE, '\(sb.outside)')", "add('a/victim')"], "not a directory"),
            ("write through a relative symlink", ["info('a', tarfile.SYMTYPE, '../outside')", "add('a/victim')"], "not a directory"),
            ("hard link out of the archive", ["info('h', tarfile.LNKTYPE, '../outside/victim')"], ".."),
            ("hard link to an absolute file", ["info('h', tarfile.LNKTYPE, '\(victim)')"], "absolute"),
            ("hard link to a missing member", ["info('h', tarfile.LNKTYPE, 'etc/passwd')"], "missing"),
        ]
        for (i, c) in cases.enumerated() {
            let tar = sb.base + "/t\(i).tar"
            try makeTar(tar, c.1)
            let img = sb.base + "/t\(i).sqfs"
            let r = try Hostile.cli(["squash", "create", tar, "-o", img, "--mkfs-time", "0"])
            XCTAssertEqual(r.status, 1, "\(c.0): \(r.out) \(r.err)")
            XCTAssertTrue(r.err.contains(c.2), "\(c.0): \(r.err)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: img), "\(c.0): image written")
            try FileManager.default.removeItem(atPath: tar)
            try sb.assertUntouched(allowed: [])
        }
    }

    /// A symlink followed by a regular file of the same name: the file replaces the link in
    /// the image (as tar extraction would), and extracting the image writes only inside.
    func testSymlinkThenFileOfTheSameNameStaysInside() throws {
        let sb = try Sandbox("tarsame")
        defer { sb.cleanup() }
        let tar = sb.base + "/t.tar"
        try makeTar(tar, ["info('s', tarfile.SYMTYPE, '\(sb.outside)/victim')", "add('s', b'inside\\n')",
                          "info('d', tarfile.SYMTYPE, '../outside')", "info('d', tarfile.DIRTYPE)", "add('d/victim')"])
        let img = sb.base + "/t.sqfs"
        let r = try Hostile.cli(["squash", "create", tar, "-o", img, "--mkfs-time", "0"])
        XCTAssertEqual(r.status, 0, r.err)
        let out = sb.base + "/out"
        let x = try Hostile.cli(["squash", "extract", img, "-d", out])
        XCTAssertEqual(x.status, 0, x.err)
        let got = try Sandbox.listing(out)
        XCTAssertEqual(got["s"]?.hasPrefix("file "), true, "\(got)")
        XCTAssertEqual(try FS.read(out + "/s", limit: 100), Array("inside\n".utf8))
        XCTAssertEqual(got["d"], "dir")
        XCTAssertEqual(got["d/victim"]?.hasPrefix("file "), true)
        try sb.assertUntouched(allowed: ["t.tar", "t.sqfs", "out"])
    }

    /// Pseudo definitions naming `..` or hard-linking to files outside the tree are refused.
    func testHostilePseudoDefinitionsAreRefused() throws {
        let sb = try Sandbox("pseudo")
        defer { sb.cleanup() }
        let src = sb.base + "/src"
        try FileManager.default.createDirectory(atPath: src, withIntermediateDirectories: false)
        try Data("x\n".utf8).write(to: URL(fileURLWithPath: src + "/x"))
        let cases: [(String, String)] = [
            ("dot-dot directory", "../outside/evil d 755 0 0"),
            ("dot-dot device", "a/../../outside/null c 666 0 0 1 3"),
            ("hard link out of the tree", "h l ../outside/victim"),
            ("hard link to an absolute path", "h l \(sb.outside)/victim"),
            ("file from a command", "f f 644 0 0 cat \(sb.outside)/victim"),
        ]
        for (i, c) in cases.enumerated() {
            let pf = sb.base + "/p\(i)"
            try Data((c.1 + "\n").utf8).write(to: URL(fileURLWithPath: pf))
            let img = sb.base + "/p\(i).sqfs"
            let r = try Hostile.cli(["squash", "create", src, "-o", img, "--pseudo", pf, "--mkfs-time", "0"])
            if r.status == 0 {
                // Accepted only if the link resolved inside the tree: then it must not carry outside bytes.
                let ls = try Hostile.cli(["squash", "ls", img])
                XCTFail("\(c.0): accepted; image holds \(ls.out)")
            } else {
                XCTAssertEqual(r.status, 1, "\(c.0): \(r.err)")
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: img), "\(c.0): image written")
            try FileManager.default.removeItem(atPath: pf)
            if FileManager.default.fileExists(atPath: img) { try FileManager.default.removeItem(atPath: img) }
            try sb.assertUntouched(allowed: ["src"])
        }
    }
}
