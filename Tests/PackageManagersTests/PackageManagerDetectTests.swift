import BinaryIO
import Foundation
import PackageManagers
import Platform
import TestSupport
import XCTest

/// The one detector: feeds, package files, key files and rootfs trees of both families, made
/// by independent tools (the opkg fixture feed by ipkg-make-index and usign, the apk-era
/// rootfs and keys by apk-tools/openssl, a real third-party apk feed) and told apart once.
final class PackageManagerDetectTests: XCTestCase {
    var apkFeed: String {
        get throws {
            guard let rd = TestEnv.realdata, FS.isRegularFile(rd + "/sora-shao__openwrt-kmods/packages.adb") else {
                throw XCTSkip("../shared/realdata/sora-shao__openwrt-kmods is absent (real third-party apk feed needed)")
            }
            return rd + "/sora-shao__openwrt-kmods"
        }
    }

    func testFeedsAreToldApartByTheirIndexOrTheSigningKey() throws {
        try TestEnv.requireFixtures()
        let apkFeed = try self.apkFeed
        XCTAssertEqual(PackageManager.detect(feed: TestEnv.fixtureFeed), .opkg)
        XCTAssertEqual(PackageManager.detect(feed: apkFeed), .apk)
        let empty = TestEnv.tempDir("pm-detect")
        defer { try? FileManager.default.removeItem(atPath: empty) }
        XCTAssertEqual(PackageManager.detect(feed: empty), .opkg)
        XCTAssertEqual(PackageManager.detect(feed: empty, signingKey: TestEnv.root + "/keys/demo.sec"), .opkg)
        // An apk feed indexed for the first time has no packages.adb: its PEM key says apk.
        XCTAssertEqual(PackageManager.detect(feed: empty, signingKey: TestEnv.fixtures + "/apk-era/keys/fixture.pem"), .apk)
        // A packages.adb that is not an ADB container is no apk feed.
        try FS.writeAtomically(Array("not adb".utf8), to: empty + "/packages.adb")
        XCTAssertEqual(PackageManager.detect(feed: empty), .opkg)
    }

    func testPackagesAreToldApartByNameOrADBMagic() throws {
        try TestEnv.requireFixtures()
        let apkFeed = try self.apkFeed
        let ipk = try XCTUnwrap(try FS.list(TestEnv.fixtureFeed).first { $0.hasSuffix(".ipk") })
        XCTAssertEqual(PackageManager.detect(package: TestEnv.fixtureFeed + "/" + ipk), .opkg)
        let apk = try XCTUnwrap(try FS.list(apkFeed).first { $0.hasPrefix("kmod-") })
        XCTAssertEqual(PackageManager.detect(package: apkFeed + "/" + apk), .apk)
        // Renamed, the ADB magic still says apk; an ipk renamed .apk is taken by its name.
        let dir = TestEnv.tempDir("pm-detect")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FS.writeAtomically(try FS.read(apkFeed + "/" + apk), to: dir + "/package.bin")
        XCTAssertEqual(PackageManager.detect(package: dir + "/package.bin"), .apk)
        try FS.writeAtomically(try FS.read(TestEnv.fixtureFeed + "/" + ipk), to: dir + "/other.bin")
        XCTAssertEqual(PackageManager.detect(package: dir + "/other.bin"), .opkg)
    }

    func testKeysAndTheirNamesOnTheDevice() throws {
        try TestEnv.requireFixtures()
        let usignPub = TestEnv.root + "/keys/demo.pub", pem = TestEnv.fixtures + "/apk-era/keys/fixture.pub.pem"
        XCTAssertEqual(PackageManager.detect(keyFile: usignPub), .opkg)
        XCTAssertEqual(PackageManager.detect(keyFile: pem), .apk)
        // opkg: the fingerprint name, as usign -F prints it (16 hex digits).
        let name = try OpkgFamily.trustedKeyName(try FS.read(usignPub), file: usignPub)
        XCTAssertEqual(name.count, 16)
        XCTAssertTrue(name.allSatisfy(\.isHexDigit))
        XCTAssertEqual(OpkgFamily.trustedKeysDirectory, "/etc/opkg/keys")
        // apk: the file name, `.pem` added when missing.
        XCTAssertEqual(try ApkFamily.trustedKeyName(try FS.read(pem), file: pem), "fixture.pub.pem")
        XCTAssertEqual(try ApkFamily.trustedKeyName(try FS.read(pem), file: "/x/trusted"), "trusted.pem")
        XCTAssertEqual(ApkFamily.trustedKeysDirectory, "/etc/apk/keys")
        // Each family refuses the other's key.
        XCTAssertThrowsError(try ApkFamily.trustedKeyName(try FS.read(usignPub), file: usignPub))
        XCTAssertThrowsError(try OpkgFamily.trustedKeyName(try FS.read(pem), file: pem))
    }

