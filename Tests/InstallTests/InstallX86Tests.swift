import BinaryIO
import FeedRewrite
import Firmware
import Foundation
import Install
import Platform
import Rebase
import TestSupport
import XCTest

/// `install` into x86 disk images made by fixtures/make-x86-image.sh (sgdisk, sfdisk,
/// mkfs.fat + mtools, mkfs.ext4 -d, gzip): checked with sgdisk -v, e2fsck -fn, debugfs,
/// unsquashfs, GNU gzip and fwimage.py's fwtool trailer check.
final class InstallX86Tests: XCTestCase {
    static func sbin(_ t: String, _ pkg: String) throws -> String {
        for d in ["/usr/sbin", "/sbin", "/usr/bin", "/bin"] where FileManager.default.isExecutableFile(atPath: d + "/" + t) { return d + "/" + t }
        throw XCTSkip("\(t) not installed (Debian package \(pkg))")
    }

    func makeImage(_ kind: String, in dir: String) throws -> String {
        for (t, p) in [("sgdisk", "gdisk"), ("sfdisk", "fdisk"), ("mkfs.ext4", "e2fsprogs"), ("mkfs.fat", "dosfstools"), ("mcopy", "mtools")] {
            _ = try InstallX86Tests.sbin(t, p)
        }
        let out = "\(dir)/\(kind).img.gz"
        let r = try TestSupport.run("/bin/bash", [TestEnv.fixtures + "/make-x86-image.sh", kind, out])
        XCTAssertEqual(r.status, 0, r.err)
        return out
    }

    /// The inflated disk (GNU gzip) and the rootfs partition (sfdisk -d, partition 2) as files.
    func rawDisk(_ image: String, _ raw: String) throws -> (start: Int, size: Int) {
        _ = try TestSupport.run("/bin/sh", ["-c", "gzip -dc < '\(image)' > '\(raw)' 2>/dev/null; true"])
        let dump = try TestSupport.run(try InstallX86Tests.sbin("sfdisk", "fdisk"), ["-d", raw]).out
        let line = try XCTUnwrap(dump.split(separator: "\n").first { $0.contains("\(raw)2 :") }, dump)
        let f = line.replacingOccurrences(of: " ", with: "").split(separator: ",")
        let start = Int(f.first { $0.contains("start=") }?.split(separator: "=").last ?? "") ?? 0
        let size = Int(f.first { $0.hasPrefix("size=") }?.split(separator: "=").last ?? "") ?? 0
        return (start * 512, size * 512)
    }

