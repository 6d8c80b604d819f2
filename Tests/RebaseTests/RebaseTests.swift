import BinaryIO
import Codecs
import FeedRewrite
import Foundation
import Platform
import Rebase
import TestSupport
import XCTest

/// End-to-end rebase on the fixtures (issue 8 "done when"), through the real CLI, checked by
/// independent tools (signify-openbsd) and by re-reading the output.
final class RebaseFixtureTests: XCTestCase {
    var tmp = ""
    let image = TestEnv.fixtures + "/" + (TestEnv.fixtureFacts["IMAGE"] ?? "image/imagetool-fixture-squashfs-sysupgrade.bin")
    let feed = TestEnv.fixtures + "/feed"
    let key = TestEnv.root + "/keys/demo.sec"
    let pub = TestEnv.root + "/keys/demo.pub"

    override func setUp() { tmp = TestEnv.tempDir("rebase") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: tmp) }

    func rebase(_ extra: [String], out: String) throws -> RunResult {
        try TestEnv.imagetool(["rebase", feed, "--kernel", image, "-o", out, "--key", key, "--trusted-keys", pub] + extra)
    }

    func stanzas(_ path: String) throws -> [ControlStanza] {
        try ControlStanza.parseDocument(try FS.read(path))
    }

    func testModuleOnlyChangeRebasesAndVerifies() throws {
        let facts = TestEnv.fixtureFacts
        let oldK = try XCTUnwrap(facts["PKG_KERNEL_VERSION_OLD"]), newK = try XCTUnwrap(facts["PKG_KERNEL_VERSION_NEW"])
        let before = try TestEnv.treeDigest(feed)
        let out = tmp + "/out"
        let r = try rebase(["--config", TestEnv.fixtures + "/config/new.config", "--json"], out: out)
        XCTAssertEqual(r.status, 0, r.err)
        // The report: evidence b (ABI fingerprint), every kmod rewritten.
        let report = try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any]
        let verdicts = try XCTUnwrap(report?["verdicts"] as? [[String: Any]])
        XCTAssertEqual(verdicts.first?["evidence"] as? String, "abi-fingerprint")
        XCTAssertEqual(verdicts.first?["compatible"] as? Bool, true)
        XCTAssertEqual(report?["forced"] as? Bool, false)
        // Every kmod now depends on the image's kernel, nothing names the feed's kernel.
        let st = try stanzas(out + "/Packages")
        XCTAssertEqual(st.count, 3)
        for s in st {
            let dep = try XCTUnwrap(s["Depends"])
            XCTAssertTrue(dep.contains("kernel (=\(oldK))"), dep)
            XCTAssertFalse(dep.contains(newK), dep)
        }
        XCTAssertEqual(st.first { $0["Package"] == "kmod-imt-user" }?["Depends"], "kernel (=\(oldK)), kmod-imt-hello")
        // Independent verifier accepts the new signature; our verify passes with the key written beside it.
        let fp = try String(contentsOfFile: TestEnv.root + "/keys/demo.fingerprint", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let sig = try TestSupport.run("signify-openbsd", ["-V", "-p", pub, "-m", out + "/Packages", "-x", out + "/Packages.sig"])
        XCTAssertEqual(sig.status, 0, sig.err)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/" + Usign.fingerprintName(Hex.decode(fp) ?? [])))
        let v = try TestEnv.imagetool(["feed", "verify", out, "--keys", out])
        XCTAssertEqual(v.status, 0, v.out + v.err)
        // Rewritten ipks keep data.tar.gz byte for byte; Packages.gz is the gzip of Packages.
        for s in st {
            let f = try XCTUnwrap(s["Filename"])
            let a = try IPK.open(feed + "/" + f), b = try IPK.open(out + "/" + f)
            XCTAssertEqual(a.dataArchive, b.dataArchive, f)
            XCTAssertNotEqual(a.controlArchive, b.controlArchive, f)
            XCTAssertEqual(try TestSupport.run("gzip", ["-t", out + "/" + f]).status, 0)
        }
        XCTAssertEqual(try Deflate.inflate(try FS.read(out + "/Packages.gz"), maxOutput: 1 << 20).bytes, try FS.read(out + "/Packages"))
        XCTAssertTrue(try String(contentsOfFile: out + "/customfeeds.conf", encoding: .utf8).hasPrefix("src/gz "))
        // Input untouched; a second run gives identical bytes.
        XCTAssertEqual(try TestEnv.treeDigest(feed), before)
        let out2 = tmp + "/out2"
        XCTAssertEqual(try rebase(["--config", TestEnv.fixtures + "/config/new.config", "--feed-url", "file://" + out], out: out2).status, 0)
        var d1 = try TestEnv.treeDigest(out), d2 = try TestEnv.treeDigest(out2)
        d1["customfeeds.conf"] = nil; d2["customfeeds.conf"] = nil
        d1["imagetool-rebase.json"] = nil; d2["imagetool-rebase.json"] = nil  // they name their own output folder
        XCTAssertEqual(d1, d2)
        // Re-running into the same folder replaces it atomically with the same content. Files
        // it already held are reused (hard-linked, then the old folder removed: one link left);
        // one that was changed in the old output is written afresh, not reused.
        let kmod = try XCTUnwrap(try FS.list(out).first { $0.hasPrefix("kmod-") && $0.hasSuffix(".ipk") })
        var damaged = try FS.read(out + "/" + kmod)
        damaged[damaged.count / 2] ^= 0xFF
        try FS.writeAtomically(damaged, to: out + "/" + kmod)
        XCTAssertEqual(try rebase(["--config", TestEnv.fixtures + "/config/new.config", "-q"], out: out).status, 0)
        var d3 = try TestEnv.treeDigest(out); d3["customfeeds.conf"] = nil; d3["imagetool-rebase.json"] = nil
        XCTAssertEqual(d3, d1)
        for name in try FS.list(out) {
            var st = stat()
            XCTAssertEqual(lstat(out + "/" + name, &st), 0)
            XCTAssertEqual(st.st_nlink, 1, "\(name): no link shared with a removed or another folder")
        }
    }

    func testABIRelevantChangeIsRefusedWithExit3AndNamesTheOption() throws {
        let option = try XCTUnwrap(TestEnv.fixtureFacts["ABI_CONFIG_OPTION"]).replacingOccurrences(of: "CONFIG_", with: "")
        let out = tmp + "/out"
        let r = try rebase(["--config", TestEnv.fixtures + "/config/abi.config"], out: out)
        XCTAssertEqual(r.status, 3, r.err)
        XCTAssertTrue(r.out.contains(option), r.out)
        XCTAssertTrue(r.err.hasPrefix("imagetool: "), r.err)
        XCTAssertTrue(r.err.contains(option), r.err)
        XCTAssertEqual(r.err.split(separator: "\n").count, 1, "one-line error")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out), "nothing written when refused")

        let f = try rebase(["--config", TestEnv.fixtures + "/config/abi.config", "--force"], out: out)
        XCTAssertEqual(f.status, 0, f.err)
        XCTAssertTrue(f.out.contains("FORCED"), f.out)
        let rec = try JSONSerialization.jsonObject(with: Data(try FS.read(out + "/imagetool-rebase.json"))) as? [String: Any]
        XCTAssertEqual(rec?["forced"] as? Bool, true, "--force is recorded in the output feed")
    }

    func testNoConfigAndNoKernelMeansNoProof() throws {
        // Without the feed build's config or kernel there is no evidence a or b: refuse.
        let r = try rebase([], out: tmp + "/out")
        XCTAssertEqual(r.status, 3)
        XCTAssertTrue(r.out.contains("give --config") || r.out.contains("--feed-kernel"), r.out)
    }

    func testIdenticalKernelEvidence() throws {
        // The feed build's kernel given as a file: the image's own kernel is identical (evidence a).
        let r = try rebase(["--feed-kernel", image, "--json"], out: tmp + "/out")
        XCTAssertEqual(r.status, 0, r.err)
        let report = try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any]
        XCTAssertEqual((report?["verdicts"] as? [[String: Any]])?.first?["evidence"] as? String, "identical-kernel")
    }

    func testTamperedInputIsRejected() throws {
        let copy = tmp + "/feed"
        try FileManager.default.copyItem(atPath: feed, toPath: copy)
        var p = try FS.read(copy + "/Packages")
        p[p.count / 2] ^= 0x20
        try FS.writeAtomically(p, to: copy + "/Packages")
        let r = try TestEnv.imagetool(["rebase", copy, "--kernel", image, "-o", tmp + "/out", "--key", key, "--trusted-keys", pub,
                                       "--config", TestEnv.fixtures + "/config/new.config"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("Packages.sig"), r.err)
    }

    func testSeveralImagesDependOnAnyOfThem() throws {
        let facts = TestEnv.fixtureFacts
        let release = try XCTUnwrap(facts["RELEASE"])
        let otherK = "\(release)-1-" + String(repeating: "ab", count: 16)
        let second = try ImageBuilder.make(.init(release: release, kernelPackageVersion: otherK, arch: "x86_64",
                                                 config: try String(contentsOfFile: TestEnv.fixtures + "/config/old.config", encoding: .utf8)),
                                           in: tmp)
        let out = tmp + "/out"
        let r = try TestEnv.imagetool(["rebase", feed, "--kernel", image, "--kernel", second, "-o", out, "--key", key,
                                       "--config", TestEnv.fixtures + "/config/new.config"])
        XCTAssertEqual(r.status, 0, r.out + r.err)
        let oldK = try XCTUnwrap(facts["PKG_KERNEL_VERSION_OLD"])
        for s in try stanzas(out + "/Packages") {
            XCTAssertTrue(s["Depends"]?.hasPrefix("kernel (=\(oldK)) | kernel (=\(otherK))") == true, s["Depends"] ?? "")
        }
        XCTAssertTrue(r.err.contains("NOT verified"), "no --trusted-keys: says loudly the input was not verified")
    }

    func testBatchManifest() throws {
        let manifest = tmp + "/batch.json"
        let jobs = """
        [{"feed": "\(feed)", "images": ["\(image)"], "out": "a", "config": "\(TestEnv.fixtures)/config/new.config"},
         {"feed": "\(feed)", "images": ["\(image)"], "out": "b", "config": "\(TestEnv.fixtures)/config/abi.config", "force": true}]
        """
        try jobs.write(toFile: manifest, atomically: true, encoding: .utf8)
        let r = try TestEnv.imagetool(["rebase", "--batch", manifest, "--key", key, "--trusted-keys", pub, "--json"])
        XCTAssertEqual(r.status, 0, r.err)
        let arr = try JSONSerialization.jsonObject(with: r.stdout) as? [[String: Any]]
        XCTAssertEqual(arr?.count, 2)
        XCTAssertEqual(arr?[1]["forced"] as? Bool, true)
        XCTAssertTrue(FileManager.default.fileExists(atPath: tmp + "/a/Packages.sig"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: tmp + "/b/Packages.sig"))
    }

    func testOutputMustNotBeTheFeedOrHoldIt() throws {
        let copy = tmp + "/feedcopy"
        try FileManager.default.copyItem(atPath: feed, toPath: copy)
        let before = try TestEnv.treeDigest(copy)
        for out in [copy, copy + "/", copy + "/sub/out", tmp] {
            let r = try TestEnv.imagetool(["rebase", copy, "--kernel", image, "-o", out, "--key", key, "--force"])
            XCTAssertEqual(r.status, 2, "\(out): \(r.err)")
            XCTAssertTrue(r.err.contains("output folder"), r.err)
        }
        XCTAssertEqual(try TestEnv.treeDigest(copy), before, "the input feed is untouched")
        // A refusal removes the parent folders it had to create.
        let deep = tmp + "/new/parents/out"
        let r = try rebase(["--config", TestEnv.fixtures + "/config/abi.config"], out: deep)
        XCTAssertEqual(r.status, 3, r.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: tmp + "/new"), "no folders left behind")
    }

    func testUsageErrors() throws {
        XCTAssertEqual(try TestEnv.imagetool(["rebase", feed]).status, 2)
        XCTAssertEqual(try TestEnv.imagetool(["rebase", feed, "--kernel", image, "-o", tmp + "/o"]).status, 2)
        let r = try TestEnv.imagetool(["rebase", tmp + "/nofeed", "--kernel", image, "-o", tmp + "/o", "--key", key])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("nofeed"), r.err)
    }
}