    func testRootfsIsToldApartByItsInstalledDatabase() throws {
        let apkRoot = TestEnv.fixtures + "/apk-era/rootfs"
        guard FS.isDirectory(apkRoot) else { throw XCTSkip("fixtures/apk-era is missing: run fixtures/make-apk-fixtures.sh") }
        XCTAssertEqual(PackageManager.detect(rootfs: { FS.exists(apkRoot + $0) }), .apk)
        XCTAssertEqual(PackageManager.detect(rootfs: { $0 == "/usr/lib/opkg/status" }), .opkg)
        XCTAssertNil(PackageManager.detect(rootfs: { _ in false }))
        for m in PackageManager.allCases { XCTAssertEqual(m.family.manager, m) }
    }

    /// A real signed apk feed (stangri) checked through the family: against its one PEM key
    /// file (as `feed verify --key`), against a folder, and against a key of the wrong family.
    func testApkFeedVerifiesAgainstOneKeyFileOrAFolder() throws {
        guard let rd = TestEnv.realdata, FS.isRegularFile(rd + "/stangri__apk.openwrt.melmac.ca/packages.adb") else {
            throw XCTSkip("../shared/realdata/stangri__apk.openwrt.melmac.ca is absent (real third-party apk feed needed)")
        }
        let feed = rd + "/stangri__apk.openwrt.melmac.ca", key = feed + "/apk.openwrt.melmac.ca.pem"
        let family = PackageManager.detect(feed: feed).family
        XCTAssertEqual(family.manager, .apk)
        guard case .apk(let v, let keys) = try family.verifyFeed(feed, keys: .file(key)) else { return XCTFail("not an apk result") }
        XCTAssertEqual(keys, key)
        XCTAssertEqual(v.index.verifiedKeyID, "bf8e0c844269e563e20782a19fde51e2")
        XCTAssertEqual(v.index.verifiedBy, key)
        XCTAssertEqual(v.keysLoaded, ["apk.openwrt.melmac.ca.pem"])
        XCTAssertTrue(v.ok)
        guard case .apk(let d, _) = try family.verifyFeed(feed, keys: .directory(feed)) else { return XCTFail("not an apk result") }
        XCTAssertEqual(d.index.verifiedKeyID, "bf8e0c844269e563e20782a19fde51e2")
        XCTAssertEqual(d.packages, v.packages)
        // A usign key is no PEM key: passed over, so the index is not trusted.
        guard case .apk(let u, _) = try family.verifyFeed(feed, keys: .file(TestEnv.root + "/keys/demo.pub")) else { return XCTFail("not an apk result") }
        XCTAssertFalse(u.index.isTrusted)
        XCTAssertFalse(u.ok)
        XCTAssertThrowsError(try family.verifyFeed(feed, keys: .file(feed + "/no-such-key.pem")))
    }

    /// `isIntact` (how a batch re-run keeps a finished job): true for a feed signed with the
    /// key and unchanged, false for another key or a changed package — both families.
    func testFeedSignedWithAKeyIsIntactUntilChanged() throws {
        try TestEnv.requireFixtures()
        let apkFeed = try self.apkFeed
        let dir = TestEnv.tempDir("pm-intact")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let other = dir + "/other.sec"
        _ = try OpkgFamily.generateKeyPair(secret: other, public: dir + "/other.pub", comment: nil, force: false)
        XCTAssertTrue(OpkgFamily.isIntact(TestEnv.fixtureFeed, signedWith: TestEnv.demoSecretKey))
        XCTAssertFalse(OpkgFamily.isIntact(TestEnv.fixtureFeed, signedWith: other))

        let feed = dir + "/apk"
        try FS.makeDirectories(feed)
        let names = try FS.list(apkFeed).filter { $0.hasPrefix("kmod-") }.prefix(3)
        for n in names { try FS.writeAtomically(try FS.read(apkFeed + "/" + n), to: feed + "/" + n) }
        let key = dir + "/apk.pem"
        _ = try ApkFamily.generateKeyPair(secret: key, public: dir + "/apk.pub.pem", comment: nil, force: false)
        guard case .apk(let index, _, let signedBy) = try PackageManager.detect(feed: feed, signingKey: key).family
            .indexFeed(feed, signingKey: key, progress: nil) else { return XCTFail("not an apk index") }
        XCTAssertEqual(index.entries.count, names.count)
        XCTAssertNotNil(signedBy)
        XCTAssertEqual(PackageManager.detect(feed: feed), .apk)
        XCTAssertTrue(ApkFamily.isIntact(feed, signedWith: key))
        XCTAssertFalse(ApkFamily.isIntact(feed, signedWith: TestEnv.fixtures + "/apk-era/keys/fixture.pem"))
        var bytes = try FS.read(feed + "/" + (names.first ?? ""))
        bytes[bytes.count / 2] ^= 0xff
        try FS.writeAtomically(bytes, to: feed + "/" + (names.first ?? ""))
        XCTAssertFalse(ApkFamily.isIntact(feed, signedWith: key))
    }
}