    func testInstallKmodIntoAllX86Kinds() throws {
        try TestEnv.requireFixtures()
        let dir = TestEnv.tempDir("install-x86")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try InstallFixture.rebase(into: dir)
        let ipkPath = dir + "/feed/" + InstallFixture.ipkName("kmod-imt-extra")
        let ko = try IPK.open(ipkPath).dataFiles(readData: true).first { $0.name.hasSuffix("/imt_extra.ko") }
        let release = InstallFixture.fact("RELEASE")
        let debugfs = try InstallX86Tests.sbin("debugfs", "e2fsprogs")
        for kind in ["ext4-efi", "ext4-mbr", "squashfs-efi"] {
            let image = try makeImage(kind, in: dir)
            let before = try FS.read(image)
            let out = "\(dir)/\(kind).out.img.gz"
            let report = try OfflineInstaller.run(InstallOptions(image: image, packages: [ipkPath], output: out))
            XCTAssertEqual(report.packages.first?.action, "install", kind)
            XCTAssertEqual(try FS.read(image), before, "\(kind): input untouched")

            // Every region and GPT checksum verifies, and the facts see the kmod.
            let fw = try FirmwareImage.open(out)
            let insp = ImageReport(image: fw, file: out, facts: try fw.rootfsFacts())
            XCTAssertTrue(insp.checksumsVerify, kind)
            XCTAssertEqual(insp.facts?.kmods["kmod-imt-extra"], InstallFixture.fact("PKG_KMOD_VERSION"), kind)
            XCTAssertEqual(insp.kernel?.release, release, kind)
            let py = try TestEnv.tool("python3")
            let chk = try TestSupport.run(py, [TestEnv.fixtures + "/src/fwimage.py", "fwtool-check", out])
            XCTAssertEqual(chk.status, 0, "\(kind): fwtool trailer: \(chk.err)")

            let raw = "\(dir)/\(kind).raw", rawBefore = "\(dir)/\(kind).before.raw"
            let (start, size) = try rawDisk(out, raw)
            let (start0, size0) = try rawDisk(image, rawBefore)
            XCTAssertEqual([start, size], [start0, size0], "\(kind): partition sizes kept")
            XCTAssertEqual(try FS.size(raw), try FS.size(rawBefore), kind)
            if kind.hasSuffix("efi") {
                let v = try TestSupport.run(try InstallX86Tests.sbin("sgdisk", "gdisk"), ["-v", raw])
                XCTAssertTrue(v.out.contains("No problems found"), "\(kind): \(v.out)")
            }
            // Nothing outside the rootfs partition changed.
            let a = try FS.read(raw), b = try FS.read(rawBefore)
            XCTAssertTrue(a[..<start] == b[..<start], "\(kind): bytes before the rootfs changed")
            XCTAssertTrue(a[(start + size)...] == b[(start + size)...], "\(kind): bytes after the rootfs changed")

            let part = "\(dir)/\(kind).part"
            try FS.writeAtomically(Array(a[start ..< start + size]), to: part)
            if kind.hasPrefix("ext4") {
                let fsck = try TestSupport.run(try InstallX86Tests.sbin("e2fsck", "e2fsprogs"), ["-fn", part])
                XCTAssertEqual(fsck.status, 0, "\(kind): e2fsck -fn: \(fsck.out) \(fsck.err)")
                let status = try TestSupport.run(debugfs, ["-R", "cat /usr/lib/opkg/status", part]).out
                XCTAssertTrue(status.contains("Package: kmod-imt-extra\n"), status)
                XCTAssertTrue(status.contains("Package: kmod-imt-hello\n"), "\(kind): existing stanzas kept")
                let list = try TestSupport.run(debugfs, ["-R", "cat /usr/lib/opkg/info/kmod-imt-extra.list", part]).out
                XCTAssertTrue(list.contains("/lib/modules/\(release)/imt_extra.ko"), list)
                let dumped = "\(dir)/\(kind).ko"
                _ = try TestSupport.run(debugfs, ["-R", "dump /lib/modules/\(release)/imt_extra.ko \(dumped)", part])
                XCTAssertEqual(try FS.read(dumped), ko?.data, "\(kind): module bytes")
                let st = try TestSupport.run(debugfs, ["-R", "stat /lib/modules/\(release)/imt_extra.ko", part]).out
                XCTAssertTrue(st.contains("Mode:  0644"), st)
                XCTAssertTrue(st.contains("User:     0   Group:     0"), st)
            } else {
                let l = try TestSupport.run(try TestEnv.tool("unsquashfs"), ["-lls", part]).out
                XCTAssertTrue(l.contains("/lib/modules/\(release)/imt_extra.ko"), l)
                XCTAssertTrue(l.contains("/usr/lib/opkg/info/kmod-imt-extra.list"), l)
            }
        }
    }

    func testRootfsTooSmallIsRefusedAndNothingWritten() throws {
        try TestEnv.requireFixtures()
        let dir = TestEnv.tempDir("install-x86-full")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try InstallFixture.rebase(into: dir)
        let image = try makeImage("ext4-mbr", in: dir)
        // A package with a file larger than the whole rootfs partition.
        let big = [UInt8](repeating: 0x5a, count: 8 << 20).enumerated().map { UInt8(truncatingIfNeeded: $0.offset &* 2654435761 >> 13) }
        let ctl = Array("Package: huge\nVersion: 1\nArchitecture: all\n".utf8)
        let ipk = try InstallFixture.makeIPK(control: ctl, data: [TarMember(name: "./usr/", kind: .directory, mode: 0o755, mtime: 1_700_000_000),
                                                                  TarMember(name: "./usr/huge.bin", mode: 0o644, mtime: 1_700_000_000, data: big)])
        try FS.writeAtomically(ipk, to: dir + "/huge_1_all.ipk")
        let out = dir + "/out.img.gz"
        XCTAssertThrowsError(try OfflineInstaller.run(InstallOptions(image: image, packages: [dir + "/huge_1_all.ipk"], output: out))) { e in
            let fe = e as? FormatError
            XCTAssertNotNil(fe, "\(e)")
            XCTAssertFalse(fe?.description.contains("\n") ?? true)
            XCTAssertTrue(fe?.description.contains("offset") ?? false, fe?.description ?? "")
        }
        XCTAssertFalse(FS.exists(out))
        let left = try FS.list(dir)
        XCTAssertTrue(left.allSatisfy { !$0.contains(".disk-") && !$0.hasPrefix(".out.img.gz") }, "temporaries removed: \(left)")
    }

