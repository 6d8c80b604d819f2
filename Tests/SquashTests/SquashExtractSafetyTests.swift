import BinaryIO
import Foundation
import Platform
import Squash
import TestSupport
import XCTest

/// `squash extract` safety and non-root behaviour: hostile names are refused before
/// anything is written, a non-empty output folder is refused, selected paths extract with
/// their parents only, and as an unprivileged user devices, owners and privileged xattrs
/// are reported rather than silently dropped.
final class SquashExtractSafetyTests: XCTestCase {
    /// An uncompressed image (-noI -noD) of a tiny tree, with `from` renamed to `to` in the
    /// directory table (same length).
    func patchedImage(rename from: String, to: String, in t: String) throws -> String {
        try SquashFixtures.require(["mksquashfs"])
        let src = t + "/src"
        try FS.makeDirectories(src + "/sub")
        try FS.writeAtomically(Array("x".utf8), to: src + "/" + from)
        try FS.writeAtomically(Array("y".utf8), to: src + "/sub/keep")
        let img = t + "/img.sqfs"
        let r = try SquashFixtures.run("mksquashfs", [src, img, "-noappend", "-quiet", "-no-progress", "-noI", "-noD", "-noF", "-noX"])
        XCTAssertEqual(r.status, 0, r.err)
        var bytes = try FS.read(img)
        let sb = try Superblock(parsing: Array(bytes[0 ..< 96]), imageSize: UInt64(bytes.count))
        let needle = Array(from.utf8)
        var found = false
        for i in Int(sb.directoryTableStart) ..< bytes.count - needle.count where Array(bytes[i ..< i + needle.count]) == needle {
            bytes.replaceSubrange(i ..< i + needle.count, with: Array(to.utf8))
            found = true
            break
        }
        XCTAssertTrue(found, "name \(from) not found in the directory table")
        try FS.writeAtomically(bytes, to: img)
        return img
    }

    func testDotDotAndSlashNamesAreRefused() throws {
        let bin = try SquashFixtures.imagetool()
        for (from, to) in [("zz", ".."), ("a_b", "a/b")] {
            let t = TestEnv.tempDir("squash-evil")
            defer { try? FileManager.default.removeItem(atPath: t) }
            let img = try patchedImage(rename: from, to: to, in: t)
            XCTAssertThrowsError(try SquashImage(path: img).readTree()) { e in
                XCTAssertEqual((e as? FormatError)?.kind, .unsafePath, "\(e)")
            }
            let r = try TestSupport.run(bin, ["squash", "extract", "-d", t + "/out", img])
            XCTAssertEqual(r.status, 1, r.err)
            XCTAssertTrue(r.err.contains("unsafe entry name"), r.err)
            XCTAssertFalse(FileManager.default.fileExists(atPath: t + "/out"))
            XCTAssertFalse(FileManager.default.fileExists(atPath: t + "/keep"))
        }
    }

