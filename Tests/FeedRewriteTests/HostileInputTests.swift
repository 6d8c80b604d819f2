import BinaryIO
@testable import FeedRewrite
import Codecs
import TestSupport
import XCTest

/// Broken and hostile packages give one FormatError naming what was read, never a trap.
final class HostileInputTests: XCTestCase {
    func fixtureIPK() throws -> IPK {
        try Feeds.requireFixtures()
        let f = try XCTUnwrap(try PackagesIndex.ipkFiles(in: Feeds.fixtureFeed).first { $0.hasPrefix("kmod-imt-hello") })
        return try IPK.open(Feeds.fixtureFeed + "/" + f)
    }

    /// An ipk whose outer tar is `members`, gzip'd.
    func ipk(_ members: [TarMember]) throws -> [UInt8] { Deflate.deflate(try GNUTar.write(members), level: 6, framing: .gzip) }

    func testTruncatedGzip() throws {
        let good = try fixtureIPK().original
        for cut in [good.count / 2, good.count - 9, 12] {
            assertFormatError(try IPK(parsing: Array(good[0 ..< cut]), path: "t.ipk"), kind: .truncated)
        }
        var corrupt = good; corrupt[40] ^= 0xff; corrupt[41] ^= 0xff
        XCTAssertThrowsError(try IPK(parsing: corrupt)) { XCTAssertTrue($0 is FormatError) }
        assertFormatError(try IPK(parsing: Array("not a package".utf8)), kind: .invalid, contains: "neither")
    }

    func testTraversalAndAbsoluteNames() throws {
        let src = try fixtureIPK()
        for evil in ["../evil", "./../../etc/x", "/etc/passwd"] {
            var ms = src.members
            ms[0].name = evil
            assertFormatError(try IPK(parsing: try ipk(ms)), kind: .unsafePath)
            // the same inside data.tar.gz: listing refuses it
            var data = try ArchiveReader.read(src.dataArchive, context: "t")
            data[data.count - 1].name = evil
            var outer = src.members
            outer[1].data = Deflate.deflate(try GNUTar.write(data), level: 6, framing: .gzip)
            let p = try IPK(parsing: try ipk(outer))
            assertFormatError(try p.dataFiles(), kind: .unsafePath, contains: "data.tar.gz")
        }
    }

    /// A tar header declaring a 10 GiB member (GNU base-256 size field).
    func testHugeSizeField() throws {
        let src = try fixtureIPK()
        var tar = try GNUTar.write(src.members)
        let size: [UInt8] = [0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x80, 0, 0, 0]  // 10 GiB
        tar.replaceSubrange(124 ..< 136, with: size)
        tar.replaceSubrange(148 ..< 156, with: [UInt8](repeating: 0x20, count: 8))
        let sum = tar[0 ..< 512].reduce(0) { $0 + Int($1) }
        tar.replaceSubrange(148 ..< 156, with: Array(String(format6(sum)).utf8) + [0, 0x20])
        assertFormatError(try IPK(parsing: Deflate.deflate(tar, level: 6, framing: .gzip)), kind: .tooLarge, contains: "10737418240")
    }

    func format6(_ v: Int) -> String {
        let s = String(v, radix: 8)
        return String(repeating: "0", count: max(0, 6 - s.count)) + s
    }

    func testControlWithoutPackageAndMissingMembers() throws {
        let src = try fixtureIPK()
        var ctl = src.controlMembers
        for i in ctl.indices where ctl[i].name == "./control" { ctl[i].data = Array("Version: 1\nDescription: x\n".utf8) }
        var outer = src.members
        outer[2].data = Deflate.deflate(try GNUTar.write(ctl), level: 6, framing: .gzip)
        assertFormatError(try IPK(parsing: try ipk(outer), path: "np.ipk"), kind: .invalid, contains: "no Package: field")
        assertFormatError(try IPK(parsing: try ipk(Array(src.members.prefix(2)))), kind: .invalid, contains: "missing member control.tar.gz")
        var renamed = src.members
        renamed[2].data = Array(repeating: 0x41, count: 100)
        XCTAssertThrowsError(try IPK(parsing: try ipk(renamed))) { XCTAssertTrue($0 is FormatError, "\($0)") }
    }

    /// Seeded mutations of a real ipk never trap; each either reads or throws FormatError.
    func testSeededMutationsNeverTrap() throws {
        let good = try fixtureIPK().original
        var seed: UInt64 = 20261123
        print("HostileInputTests.testSeededMutationsNeverTrap seed \(seed)")
        func next() -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int(seed >> 33) }
        var failures = 0
        for _ in 0 ..< 300 {
            var b = good
            for _ in 0 ..< 1 + next() % 4 { b[next() % b.count] = UInt8(next() % 256) }
            do { let p = try IPK(parsing: b); _ = try? p.dataFiles() } catch is FormatError { failures += 1 } catch { XCTFail("non-FormatError \(error)") }
        }
        XCTAssertGreaterThan(failures, 0)
    }
}