    /// Directories, files and symlinks with their modes, owners and times, and a long
    /// symlink target (not a fast symlink), written into an ext4 rootfs as debugfs reads them.
    func testExtRootfsGetsDirectoriesSymlinksModesAndOwners() throws {
        try TestEnv.requireFixtures()
        let dir = TestEnv.tempDir("install-x86-meta")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let image = try makeImage("ext4-efi", in: dir)
        let t: Int64 = 1_650_000_000
        let long = "/usr/share/linky/" + String(repeating: "./", count: 30) + "a.txt"  // > 60 bytes: a block symlink
        let ctl = Array("Package: linky\nVersion: 1.0-1\nArchitecture: all\n".utf8)
        let ipk = try InstallFixture.makeIPK(control: ctl, data: [
            TarMember(name: "./usr/", kind: .directory, mode: 0o755, mtime: t),
            TarMember(name: "./usr/bin/", kind: .directory, mode: 0o755, mtime: t),
            TarMember(name: "./usr/bin/linky", kind: .symlink, mode: 0o777, mtime: t, linkTarget: "../share/linky/a.txt"),
            TarMember(name: "./usr/bin/linky-long", kind: .symlink, mode: 0o777, mtime: t, linkTarget: long),
            TarMember(name: "./usr/share/", kind: .directory, mode: 0o755, mtime: t),
            TarMember(name: "./usr/share/linky/", kind: .directory, mode: 0o750, uid: 1000, gid: 100, mtime: t),
            TarMember(name: "./usr/share/linky/a.txt", mode: 0o600, uid: 1000, gid: 100, mtime: t, data: Array("hello\n".utf8)),
        ])
        try FS.writeAtomically(ipk, to: dir + "/linky_1.0-1_all.ipk")
        let out = dir + "/out.img.gz"
        _ = try OfflineInstaller.run(InstallOptions(image: image, packages: [dir + "/linky_1.0-1_all.ipk"], output: out))
        let raw = dir + "/out.raw"
        let (start, size) = try rawDisk(out, raw)
        let part = dir + "/out.part"
        try FS.writeAtomically(Array(try FS.read(raw)[start ..< start + size]), to: part)
        let fsck = try TestSupport.run(try InstallX86Tests.sbin("e2fsck", "e2fsprogs"), ["-fn", part])
        XCTAssertEqual(fsck.status, 0, "e2fsck -fn: \(fsck.out) \(fsck.err)")
        let debugfs = try InstallX86Tests.sbin("debugfs", "e2fsprogs")
        func stat(_ p: String) throws -> String { try TestSupport.run(debugfs, ["-R", "stat \(p)", part]).out }
        let d = try stat("/usr/share/linky")
        XCTAssertTrue(d.contains("Type: directory") && d.contains("Mode:  0750") && d.contains("User:  1000   Group:   100"), d)
        let f = try stat("/usr/share/linky/a.txt")
        XCTAssertTrue(f.contains("Type: regular") && f.contains("Mode:  0600") && f.contains("Size: 6"), f)
        XCTAssertTrue(f.contains("mtime: 0x\(String(t, radix: 16))"), f)
        let l = try stat("/usr/bin/linky")
        XCTAssertTrue(l.contains("Type: symlink") && l.contains("Fast link dest: \"../share/linky/a.txt\""), l)
        let ll = try stat("/usr/bin/linky-long")
        XCTAssertTrue(ll.contains("Type: symlink") && ll.contains("Size: \(long.utf8.count)"), ll)
        let cat = try TestSupport.run(debugfs, ["-R", "cat /usr/share/linky/a.txt", part]).out
        XCTAssertEqual(cat, "hello\n")
        // imagetool reads the long target back through libext2fs.
        let fw = try FirmwareImage.open(out)
        guard let layout = fw.layout as? DiskImageLayout, let p = layout.extRootfs else { return XCTFail("no ext rootfs") }
        let rootfs = try layout.openExtRootfs(p)
        XCTAssertEqual(try rootfs.readFile("/usr/bin/linky-long", limit: 100), Array("hello\n".utf8))
    }

