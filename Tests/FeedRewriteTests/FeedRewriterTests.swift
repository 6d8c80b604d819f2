import BinaryIO
@testable import FeedRewrite
import Digests
import Platform
import TestSupport
import XCTest

final class FeedRewriterTests: XCTestCase {
    func snapshot(_ dir: String) throws -> [String: String] {
        var m: [String: String] = [:]
        for f in try FeedRewriter.files(in: dir) { m[f] = Hex.encode(Digest.sha256(try FS.read(dir + "/" + f))) }
        return m
    }

    /// The rebase use case on the fixture feed: every `kernel (=NEW)` term becomes
    /// `kernel (=NEW) | kernel (=OLD)`; the output verifies with the demo key and with
    /// signify-openbsd, payloads are untouched and the input feed is unchanged.
    func testRewriteKernelDependencyIntoAlternatives() throws {
        try Feeds.requireFixtures()
        let facts = TestEnv.fixtureFacts
        let new = try XCTUnwrap(facts["PKG_KERNEL_VERSION_NEW"]), old = try XCTUnwrap(facts["PKG_KERNEL_VERSION_OLD"])
        let input = try Feeds.copy(Feeds.fixtureFeed)
        let outRoot = TestEnv.tempDir("rewrite")
        defer { try? FS.removeTree(input); try? FS.removeTree(outRoot) }
        let before = try snapshot(input)
        let feed = try Feed.open(input)
        let kmods = feed.stanzas.compactMap { $0["Package"] }.filter { $0.hasPrefix("kmod-") }
        XCTAssertEqual(kmods.count, 3)
        let edit: FeedRewriter.Edit = { c in
            var c = c
            try c.rewriteRelationship("Depends", where: { $0.name == "kernel" && $0.version == new }) { "\($0.render()) | kernel (=\(old))" }
            return c
        }
        let out = outRoot + "/feed"
        let report = try FeedRewriter.rewrite(input: input, output: out, edits: Dictionary(uniqueKeysWithValues: kmods.map { ($0, edit) }),
                                              key: try Usign.SecretKey.open(Feeds.demoSec))
        XCTAssertEqual(report.rewritten.count, 3)
        XCTAssertEqual(try snapshot(input), before, "input feed modified")
        let v = try Feed.verify(out, keys: .key(try Usign.PublicKey.open(Feeds.demoPub)))
        XCTAssertTrue(v.ok)
        let signify = try Feeds.tool("signify-openbsd")
        XCTAssertEqual(try TestSupport.run(signify, ["-V", "-p", Feeds.demoPub, "-m", out + "/Packages", "-x", out + "/Packages.sig"]).status, 0)
        for name in kmods {
            let s = try XCTUnwrap(try Feed.open(out).stanza(named: name))
            let dep = try Relationship(parsing: try XCTUnwrap(s["Depends"]))
            let k = dep.groups.first { $0.first?.name == "kernel" }
            XCTAssertEqual(k?.compactMap(\.version), [new, old], name)
            XCTAssertTrue(k?.contains { $0.isSatisfied(by: "kernel", version: old) } ?? false)
            let a = try IPK.open(input + "/" + (s["Filename"] ?? "")), b = try IPK.open(out + "/" + (s["Filename"] ?? ""))
            XCTAssertEqual(a.dataArchive, b.dataArchive)
            // other fields byte-identical, in order
            XCTAssertEqual(a.control.fields.filter { $0.name != "Depends" }, b.control.fields.filter { $0.name != "Depends" })
        }
        // The kernel ipk (not indexed) was copied unchanged.
        let kernel = try XCTUnwrap(try PackagesIndex.ipkFiles(in: input).first { $0.hasPrefix("kernel_") })
        XCTAssertEqual(try FS.read(out + "/" + kernel), try FS.read(input + "/" + kernel))
    }

    /// A stale index entry stops the rewrite before anything is written.
    func testStaleEntryRefusedBeforeWriting() throws {
        try Feeds.requireFixtures()
        let input = try Feeds.copy(Feeds.fixtureFeed)
        let outRoot = TestEnv.tempDir("rewrite")
        defer { try? FS.removeTree(input); try? FS.removeTree(outRoot) }
        let f = try XCTUnwrap(try PackagesIndex.ipkFiles(in: input).first { $0.hasPrefix("kmod-imt-extra") })
        try FS.writeAtomically(try FS.read(input + "/" + f) + [0], to: input + "/" + f)
        assertFormatError(try FeedRewriter.rewrite(input: input, output: outRoot + "/o", edits: ["kmod-imt-extra": { $0 }], key: nil),
                          kind: .checksum, contains: "kmod-imt-extra")
        XCTAssertFalse(FS.exists(outRoot + "/o"))
        assertFormatError(try FeedRewriter.rewrite(input: input, output: input + "/", edits: [:], key: nil), kind: .usage)
    }
}
