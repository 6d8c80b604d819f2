import Foundation
import CLITestSupport
import TestSupport
import XCTest

/// `imagetool inspect|unpack|repack` as a user runs them: stdout, stderr, exit codes.
final class FirmwareCLITests: XCTestCase {
    var dir = ""
    override func setUp() { dir = TestEnv.tempDir("fw-cli") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }


    func testInspectJSONCoversTheFile() throws {
        let path = try Images.fixture()
        let r = try InProcessCLI.run(["inspect", path, "--json"])
        XCTAssertEqual(r.status, 0, r.err)
        let j = try XCTUnwrap(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
        let regions = try XCTUnwrap(j["regions"] as? [[String: Any]])
        var pos = 0
        for g in regions {
            XCTAssertEqual(g["offset"] as? Int, pos)
            pos += g["size"] as? Int ?? 0
            XCTAssertNotNil(g["role"] as? String)
            for c in g["checksums"] as? [[String: Any]] ?? [] {
                XCTAssertEqual(c["verifies"] as? Bool, true)
                XCTAssertEqual(c["stored"] as? String, c["computed"] as? String)
                XCTAssertNotNil(c["kind"] as? String)
            }
        }
        XCTAssertEqual(pos, try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let kernel = try XCTUnwrap(j["kernel"] as? [String: Any])
        XCTAssertEqual(kernel["release"] as? String, TestEnv.fixtureFacts["RELEASE"])
        let facts = try XCTUnwrap(j["facts"] as? [String: Any])
        XCTAssertEqual(facts["kernelPackageVersion"] as? String, TestEnv.fixtureFacts["PKG_KERNEL_VERSION_OLD"])
        XCTAssertEqual(facts["vermagic"] as? String, TestEnv.fixtureFacts["VERMAGIC_OLD"])
        XCTAssertEqual((facts["kmods"] as? [String: String])?.keys.sorted(),
                       (TestEnv.fixtureFacts["INSTALLED_KMODS"] ?? "").split(separator: " ").map(String.init).sorted())
        XCTAssertEqual(facts["board"] as? String, TestEnv.fixtureFacts["BOARD"])
        XCTAssertEqual((j["rootfs"] as? [String: Any])?["compressor"] as? String, "xz")
        XCTAssertNotNil(j["metadata"] as? String)
    }

    func testUnpackEditRepackAndExitCodes() throws {
        let path = try Images.fixture()
        var r = try InProcessCLI.run(["unpack", path, "-d", dir + "/u"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/u/rootfs/etc/board.json"))
        // Existing folder without --force: usage error, exit 2.
        r = try InProcessCLI.run(["unpack", path, "-d", dir + "/u"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.err.hasPrefix("imagetool: "), r.err)
        // Unchanged repack is the same file.
        r = try InProcessCLI.run(["repack", dir + "/u", "-o", dir + "/same.bin"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(try readBytes(dir + "/same.bin"), try readBytes(path))
        // An edit gives a verified image.
        try writeBytes(Array("cli\n".utf8), dir + "/u/rootfs/etc/cli-added")
        r = try InProcessCLI.run(["repack", dir + "/u", "-o", dir + "/edit.bin", "--json"])
        XCTAssertEqual(r.status, 0, r.err)
        let j = try XCTUnwrap(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
        XCTAssertEqual(j["checksumsVerify"] as? Bool, true)
        // Too large for --max-size: refused, exit 3, one line with the numbers.
        r = try InProcessCLI.run(["repack", dir + "/u", "-o", dir + "/big.bin", "--max-size", "100000"])
        XCTAssertEqual(r.status, 3, r.err)
        XCTAssertEqual(r.err.split(separator: "\n").count, 1, r.err)
        XCTAssertTrue(r.err.contains("100000"), r.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/big.bin"))
    }

    func testCorruptImageIsOneLineExitOne() throws {
        var b = try readBytes(try Images.fixture())
        b.replaceSubrange(12 ..< 16, with: [0xff, 0xff, 0xff, 0xf0])
        try writeBytes(b, dir + "/bad.bin")
        let r = try InProcessCLI.run(["inspect", dir + "/bad.bin"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.err.split(separator: "\n").count, 1, r.err)
        XCTAssertTrue(r.err.hasPrefix("imagetool: \(dir)/bad.bin: read uImage header: offset 0xc: "), r.err)
        XCTAssertEqual(r.out, "")
    }
}