    /// An upgrade removes the old version's obsolete file from an ext4 rootfs (inode and
    /// blocks freed: e2fsck finds nothing to fix) and rewrites the changed one in place.
    func testExtRootfsUpgradeRemovesObsoleteFiles() throws {
        try TestEnv.requireFixtures()
        let dir = TestEnv.tempDir("install-x86-upgrade")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let image = try makeImage("ext4-mbr", in: dir)
        let t: Int64 = 1_650_000_000
        func pkg(_ version: String, _ files: [String: [UInt8]]) throws -> String {
            var data = [TarMember(name: "./etc/", kind: .directory, mode: 0o755, mtime: t),
                        TarMember(name: "./etc/upg/", kind: .directory, mode: 0o755, mtime: t)]
            for (n, b) in files.sorted(by: { $0.key < $1.key }) { data.append(TarMember(name: "./etc/upg/" + n, mtime: t, data: b)) }
            let ipk = try InstallFixture.makeIPK(control: Array("Package: upg\nVersion: \(version)\nArchitecture: all\n".utf8), data: data)
            let path = "\(dir)/upg_\(version)_all.ipk"
            try FS.writeAtomically(ipk, to: path)
            return path
        }
        let big = (0 ..< 300_000).map { UInt8(truncatingIfNeeded: $0 &* 7919 >> 5) }
        let v1 = try pkg("1", ["old.bin": big, "keep.txt": Array("one\n".utf8)])
        let v2 = try pkg("2", ["keep.txt": Array("two, longer\n".utf8)])
        _ = try OfflineInstaller.run(InstallOptions(image: image, packages: [v1], output: dir + "/v1.img.gz"))
        let r = try OfflineInstaller.run(InstallOptions(image: dir + "/v1.img.gz", packages: [v2], output: dir + "/v2.img.gz"))
        XCTAssertEqual(r.packages.first?.action, "upgrade")
        XCTAssertEqual(r.packages.first?.obsoleteFilesRemoved, ["/etc/upg/old.bin"])
        let (start, size) = try rawDisk(dir + "/v2.img.gz", dir + "/v2.raw")
        let part = dir + "/v2.part"
        try FS.writeAtomically(Array(try FS.read(dir + "/v2.raw")[start ..< start + size]), to: part)
        let fsck = try TestSupport.run(try InstallX86Tests.sbin("e2fsck", "e2fsprogs"), ["-fn", part])
        XCTAssertEqual(fsck.status, 0, "e2fsck -fn: \(fsck.out) \(fsck.err)")
        let debugfs = try InstallX86Tests.sbin("debugfs", "e2fsprogs")
        let ls = try TestSupport.run(debugfs, ["-R", "ls /etc/upg", part]).out
        XCTAssertFalse(ls.contains("old.bin"), ls)
        XCTAssertEqual(try TestSupport.run(debugfs, ["-R", "cat /etc/upg/keep.txt", part]).out, "two, longer\n")
        let status = try TestSupport.run(debugfs, ["-R", "cat /usr/lib/opkg/status", part]).out
        XCTAssertTrue(status.contains("Package: upg\nVersion: 2\n"), status)
    }

    /// `rebase --kernel x86.img.gz`: the image side (kernel package, release, modules,
    /// kernel digest from the bzImage payload) read from every x86 kind.
    func testImageLoaderReadsAllX86Kinds() throws {
        try TestEnv.requireFixtures()
        let dir = TestEnv.tempDir("load-x86")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var digests: Set<String> = []
        for kind in ["ext4-efi", "ext4-mbr", "squashfs-efi"] {
            let side = try ImageLoader.load(try makeImage(kind, in: dir))
            XCTAssertEqual(side.kernelPackage.raw, InstallFixture.fact("PKG_KERNEL_VERSION_OLD"), kind)
            XCTAssertEqual(side.release, InstallFixture.fact("RELEASE"), kind)
            XCTAssertEqual(side.arch, InstallFixture.fact("ARCH"), kind)
            XCTAssertEqual(side.modules.map { $0.path.split(separator: "/").last.map(String.init) ?? "" }, ["imt_hello.ko", "imt_user.ko"], kind)
            digests.insert(try XCTUnwrap(side.kernelDigest, kind))
        }
        XCTAssertEqual(digests.count, 1, "the same bzImage in all three images gives one kernel digest")
    }

