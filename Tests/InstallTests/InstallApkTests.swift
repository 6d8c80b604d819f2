import Apk
import BinaryIO
import Digests
import Platform
import Firmware
import Install
import Foundation
import TestSupport
import XCTest

/// `imagetool install` on an apk-era (OpenWrt 25.x) rootfs with .apk v3 packages, detected
/// automatically: the real sora-shao kmod feed rebased onto the fixture apk-era rootfs, its
/// kmods installed into the bare rootfs.sqfs, read back with Debian's unsquashfs and our
/// installed-database reader, digests cross-checked with the openssl command.
final class InstallApkTests: XCTestCase {
    static let rootfs = TestEnv.fixtures + "/apk-era/rootfs.sqfs"
    static let feedDir = (TestEnv.realdata ?? "/nonexistent") + "/sora-shao__openwrt-kmods"
    static let tunFile = "kmod-tun-6.12.74-r1.apk"
    nonisolated(unsafe) static var rebasedFeed: String?

    override class func tearDown() {
        if let r = rebasedFeed { try? FileManager.default.removeItem(atPath: FS.dirname(of: r)) }
        super.tearDown()
    }

    /// The sora-shao feed rebased onto the fixture rootfs (once per run).
    func rebased() throws -> String {
        guard TestEnv.realdata != nil, FS.isDirectory(Self.feedDir) else {
            throw XCTSkip("../shared/realdata/sora-shao__openwrt-kmods is absent: apk install not tested")
        }
        guard FS.isRegularFile(Self.rootfs) else { throw XCTSkip("fixtures/apk-era missing (run fixtures/make-apk-fixtures.sh)") }
        if let r = Self.rebasedFeed { return r }
        let dir = TestEnv.tempDir("apkinstall-feed")
        let r = try TestEnv.imagetool(["rebase", Self.feedDir, "--kernel", Self.rootfs, "-o", dir + "/out",
                                       "--key", TestEnv.fixtures + "/apk-era/keys/fixture.pem", "--force"])
        XCTAssertEqual(r.status, 0, r.err)
        Self.rebasedFeed = dir + "/out"
        return dir + "/out"
    }

    func tool(_ name: String) throws -> String {
        if let t = TestEnv.which(name) { return t }
        for d in ["/usr/bin", "/bin"] where FileManager.default.isExecutableFile(atPath: d + "/" + name) { return d + "/" + name }
        throw XCTSkip("\(name) not installed")
    }

    func unsquash(_ image: String, _ dir: String) throws {
        let r = try TestSupport.run(try tool("unsquashfs"), ["-q", "-n", "-d", dir, image])
        XCTAssertEqual(r.status, 0, r.err)
    }

