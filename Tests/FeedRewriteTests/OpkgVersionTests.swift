@testable import FeedRewrite
import TestSupport
import XCTest

final class OpkgVersionTests: XCTestCase {
    func testParseKernelStyles() {
        let a = OpkgVersion("5.15.137-1-40d241266c049468fd1eeac34d3457e0")
        XCTAssertEqual(a.upstream, "5.15.137-1"); XCTAssertEqual(a.revision, "40d241266c049468fd1eeac34d3457e0"); XCTAssertEqual(a.epoch, 0)
        let b = OpkgVersion("6.6.110~ea63b1c9-r1")
        XCTAssertEqual(b.upstream, "6.6.110~ea63b1c9"); XCTAssertEqual(b.revision, "r1")
        let c = OpkgVersion("2:1.0")
        XCTAssertEqual(c.epoch, 2); XCTAssertEqual(c.upstream, "1.0"); XCTAssertNil(c.revision)
    }

    func testOrdering() {
        let ordered = ["1.0~rc1", "1.0", "1.0-1", "1.0a", "1.0+b", "1.1", "1.10", "2:0.1"]
        for i in ordered.indices { for j in ordered.indices {
            let r = OpkgVersion.compare(OpkgVersion(ordered[i]), OpkgVersion(ordered[j]))
            XCTAssertEqual(r.signum(), (i < j ? -1 : i > j ? 1 : 0), "\(ordered[i]) vs \(ordered[j])")
        } }
        XCTAssertTrue(OpkgVersion("6.6.110~aaa-r1") < OpkgVersion("6.6.110-r1"))
        XCTAssertEqual(OpkgVersion("1.00"), OpkgVersion("1.0"))
    }

    /// Seeded comparison against dpkg --compare-versions, an independent implementation of the same rules.
    func testAgainstDpkg() throws {
        let dpkg = try Feeds.tool("dpkg")
        var seed: UInt64 = 0x5eed_0f_0f_ee
        print("OpkgVersionTests.testAgainstDpkg seed \(seed)")
        func next() -> UInt64 { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return seed >> 33 }
        let alphabet = Array("0123456789.~+abz")
        func gen() -> String {
            var s = String(Int(next() % 10))
            for _ in 0 ..< Int(next() % 6) { s.append(alphabet[Int(next() % UInt64(alphabet.count))]) }
            if next() % 2 == 0 { s += "-" + String(Int(next() % 5)) + (next() % 2 == 0 ? "~r" : "") }
            if next() % 5 == 0 { s = "\(next() % 3):" + s }
            return s
        }
        for _ in 0 ..< 60 {
            let a = gen(), b = gen()
            let ours = OpkgVersion.compare(OpkgVersion(a), OpkgVersion(b)).signum()
            let lt = try TestSupport.run(dpkg, ["--compare-versions", a, "lt", b]).status == 0
            let gt = try TestSupport.run(dpkg, ["--compare-versions", a, "gt", b]).status == 0
            XCTAssertEqual(ours, lt ? -1 : gt ? 1 : 0, "\(a) vs \(b)")
        }
    }
}