    /// A signed x86 image (fwtool signature chunk after the metadata, ucert-wrapped usign
    /// signature made by signify-openbsd): install re-signs it with a key (signify verifies
    /// the new signature over the new image) or drops the chunk with a warning.
    func testSignedX86ImageIsResignedOrDropped() throws {
        try TestEnv.requireFixtures()
        let signify = try TestEnv.tool("signify-openbsd")
        let py = try TestEnv.tool("python3")
        let dir = TestEnv.tempDir("install-x86-sig")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try InstallFixture.rebase(into: dir)
        let ipkPath = dir + "/feed/" + InstallFixture.ipkName("kmod-imt-extra")
        let image = try makeImage("ext4-mbr", in: dir)
        XCTAssertEqual(try TestSupport.run(signify, ["-S", "-s", InstallFixture.demoSec, "-m", image, "-x", dir + "/img.sig"]).status, 0)
        let script = """
        import struct, sys, zlib
        img = open(sys.argv[1], 'rb').read(); sig = open(sys.argv[2], 'rb').read()
        def blob(i, d):
            b = struct.pack('>I', (i << 24) | (4 + len(d))) + d
            return b + b'\\0' * (-len(b) % 4)
        data = blob(0, blob(0, sig))
        crc = (~zlib.crc32(img + data)) & 0xffffffff
        open(sys.argv[3], 'wb').write(img + data + struct.pack('>IIB3xI', 0x46577830, crc, 0, len(data) + 16))
        """
        let signed = dir + "/signed.img.gz"
        XCTAssertEqual(try TestSupport.run(py, ["-c", script, image, dir + "/img.sig", signed]).status, 0)
        XCTAssertTrue(try FirmwareImage.open(signed).regions.contains { $0.role == .fwtoolSignature })

        var o = InstallOptions(image: signed, packages: [ipkPath], output: dir + "/dropped.img.gz")
        let dropped = try OfflineInstaller.run(o)
        XCTAssertTrue(dropped.warnings.contains { $0.contains("dropped the fwtool signature chunk") }, "\(dropped.warnings)")
        let d = try FirmwareImage.open(dir + "/dropped.img.gz")
        XCTAssertFalse(d.regions.contains { $0.role == .fwtoolSignature })
        XCTAssertTrue(d.regions.allSatisfy { $0.checksums.allSatisfy(\.verifies) })

        o.output = dir + "/resigned.img.gz"
        o.rebuild.signer = SignifySigner(secretKey: InstallFixture.demoSec, dir: dir, tool: signify)
        let resigned = try OfflineInstaller.run(o)
        XCTAssertTrue(resigned.warnings.isEmpty, "\(resigned.warnings)")
        let out = try FS.read(dir + "/resigned.img.gz")
        let img = try FirmwareImage(parsing: out)
        XCTAssertTrue(img.regions.allSatisfy { $0.checksums.allSatisfy(\.verifies) })
        let r = try XCTUnwrap(img.regions.first { $0.role == .fwtoolSignature })
        let chunk = Array(out[Int(r.offset) ..< Int(r.end)])
        let inner = Int(UInt32(chunk[4]) << 24 | UInt32(chunk[5]) << 16 | UInt32(chunk[6]) << 8 | UInt32(chunk[7])) & 0xffffff
        try FS.writeAtomically(Array(chunk[8 ..< 4 + inner]), to: dir + "/new.sig")
        try FS.writeAtomically(Array(out[..<Int(r.offset)]), to: dir + "/new.msg")
        let v = try TestSupport.run(signify, ["-V", "-q", "-p", InstallFixture.demoPub, "-m", dir + "/new.msg", "-x", dir + "/new.sig"])
        XCTAssertEqual(v.status, 0, "signify -V: \(v.err)")
    }
}

/// A usign signer backed by signify-openbsd (same key and signature formats as usign).
struct SignifySigner: FirmwareSigner {
    var secretKey: String
    var dir: String
    var tool: String
    func usignSignature(of message: [UInt8]) throws -> [UInt8] {
        try FS.writeAtomically(message, to: dir + "/msg")
        let r = try TestSupport.run(tool, ["-S", "-s", secretKey, "-m", dir + "/msg", "-x", dir + "/msg.sig"])
        guard r.status == 0 else { throw FormatError(.io, context: "sign", r.err) }
        return try FS.read(dir + "/msg.sig")
    }
}
