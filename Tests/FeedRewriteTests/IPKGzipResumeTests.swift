import BinaryIO
@testable import FeedRewrite
import Codecs
import Foundation
import Platform
import TestSupport
import XCTest

/// `IPK.rewritingControl` on every kmod ipk of a real feed: the kernel dependency hash
/// changes; large packages reuse the input's deflate blocks for debian-binary and
/// data.tar.gz (`Deflate.resumeGzip`), small ones store data.tar.gz (stored blocks) when it
/// is incompressible; GNU tar/gzip accept every result and sizes stay within 1%.
final class IPKGzipResumeTests: XCTestCase {
    func testEveryRealKmodIpkRewritesWithResume() throws {
        guard let root = TestEnv.realdata else { throw XCTSkip("../shared/realdata is absent") }
        let feed = root + "/AngryMuppet1991__openwrt_core"
        guard FS.isRegularFile(feed + "/Packages") else { throw XCTSkip("\(feed) is absent") }
        let gzip = try Feeds.tool("gzip"), tar = try Feeds.tool("tar")
        let dir = TestEnv.tempDir("ipk-resume")
        defer { try? FS.removeTree(dir) }
        var n = 0, resumed = 0, stored = 0, resumedSize = 0, fullSize = 0
        var worst = 0.0
        for f in try PackagesIndex.ipkFiles(in: feed) where f.hasPrefix("kmod-") {
            let ipk = try IPK.open(feed + "/" + f)
            var c = ipk.control
            let dep = try Relationship(parsing: try XCTUnwrap(c["Depends"], f))
            let k = try XCTUnwrap(dep.terms.first { $0.name == "kernel" }, f)
            c.set("Depends", dep.replacing(k, with: "kernel (=5.15.134-1-0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f)"))
            let out = try ipk.rewritingControl(c)
            let full = try ipk.rewritingControl(c, reuseCompressed: false)
            let back = try IPK(parsing: out)
            XCTAssertTrue(back.outerTar == (try IPK(parsing: full)).outerTar, "\(f): same outer tar as a full deflate")
            XCTAssertTrue(back.dataArchive == ipk.dataArchive, "\(f): data.tar.gz byte-identical")
            XCTAssertEqual(back.control["Depends"], c["Depends"], f)
            n += 1
            if out != full {
                resumed += 1
                resumedSize += out.count
                fullSize += full.count
                worst = max(worst, Double(out.count) / Double(full.count))
                if (try Deflate.resumeGzip(original: ipk.original, newUncompressed: back.outerTar)) != nil {
                    XCTAssertLessThanOrEqual(Double(out.count), Double(full.count) * 1.01, "\(f): resumed size within 1% of a full deflate")
                    XCTAssertTrue(out.prefix(10) == ipk.original.prefix(10), "\(f): the input's gzip header is kept")
                } else {
                    // Stored data.tar.gz: the 8 KiB sample said incompressible; a few small
                    // packages still lose up to ~3% against a full deflate (the total wins).
                    stored += 1
                    XCTAssertFalse(IPK.stillCompressible(ipk.dataArchive), f)
                    XCTAssertLessThanOrEqual(Double(out.count), Double(full.count) * 1.04, "\(f): stored size within 4% of a full deflate")
                }
            }
            let p = dir + "/" + f
            try FS.writeAtomically(out, to: p)
            let t = try TestSupport.run(gzip, ["-t", p])
            XCTAssertEqual(t.status, 0, "\(f): gzip -t: \(t.err)")
            let listed = try TestSupport.run(tar, ["tzvf", p]), before = try TestSupport.run(tar, ["tzvf", feed + "/" + f])
            XCTAssertEqual(listed.status, 0, "\(f): tar tzvf: \(listed.err)")
            // Same members in the same order; debian-binary and data.tar.gz lines unchanged.
            let a = listed.out.split(separator: "\n"), b = before.out.split(separator: "\n")
            XCTAssertEqual(a.map { $0.split(separator: " ").last }, b.map { $0.split(separator: " ").last }, f)
            XCTAssertEqual(Array(a.prefix(2)), Array(b.prefix(2)), f)
            try FS.removeTree(p)
        }
        print("IPKGzipResumeTests: \(n) kmod ipks, \(resumed - stored) resumed, \(stored) stored; re-encoded total \(resumedSize) B vs full deflate \(fullSize) B (worst ratio \(worst))")
        XCTAssertEqual(n, 579)
        XCTAssertGreaterThan(resumed - stored, 10)
        XCTAssertGreaterThan(stored, 10)
        XCTAssertLessThanOrEqual(Double(resumedSize), Double(fullSize) * 1.01)
    }
}
