import BinaryIO
import Digests
import Platform
import FeedRewrite
import Firmware
import Squash
import Foundation
import TestSupport
import XCTest

/// The TL-WR840N v6.2 image (OpenWrt 19.07.10, TP-Link header version 3) and its own
/// build's feed (../shared/realdata/dng-nguyn__*): the feed is re-hashed as a module-only
/// rebuild would leave it (every kmod depends on a kernel package with a new vermagic; the
/// kernel itself is the image's, and one kmod's release is bumped), rebased onto the image
/// with the CLI, one kmod from the result installed into the image with `install`, and the
/// new image checked independently: header lengths and MD5 per mktplinkfw2's rules
/// recomputed here with md5sum, unsquashfs at the offset the header gives, the kmod's files
/// and its opkg status entry present.
final class WR840NRealFeedTests: XCTestCase {
    static let folder = "dng-nguyn__OpenWRT-for-TL-WR840N-v6.2"
    static let imageName = "openwrt-ramips-mt76x8-tl-wr840n-v6.2-squashfs-sysupgrade.bin"
    static let oldKernel = "4.14.275-1-d2e0a589214daa7e43fd1bd18e88034c"
    /// The rebuild's vermagic: the md5 of one more `=m` line than the image's build had.
    static let newKernel: String = {
        let h = Digest.Hasher(.md5)
        h.update(Array("CONFIG_MODULE_ONLY_REBUILD=m\n".utf8))
        return "4.14.275-1-" + Hex.encode(h.finish())
    }()

    func be32(_ b: [UInt8], _ at: Int) -> Int {
        Int(b[at]) << 24 | Int(b[at + 1]) << 16 | Int(b[at + 2]) << 8 | Int(b[at + 3])
    }

    /// Copies the feed with every `kernel (=old)` term and the kernel package's version moved
    /// to `newKernel`, kmod-leds-gpio's release bumped to 4.14.275-2, and signs its index.
    func rehashFeed(from src: String, to dst: String) throws {
        try FileManager.default.createDirectory(atPath: dst, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: src) where name.hasSuffix(".ipk") {
            let ipk = try IPK.open(src + "/" + name)
            var c = ipk.control
            var outName = name
            if let d = c["Depends"] { c.set("Depends", d.replacingOccurrences(of: "kernel (=\(Self.oldKernel))", with: "kernel (=\(Self.newKernel))")) }
            if c["Package"] == "kernel" {
                c.set("Version", Self.newKernel)
                outName = name.replacingOccurrences(of: Self.oldKernel, with: Self.newKernel)
            }
            if c["Package"] == "kmod-leds-gpio" {
                c.set("Version", "4.14.275-2")
                outName = "kmod-leds-gpio_4.14.275-2_mipsel_24kc.ipk"
            }
            try FS.writeAtomically(try ipk.rewritingControl(c), to: dst + "/" + outName)
        }
        let r = try TestEnv.imagetool(["feed", "index", "-q", dst, "--sign", TestEnv.root + "/keys/demo.sec"])
        XCTAssertEqual(r.status, 0, "feed index: \(r.err)")
    }

