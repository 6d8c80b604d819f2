import BinaryIO
import FeedRewrite
import Foundation
import CLITestSupport
import Platform
import TestSupport
import XCTest

/// The `imagetool key|feed|ipk` commands: stdout, stderr and exit codes.
final class FeedCLITests: XCTestCase {

    func testKeyGenerateIndexSignVerify() throws {
        try Feeds.requireFixtures()
        let d = try Feeds.copy(Feeds.fixtureFeed)
        let keys = TestEnv.tempDir("cli-keys")
        defer { try? FS.removeTree(d); try? FS.removeTree(keys) }
        var r = try InProcessCLI.run(["key", "generate", "--secret", keys + "/k.sec", "--public", keys + "/k.pub", "--comment", "cli test", "--json"])
        XCTAssertEqual(r.status, 0, r.err)
        let info = try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any]
        let fp = try XCTUnwrap(info?["fingerprintName"] as? String)
        XCTAssertTrue(try FS.readText(keys + "/k.pub").hasPrefix("untrusted comment: cli test\n"))
        r = try InProcessCLI.run(["key", "generate", "--secret", keys + "/k.sec", "--public", keys + "/k.pub"])
        XCTAssertEqual(r.status, 3, "refuses to overwrite")

        r = try InProcessCLI.run(["feed", "index", d, "--sign", keys + "/k.sec"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("indexed 3 packages"), r.out)
        let signify = try Feeds.tool("signify-openbsd")
        XCTAssertEqual(try TestSupport.run(signify, ["-V", "-p", keys + "/k.pub", "-m", d + "/Packages", "-x", d + "/Packages.sig"]).status, 0)

        let keyDir = keys + "/etc-opkg-keys"
        try FS.makeDirectories(keyDir)
        try FS.writeAtomically(try FS.read(keys + "/k.pub"), to: keyDir + "/" + fp)
        r = try InProcessCLI.run(["feed", "verify", d, "--keys", keyDir])
        XCTAssertEqual(r.status, 0, r.out + r.err)
        XCTAssertTrue(r.out.contains("3 ok, 0 failed"), r.out)
        r = try InProcessCLI.run(["feed", "verify", d, "--key", Feeds.demoPub, "--json"])
        XCTAssertEqual(r.status, 1)
        let j = try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any]
        XCTAssertEqual(j?["signature"] as? String, "unknown-key")
        XCTAssertEqual(j?["ok"] as? Bool, false)

        var p = try FS.read(d + "/Packages"); p[10] ^= 1
        try FS.writeAtomically(p, to: d + "/Packages")
        r = try InProcessCLI.run(["feed", "verify", d, "--key", keys + "/k.pub"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.out.contains("signature: BAD"), r.out)
        r = try InProcessCLI.run(["feed", "verify", d])
        XCTAssertEqual(r.status, 2, "needs --key or --keys")
    }

    func testIpkShowAndOneLineErrors() throws {
        try Feeds.requireFixtures()
        let f = Feeds.fixtureFeed + "/" + (try PackagesIndex.ipkFiles(in: Feeds.fixtureFeed).first { $0.hasPrefix("kmod-imt-user") } ?? "")
        var r = try InProcessCLI.run(["ipk", "show", f])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.hasPrefix("Package: kmod-imt-user\n"))
        XCTAssertTrue(r.out.contains("./lib/modules/"), r.out)
        r = try InProcessCLI.run(["ipk", "show", f, "--json"])
        let j = try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any]
        XCTAssertEqual(j?["container"] as? String, "gzip-tar")
        XCTAssertNotNil(j?["dataFiles"] as? [Any])

        let dir = TestEnv.tempDir("cli-bad")
        defer { try? FS.removeTree(dir) }
        let good = try FS.read(f)
        try FS.writeAtomically(Array(good[0 ..< good.count / 2]), to: dir + "/trunc.ipk")
        try FS.writeAtomically(Array("untrusted comment: x\nnot!base64\n".utf8), to: dir + "/bad.pub")
        for (args, needle) in [(["ipk", "show", dir + "/trunc.ipk"], "trunc.ipk"),
                               (["feed", "verify", Feeds.fixtureFeed, "--key", dir + "/bad.pub"], "bad base64")] {
            r = try InProcessCLI.run(args)
            XCTAssertEqual(r.status, 1, args.joined(separator: " "))
            XCTAssertTrue(r.err.hasPrefix("imagetool: ") && r.err.contains(needle), r.err)
            XCTAssertEqual(r.err.split(separator: "\n").count, 1, r.err)
        }
    }

    /// Every kind of hostile package and key gives exactly one `imagetool: <file>: ...` line and exit 1.
    func testHostileInputsGiveOneLineErrors() throws {
        let dir = TestEnv.tempDir("cli-hostile")
        defer { try? FS.removeTree(dir) }
        for (name, bytes, needle) in try HostileIPKs.all() {
            let p = dir + "/\(name).ipk"
            try FS.writeAtomically(bytes, to: p)
            let r = try InProcessCLI.run(["ipk", "show", p])
            XCTAssertEqual(r.status, 1, name)
            XCTAssertTrue(r.err.hasPrefix("imagetool: \(p): ") && r.err.contains(needle), "\(name): \(r.err)")
            XCTAssertEqual(r.err.split(separator: "\n").count, 1, r.err)
            XCTAssertEqual(r.out, "")
        }
        let pub = try FS.readText(Feeds.demoPub).split(separator: "\n")
        try FS.writeAtomically(Array("\(pub[0])\n\(Base64.encode(Array("Ed".utf8) + [UInt8](repeating: 7, count: 20)))\n".utf8), to: dir + "/short.pub")
        let r = try InProcessCLI.run(["feed", "verify", Feeds.fixtureFeed, "--key", dir + "/short.pub"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.hasPrefix("imagetool: \(dir)/short.pub: ") && r.err.contains("decodes to 22 bytes"), r.err)
    }
}
