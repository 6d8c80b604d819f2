import BinaryIO
@testable import FeedRewrite
import Platform
import TestSupport
import XCTest

final class FeedTests: XCTestCase {
    func testVerifyFixtureFeedWithKeyAndKeyDirectory() throws {
        try Feeds.requireFixtures()
        let r = try Feed.verify(Feeds.fixtureFeed, keys: .key(try Usign.PublicKey.open(Feeds.demoPub)))
        XCTAssertEqual(r.signature, .ok)
        XCTAssertEqual(r.packages.count, 3)
        XCTAssertTrue(r.ok)
        XCTAssertEqual(r.unindexed.count, 1)  // the kernel_ ipk
        XCTAssertEqual(r.packagesGzMatches, true)
        let other = try Usign.SecretKey.generate(comment: "other").publicKeyFile(comment: "other")
        XCTAssertTrue(try Feed.verify(Feeds.fixtureFeed, keys: .keys([other, try Usign.PublicKey.open(Feeds.demoPub)])).ok)
        XCTAssertEqual(try Feed.verify(Feeds.fixtureFeed, keys: .keys([other])).signature, .unknownKey)
        // A key folder like /etc/opkg/keys, file named by usign's fingerprint form.
        let keys = TestEnv.tempDir("keys")
        defer { try? FS.removeTree(keys) }
        try FS.writeAtomically(try FS.read(Feeds.demoPub), to: keys + "/293ad6dca4ff7cf6")
        XCTAssertTrue(try Feed.verify(Feeds.fixtureFeed, keys: .directory(keys)).ok)
        try FS.removeTree(keys + "/293ad6dca4ff7cf6")
        XCTAssertEqual(try Feed.verify(Feeds.fixtureFeed, keys: .directory(keys)).signature, .unknownKey)
    }

    func testRealSignedFeedVerifies() throws {
        guard let r = TestEnv.realdata else { throw XCTSkip("../shared/realdata is absent") }
        let dir = r + "/pekmop1024__openwrt-23.05.4-pekmop1024"
        let rep = try Feed.verify(dir, keys: .key(try Usign.PublicKey.open(dir + "/pekmop1024-repo.pub")))
        XCTAssertTrue(rep.ok)
        XCTAssertEqual(rep.packages.count, 4)
    }

    /// One byte changed in Packages -> bad signature; one byte changed in an ipk -> that
    /// package is reported by name with a SHA256 mismatch, and `requireIntact` refuses it.
    func testRejectsTamperedCopies() throws {
        try Feeds.requireFixtures()
        let key = Feed.Keys.key(try Usign.PublicKey.open(Feeds.demoPub))
        let a = try Feeds.copy(Feeds.fixtureFeed)
        defer { try? FS.removeTree(a) }
        var p = try FS.read(a + "/Packages"); p[200] ^= 0x20
        try FS.writeAtomically(p, to: a + "/Packages")
        let ra = try Feed.verify(a, keys: key)
        XCTAssertEqual(ra.signature, .bad); XCTAssertFalse(ra.ok)
        XCTAssertEqual(ra.packagesGzMatches, false)  // Packages.gz still holds the original

        let b = try Feeds.copy(Feeds.fixtureFeed)
        defer { try? FS.removeTree(b) }
        let victim = try XCTUnwrap(try PackagesIndex.ipkFiles(in: b).first { $0.hasPrefix("kmod-imt-hello") })
        var ipk = try FS.read(b + "/" + victim); ipk[ipk.count / 2] ^= 1
        try FS.writeAtomically(ipk, to: b + "/" + victim)
        let rb = try Feed.verify(b, keys: key)
        XCTAssertEqual(rb.signature, .ok)
        XCTAssertEqual(rb.packages.filter { $0.status != .ok }.map(\.package), ["kmod-imt-hello"])
        XCTAssertEqual(rb.packages.first { $0.package == "kmod-imt-hello" }?.status, .digestMismatch)
        let feed = try Feed.open(b)
        assertFormatError(try feed.requireIntact("kmod-imt-hello"), kind: .checksum, contains: "kmod-imt-hello")
        XCTAssertNoThrow(try feed.requireIntact("kmod-imt-user"))
        // A stale index entry: the file grew.
        try FS.writeAtomically(ipk + [0], to: b + "/" + victim)
        assertFormatError(try Feed.open(b).requireIntact("kmod-imt-hello"), kind: .checksum, contains: "size-mismatch")
        assertFormatError(try Feed.open(b).requireIntact("kmod-nope"), kind: .invalid, contains: "not in the Packages index")
    }

    /// `FeedIndexWriter` on a copy: unchanged inputs leave every file as published;
    /// signing writes a Packages.sig that signify-openbsd accepts; a rewritten package
    /// shows up in the new index and verify passes again.
    func testIndexWriterAndRewriteRoundTrip() throws {
        try Feeds.requireFixtures()
        let signify = try Feeds.tool("signify-openbsd")
        let d = try Feeds.copy(Feeds.fixtureFeed)
        defer { try? FS.removeTree(d) }
        let r1 = try FeedIndexWriter.write(d)
        XCTAssertEqual(Set(r1.unchanged), ["Packages.manifest", "Packages", "Packages.gz", "index.json"])
        XCTAssertEqual(r1.written, [])

        let name = try XCTUnwrap(try PackagesIndex.ipkFiles(in: d).first { $0.hasPrefix("kmod-imt-user") })
        let feed = try Feed.open(d)
        try feed.requireIntact("kmod-imt-user")
        let ipk = try IPK.open(d + "/" + name)
        var c = ipk.control
        c.set("Depends", "kernel (=6.1.0-56-amd64-1-e703c48ded4c7381bfe365dd2b5d4284), kmod-imt-hello")
        try FS.writeAtomically(try ipk.rewritingControl(c), to: d + "/" + name)
        let r2 = try FeedIndexWriter.write(d, key: try Usign.SecretKey.open(Feeds.demoSec))
        XCTAssertTrue(r2.written.contains("Packages") && r2.written.contains("Packages.sig") && r2.written.contains("Packages.gz"))
        let res = try TestSupport.run(signify, ["-V", "-p", Feeds.demoPub, "-m", d + "/Packages", "-x", d + "/Packages.sig"])
        XCTAssertEqual(res.status, 0, res.err)
        let rep = try Feed.verify(d, keys: .key(try Usign.PublicKey.open(Feeds.demoPub)))
        XCTAssertTrue(rep.ok)
        XCTAssertEqual(try Feed.open(d).stanza(named: "kmod-imt-user")?["Depends"], "kernel (=6.1.0-56-amd64-1-e703c48ded4c7381bfe365dd2b5d4284), kmod-imt-hello")
        let gz = try TestSupport.run("/bin/sh", ["-c", "gzip -dc Packages.gz | cmp - Packages"], cwd: d)
        XCTAssertEqual(gz.status, 0, gz.out + gz.err)
        // Re-indexing without a key after a change removes the now-stale signature.
        try FS.writeAtomically(try ipk.rewritingControl(ipk.control), to: d + "/" + name)
        XCTAssertTrue(try FeedIndexWriter.write(d).removedStaleSignature)
        XCTAssertFalse(FS.exists(d + "/Packages.sig"))
    }
}