    func testModuleOnlyRebuildRebasesAndInstallsIntoTheTPLinkV3Image() throws {
        guard let rd = TestEnv.realdata, FS.isDirectory(rd + "/" + Self.folder) else {
            throw XCTSkip("../shared/realdata/\(Self.folder) is absent: real WR840N rebase/install test skipped")
        }
        let image = rd + "/" + Self.folder + "/" + Self.imageName
        let unsquashfs = try TestEnv.tool("unsquashfs")
        let md5sum = try TestEnv.tool("md5sum")
        let t = TestEnv.tempDir("wr840n")
        defer { try? FileManager.default.removeItem(atPath: t) }
        try rehashFeed(from: rd + "/" + Self.folder + "/packages", to: t + "/feed")
        try FileManager.default.createDirectory(atPath: t + "/trusted", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: TestEnv.root + "/keys/demo.pub", toPath: t + "/trusted/demo.pub")

        // Rebase: the module-only rebuild's kernel is the image's kernel (identical-kernel evidence).
        let rb = try TestEnv.imagetool(["rebase", t + "/feed", "--kernel", image, "--feed-kernel", image, "-o", t + "/out",
                                        "--key", TestEnv.root + "/keys/demo.sec", "--trusted-keys", t + "/trusted", "--json"])
        XCTAssertEqual(rb.status, 0, "rebase: \(rb.err)\n\(rb.out)")
        let packages = try FS.readText(t + "/out/Packages")
        XCTAssertFalse(packages.contains(Self.newKernel), "no package may still name the rebuild's kernel")
        XCTAssertTrue(packages.contains("Depends: kernel (=\(Self.oldKernel))"))
        let signify = try TestEnv.tool("signify-openbsd")
        let pubs = try FileManager.default.contentsOfDirectory(atPath: t + "/out").filter { !$0.contains(".") && $0.count == 16 }
        XCTAssertEqual(pubs.count, 1, "the public key named by its fingerprint")
        XCTAssertEqual(try TestSupport.run(signify, ["-V", "-q", "-p", t + "/out/" + pubs[0], "-x", t + "/out/Packages.sig", "-m", t + "/out/Packages"]).status, 0,
                       "signify-openbsd verifies the rebased index")

        // Install the bumped kmod from the rebased feed. This 19.07 build stripped opkg's
        // records (DISTRIB_TAINTS `no-all`: the status file lists no package, the kernel
        // package version is only in the build manifest), so, as opkg on the device would,
        // the image's own kernel package is installed with it (from the build's feed), and
        // the packages and files the image holds unrecorded (libc, the old leds-gpio.ko)
        // need opkg's --force-depends / --force-overwrite.
        let kmod = t + "/out/kmod-leds-gpio_4.14.275-2_mipsel_24kc.ipk"
        XCTAssertTrue(FS.isRegularFile(kmod))
        let kernelIPK = rd + "/" + Self.folder + "/packages/kernel_\(Self.oldKernel)_mipsel_24kc.ipk"
        let refused = try TestEnv.imagetool(["install", image, kmod, "-o", t + "/refused.bin"])
        XCTAssertEqual(refused.status, 3, "without the kernel package opkg's dependency check fails: \(refused.err)")
        XCTAssertTrue(refused.err.contains("kernel (= \(Self.oldKernel))"), refused.err)
        let ins = try TestEnv.imagetool(["install", image, kernelIPK, kmod, "-o", t + "/new.bin", "--add-key", t + "/out/" + pubs[0],
                                         "--force-depends", "--force-overwrite"])
        XCTAssertEqual(ins.status, 0, "install: \(ins.err)\n\(ins.out)")
        let new = try FS.read(t + "/new.bin")
        let old = try FS.read(image)

        // mktplinkfw2 header, checked here from its source's layout (src/mktplinkfw2.c).
        XCTAssertEqual(Array(new[0 ..< 4]), [3, 0, 0, 0], "header version 3")
        XCTAssertEqual(Array(new[0 ..< 0x40]), Array(old[0 ..< 0x40]), "version, fw_version, hw ids kept")
        let kernelOfs = be32(new, 0x74), kernelLen = be32(new, 0x78), rootfsOfs = be32(new, 0x7c), rootfsLen = be32(new, 0x80)
        XCTAssertEqual(kernelOfs, 0x200)
        XCTAssertEqual(kernelLen, be32(old, 0x78), "the kernel is unchanged")
        XCTAssertEqual(rootfsOfs, be32(old, 0x7c), "the rootfs stays at its offset")
        XCTAssertEqual(Array(new[rootfsOfs ..< rootfsOfs + 4]), Array("hsqs".utf8))
        let bytesUsed = Int(new[rootfsOfs + 40]) | Int(new[rootfsOfs + 41]) << 8 | Int(new[rootfsOfs + 42]) << 16 | Int(new[rootfsOfs + 43]) << 24
        XCTAssertEqual(rootfsLen, bytesUsed, "rootfs_len is the new squashfs's bytes_used")
        XCTAssertLessThanOrEqual(new.count, be32(new, 0x70) + 4096, "fits fw_length")
        // md5sum1: MD5 of everything before the fwtool trailer chain with mktplinkfw2's salt at 0x40.
        let trailer = new.count - 16
        XCTAssertEqual(Array(new[trailer ..< trailer + 4]), Array("FWx0".utf8), "fwtool trailer kept")
        let metaSize = be32(new, trailer + 12)
        let bodyEnd = new.count - metaSize
        var salted = Array(new[0 ..< bodyEnd])
        salted.replaceSubrange(0x40 ..< 0x50, with: [0xdc, 0xd7, 0x3a, 0xa5, 0xc3, 0x95, 0x98, 0xfb, 0xdc, 0xf9, 0xe7, 0xf4, 0x0e, 0xae, 0x47, 0x37])
        try Data(salted).write(to: URL(fileURLWithPath: t + "/salted"))
        let md5 = try TestSupport.run(md5sum, [t + "/salted"]).out.prefix(32)
        XCTAssertEqual(String(md5), Hex.encode(new[0x40 ..< 0x50]), "md5sum1 per mktplinkfw2's rule")

        // unsquashfs at the offset the header gives: the kmod's files and its status entry.
        XCTAssertEqual(try TestSupport.run(unsquashfs, ["-q", "-n", "-o", String(rootfsOfs), "-d", t + "/root", t + "/new.bin"]).status, 0)
        let ipk = try IPK.open(kmod)
        var files = 0
        for m in try ipk.dataFiles(readData: true) where m.kind == .file {
            let rel = m.name.hasPrefix("./") ? String(m.name.dropFirst(2)) : m.name
            XCTAssertEqual(try FS.read(t + "/root/" + rel), m.data, rel)
            files += 1
        }
        XCTAssertGreaterThan(files, 0)
        let status = try FS.readText(t + "/root/usr/lib/opkg/status")
        XCTAssertTrue(status.contains("Package: kmod-leds-gpio\nVersion: 4.14.275-2\nDepends: kernel (= \(Self.oldKernel))"), "status entry of the upgraded kmod")
        XCTAssertTrue(status.contains("Package: kernel\nVersion: \(Self.oldKernel)\n"), "the image's kernel package is recorded")
        XCTAssertTrue(FS.isRegularFile(t + "/root/etc/opkg/keys/" + pubs[0]), "--add-key placed the feed's key")
        // And imagetool's own inspect agrees that every checksum verifies.
        let insp = try TestEnv.imagetool(["inspect", "--json", t + "/new.bin"])
        XCTAssertEqual(insp.status, 0, insp.err)
        XCTAssertTrue(insp.out.contains("\"checksumsVerify\" : true"))
    }
    /// A good image whose rootfs is damaged (one module's compressed data overwritten, the
    /// TP-Link MD5 resealed so only the rootfs is wrong): `inspect` prints the header and
    /// kernel and exits 1 naming the damage, `rebase` goes on with a warning saying what
    /// evidence is lost, `install` refuses with one line.
    func testDamagedRootfsInAGoodImage() throws {
        guard let rd = TestEnv.realdata, FS.isDirectory(rd + "/" + Self.folder) else {
            throw XCTSkip("../shared/realdata/\(Self.folder) is absent: damaged-rootfs test skipped")
        }
        let image = rd + "/" + Self.folder + "/" + Self.imageName
        let t = TestEnv.tempDir("wr840n-damaged")
        defer { try? FileManager.default.removeItem(atPath: t) }
        var bytes = try FS.read(image)
        let fw = try FirmwareImage(parsing: bytes)
        let span = try XCTUnwrap(fw.rootfsSpan)
        let sq = try SquashImage(path: image, offset: span.offset)
        let tree = try sq.readTree()
        let module = try XCTUnwrap(tree.node(at: "lib/modules/4.14.275/mt7603e.ko"), "a module to damage")
        guard case .squashfs(let e) = module.content else { return XCTFail("module has no squashfs data") }
        let at = Int(span.offset) + Int(e.blockSizes.isEmpty ? (e.fragment?.blockStart ?? 0) : e.blocksStart)
        XCTAssertGreaterThan(at, Int(span.offset) + 96)
        for i in 0 ..< 64 { bytes[at + 16 + i] ^= 0xa5 }
        // Rebuilt with the damaged rootfs: header MD5 and fwtool CRC recomputed, so only the
        // rootfs is wrong.
        let damagedRootfs = Array(bytes[Int(span.offset) ..< Int(span.end)])
        let rebuilt = try fw.rebuild(replacingRootfs: damagedRootfs).bytes
        let damaged = t + "/damaged.bin"
        try FS.writeAtomically(rebuilt, to: damaged)
        // The build manifest beside it, as in the build's bin/targets folder (this build's
        // status file records no kernel package).
        let manifest = "openwrt-ramips-mt76x8-device-tl-wr840n-v6.2.manifest"
        try FileManager.default.copyItem(atPath: rd + "/" + Self.folder + "/" + manifest, toPath: t + "/" + manifest)

        let insp = try TestEnv.imagetool(["inspect", damaged])
        XCTAssertEqual(insp.status, 1, insp.err)
        XCTAssertTrue(insp.out.contains("tplink-header") && insp.out.contains("tplink-md5="), insp.out)
        XCTAssertTrue(insp.out.contains("release 4.14.275"), "the kernel is still read: \(insp.out)")
        XCTAssertTrue(insp.out.contains("checksums all verify"), insp.out)
        XCTAssertTrue(insp.err.contains("mt7603e.ko"), "inspect names the damaged file: \(insp.err)")

        try rehashFeed(from: rd + "/" + Self.folder + "/packages", to: t + "/feed")
        let rb = try TestEnv.imagetool(["rebase", t + "/feed", "--kernel", damaged, "--feed-kernel", image, "-o", t + "/out",
                                        "--key", TestEnv.root + "/keys/demo.sec"])
        XCTAssertEqual(rb.status, 0, "rebase goes on: \(rb.err)\n\(rb.out)")
        XCTAssertTrue((rb.out + rb.err).contains("evidence lost") && (rb.out + rb.err).contains("mt7603e.ko"),
                      "rebase says what evidence is lost: \(rb.out)\n\(rb.err)")
        XCTAssertTrue(FS.isRegularFile(t + "/out/Packages.sig"))

        let ins = try TestEnv.imagetool(["install", damaged, t + "/out/kmod-leds-gpio_4.14.275-2_mipsel_24kc.ipk", "-o", t + "/new.bin",
                                         "--force-depends", "--force-overwrite"])
        XCTAssertEqual(ins.status, 3, ins.err)
        XCTAssertEqual(ins.err.split(separator: "\n").count, 1, "one line: \(ins.err)")
        XCTAssertTrue(ins.err.contains("damaged"), ins.err)
        XCTAssertFalse(FS.exists(t + "/new.bin"), "nothing written")
    }
}
