import BinaryIO
import CLITestSupport
import Foundation
import Platform
import Squash
import TestSupport
import XCTest

/// The project's own fixture images (fixtures/image sysupgrade with its embedded rootfs,
/// fixtures/apk-era rootfs): found with `--offset auto`, listed and extracted like
/// unsquashfs, and every byte of their superblock and tables corrupted in turn plus every
/// truncation length — reading never traps, it succeeds or throws one FormatError.
/// SQUASH_FIXTURE_DIR overrides the folder (for images not yet merged into a branch).
final class SquashProjectFixtureTests: XCTestCase {
    func images() throws -> [String] {
        let dir = ProcessInfo.processInfo.environment["SQUASH_FIXTURE_DIR"]
        let cands = dir.map { d in ["sysupgrade.bin", "rootfs.sqfs"].map { d + "/" + $0 } }
            ?? [TestEnv.fixtures + "/image/imagetool-fixture-squashfs-sysupgrade.bin", TestEnv.fixtures + "/apk-era/rootfs.sqfs"]
        let found = cands.filter { FileManager.default.fileExists(atPath: $0) }
        if found.isEmpty { throw XCTSkip("project fixture images not present (fixtures/ from main not merged yet)") }
        return found
    }

    func testListAndExtractLikeUnsquashfs() throws {
        try SquashFixtures.require(["unsquashfs", "python3"])
        _ = try SquashFixtures.tree.get()
        for file in try images() {
            let offset = try SuperblockFinder.first(in: file)
            let u = try SquashFixtures.run("unsquashfs", ["-lls", "-o", "\(offset)", file], env: ["TZ": "UTC"])
            let expected = u.out.split(separator: "\n").filter { $0.range(of: #"^[-dlcbps][-rwxsStT]{9} "#, options: .regularExpression) != nil }.map(String.init)
            let ours = try InProcessCLI.run(["squash", "ls", "-l", "--offset", "auto", file])
            XCTAssertEqual(ours.status, 0, ours.err)
            XCTAssertEqual(ours.out.split(separator: "\n").map(String.init), expected, file)
            let t = TestEnv.tempDir("squash-projfx")
            defer { try? FileManager.default.removeItem(atPath: t) }
            XCTAssertEqual(try SquashFixtures.run("unsquashfs", ["-q", "-n", "-o", "\(offset)", "-d", t + "/x1", file]).status, 0)
            XCTAssertEqual(try InProcessCLI.run(["squash", "extract", "-q", "--offset", "auto", "-d", t + "/x2", file]).status, 0)
            XCTAssertEqual(try SquashFixtures.manifest(dir: t + "/x1"), try SquashFixtures.manifest(dir: t + "/x2"), file)
        }
    }

    /// Exhaustive: each byte of the superblock and tables set to three values, then every
    /// truncation of the used bytes.
    func testEveryTableByteAndTruncation() throws {
        let t = TestEnv.tempDir("squash-projfx-mut")
        defer { try? FileManager.default.removeItem(atPath: t) }
        for file in try images() {
            let offset = try SuperblockFinder.first(in: file)
            let all = try FS.read(file)
            let bytes = Array(all[Int(offset)...])
            let sb = try Superblock(parsing: Array(bytes[0 ..< 96]), imageSize: UInt64(bytes.count))
            let used = Int(sb.bytesUsed)
            let positions = Array(0 ..< Int(sb.inodeTableStart)).filter { $0 < 96 || sb.flags.contains(.compressorOptions) }
                + Array(Int(sb.inodeTableStart) ..< used)
            var rejected = 0
            let p = t + "/m.sqfs"
            for pos in positions {
                for v: UInt8 in [0x00, 0xFF, bytes[pos] ^ 0x01] where v != bytes[pos] {
                    var b = bytes
                    b[pos] = v
                    try SquashFixtures.scratch(b, to: p)
                    if let e = SquashMutationTests.exercise(p) {
                        XCTAssertTrue(e is FormatError, "\(file) byte \(pos) = \(v): \(e)")
                        rejected += 1
                    }
                }
            }
            for n in 0 ..< used {
                try SquashFixtures.scratch(Array(bytes[0 ..< n]), to: p)
                let e = SquashMutationTests.exercise(p)
                XCTAssertTrue(e is FormatError, "\(file) truncated to \(n): \(String(describing: e))")
            }
            XCTAssertGreaterThan(rejected, positions.count, file)
            print("SquashProjectFixtureTests: \(file): \(positions.count) bytes x 3 values, \(rejected) rejected; \(used) truncations rejected")
        }
    }
}
