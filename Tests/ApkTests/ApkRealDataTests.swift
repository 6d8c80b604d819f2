import XCTest
import BinaryIO
import Digests
import Platform
import Apk
import TestSupport

/// Reads and verifies the two real apk-era feeds in ../shared/realdata.
final class ApkRealDataTests: XCTestCase {
    static func folder(_ name: String) throws -> String {
        guard let rd = TestEnv.realdata, FileManager.default.fileExists(atPath: rd + "/" + name) else {
            throw XCTSkip("../shared/realdata/\(name) is absent (real third-party apk feed needed)")
        }
        return rd + "/" + name
    }
    static var stangri: String { get throws { try folder("stangri__apk.openwrt.melmac.ca") } }
    static var sora: String { get throws { try folder("sora-shao__openwrt-kmods") } }

    /// A keys folder holding only the stangri feed's .pem files.
    func stangriKeys() throws -> String {
        let dir = try Self.stangriKeysDir()
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    /// A new temporary folder with the stangri .pem keys; the caller removes it.
    static func stangriKeysDir() throws -> String {
        let dir = TestEnv.tempDir("apk-keys")
        for f in try FileManager.default.contentsOfDirectory(atPath: try Self.stangri) where f.hasSuffix(".pem") {
            try FileManager.default.copyItem(atPath: try Self.stangri + "/" + f, toPath: dir + "/" + f)
        }
        return dir
    }

    func testStangriKeyIdMatchesSignature() throws {
        let key = try ApkKey(path: try Self.stangri + "/apk.openwrt.melmac.ca.pem", private: false)
        XCTAssertEqual(key.idHex, "bf8e0c844269e563e20782a19fde51e2")
    }

    func testStangriIndexVerifies() throws {
        let v = try ApkFeed.verify(try Self.stangri, keysDir: try stangriKeys())
        XCTAssertTrue(v.index.isTrusted, "\(v.index)")
        XCTAssertEqual(v.index.verifiedKeyID, "bf8e0c844269e563e20782a19fde51e2")
        XCTAssertEqual(v.entries, 13)
        XCTAssertTrue(v.ok, "\(v.packages.filter { $0.status != "ok" })")
        XCTAssertEqual(v.packages.filter { $0.status == "ok" }.count, 13)
    }

    func testStangriPackagesAreSignedToo() throws {
        let keys = try ApkKey.loadTrusted(directory: try stangriKeys()).keys
        let pkg = try ApkPackage(path: try Self.stangri + "/sunwait-0.9.1-r2.apk")
        XCTAssertTrue(try pkg.file.checkSignatures(keys: keys).isTrusted)
        XCTAssertEqual(pkg.info.name, "sunwait")
        XCTAssertEqual(pkg.info.version, "0.9.1-r2")
        let contents = try pkg.fileContents()
        XCTAssertEqual(contents.count, pkg.files.filter { !$0.isDirectory && ($0.size ?? 0) > 0 }.count)
    }

    func testEveryStangriPackageSignatureVerifiesAndTamperingIsCaught() throws {
        let keys = try ApkKey.loadTrusted(directory: try stangriKeys()).keys
        let dir = try Self.stangri
        var count = 0
        for f in try FS.list(dir) where f.hasSuffix(".apk") {
            let pkg = try ApkPackage(path: dir + "/" + f)
            XCTAssertTrue(try pkg.file.checkSignatures(keys: keys).isTrusted, f)
            // One byte of the ADB block changed: signature fails, and the index hash differs.
            var plain = pkg.file.serialized()
            plain[try XCTUnwrap(pkg.file.adbBlock?.payloadOffset) + 40] ^= 0x20
            let bad = try ADBFile(parsing: plain)
            XCTAssertFalse(try bad.checkSignatures(keys: keys).isTrusted, f)
            XCTAssertNotEqual(Digest.sha256(try XCTUnwrap(bad.adbBlock?.payload)), pkg.identity, f)
            // One byte of file data changed: the file digest in the metadata catches it.
            if let data = pkg.file.dataBlocks.first(where: { $0.payload.count > 8 }), let at = data.payloadOffset {
                var p2 = pkg.file.serialized()
                p2[at + 8] ^= 0x01
                let tampered = try ApkPackage(file: try ADBFile(parsing: p2), compression: .none)
                XCTAssertThrowsError(try tampered.fileContents(), f) { e in
                    XCTAssertEqual((e as? FormatError)?.kind, .checksum)
                }
            }
            count += 1
        }
        XCTAssertEqual(count, 13)
    }

    func testOneByteChangeInIndexIsRejected() throws {
        let keys = try ApkKey.loadTrusted(directory: try stangriKeys()).keys
        let (file, _) = try ADBFile.open(try Self.stangri + "/packages.adb")
        XCTAssertTrue(try file.checkSignatures(keys: keys).isTrusted)
        var plain = file.serialized()
        // Flip one byte of a description text inside the ADB block.
        let at = try XCTUnwrap(file.adbBlock?.payloadOffset) + 200
        plain[at] ^= 0x01
        let tampered = try ADBFile(parsing: plain)
        XCTAssertFalse(try tampered.checkSignatures(keys: keys).isTrusted)
        // And a flipped signature byte.
        var plain2 = file.serialized()
        plain2[plain2.count - 10] ^= 0x80
        XCTAssertFalse(try ADBFile(parsing: plain2).checkSignatures(keys: keys).isTrusted)
    }

    func testOneByteChangeInCompressedFileIsRejected() throws {
        let dir = TestEnv.tempDir("apk-tamper")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let src = try Self.stangri
        for f in try FileManager.default.contentsOfDirectory(atPath: src) {
            try FileManager.default.copyItem(atPath: src + "/" + f, toPath: dir + "/" + f)
        }
        var bytes = try FS.read(dir + "/packages.adb")
        bytes[bytes.count / 2] ^= 0x04
        try FileManager.default.removeItem(atPath: dir + "/packages.adb")
        try FS.writeAtomically(bytes, to: dir + "/packages.adb")
        do {
            let v = try ApkFeed.verify(dir, keysDir: try stangriKeys())
            XCTAssertFalse(v.ok)
            XCTAssertFalse(v.index.isTrusted)
        } catch let e as FormatError {
            XCTAssertFalse(e.description.contains("\n"))  // corrupt deflate: a one-line error is a rejection too
        }
    }

    func testDetection() throws {
        // Resolved first: a missing feed skips the test (an XCTSkip thrown inside an
        // assertion's autoclosure would count as a failure).
        let sora = try Self.sora, stangri = try Self.stangri
        XCTAssertTrue(ApkFeed.detect(sora))
        XCTAssertTrue(ApkFeed.detect(stangri))
        XCTAssertFalse(ApkFeed.detect(TestEnv.fixtures))
        XCTAssertTrue(ApkFeed.isADB(sora + "/kmod-tun-6.12.74-r1.apk"))
        XCTAssertFalse(ApkFeed.isADB(sora + "/index.json"))
        XCTAssertFalse(ApkFeed.isADB(sora + "/no-such-file"))
    }

    func testSoraIndexReads() throws {
        let index = try ApkIndex(path: try Self.sora + "/packages.adb")
        XCTAssertEqual(index.entries.count, 1091)
        let kernel = try XCTUnwrap(index.entries.first { $0.name == "kernel" })
        XCTAssertEqual(kernel.version, "6.12.74~ea63eca8388c3b20e2a7a5d5cbdbc7e1-r1")
        let kmods = index.entries.filter { $0.kernelDependency != nil }
        XCTAssertGreaterThan(kmods.count, 900)
        XCTAssertTrue(kmods.allSatisfy { $0.kernelDependency?.version == kernel.version })
        // Signed by a key not shipped with the feed: the key id is reported, nothing verifies.
        let trust = try index.checkSignatures(keys: [])
        XCTAssertEqual(trust.signatureKeyIDs.count, 1)
        XCTAssertFalse(trust.isTrusted)
    }

    func testSoraPackagesMatchTheirIndexEntries() throws {
        let dir = try Self.sora
        let index = try ApkIndex(path: dir + "/packages.adb")
        var checked = 0
        for f in try FileManager.default.contentsOfDirectory(atPath: dir) where f.hasSuffix(".apk") {
            let bytes = try FS.read(dir + "/" + f)
            let pkg = try ApkPackage(bytes: bytes)
            XCTAssertEqual(ApkIndex.fileName(of: pkg.info), f)
            let entry = try XCTUnwrap(index.entries.first { $0.name == pkg.info.name && $0.version == pkg.info.version })
            XCTAssertEqual(entry.fileSize, UInt64(bytes.count), f)
            XCTAssertEqual(entry.hashes, Hex.encode(pkg.identity), f)
            XCTAssertEqual(entry.depends, pkg.info.depends, f)
            _ = try pkg.fileContents()  // every DATA block matches its size and SHA-256
            checked += 1
        }
        XCTAssertEqual(checked, 29)
    }

    func testKmodMetadata() throws {
        let pkg = try ApkPackage(path: try Self.sora + "/kmod-lib-crc32c-6.12.74-r1.apk")
        XCTAssertEqual(pkg.info.arch, "aarch64_cortex-a53")
        XCTAssertEqual(pkg.info.kernelDependency?.description, "kernel=6.12.74~ea63eca8388c3b20e2a7a5d5cbdbc7e1-r1")
        XCTAssertEqual(pkg.info.provides.map(\.description), ["kmod-lib-crc32c-any"])
        XCTAssertNotNil(pkg.scripts["post-install"])
        let ko = try XCTUnwrap(pkg.files.first { $0.path == "lib/modules/6.12.74/libcrc32c.ko" })
        XCTAssertEqual(ko.size, 5472)
        XCTAssertEqual(ko.hash?.count, 64)
        let contents = try pkg.fileContents()
        XCTAssertEqual(contents["lib/modules/6.12.74/libcrc32c.ko"]?.prefix(4), [0x7f, 0x45, 0x4c, 0x46])
    }

    func testSymlinkEntries() throws {
        let pkg = try ApkPackage(path: try Self.sora + "/kmod-button-hotplug-6.12.74-r3.apk")
        let link = try XCTUnwrap(pkg.files.first { $0.path == "etc/modules-boot.d/30-button-hotplug" })
        XCTAssertEqual(link.kind, "symlink")
        XCTAssertEqual(link.linkTarget, "../modules.d/30-button-hotplug")
        XCTAssertNil(link.device)
        XCTAssertEqual(pkg.files.first { $0.path.hasSuffix(".ko") }?.kind, "file")
        XCTAssertEqual(pkg.files.first { $0.isDirectory }?.kind, "dir")
    }

    func testUnchangedRoundTripIsByteIdentical() throws {
        for dir in [try Self.stangri, try Self.sora] {
            for f in try FileManager.default.contentsOfDirectory(atPath: dir) where f.hasSuffix(".apk") || f.hasSuffix(".adb") {
                let (comp, plain) = try ADBContainer.decode(try FS.read(dir + "/" + f))
                let file = try ADBFile(parsing: plain)
                XCTAssertEqual(file.serialized(), plain, f)
                // Re-compressing and decoding again gives the same plain stream.
                XCTAssertEqual(try ADBContainer.decode(try ADBContainer.encode(plain, compression: comp)).1, plain, f)
            }
        }
    }
}