    func testNonEmptyOutputIsRefusedAndSelectionExtractsParents() throws {
        let bin = try SquashFixtures.imagetool()
        let img = try SquashFixtures.image("gzip", ["-comp", "gzip"])
        let t = TestEnv.tempDir("squash-sel")
        defer { try? FileManager.default.removeItem(atPath: t) }
        try FS.makeDirectories(t + "/full")
        try FS.writeAtomically([1], to: t + "/full/precious")
        let r = try TestSupport.run(bin, ["squash", "extract", "-d", t + "/full", img])
        XCTAssertEqual(r.status, 3, r.err)
        XCTAssertEqual(try FS.read(t + "/full/precious"), [1])

        let s = try TestSupport.run(bin, ["squash", "extract", "-q", "-d", t + "/sel", img, "hl/one", "many/d03", "link-rel"])
        XCTAssertEqual(s.status, 0, s.err)
        XCTAssertEqual(try FS.list(t + "/sel"), ["hl", "link-rel", "many"])
        XCTAssertEqual(try FS.list(t + "/sel/hl"), ["one"])
        XCTAssertEqual(try FS.list(t + "/sel/many"), ["d03"])
        XCTAssertEqual(try FS.list(t + "/sel/many/d03").count, 105)
        let missing = try TestSupport.run(bin, ["squash", "extract", "-d", t + "/none", img, "no/such/path"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.err.contains("is not in the image"), missing.err)
    }

    func testUnprivilegedExtractReportsWhatItCannotCreate() throws {
        try SquashFixtures.require(["setpriv"])
        guard getuid() == 0 else { throw XCTSkip("needs root to drop to an unprivileged user with setpriv") }
        let bin = try SquashFixtures.imagetool()
        let img = try SquashFixtures.image("gzip", ["-comp", "gzip"])
        let t = TestEnv.tempDir("squash-nonroot")
        defer { try? FileManager.default.removeItem(atPath: t) }
        chmod(t, 0o777)
        let r = try SquashFixtures.run("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", bin, "squash", "extract", "-d", t + "/out", img])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.err.contains("3 entries not created (not root)"), r.err)
        XCTAssertTrue(r.err.contains("dev/null: char device 1,3 (needs root)"), r.err)
        XCTAssertTrue(r.err.contains("owners of"), r.err)
        XCTAssertTrue(r.err.contains("trusted.t"), r.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: t + "/out/dev/null"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: t + "/out/dev"))
        // Everything else is there, with user xattrs and modes.
        var st = stat()
        XCTAssertEqual(lstat(t + "/out/modes/suid", &st), 0)
        XCTAssertEqual(st.st_mode & 0o7777, 0o4755)
        XCTAssertEqual(st.st_uid, 65534)
        XCTAssertEqual(lstat(t + "/out/hl/two", &st), 0)
        XCTAssertEqual(st.st_nlink, 3)
        XCTAssertEqual(try FS.read(t + "/out/big.bin"), try FS.read(try SquashFixtures.tree.get() + "/big.bin"))
        let x = try SquashFixtures.run("getfattr", ["--only-values", "-n", "user.comment", t + "/out/a.txt"])
        XCTAssertEqual(x.out, "hello xattr")
    }

    /// Identical files are decompressed once and copied; workers set each finished file's
    /// mode through its descriptor. An unreadable (mode 000) file whose data is shared must
    /// still be readable when its twin is copied from it: as an unprivileged user both come
    /// out whole, with mode 000, mtimes kept.
    func testUnprivilegedExtractCopiesUnreadableSharedData() throws {
        try SquashFixtures.require(["setpriv", "mksquashfs"])
        guard getuid() == 0 else { throw XCTSkip("needs root to drop to an unprivileged user with setpriv") }
        let bin = try SquashFixtures.imagetool()
        let t = TestEnv.tempDir("squash-shared000")
        defer { try? FileManager.default.removeItem(atPath: t) }
        let src = t + "/src"
        try FS.makeDirectories(src)
        let body = (0 ..< 10_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 3) }  // 2 blocks of 4 KiB + a tail
        for name in ["a-secret", "b-secret"] {
            try FS.writeAtomically(body, to: src + "/" + name)
            var times = [timespec(tv_sec: 1_600_000_123, tv_nsec: 0), timespec(tv_sec: 1_600_000_123, tv_nsec: 0)]
            XCTAssertEqual(utimensat(AT_FDCWD, src + "/" + name, &times, 0), 0)
            XCTAssertEqual(chmod(src + "/" + name, 0), 0)
        }
        let img = t + "/img.sqfs"
        let m = try SquashFixtures.run("mksquashfs", [src, img, "-noappend", "-quiet", "-no-progress", "-b", "4096", "-all-root"])
        XCTAssertEqual(m.status, 0, m.err)
        let image = try SquashImage(path: img)
        let tree = try image.readTree()
        guard case .squashfs(let ea) = tree.node(at: "a-secret")?.content, case .squashfs(let eb) = tree.node(at: "b-secret")?.content else {
            return XCTFail("files missing from the image")
        }
        XCTAssertEqual(ea.blocksStart, eb.blocksStart, "mksquashfs should store the twin's data once")
        chmod(t, 0o777)
        let r = try SquashFixtures.run("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", bin, "squash", "extract", "-d", t + "/out", img])
        XCTAssertEqual(r.status, 0, r.err)
        for name in ["a-secret", "b-secret"] {
            var st = stat()
            XCTAssertEqual(lstat(t + "/out/" + name, &st), 0, name)
            XCTAssertEqual(st.st_mode & 0o7777, 0, name)
            XCTAssertEqual(st.st_mtim.tv_sec, 1_600_000_123, name)
            XCTAssertEqual(try FS.read(t + "/out/" + name), body, name)  // read as root
        }
    }
}
