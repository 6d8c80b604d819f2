import XCTest
import BinaryIO
import Platform
import Apk
import CLITestSupport
import TestSupport

/// Runs the built `imagetool apk …` commands and checks stdout, stderr and exit codes.
final class ApkCLITests: XCTestCase {

    func testKeygenIndexVerifyRoundTrip() throws {
        let dir = TestEnv.tempDir("apk-cli")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FS.makeDirectories(dir + "/keys")
        let gen = try InProcessCLI.run(["apk", "keygen", "--secret", dir + "/s.pem", "--public", dir + "/keys/p.pem"])
        XCTAssertEqual(gen.status, 0, gen.err)
        XCTAssertTrue(gen.out.hasPrefix("key id "), gen.out)
        let again = try InProcessCLI.run(["apk", "keygen", "--secret", dir + "/s.pem", "--public", dir + "/keys/p.pem"])
        XCTAssertEqual(again.status, 3)
        XCTAssertTrue(again.err.hasPrefix("imagetool: generate key: "), again.err)
        XCTAssertEqual(again.err.filter { $0 == "\n" }.count, 1)

        let src = try ApkRealDataTests.stangri
        try FS.makeDirectories(dir + "/feed")
        for f in try FS.list(src) where f.hasSuffix(".apk") {
            try FS.writeAtomically(try FS.read(src + "/" + f), to: dir + "/feed/" + f)
        }
        let idx = try InProcessCLI.run(["apk", "index", dir + "/feed", "--sign", dir + "/s.pem"])
        XCTAssertEqual(idx.status, 0, idx.err)
        XCTAssertTrue(idx.out.contains("13 packages, signed with key id"), idx.out)
        let ok = try InProcessCLI.run(["apk", "verify", dir + "/feed", "--keys", dir + "/keys", "--json"])
        XCTAssertEqual(ok.status, 0, ok.err)
        let json = try JSONSerialization.jsonObject(with: ok.stdout) as? [String: Any]
        XCTAssertEqual(json?["entries"] as? Int, 13)

        // The original stangri key does not verify our index: exit 1, one error line.
        let bad = try InProcessCLI.run(["apk", "verify", dir + "/feed", "--keys", FS.dirname(of: dir + "/s.pem") + "/nokeys"])
        XCTAssertEqual(bad.status, 1)
        try FS.makeDirectories(dir + "/other")
        try FS.writeAtomically(try FS.read(src + "/apk.openwrt.melmac.ca.pem"), to: dir + "/other/k.pem")
        let wrong = try InProcessCLI.run(["apk", "verify", dir + "/feed", "--keys", dir + "/other"])
        XCTAssertEqual(wrong.status, 1)
        XCTAssertTrue(wrong.err.contains("index signature not verified"), wrong.err)
        XCTAssertEqual(wrong.err.filter { $0 == "\n" }.count, 1)
    }

    func testShowAndCorruptFile() throws {
        let pkg = try ApkRealDataTests.sora + "/kmod-tun-6.12.74-r1.apk"
        let show = try InProcessCLI.run(["apk", "show", pkg])
        XCTAssertEqual(show.status, 0, show.err)
        XCTAssertTrue(show.out.contains("kernel: 6.12.74~ea63eca8388c3b20e2a7a5d5cbdbc7e1-r1"), show.out)
        let dir = TestEnv.tempDir("apk-cli-bad")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var (_, plain) = try ADBContainer.decode(try FS.read(pkg))
        plain.replaceSubrange(8 ..< 12, with: [0xf0, 0xff, 0xff, 0x3f])
        try FS.writeAtomically(plain, to: dir + "/bad.apk")
        let bad = try InProcessCLI.run(["apk", "show", dir + "/bad.apk"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.err.hasPrefix("imagetool: \(dir)/bad.apk: read ADB blocks: offset 0x8: "), bad.err)
        XCTAssertEqual(bad.err.filter { $0 == "\n" }.count, 1)
    }

    func testRebaseFromInstalledDatabase() throws {
        let facts = try ApkRebaseTests.fixture()
        let dir = TestEnv.tempDir("apk-cli-rebase")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FS.makeDirectories(dir + "/keys")
        let r = try InProcessCLI.run(["apk", "rebase", try ApkRealDataTests.sora, "-o", dir + "/out",
                             "--installed", TestEnv.fixtures + "/apk-era/rootfs/lib/apk/db/installed",
                             "--key", TestEnv.fixtures + "/" + (facts["PRIVATE_KEY"] ?? ""), "--json"])
        XCTAssertEqual(r.status, 0, r.err)
        let json = try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any]
        XCTAssertEqual(json?["toKernel"] as? String, facts["IMAGE_KERNEL"])
        XCTAssertEqual(json?["signedBy"] as? String, facts["KEY_ID"])
        // The image's own trusted keys (rootfs/etc/apk/keys) accept the new index.
        let v = try InProcessCLI.run(["apk", "verify", dir + "/out", "--keys", TestEnv.fixtures + "/apk-era/rootfs/etc/apk/keys"])
        XCTAssertEqual(v.status, 0, v.out + v.err)
        let usage = try InProcessCLI.run(["apk", "rebase", dir + "/out", "-o", dir + "/x"])
        XCTAssertEqual(usage.status, 2)
    }
}
