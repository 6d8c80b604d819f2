import XCTest
import BinaryIO
import Digests
import Platform
import Apk
import TestSupport

/// Rebases the real sora-shao kmod feed onto the apk-era fixture image (kernel at another
/// vermagic hash), then checks the result with our reader and verifier and byte by byte.
final class ApkRebaseTests: XCTestCase {
    /// Facts from fixtures/apk-era/apk-era.env (written by fixtures/make-apk-fixtures.sh).
    static func fixture() throws -> [String: String] {
        let path = TestEnv.fixtures + "/apk-era/apk-era.env"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw XCTSkip("fixtures/apk-era is missing: run fixtures/make-apk-fixtures.sh")
        }
        var d: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            if let eq = line.firstIndex(of: "=") { d[String(line[..<eq])] = String(line[line.index(after: eq)...]) }
        }
        return d
    }

    /// Full path of a tool on PATH (TestEnv.which mis-splits PATH into characters: reported).
    static func tool(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let dirs: [String] = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin"]
        return dirs.map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The image kernel version, read from the fixture squashfs with unsquashfs (independent tool).
    func imageKernel() throws -> String {
        let facts = try Self.fixture()
        let sqfs = TestEnv.fixtures + "/" + (facts["ROOTFS"] ?? "")
        guard ApkRebaseTests.tool("unsquashfs") != nil else { throw XCTSkip("unsquashfs not installed (squashfs-tools)") }
        let r = try TestSupport.run(ApkRebaseTests.tool("unsquashfs") ?? "unsquashfs", ["-cat", sqfs, ApkInstalledDB.path])
        XCTAssertEqual(r.status, 0, r.err)
        let db = try ApkInstalledDB(parsing: r.out, file: "installed")
        let k = try XCTUnwrap(db.kernelVersion)
        XCTAssertEqual(k, facts["IMAGE_KERNEL"])
        XCTAssertEqual(db.kernel?.release, "1")
        XCTAssertEqual(db.package(named: "kmod-nls-base")?.depends.first?.version, k)
        return k
    }

    func testRebaseSoraFeedOntoFixtureImage() throws {
        let src = try ApkRealDataTests.sora
        let kernel = try imageKernel()
        XCTAssertNotEqual(kernel, "6.12.74~ea63eca8388c3b20e2a7a5d5cbdbc7e1-r1")
        let out = TestEnv.tempDir("apk-rebase") + "/feed"
        defer { try? FileManager.default.removeItem(atPath: FS.dirname(of: out)) }
        let key = try ApkKey.generateECDSA()
        let keysDir = FS.dirname(of: out) + "/keys"
        try FS.makeDirectories(keysDir)
        try FS.writeAtomically(try key.publicPEM(), to: keysDir + "/rebase.pem")

        XCTAssertTrue(ApkFeed.detect(src))
        let report = try ApkFeed.rebase(src, kernelVersion: kernel, outDir: out, key: key)
        XCTAssertEqual(report.fromKernel, ["6.12.74~ea63eca8388c3b20e2a7a5d5cbdbc7e1-r1"])
        XCTAssertEqual(report.kernelPackagesRemoved, ["kernel-6.12.74~ea63eca8388c3b20e2a7a5d5cbdbc7e1-r1.apk"])
        // 26 kmods depend on the kernel; fwtool and libpthread do not.
        XCTAssertEqual(report.rewritten.count, 26, "\(report.rewritten)")
        XCTAssertEqual(Set(report.copied), ["fwtool-2025.10.03~04cd252e-r1.apk", "libpthread-1.2.5-r5.apk"])

        // The new feed verifies with our verifier against the new key.
        let v = try ApkFeed.verify(out, keysDir: keysDir)
        XCTAssertTrue(v.index.isTrusted)
        XCTAssertEqual(v.index.verifiedKeyID, key.idHex)
        XCTAssertTrue(v.ok, "\(v.packages.filter { $0.status != "ok" && $0.status != "missing" })")
        XCTAssertEqual(v.packages.filter { $0.status == "ok" }.count, 28)
        // ...and not against the stangri key (wrong trust).
        let stangriKeys = try ApkRealDataTests.stangriKeysDir()
        defer { try? FileManager.default.removeItem(atPath: stangriKeys) }
        let other = try ApkFeed.verify(out, keysDir: stangriKeys)
        XCTAssertFalse(other.index.isTrusted)

        let oldIndex = try ApkIndex(path: src + "/packages.adb")
        let newIndex = try ApkIndex(path: out + "/packages.adb")
        // Every kmod left in the index depends on the image's kernel; no entry for the old kernel.
        for e in newIndex.entries {
            if let dep = e.kernelDependency { XCTAssertEqual(dep.version, kernel, e.name) }
            XCTAssertNotEqual(e.name, "kernel")
        }
        XCTAssertEqual(newIndex.entries.count, 1091 - report.indexEntriesRemoved.count)
        XCTAssertEqual(report.indexEntriesRewritten, 26)
        // Entries not rewritten are byte-identical: same heap value, and the old heap is a
        // prefix of the new one (path copying only appends).
        let oldHeap = try XCTUnwrap(oldIndex.file.adbBlock?.payload)
        let newHeap = try XCTUnwrap(newIndex.file.adbBlock?.payload)
        XCTAssertEqual(Array(newHeap[8 ..< oldHeap.count]), Array(oldHeap[8...]))
        let oldByName = Dictionary(uniqueKeysWithValues: zip(oldIndex.entries.map(\.name), oldIndex.entryValues))
        var identical = 0
        for (e, val) in zip(newIndex.entries, newIndex.entryValues) where e.kernelDependency == nil {
            XCTAssertEqual(oldByName[e.name], val, e.name)
            identical += 1
        }
        XCTAssertEqual(identical, newIndex.entries.count - 26)
        XCTAssertGreaterThan(identical, 10)

        for name in report.rewritten {
            let old = try ApkPackage(path: src + "/" + name)
            let new = try ApkPackage(path: out + "/" + name)
            XCTAssertEqual(new.info.kernelDependency?.version, kernel, name)
            var expected = old.info
            expected.depends = expected.depends.map { $0.name == "kernel" ? ApkDependency(name: "kernel", version: kernel) : $0 }
            XCTAssertEqual(new.info, expected, name)
            XCTAssertEqual(new.files, old.files, name)
            XCTAssertEqual(new.scripts, old.scripts, name)
            // DATA blocks byte-identical, in order.
            XCTAssertEqual(new.file.dataBlocks.map(\.payload), old.file.dataBlocks.map(\.payload), name)
            XCTAssertEqual(try new.fileContents(), try old.fileContents(), name)
            // The old heap is kept as a prefix.
            let oh = try XCTUnwrap(old.file.adbBlock?.payload), nh = try XCTUnwrap(new.file.adbBlock?.payload)
            XCTAssertEqual(Array(nh[8 ..< oh.count]), Array(oh[8...]), name)
        }
        for name in report.copied {
            XCTAssertEqual(try FS.read(out + "/" + name), try FS.read(src + "/" + name), name)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/kernel-6.12.74~ea63eca8388c3b20e2a7a5d5cbdbc7e1-r1.apk"))
        // index.json names the new kernel; still valid JSON.
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/index.json"))) as? [String: Any]
        XCTAssertEqual((json?["packages"] as? [String: String])?["kernel"], kernel)

        // Rebasing the output again onto the same kernel changes nothing.
        let again = try ApkFeed.rebase(out, kernelVersion: kernel, outDir: out + "2", key: key)
        defer { try? FileManager.default.removeItem(atPath: out + "2") }
        XCTAssertEqual(again.rewritten, [])
        XCTAssertEqual(again.indexEntriesRewritten, 0)
    }

    func testRebaseNeverModifiesInput() throws {
        let src = try ApkRealDataTests.sora
        let before = try FileManager.default.contentsOfDirectory(atPath: src).sorted().map { try Digest.hashFile(.sha256, path: src + "/" + $0) }
        let out = TestEnv.tempDir("apk-rebase-ro") + "/feed"
        defer { try? FileManager.default.removeItem(atPath: FS.dirname(of: out)) }
        _ = try ApkFeed.rebase(src, kernelVersion: "6.12.74~00000000000000000000000000000000-r1", outDir: out, key: nil)
        let after = try FileManager.default.contentsOfDirectory(atPath: src).sorted().map { try Digest.hashFile(.sha256, path: src + "/" + $0) }
        XCTAssertEqual(before, after)
        // Unsigned output: readable, not trusted.
        XCTAssertFalse(try ApkFeed.verify(out, keysDir: FS.dirname(of: out)).index.isTrusted)
        // Deterministic: the same rebase again gives byte-identical files.
        _ = try ApkFeed.rebase(src, kernelVersion: "6.12.74~00000000000000000000000000000000-r1", outDir: out + "2", key: nil)
        for f in try FS.list(out) {
            XCTAssertEqual(try FS.read(out + "/" + f), try FS.read(out + "2/" + f), f)
        }
    }

    func testIndexBuiltFromPackagesMatchesRealIndexEntries() throws {
        let dir = try ApkRealDataTests.stangri
        let real = try ApkIndex(path: dir + "/packages.adb")
        var inputs: [ApkIndex.Input] = []
        for f in try FS.list(dir) where f.hasSuffix(".apk") {
            let bytes = try FS.read(dir + "/" + f)
            inputs.append(ApkIndex.Input(package: try ApkPackage(bytes: bytes), fileSize: UInt64(bytes.count)))
        }
        var built = try ApkIndex.build(packages: inputs, description: real.description)
        XCTAssertEqual(built.entries, real.entries)  // every field of every entry, same order
        // Our writer lays the heap out exactly as apk mkndx did: the ADB block is byte-identical,
        // so the publisher's own signature verifies over our rebuilt block.
        XCTAssertEqual(built.file.adbBlock?.payload, real.file.adbBlock?.payload)
        var withRealSignature = built.file
        withRealSignature.blocks += real.file.signatures
        let stangriKey = try ApkKey(path: dir + "/apk.openwrt.melmac.ca.pem", private: false)
        XCTAssertTrue(try withRealSignature.checkSignatures(keys: [stangriKey]).isTrusted)
        let key = try ApkKey.generateECDSA()
        try built.sign(with: key)
        let reread = try ApkIndex(bytes: try built.serialized())
        XCTAssertTrue(try reread.checkSignatures(keys: [key]).isTrusted)
        XCTAssertEqual(reread.entries, real.entries)
    }

    /// A signed package (stangri's) rewritten with a key: new signature verifies, data intact.
    func testRewrittenSignedPackageIsResigned() throws {
        let src = try ApkRealDataTests.stangri + "/sunwait-0.9.1-r2.apk"
        let old = try ApkPackage(path: src)
        XCTAssertEqual(old.file.signatures.count, 1)
        let key = try ApkKey.generateECDSA()
        let new = try XCTUnwrap(try old.rewritingDependencies({ $0.name == "libc" ? ApkDependency(name: "libc", version: "1.2.5-r5") : nil },
                                                             key: key))
        XCTAssertEqual(new.info.depends.first { $0.name == "libc" }?.description, "libc=1.2.5-r5")
        let reread = try ApkPackage(bytes: try new.serialized())
        XCTAssertTrue(try reread.file.checkSignatures(keys: [key]).isTrusted)
        let stangriKey = try ApkKey(path: try ApkRealDataTests.stangri + "/apk.openwrt.melmac.ca.pem", private: false)
        XCTAssertFalse(try reread.file.checkSignatures(keys: [stangriKey]).isTrusted)
        XCTAssertEqual(reread.file.dataBlocks.map { $0.serialized() }, old.file.dataBlocks.map { $0.serialized() })
        XCTAssertEqual(try reread.fileContents(), try old.fileContents())
        // Unsigned rewrite drops the stale signature.
        let unsigned = try XCTUnwrap(try old.rewritingDependencies({ $0.name == "libc" ? ApkDependency(name: "libc", version: "1") : nil }))
        XCTAssertTrue(unsigned.file.signatures.isEmpty)
    }

    func testRebaseRefusesToOverwriteItsInput() throws {
        let dir = TestEnv.tempDir("apk-inplace")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let src = try ApkRealDataTests.stangri
        for f in try FS.list(src) { try FS.writeAtomically(try FS.read(src + "/" + f), to: dir + "/" + f) }
        XCTAssertThrowsError(try ApkFeed.rebase(dir, kernelVersion: "1~a-r1", outDir: dir + "/.", key: nil)) { e in
            XCTAssertEqual((e as? FormatError)?.kind, .refused)
        }
    }
}
