import BinaryIO
@testable import FeedRewrite
import Platform
import TestSupport
import XCTest

final class UsignTests: XCTestCase {
    /// The demo key made by signify-openbsd loads; its fingerprint matches keys/demo.fingerprint.
    func testLoadSignifyKeysAndFingerprint() throws {
        try Feeds.requireFixtures()
        let pub = try Usign.PublicKey.open(Feeds.demoPub)
        let sec = try Usign.SecretKey.open(Feeds.demoSec)
        let expected = try FS.readText(TestEnv.root + "/keys/demo.fingerprint").trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(pub.fingerprintHex, expected)
        XCTAssertEqual(sec.fingerprint, pub.fingerprint)
        XCTAssertEqual(sec.publicKey, pub.key)
        XCTAssertEqual(pub.render(), try FS.read(Feeds.demoPub))
        XCTAssertEqual(sec.render(), try FS.read(Feeds.demoSec))
        XCTAssertEqual(Usign.fingerprintName([0, 0x0a, 1, 2, 3, 4, 5, 6]), "a010203040506")  // usign prints %PRIx64
    }

    /// Real feed keys and signatures: pekmop1024's published key verifies its Packages.sig.
    func testRealFeedKeyVerifiesRealSignature() throws {
        guard let r = TestEnv.realdata else { throw XCTSkip("../shared/realdata is absent") }
        let dir = r + "/pekmop1024__openwrt-23.05.4-pekmop1024"
        let key = try Usign.PublicKey.open(dir + "/pekmop1024-repo.pub")
        let sig = try Usign.Signature.open(dir + "/Packages.sig")
        XCTAssertEqual(key.fingerprintName, "7080a806f8110acc")
        XCTAssertTrue(try key.verify(try FS.read(dir + "/Packages"), sig))
        var changed = try FS.read(dir + "/Packages"); changed[100] ^= 1
        XCTAssertFalse(try key.verify(changed, sig))
        // Signatures of the other real feeds parse (their keys are not published there).
        for d in try Feeds.realFeeds() { _ = try Usign.Signature.open(d + "/Packages.sig") }
    }

    /// Ed25519 is deterministic: our signature of the fixture Packages equals signify's.
    func testSignatureEqualsSignifyOutput() throws {
        try Feeds.requireFixtures()
        let sec = try Usign.SecretKey.open(Feeds.demoSec)
        let ours = try sec.sign(try FS.read(Feeds.fixtureFeed + "/Packages"))
        let theirs = try Usign.Signature.open(Feeds.fixtureFeed + "/Packages.sig")
        XCTAssertEqual(ours.signature, theirs.signature)
        XCTAssertEqual(ours.fingerprint, theirs.fingerprint)
        XCTAssertEqual(ours.comment, "signed by key 293ad6dca4ff7cf6")
    }

    /// Both ways with signify-openbsd: it verifies ours (with our generated key), we verify its.
    func testInteropWithSignifyBothWays() throws {
        let signify = try Feeds.tool("signify-openbsd")
        let dir = TestEnv.tempDir("usign")
        defer { try? FS.removeTree(dir) }
        let msg = Array("hello feed\n".utf8) + (0 ..< 1000).map { UInt8($0 % 251) }
        try FS.writeAtomically(msg, to: dir + "/msg")
        // ours -> signify
        let sk = try Usign.SecretKey.generate(comment: "test secret key")
        try FS.writeAtomically(sk.render(), to: dir + "/our.sec")
        try FS.writeAtomically(sk.publicKeyFile(comment: "test public key").render(), to: dir + "/our.pub")
        try FS.writeAtomically(try sk.sign(msg).render(), to: dir + "/msg.sig")
        var r = try TestSupport.run(signify, ["-V", "-p", dir + "/our.pub", "-m", dir + "/msg", "-x", dir + "/msg.sig"])
        XCTAssertEqual(r.status, 0, r.err)
        // signify signs with our secret key file too
        r = try TestSupport.run(signify, ["-S", "-s", dir + "/our.sec", "-m", dir + "/msg", "-x", dir + "/msg.sig2"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(try Usign.PublicKey.open(dir + "/our.pub").verify(msg, try Usign.Signature.open(dir + "/msg.sig2")))
        // signify key + signature -> ours
        r = try TestSupport.run(signify, ["-G", "-n", "-c", "theirs", "-p", dir + "/t.pub", "-s", dir + "/t.sec"])
        XCTAssertEqual(r.status, 0, r.err)
        r = try TestSupport.run(signify, ["-S", "-s", dir + "/t.sec", "-m", dir + "/msg", "-x", dir + "/t.sig"])
        XCTAssertEqual(r.status, 0, r.err)
        let tpub = try Usign.PublicKey.open(dir + "/t.pub")
        XCTAssertTrue(try tpub.verify(msg, try Usign.Signature.open(dir + "/t.sig")))
        XCTAssertFalse(try tpub.verify(msg + [0], try Usign.Signature.open(dir + "/t.sig")))
        XCTAssertEqual(try Usign.SecretKey.open(dir + "/t.sec").publicKey, tpub.key)
    }

    func testBadKeyFiles() throws {
        try Feeds.requireFixtures()
        let good = try FS.readText(Feeds.demoPub)
        let lines = good.split(separator: "\n").map(String.init)
        assertFormatError(try Usign.PublicKey(parsing: Array((lines[0] + "\nRWQp!!!!\n").utf8)), kind: .invalid, contains: "bad base64")
        assertFormatError(try Usign.PublicKey(parsing: Array((lines[0] + "\n" + Base64.encode(Array("Ed".utf8) + [UInt8](repeating: 1, count: 30)) + "\n").utf8)),
                          kind: .invalid, contains: "decodes to 32 bytes")
        assertFormatError(try Usign.PublicKey(parsing: Array(("comment: x\n" + lines[1] + "\n").utf8)), kind: .invalid)
        assertFormatError(try Usign.PublicKey(parsing: Array("untrusted comment: x".utf8)), kind: .truncated)
        // secret key with a corrupted checksum
        var sec = try XCTUnwrap(Base64.decode(try FS.readText(Feeds.demoSec).split(separator: "\n")[1].description))
        sec[24] ^= 0xff
        assertFormatError(try Usign.SecretKey(parsing: Array(("untrusted comment: x\n" + Base64.encode(sec) + "\n").utf8)), kind: .checksum)
        // a public key used as a secret key: wrong length
        assertFormatError(try Usign.SecretKey(parsing: Array(good.utf8)), kind: .invalid, contains: "a secret key has 104")
    }
}
