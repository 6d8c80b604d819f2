import BinaryIO
import CLITestSupport
import Foundation
import TestSupport
import XCTest

/// `imagetool rebase` on an apk-era (OpenWrt 25.x) feed, detected automatically: the real
/// sora-shao kmod feed onto the apk-era fixture rootfs (kernel at another hash).
final class ApkRebaseCLITests: XCTestCase {
    func testRealApkFeedRebasesOntoApkEraImage() throws {
        guard let real = TestEnv.realdata else { throw XCTSkip("../shared/realdata is absent: apk rebase not tested") }
        let feed = real + "/sora-shao__openwrt-kmods"
        let rootfs = TestEnv.fixtures + "/apk-era/rootfs.sqfs"
        let key = TestEnv.fixtures + "/apk-era/keys/fixture.pem"
        let tmp = TestEnv.tempDir("apkrebase")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        // No config, no feed kernel: no proof, refused with exit 3 and nothing written.
        let refused = try InProcessCLI.run(["rebase", feed, "--kernel", rootfs, "-o", tmp + "/out", "--key", key])
        XCTAssertEqual(refused.status, 3, refused.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: tmp + "/out"))
        let r = try InProcessCLI.run(["rebase", feed, "--kernel", rootfs, "-o", tmp + "/out", "--key", key, "--force", "--json"])
        XCTAssertEqual(r.status, 0, r.err)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
        let pk = try XCTUnwrap(report["packages"] as? [[String: Any]])
        let rewritten = pk.filter { $0["action"] as? String == "rewritten" }
        XCTAssertGreaterThan(rewritten.count, 20)
        let env = try String(contentsOfFile: TestEnv.fixtures + "/apk-era/apk-era.env", encoding: .utf8)
        let imageKernel = try XCTUnwrap(env.split(separator: "\n").first { $0.hasPrefix("IMAGE_KERNEL=") }?.dropFirst("IMAGE_KERNEL=".count))
        for p in rewritten { XCTAssertTrue((p["detail"] as? [String])?.first?.hasSuffix("kernel=\(imageKernel)") == true) }
        XCTAssertEqual(report["forced"] as? Bool, true)
        // The new index verifies with the fixture's public key (and `feed verify` detects apk).
        let keys = tmp + "/keys"
        try FileManager.default.createDirectory(atPath: keys, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: TestEnv.fixtures + "/apk-era/keys/fixture.pub.pem", toPath: keys + "/fixture.pub.pem")
        let v = try InProcessCLI.run(["feed", "verify", tmp + "/out", "--keys", keys])
        XCTAssertEqual(v.status, 0, v.out + v.err)
        XCTAssertTrue(FileManager.default.fileExists(atPath: tmp + "/out/imagetool-rebase.json"))
    }
}