    /// `Q1` + base64 of the first 20 bytes of SHA-256, computed by the openssl command.
    func opensslQ1(_ bytes: [UInt8]) throws -> String {
        let r = try TestSupport.run(try tool("openssl"), ["dgst", "-sha256", "-binary"], input: Data(bytes))
        XCTAssertEqual(r.status, 0, r.err)
        let b = try TestSupport.run(try tool("openssl"), ["base64", "-A"], input: Data(Array(r.stdout).prefix(20)))
        return "Q1" + b.out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func testInstallRebasedKmodIntoBareRootfs() throws {
        let feed = try rebased()
        let tmp = TestEnv.tempDir("apkinstall")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let before = try Digest.hashFile(.sha256, path: Self.rootfs)
        let pkgPath = feed + "/" + Self.tunFile
        let r = try TestEnv.imagetool(["install", Self.rootfs, pkgPath, "-o", tmp + "/new.sqfs", "--json"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(try Digest.hashFile(.sha256, path: Self.rootfs), before, "input modified")
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
        XCTAssertEqual(report["imageKind"] as? String, "squashfs")
        XCTAssertEqual(report["installedCount"] as? Int, 1)

        try unsquash(tmp + "/new.sqfs", tmp + "/new")
        try unsquash(Self.rootfs, tmp + "/old")
        let pkg = try ApkPackage(path: pkgPath)
        let contents = try pkg.fileContents()
        let ko = try XCTUnwrap(contents["lib/modules/6.12.74/tun.ko"])
        XCTAssertGreaterThan(ko.count, 10_000)
        XCTAssertEqual(try FS.read(tmp + "/new/lib/modules/6.12.74/tun.ko"), ko, "tun.ko not byte-identical")
        for (path, data) in contents { XCTAssertEqual(try FS.read(tmp + "/new/" + path), data, path) }
        // Every file of the input rootfs is unchanged except the database and world.
        let old = try TestEnv.treeDigest(tmp + "/old"), new = try TestEnv.treeDigest(tmp + "/new")
        for (p, d) in old where p != "lib/apk/db/installed" && p != "etc/apk/world" { XCTAssertEqual(new[p], d, p) }
        XCTAssertEqual(Set(new.keys).subtracting(old.keys), Set(contents.keys).union(["lib/apk/db/scripts.tar"]))

        // The database keeps every old byte, and the new stanza reads back.
        let oldDB = try FS.read(tmp + "/old/lib/apk/db/installed"), newDB = try FS.read(tmp + "/new/lib/apk/db/installed")
        XCTAssertEqual(Array(newDB.prefix(oldDB.count)), oldDB)
        let db = try ApkInstalledDB.open(tmp + "/new/lib/apk/db/installed")
        let entry = try XCTUnwrap(db.package(named: "kmod-tun"))
        XCTAssertEqual(entry.version, "6.12.74-r1")
        XCTAssertEqual(entry.depends.first { $0.name == "kernel" }?.version, db.kernelVersion)
        XCTAssertTrue(entry.files.contains("lib/modules/6.12.74/tun.ko"))
        XCTAssertEqual(Set(entry.files), Set(contents.keys))
        XCTAssertEqual(db.packages.count, try ApkInstalledDB.open(tmp + "/old/lib/apk/db/installed").packages.count + 1)
        let text = String(decoding: newDB.dropFirst(oldDB.count), as: UTF8.self)
        XCTAssertTrue(text.contains("\nf:S\n"))
        XCTAssertTrue(text.contains("R:tun.ko\nZ:" + (try opensslQ1(ko)) + "\n"), text)
        XCTAssertTrue(text.hasPrefix("C:" + (try opensslQ1(try XCTUnwrap(pkg.file.adbBlock?.payload))) + "\nP:kmod-tun\n"), text)
        XCTAssertTrue(text.contains("\nS:\(try FS.size(pkgPath))\n"))
        let world = try String(contentsOfFile: tmp + "/new/etc/apk/world", encoding: .utf8)
        XCTAssertTrue(world.contains("kmod-tun><" + (try opensslQ1(try XCTUnwrap(pkg.file.adbBlock?.payload)))))

        // Scripts stored in scripts.tar as apk names them, read with Debian's tar.
        let hex = "X1" + Hex.encode(Array(Digest.sha256(try XCTUnwrap(pkg.file.adbBlock?.payload)).prefix(20)))
        let post = try XCTUnwrap(pkg.scripts["post-install"])
        let member = "kmod-tun-6.12.74-r1.\(hex).post-install"
        let list = try TestSupport.run(try tool("tar"), ["-tf", tmp + "/new/lib/apk/db/scripts.tar"])
        XCTAssertTrue(list.out.split(separator: "\n").contains(Substring(member)), list.out)
        let x = try TestSupport.run(try tool("tar"), ["-xOf", tmp + "/new/lib/apk/db/scripts.tar", member])
        XCTAssertEqual(x.out, post)

        // Deterministic: a second run gives the same bytes.
        let r2 = try TestEnv.imagetool(["install", Self.rootfs, pkgPath, "-o", tmp + "/again.sqfs"])
        XCTAssertEqual(r2.status, 0, r2.err)
        XCTAssertEqual(try FS.read(tmp + "/again.sqfs"), try FS.read(tmp + "/new.sqfs"))
    }

    func testUnrebasedKmodRefused() throws {
        _ = try rebased()
        let tmp = TestEnv.tempDir("apkinstall-refuse")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let env = try String(contentsOfFile: TestEnv.fixtures + "/apk-era/apk-era.env", encoding: .utf8)
        func fact(_ k: String) -> String { env.split(separator: "\n").first { $0.hasPrefix(k + "=") }.map { String($0.dropFirst(k.count + 1)) } ?? "?" }
        let r = try TestEnv.imagetool(["install", Self.rootfs, Self.feedDir + "/" + Self.tunFile, "-o", tmp + "/new.sqfs"])
        XCTAssertEqual(r.status, 3, r.err)
        XCTAssertTrue(r.err.contains(fact("FEED_KERNEL")) && r.err.contains(fact("IMAGE_KERNEL")), r.err)
        XCTAssertTrue(r.err.contains("imagetool rebase"), r.err)
        XCTAssertFalse(FS.exists(tmp + "/new.sqfs"))
        // The feed's own kernel package (another vermagic) is refused too.
        let k = try TestEnv.imagetool(["install", Self.rootfs, Self.feedDir + "/kernel-\(fact("FEED_KERNEL")).apk", "-o", tmp + "/k.sqfs"])
        XCTAssertEqual(k.status, 3, k.err)
        XCTAssertTrue(k.err.contains("kernel \(fact("IMAGE_KERNEL"))"), k.err)
        XCTAssertFalse(FS.exists(tmp + "/k.sqfs"))
        // --force installs it and says so.
        let f = try TestEnv.imagetool(["install", Self.rootfs, Self.feedDir + "/" + Self.tunFile, "-o", tmp + "/new.sqfs", "--force"])
        XCTAssertEqual(f.status, 0, f.err)
        XCTAssertTrue(f.err.contains("forced"), f.err)
        // The rebased build (same name and version, another checksum) then replaces it.
        let feed = try rebased()
        let re = try TestEnv.imagetool(["install", tmp + "/new.sqfs", feed + "/" + Self.tunFile, "-o", tmp + "/re.sqfs", "--json"])
        XCTAssertEqual(re.status, 0, re.err)
        XCTAssertTrue(re.out.contains("\"reinstall\""), re.out)
        try unsquash(tmp + "/re.sqfs", tmp + "/re")
        let db = try ApkInstalledDB.open(tmp + "/re/lib/apk/db/installed")
        XCTAssertEqual(db.packages.filter { $0.name == "kmod-tun" }.count, 1)
        XCTAssertEqual(db.package(named: "kmod-tun")?.depends.first { $0.name == "kernel" }?.version, fact("IMAGE_KERNEL"))
        let world = try String(contentsOfFile: tmp + "/re/etc/apk/world", encoding: .utf8)
        XCTAssertEqual(world.split(separator: "\n").filter { $0.hasPrefix("kmod-tun><") }.count, 1)
        let scripts = try TestSupport.run(try tool("tar"), ["-tf", tmp + "/re/lib/apk/db/scripts.tar"]).out
        let posts = scripts.split(separator: "\n").filter { $0.hasPrefix("kmod-tun-6.12.74-r1.") && $0.hasSuffix(".post-install") }
        let newHex = "X1" + Hex.encode(Array(Digest.sha256(try XCTUnwrap(try ApkPackage(path: feed + "/" + Self.tunFile).file.adbBlock?.payload)).prefix(20)))
        XCTAssertEqual(posts, [Substring("kmod-tun-6.12.74-r1.\(newHex).post-install")], scripts)
    }

    func testMissingDependencyRefusedUnlessForced() throws {
        let feed = try rebased()
        let tmp = TestEnv.tempDir("apkinstall-deps")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let slhc = feed + "/kmod-slhc-6.12.74-r1.apk"
        let r = try TestEnv.imagetool(["install", Self.rootfs, slhc, "-o", tmp + "/a.sqfs"])
        XCTAssertEqual(r.status, 3, r.err)
        XCTAssertTrue(r.err.contains("kmod-lib-crc-ccitt"), r.err)
        XCTAssertEqual(try TestEnv.imagetool(["install", Self.rootfs, slhc, "-o", tmp + "/a.sqfs", "--force-depends"]).status, 0)
        // A dependency met by another package of the same run: kmod-pppox needs kmod-ppp.
        let ppp = try TestEnv.imagetool(["install", Self.rootfs, feed + "/kmod-pppox-6.12.74-r1.apk", feed + "/kmod-ppp-6.12.74-r1.apk",
                                         "-o", tmp + "/b.sqfs", "--force-depends", "--json"])
        XCTAssertEqual(ppp.status, 0, ppp.err)
        XCTAssertTrue(ppp.out.contains("co-installed"), ppp.out)
    }

    func testKeysFeedLinesAndFirmwareDetection() throws {
        let feed = try rebased()
        let tmp = TestEnv.tempDir("apkinstall-keys")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let pub = TestEnv.fixtures + "/apk-era/keys/fixture.pub.pem"
        let line = "https://example.invalid/kmods/packages.adb"
        let r = try TestEnv.imagetool(["install", Self.rootfs, feed + "/" + Self.tunFile, "-o", tmp + "/n.sqfs",
                                       "--add-key", pub, "--feed-line", line])
        XCTAssertEqual(r.status, 0, r.err)
        try unsquash(tmp + "/n.sqfs", tmp + "/n")
        XCTAssertEqual(try FS.read(tmp + "/n/etc/apk/keys/fixture.pub.pem"), try FS.read(pub))
        XCTAssertEqual(try String(contentsOfFile: tmp + "/n/etc/apk/repositories.d/customfeeds.list", encoding: .utf8), line + "\n")
        // An .ipk into the apk-era rootfs: one clear line, nothing written.
        let ipk = try XCTUnwrap(try FS.list(InstallFixture.feed).first { $0.hasSuffix(".ipk") })
        let wrong = try TestEnv.imagetool(["install", Self.rootfs, InstallFixture.feed + "/" + ipk, "-o", tmp + "/w.sqfs"])
        XCTAssertEqual(wrong.status, 1, wrong.err)
        XCTAssertTrue(wrong.err.contains("not an apk v3 package"), wrong.err)
        XCTAssertFalse(FS.exists(tmp + "/w.sqfs"))
        // A rootfs over --max-image-size is refused and nothing is written.
        let big = try TestEnv.imagetool(["install", Self.rootfs, feed + "/" + Self.tunFile, "-o", tmp + "/big.sqfs", "--max-image-size", "4096"])
        XCTAssertEqual(big.status, 3, big.err)
        XCTAssertFalse(FS.exists(tmp + "/big.sqfs"))
        XCTAssertEqual(try FS.list(tmp).filter { $0.hasPrefix(".") || $0.contains("tmp") }, [])
        // Installing the same package again is a no-op for the database.
        let again = try TestEnv.imagetool(["install", tmp + "/n.sqfs", feed + "/" + Self.tunFile, "-o", tmp + "/m.sqfs", "--json"])
        XCTAssertEqual(again.status, 0, again.err)
        XCTAssertTrue(again.out.contains("skip-same-version"), again.out)
    }

    func testWholeRebasedFeedInstalls() throws {
        let feed = try rebased()
        let tmp = TestEnv.tempDir("apkinstall-all")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let apks = try FS.list(feed).filter { $0.hasSuffix(".apk") }.map { feed + "/" + $0 }
        XCTAssertGreaterThan(apks.count, 20)
        let r = try TestEnv.imagetool(["install", Self.rootfs] + apks + ["-o", tmp + "/all.sqfs", "--force-depends"])
        XCTAssertEqual(r.status, 0, r.err)
        try unsquash(tmp + "/all.sqfs", tmp + "/all")
        let db = try ApkInstalledDB.open(tmp + "/all/lib/apk/db/installed")
        for a in apks {
            let pkg = try ApkPackage(path: a)
            let entry = try XCTUnwrap(db.package(named: pkg.info.name), pkg.info.name)
            XCTAssertEqual(entry.version, pkg.info.version)
            XCTAssertEqual(db.packages.filter { $0.name == pkg.info.name }.count, 1, pkg.info.name)
            for (path, data) in try pkg.fileContents() {
                XCTAssertEqual(try FS.read(tmp + "/all/" + path), data, path)
                XCTAssertTrue(entry.files.contains(path), path)
            }
            for f in pkg.files where !f.isDirectory && f.kind == "symlink" {
                XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: tmp + "/all/" + f.path), f.linkTarget, f.path)
            }
            for f in pkg.files where !f.isDirectory && f.kind == "file" {
                let mode = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: tmp + "/all/" + f.path)[.posixPermissions] as? Int)
                XCTAssertEqual(UInt64(mode), (f.mode ?? 0o644) & 0o7777, f.path)
            }
        }
    }

    func testApkEraFirmwareImage() throws {
        let feed = try rebased()
        guard FS.isRegularFile(InstallFixture.image) else { throw XCTSkip("opkg fixture image missing") }
        let tmp = TestEnv.tempDir("apkinstall-fw")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        // A sysupgrade image carrying the apk-era rootfs (our Firmware rebuild of the fixture image).
        let fw = try FirmwareImage.open(InstallFixture.image)
        let built = try fw.rebuild(replacingRootfs: try FS.read(Self.rootfs), options: RebuildOptions())
        try FS.writeAtomically(built.bytes, to: tmp + "/apk-era.bin")
        let r = try TestEnv.imagetool(["install", tmp + "/apk-era.bin", feed + "/" + Self.tunFile, "-o", tmp + "/out.bin", "--json"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("\"imageKind\" : \"\(fw.kind.rawValue)\""), r.out)
        let out = try FirmwareImage.open(tmp + "/out.bin")
        XCTAssertEqual(out.kind, fw.kind)
        try FS.writeAtomically(try XCTUnwrap(out.rootfsImage), to: tmp + "/root.sqfs")
        try unsquash(tmp + "/root.sqfs", tmp + "/root")
        let ko = try XCTUnwrap(try ApkPackage(path: feed + "/" + Self.tunFile).fileContents()["lib/modules/6.12.74/tun.ko"])
        XCTAssertEqual(try FS.read(tmp + "/root/lib/modules/6.12.74/tun.ko"), ko)
        XCTAssertNotNil(try ApkInstalledDB.open(tmp + "/root/lib/apk/db/installed").package(named: "kmod-tun"))
        // The kernel part of the image is untouched.
        XCTAssertEqual(out.kernelImage, fw.kernelImage)
    }

    func testApkPackageIntoOpkgImageRefusedClearly() throws {
        let feed = try rebased()
        guard FS.isRegularFile(InstallFixture.image) else { throw XCTSkip("opkg fixture image missing") }
        let tmp = TestEnv.tempDir("apkinstall-opkg")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let r = try TestEnv.imagetool(["install", InstallFixture.image, feed + "/" + Self.tunFile, "-o", tmp + "/x.bin"])
        XCTAssertEqual(r.status, 1, r.err)
        XCTAssertTrue(r.err.contains("uses opkg"), r.err)
        XCTAssertFalse(FS.exists(tmp + "/x.bin"))
    }

    func testDependencyMatchingFollowsApk() {
        func dep(_ s: String) -> ApkDependency { ApkDependency(parsing: s)! }
        XCTAssertTrue(ApkDependencyMatch.satisfies(dep("a>=1.2"), version: "1.10"))
        XCTAssertFalse(ApkDependencyMatch.satisfies(dep("a>=1.2"), version: "1.1"))
        XCTAssertTrue(ApkDependencyMatch.satisfies(dep("a<2"), version: "1.9-r3"))
        XCTAssertTrue(ApkDependencyMatch.satisfies(dep("a~1.2"), version: "1.2.5-r1"))
        XCTAssertFalse(ApkDependencyMatch.satisfies(dep("a~1.2"), version: "1.20"))
        XCTAssertFalse(ApkDependencyMatch.satisfies(dep("kernel=6.12.74~aa-r1"), version: "6.12.74~bb-r1"))
        let db = try? ApkInstalledDB(parsing: "P:libc\nV:1.2.5-r5\np:so:libc.so=1 cmd:ldd\n\nP:x\nV:1\np:virt\n")
        XCTAssertEqual(db.flatMap { ApkDependencyMatch.provider(of: dep("so:libc.so"), in: $0) }?.name, "libc")
        XCTAssertEqual(db.flatMap { ApkDependencyMatch.provider(of: dep("so:libc.so>=1"), in: $0) }?.name, "libc")
        XCTAssertEqual(db.flatMap { ApkDependencyMatch.provider(of: dep("cmd:ldd"), in: $0) }?.name, "libc")
        // An unversioned provide never meets a versioned dependency.
        XCTAssertNil(db.flatMap { ApkDependencyMatch.provider(of: dep("virt>=1"), in: $0) })
    }

    func testFileOwnedByAnotherPackage() throws {
        guard FS.isRegularFile(Self.rootfs) else { throw XCTSkip("fixtures/apk-era missing") }
        let tmp = TestEnv.tempDir("apkinstall-clash")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let dbPath = TestEnv.fixtures + "/apk-era/rootfs/lib/apk/db/installed"
        let before = try ApkInstalledDB.open(dbPath)
        XCTAssertTrue(before.package(named: "libc")?.files.contains("lib/libc.so") == true)
        let apk = try makeApk(name: "demo", dirs: [("lib", [("libc.so", Array("x".utf8), false)])], kernel: before.kernelVersion)
        try FS.writeAtomically(apk, to: tmp + "/demo.apk")
        let r = try TestEnv.imagetool(["install", Self.rootfs, tmp + "/demo.apk", "-o", tmp + "/a.sqfs"])
        XCTAssertEqual(r.status, 3, r.err)
        XCTAssertTrue(r.err.contains("libc") && r.err.contains("--force-overwrite"), r.err)
        XCTAssertFalse(FS.exists(tmp + "/a.sqfs"))
        let f = try TestEnv.imagetool(["install", Self.rootfs, tmp + "/demo.apk", "-o", tmp + "/a.sqfs", "--force-overwrite"])
        XCTAssertEqual(f.status, 0, f.err)
        try unsquash(tmp + "/a.sqfs", tmp + "/a")
        let db = try ApkInstalledDB.open(tmp + "/a/lib/apk/db/installed")
        XCTAssertEqual(db.package(named: "libc")?.files, [])
        XCTAssertEqual(db.package(named: "demo")?.files, ["lib/libc.so"])
        XCTAssertEqual(db.packages.map(\.name), before.packages.map(\.name) + ["demo"])
    }

    func testDamagedInstalledDatabaseRefused() throws {
        let feed = try rebased()
        let tmp = TestEnv.tempDir("apkinstall-baddb")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        // The fixture rootfs with a damaged database, packed by Debian's mksquashfs.
        let cp = try TestSupport.run(try tool("cp"), ["-a", TestEnv.fixtures + "/apk-era/rootfs", tmp + "/root"])
        XCTAssertEqual(cp.status, 0, cp.err)
        try FS.writeAtomically(Array("P:kernel\nV:1\ngarbage line\n".utf8), to: tmp + "/root/lib/apk/db/installed")
        let mk = try TestSupport.run(try tool("mksquashfs"), [tmp + "/root", tmp + "/bad.sqfs", "-noappend", "-quiet", "-all-root"])
        XCTAssertEqual(mk.status, 0, mk.err)
        let r = try TestEnv.imagetool(["install", tmp + "/bad.sqfs", feed + "/" + Self.tunFile, "-o", tmp + "/out.sqfs"])
        XCTAssertEqual(r.status, 1, r.err)
        XCTAssertTrue(r.err.contains("lib/apk/db/installed") && r.err.contains("line 3"), r.err)
        XCTAssertEqual(r.err.split(separator: "\n").count, 1, r.err)
        XCTAssertFalse(FS.exists(tmp + "/out.sqfs"))
    }

    // MARK: hostile packages built with our ADB writer

    /// A v3 package: `dirs` = [(dir, [(name, content or symlink target, isSymlink)])].
    func makeApk(name: String, dirs: [(String, [(String, [UInt8], Bool)])], kernel: String?) throws -> [UInt8] {
        var w = ADBHeapWriter()
        var deps: [ADBVal] = []
        if let kernel { deps.append(try ApkDependency(name: "kernel", version: kernel).write(into: &w)) }
        let info = try w.container([try w.string(name), try w.string("1.0-r1"), .null, try w.string("test"),
                                    try w.string("aarch64_cortex-a53"), .null, .null, .null, .null, .null, .null, .null, .null, .null,
                                    try w.container(deps, type: ADBVal.typeArray)])
        var paths: [ADBVal] = []
        var data: [ADBBlock] = []
        for (di, (dir, files)) in dirs.enumerated() {
            var fv: [ADBVal] = []
            for (fi, (fname, content, link)) in files.enumerated() {
                let acl = try w.container([try w.int(link ? 0o777 : 0o644), try w.string("root"), try w.string("root")])
                if link {
                    fv.append(try w.container([try w.string(fname), acl, .null, try w.int(1), .null,
                                               try w.blob([0x00, 0xa0] + content)]))
                } else {
                    fv.append(try w.container([try w.string(fname), acl, try w.int(UInt64(content.count)), try w.int(1),
                                               try w.blob(Digest.sha256(content))]))
                    var p = ByteWriter()
                    p.u32le(UInt32(di + 1)); p.u32le(UInt32(fi + 1))
                    data.append(ADBBlock(type: .data, payload: p.bytes + content))
                }
            }
            let dacl = try w.container([try w.int(0o755), try w.string("root"), try w.string("root")])
            paths.append(try w.container([try w.string(dir), dacl, try w.container(fv, type: ADBVal.typeArray)]))
        }
        w.setRoot(try w.container([info, try w.container(paths, type: ADBVal.typeArray)]))
        return ADBFile(schema: ADBFile.schemaPackage, blocks: [ADBBlock(type: .adb, payload: w.finish())] + data).serialized()
    }

    func testHostileNamesRefused() throws {
        guard FS.isRegularFile(Self.rootfs) else { throw XCTSkip("fixtures/apk-era missing") }
        let tmp = TestEnv.tempDir("apkinstall-hostile")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let kernel = try XCTUnwrap(try ApkInstalledDB(parsing: String(contentsOfFile: TestEnv.fixtures + "/apk-era/rootfs/lib/apk/db/installed", encoding: .utf8)).kernelVersion)
        // A well-formed package of our writer installs (so the refusals below are about names).
        let good = try makeApk(name: "demo", dirs: [("usr", []), ("usr/share", [("demo.txt", Array("hi\n".utf8), false)])], kernel: kernel)
        try FS.writeAtomically(good, to: tmp + "/good.apk")
        let ok = try TestEnv.imagetool(["install", Self.rootfs, tmp + "/good.apk", "-o", tmp + "/good.sqfs"])
        XCTAssertEqual(ok.status, 0, ok.err)
        let cases: [(String, [(String, [(String, [UInt8], Bool)])], String)] = [
            ("dotdot-dir", [("../../tmp", [("x", [1], false)])], "contains .."),
            ("dotdot-file", [("usr", [("../../../x", [1], false)])], "contains .."),
            ("absolute-dir", [("/etc", [("x", [1], false)])], "absolute path"),
            ("newline-name", [("usr", [("a\nb", [1], false)])], "control character"),
            ("through-symlink", [("", [("evil", Array("/tmp".utf8), true)]), ("evil", [("pwn", [1], false)])], "is a symlink"),
        ]
        for (tag, dirs, why) in cases {
            let path = tmp + "/\(tag).apk"
            try FS.writeAtomically(try makeApk(name: "demo", dirs: dirs, kernel: kernel), to: path)
            let r = try TestEnv.imagetool(["install", Self.rootfs, path, "-o", tmp + "/\(tag).sqfs"])
            XCTAssertNotEqual(r.status, 0, "\(tag) accepted")
            XCTAssertTrue(r.err.hasPrefix("imagetool: \(path): ") && r.err.contains(why), "\(tag): \(r.err)")
            XCTAssertEqual(r.err.split(separator: "\n").count, 1, "\(tag): \(r.err)")
            XCTAssertFalse(FS.exists(tmp + "/\(tag).sqfs"), tag)
        }
    }
}
