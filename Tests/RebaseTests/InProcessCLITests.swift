import CLITestSupport
import Foundation
import TestSupport
import XCTest

/// The in-process runner the CLI tests use writes exactly what the real binary writes: same
/// stdout, stderr and exit code for success, usage errors, bad input, help and JSON — and
/// the real binary's process exit codes are the documented ones (0, 1, 2, 3).
final class InProcessCLITests: XCTestCase {
    func testInProcessMatchesTheBinaryByteForByte() throws {
        let sqfs = TestEnv.fixtures + "/apk-era/rootfs.sqfs"
        guard FileManager.default.fileExists(atPath: sqfs) else { throw XCTSkip("fixtures not generated") }
        let cases: [[String]] = [
            ["version"], ["version", "--json"], ["--version"], ["--help"], ["squash", "add", "--help"],
            ["bogus"], ["squash", "info", "--offset", "nope", sqfs], ["modcheck"],
            ["squash", "info", sqfs], ["squash", "info", "--json", sqfs], ["squash", "ls", "-l", sqfs],
            ["squash", "info", "/dev/null"], ["squash", "ls", "--offset", "auto", sqfs, "--verbose"],
            ["snapshot"], ["vermagic", TestEnv.fixtures + "/config/old.config"],
        ]
        for args in cases {
            let real = try TestEnv.imagetool(args)
            let inProcess = try InProcessCLI.run(args)
            XCTAssertEqual(inProcess.status, real.status, "\(args)")
            XCTAssertEqual(inProcess.out, real.out, "\(args)")
            XCTAssertEqual(inProcess.err, real.err, "\(args)")
        }
    }

    func testTheBinaryExitsWithTheDocumentedCodes() throws {
        XCTAssertEqual(try TestEnv.imagetool(["version"]).status, 0)
        XCTAssertEqual(try TestEnv.imagetool(["squash", "info", "/dev/null"]).status, 1)
        XCTAssertEqual(try TestEnv.imagetool(["squash", "info"]).status, 2)
        XCTAssertEqual(try TestEnv.imagetool(["no-such-command"]).status, 2)
        let old = TestEnv.fixtures + "/config/old.config", abi = TestEnv.fixtures + "/config/abi.config"
        guard FileManager.default.fileExists(atPath: abi) else { throw XCTSkip("fixture configs not generated") }
        XCTAssertEqual(try TestEnv.imagetool(["vermagic", "explain", old, abi]).status, 3)
    }
}