/// Rebase of the real third-party feeds (../shared/realdata) with --force onto fixture-style
/// images of the same kernel release: exactly the packages naming the kernel are rewritten.
final class RebaseRealFeedTests: XCTestCase {
    func testRealFeedsRewriteExactlyTheKernelDependents() throws {
        guard let real = TestEnv.realdata else { throw XCTSkip("../shared/realdata is absent: real-feed rebase not tested") }
        let feeds = ["AngryMuppet1991__openwrt_core", "nooblog__Core", "102464__openwrt-mt76x8-binary"]
        var tested = 0
        for name in feeds {
            // The feed folder is the one holding Packages.
            guard let e = FileManager.default.enumerator(atPath: real + "/" + name) else { continue }
            var dir: String? = nil
            for case let rel as String in e where rel.hasSuffix("Packages") && !rel.contains("_extracted") {
                dir = real + "/" + name + "/" + (rel as NSString).deletingLastPathComponent; break
            }
            guard let feedDir = dir else { continue }
            let tmp = TestEnv.tempDir("realrebase")
            defer { try? FileManager.default.removeItem(atPath: tmp) }
            let st = try ControlStanza.parseDocument(try FS.read(feedDir + "/Packages"))
            let kernelVersion = try RebasePlan.feedKernelVersion(st, feed: feedDir)
            let kpv = try XCTUnwrap(KernelPackageVersion(kernelVersion))
            let target = try XCTUnwrap(kpv.with(vermagic: String(repeating: "0f", count: 16)))
            let naming = Set(st.filter { s in ["Depends", "Conflicts", "Provides", "Recommends"].contains { s[$0]?.contains("kernel (=\(kernelVersion))") == true } }
                .compactMap { $0["Package"] })
            let arch = try XCTUnwrap(st.first { naming.contains($0["Package"] ?? "") }?["Architecture"])
            let image = try ImageBuilder.make(.init(release: kpv.upstream, kernelPackageVersion: target.raw, arch: arch), in: tmp)
            let out = tmp + "/out"
            let r = try TestEnv.imagetool(["rebase", feedDir, "--kernel", image, "-o", out, "--key", TestEnv.root + "/keys/demo.sec", "--force", "--json"])
            XCTAssertEqual(r.status, 0, "\(name): \(r.err)")
            let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
            let pk = try XCTUnwrap(report["packages"] as? [[String: Any]])
            let rewritten = Set(pk.filter { $0["action"] as? String == "rewritten" }.compactMap { $0["package"] as? String })
            let refused = Set(pk.filter { $0["action"] as? String == "refused" }.compactMap { $0["package"] as? String })
            XCTAssertEqual(rewritten, naming.subtracting(refused), name)
            XCTAssertFalse(rewritten.isEmpty, name)
            // Packages that did not name the kernel are byte-identical files.
            let outSt = try ControlStanza.parseDocument(try FS.read(out + "/Packages"))
            XCTAssertEqual(outSt.count, st.count - refused.count, name)
            for s in outSt where !rewritten.contains(s["Package"] ?? "") {
                let f = try XCTUnwrap(s["Filename"])
                XCTAssertEqual(try FS.read(out + "/" + f), try FS.read(feedDir + "/" + f), "\(name): \(f) must be untouched")
            }
            for s in outSt where rewritten.contains(s["Package"] ?? "") {
                XCTAssertTrue(s["Depends"]?.contains("kernel (=\(target.raw))") == true)
            }
            tested += 1
        }
        XCTAssertGreaterThan(tested, 0, "no real feed found under ../shared/realdata")
    }
}
