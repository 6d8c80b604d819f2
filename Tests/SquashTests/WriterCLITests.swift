import BinaryIO
import CLITestSupport
import Digests
import Foundation
import Platform
import Squash
import TestSupport
import XCTest

/// `imagetool squash create|add|remove` end to end: stdout, stderr, exit codes, and the
/// images checked with unsquashfs and our reader.
final class WriterCLITests: XCTestCase {
    var dir = ""
    override func setUp() { dir = TestEnv.tempDir("writer-cli") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func imagetool(_ args: [String], env: [String: String]? = nil) throws -> RunResult {
        try InProcessCLI.run(args, env: env)
    }

    func smallTree() throws -> String {
        let src = dir + "/src"
        try FileManager.default.createDirectory(atPath: src + "/bin", withIntermediateDirectories: true)
        try Data(repeating: 0x41, count: 100_000).write(to: URL(fileURLWithPath: src + "/bin/a"))
        try Data("hello\n".utf8).write(to: URL(fileURLWithPath: src + "/hello"))
        return src
    }

    func testCreateIsDeterministicAndHonoursTimes() throws {
        let src = try smallTree()
        let args = ["squash", "create", src, "--comp", "xz", "--block-size", "64K", "--mkfs-time", "5", "--all-time", "7"]
        let a = try imagetool(args + ["-o", dir + "/a.sqfs"])
        XCTAssertEqual(a.status, 0, a.err)
        XCTAssertTrue(a.out.contains("inodes"), a.out)
        XCTAssertEqual(try imagetool(args + ["-o", dir + "/b.sqfs"]).status, 0)
        XCTAssertEqual(try FS.read(dir + "/a.sqfs"), try FS.read(dir + "/b.sqfs"))
        let img = try SquashImage(path: dir + "/a.sqfs")
        XCTAssertEqual(img.superblock.modificationTime, 5)
        XCTAssertEqual(img.superblock.blockSize, 65536)
        XCTAssertEqual(img.superblock.compressor, .xz)
        try img.readTree().walk { path, n in XCTAssertEqual(n.mtime, 7, path) }

        // SOURCE_DATE_EPOCH sets the creation time and every inode's time.
        var env = ProcessInfo.processInfo.environment
        env["SOURCE_DATE_EPOCH"] = "1234567"
        let c = try imagetool(["squash", "create", src, "-o", dir + "/c.sqfs", "--quiet"], env: env)
        XCTAssertEqual(c.status, 0, c.err)
        XCTAssertEqual(c.out, "")
        let ci = try SquashImage(path: dir + "/c.sqfs")
        XCTAssertEqual(ci.superblock.modificationTime, 1_234_567)
        try ci.readTree().walk { path, n in XCTAssertEqual(n.mtime, 1_234_567, path) }
    }

    func testOpenWrtSettings() throws {
        let src = try smallTree()
        let r = try imagetool(["squash", "create", src, "-o", dir + "/o.sqfs", "--openwrt", "--mkfs-time", "99", "--json"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("\"bytesUsed\""), r.out)
        let img = try SquashImage(path: dir + "/o.sqfs")
        XCTAssertEqual(img.superblock.blockSize, 262144)
        XCTAssertEqual(img.superblock.compressor, .xz)
        XCTAssertEqual(img.superblock.bytesUsed, try FS.size(dir + "/o.sqfs"), "-nopad")
        let tree = try img.readTree()
        XCTAssertEqual(tree.node(at: "dev/console")?.device, Device(major: 5, minor: 1))
        tree.walk { path, n in XCTAssertEqual(n.uid, 0, path); XCTAssertEqual(n.gid, 0, path) }
        if let unsquashfs = WriterFixture.tool("unsquashfs") {
            let u = try TestSupport.run(unsquashfs, ["-s", dir + "/o.sqfs"])
            XCTAssertEqual(u.status, 0, u.err)
            XCTAssertTrue(u.out.contains("Block size 262144"), u.out)
        }
    }

    /// `squash create --openwrt` and a library caller using `SquashWriterOptions.openWrt`
    /// write the same bytes: BCJ chosen from the ELF files, /dev and /dev/console included.
    func testOpenWrtFlagAndLibraryPresetAgree() throws {
        let src = try smallTree()
        try FileManager.default.copyItem(atPath: "/bin/true", toPath: src + "/bin/true")
        let r = try imagetool(["squash", "create", src, "-o", dir + "/cli.sqfs", "--openwrt", "--mkfs-time", "99", "--quiet"])
        XCTAssertEqual(r.status, 0, r.err)
        let tree = try TreeSource.merging([src], rootTime: 99)
        try SquashWriter.write(tree, to: dir + "/lib.sqfs", options: .openWrt(time: 99))
        XCTAssertEqual(try FS.read(dir + "/cli.sqfs"), try FS.read(dir + "/lib.sqfs"))
        let img = try SquashImage(path: dir + "/lib.sqfs")
        XCTAssertTrue(img.codec.settings.contains { $0.0 == "filters" && $0.1 == "x86" }, "\(img.codec.settings)")
        XCTAssertEqual(try img.readTree().node(at: "dev/console")?.device, Device(major: 5, minor: 1))
        // --xz-bcj none overrides the preset's choice.
        let none = try imagetool(["squash", "create", src, "-o", dir + "/none.sqfs", "--openwrt", "--mkfs-time", "99", "--xz-bcj", "none"])
        XCTAssertEqual(none.status, 0, none.err)
        let noneSettings = try SquashImage(path: dir + "/none.sqfs").codec.settings
        XCTAssertTrue(noneSettings.contains { $0.0 == "filters" && $0.1 == "none" }, "\(noneSettings)")
    }

    func testAddAndRemoveOnRealFirmware() throws {
        guard let real = TestEnv.realdata else { throw XCTSkip("../shared/realdata absent") }
        let fw = real + "/" + WriterSizeTests.lordWood
        try Data("new module".utf8).write(to: URL(fileURLWithPath: dir + "/x.ko"))
        let a = try imagetool(["squash", "add", fw, "lib/modules/extra/x.ko=" + dir + "/x.ko", "-o", dir + "/added.sqfs", "--json"])
        XCTAssertEqual(a.status, 0, a.err)
        XCTAssertTrue(a.out.contains("\"copiedBlocks\" : 10"), a.out)
        let img = try SquashImage(path: dir + "/added.sqfs")
        let n = try XCTUnwrap(img.readTree().node(at: "lib/modules/extra/x.ko"))
        guard case .squashfs(let e) = n.content else { return XCTFail("content") }
        XCTAssertEqual(try img.data.contents(of: e), Array("new module".utf8))

        let r = try imagetool(["squash", "remove", dir + "/added.sqfs", "/lib/modules/extra", "-o", dir + "/removed.sqfs"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertNil(try SquashImage(path: dir + "/removed.sqfs").readTree().node(at: "lib/modules/extra"))

        let missing = try imagetool(["squash", "remove", dir + "/added.sqfs", "no/such", "-o", dir + "/m.sqfs"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.err.contains("no/such is not in the image"), missing.err)
        XCTAssertFalse(FS.exists(dir + "/m.sqfs"))
    }

    /// `--offset` means one thing in every command: the superblock's byte offset in the
    /// input file, decimal or 0x hex, or `auto`; readers default to 0, add/remove to auto.
    func testOffsetMeansTheSameEverywhere() throws {
        guard let real = TestEnv.realdata else { throw XCTSkip("../shared/realdata absent") }
        let fw = real + "/" + WriterSizeTests.lordWood
        var infos: [String] = []
        for off in ["0xE9CE8", "0xe9ce8", "957672", "auto"] {
            let r = try imagetool(["squash", "info", "--offset", off, fw, "--json"])
            XCTAssertEqual(r.status, 0, "\(off): \(r.err)")
            XCTAssertTrue(r.out.contains("\"offset\" : 957672"), r.out)
            infos.append(r.out)
        }
        XCTAssertEqual(Set(infos).count, 1, "every spelling opens the same squashfs")
        XCTAssertNotEqual(try imagetool(["squash", "info", fw]).status, 0, "the readers' default is offset 0")
        try Data("m".utf8).write(to: URL(fileURLWithPath: dir + "/m.ko"))
        var images: [[UInt8]] = []
        for off in [nil, "auto", "0xE9CE8", "957672"] {
            let out = dir + "/a-\(off ?? "default").sqfs"
            let r = try imagetool(["squash", "add", fw, "m.ko=" + dir + "/m.ko", "-o", out] + (off.map { ["--offset", $0] } ?? []))
            XCTAssertEqual(r.status, 0, "\(off ?? "default"): \(r.err)")
            images.append(try FS.read(out))
        }
        XCTAssertEqual(Set(images.map { Hex.encode(Digest.hash(.sha256, $0)) }).count, 1, "add: the default is auto, and every spelling agrees")
        let rm = try imagetool(["squash", "remove", fw, "etc/banner", "--offset", "0xE9CE8", "-o", dir + "/r.sqfs"])
        XCTAssertEqual(rm.status, 0, rm.err)
        for cmd in [["squash", "info", fw], ["squash", "add", fw, "m.ko=" + dir + "/m.ko", "-o", dir + "/x.sqfs"]] {
            let bad = try imagetool(cmd + ["--offset", "0xZZ"])
            XCTAssertEqual(bad.status, 2, bad.err)
            XCTAssertTrue(bad.err.contains("--offset"), bad.err)
        }
    }

    func testUsageErrors() throws {
        let src = try smallTree()
        let bad = try imagetool(["squash", "create", src, "-o", dir + "/x.sqfs", "--comp", "brotli"])
        XCTAssertEqual(bad.status, 2, bad.err)
        XCTAssertTrue(bad.err.contains("unknown compressor"), bad.err)
        let bs = try imagetool(["squash", "create", src, "-o", dir + "/x.sqfs", "--block-size", "3000"])
        XCTAssertEqual(bs.status, 2, bs.err)
        let add = try imagetool(["squash", "add", dir + "/nope.sqfs", "a", "-o", dir + "/y.sqfs"])
        XCTAssertEqual(add.status, 1, add.err)
    }
}
