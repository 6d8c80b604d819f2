import BinaryIO
import Codecs
import Firmware
import Foundation
import TestSupport
import XCTest

/// UBI images made by Debian's `ubinize` (mtd-utils) from an ini like OpenWrt's
/// scripts/ubinize-image.sh writes (kernel = the fixture uImage made by mkimage, rootfs =
/// the fixture squashfs, rootfs_data autoresize without image), in two geometries; checked
/// against ubi-reader (`ubireader_display_info`, `ubireader_extract_images`), unsquashfs,
/// Python zlib, and against ubinize itself: a rebuilt image must equal what ubinize
/// writes from the new squashfs with the same ini and image_seq.
final class UBITests: XCTestCase {
    var dir = ""
    override func setUp() { dir = TestEnv.tempDir("fw-ubi") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    /// (ubinize args, PEB, LEB, vid_hdr_offset, data_offset, min I/O)
    static let geometries: [(args: [String], peb: Int, vid: Int, data: Int, minIO: Int)] = [
        (["-p", "128KiB", "-m", "2048", "-s", "2048"], 128 << 10, 2048, 4096, 2048),
        (["-p", "16KiB", "-m", "512", "-s", "256"], 16 << 10, 256, 512, 512),
    ]
    static let imageSeq = "305419896"

    var kernelFile: String { TestEnv.fixtures + "/image/kernel.uImage" }
    var rootFile: String { TestEnv.fixtures + "/image/root.squashfs" }

    /// The ini ubinize-image.sh writes for `--kernel K rootfs` (vol_type of the rootfs settable).
    func ini(kernel: String, rootfs: String, rootfsType: String = "dynamic") -> String {
        """
        [kernel]
        mode=ubi
        vol_id=0
        vol_type=dynamic
        vol_name=kernel
        image=\(kernel)
        [rootfs]
        mode=ubi
        vol_id=1
        vol_type=\(rootfsType)
        vol_name=rootfs
        image=\(rootfs)
        [rootfs_data]
        mode=ubi
        vol_id=2
        vol_type=dynamic
        vol_name=rootfs_data
        vol_size=1MiB
        vol_flags=autoresize

        """
    }

    /// Runs ubinize with `args` (+ a fixed image_seq) on `iniText`; returns the output path.
    func ubinize(_ iniText: String, _ args: [String], name: String) throws -> String {
        let tool = try Images.tool("ubinize", package: "mtd-utils")
        let iniPath = dir + "/\(name).ini", out = dir + "/\(name).ubi"
        try writeBytes(Array(iniText.utf8), iniPath)
        let r = try TestSupport.run(tool, ["-o", out, "-Q", UBITests.imageSeq] + args + [iniPath])
        XCTAssertEqual(r.status, 0, r.err)
        return out
    }

    /// `ubireader_display_info` facts: PEB/LEB size and per volume (reserved_pebs, block count).
    func ubireaderInfo(_ path: String) throws -> (peb: Int?, leb: Int?, volumes: [String: (reserved: Int, blocks: Int)]) {
        let tool = try Images.tool("ubireader_display_info", package: "ubi-reader (pip)")
        let r = try TestSupport.run(tool, [path])
        XCTAssertEqual(r.status, 0, r.err)
        var peb: Int?, leb: Int?
        var vols: [String: (reserved: Int, blocks: Int)] = [:]
        var current: String?
        var blocks = 0
        for raw in r.out.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            func value(_ prefix: String) -> String? { line.hasPrefix(prefix) ? String(line.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces) : nil }
            if let v = value("PEB Size:") { peb = Int(v) }
            if let v = value("LEB Size:") { leb = Int(v) }
            if let v = value("Name:") { current = v }
            if let v = value("Block Count:"), current != nil { blocks = Int(v) ?? -1 }
            if let v = value("reserved_pebs:"), let c = current { vols[c] = (Int(v) ?? -1, blocks) }
        }
        return (peb, leb, vols)
    }

    /// `ubireader_extract_images` of `path`: volume name -> file.
    func extractVolumes(_ path: String) throws -> [String: [UInt8]] {
        let tool = try Images.tool("ubireader_extract_images", package: "ubi-reader (pip)")
        let out = dir + "/x-\(UUID().uuidString)"
        let r = try TestSupport.run(tool, ["-o", out, path])
        XCTAssertEqual(r.status, 0, r.err)
        var vols: [String: [UInt8]] = [:]
        let e = FileManager.default.enumerator(atPath: out)
        while let f = e?.nextObject() as? String {
            guard let range = f.range(of: "_vol-"), f.hasSuffix(".ubifs") else { continue }
            let name = String(f[range.upperBound...].dropLast(".ubifs".count))
            vols[name] = try readBytes(out + "/" + f)
        }
        return vols
    }

    func testUbinizeImagesParseInBothGeometries() throws {
        _ = try Images.fixture()
        for g in UBITests.geometries {
            let path = try ubinize(ini(kernel: kernelFile, rootfs: rootFile), g.args, name: "g\(g.peb)")
            let img = try FirmwareImage.open(path)
            let label = "geometry \(g.args)"
            XCTAssertEqual(img.kind, .ubi, label)
            XCTAssertEqual(img.regions.reduce(0) { $0 + $1.size }, UInt64(img.bytes.count), label)
            XCTAssertTrue(img.regions.allSatisfy { $0.checksums.allSatisfy(\.verifies) }, label)
            guard let l = img.layout as? UBILayout else { return XCTFail("not UBI") }
            XCTAssertEqual(l.geometry.pebSize, g.peb, label)
            XCTAssertEqual(l.geometry.lebSize, g.peb - g.data, label)
            XCTAssertEqual(l.geometry.vidHeaderOffset, g.vid, label)
            XCTAssertEqual(l.geometry.dataOffset, g.data, label)
            XCTAssertTrue((l.geometry.minIOSizeMin ... l.geometry.minIOSizeMax).contains(g.minIO), label)
            XCTAssertEqual(String(l.geometry.imageSequence), UBITests.imageSeq, label)
            XCTAssertEqual(l.geometry.derivation.count, 3, label)
            XCTAssertEqual(l.volumes.map(\.name), ["kernel", "rootfs", "rootfs_data"], label)
            XCTAssertEqual(l.volumes.map(\.id), [0, 1, 2], label)
            XCTAssertEqual(l.volumes.map(\.autoresize), [false, false, true], label)
            XCTAssertTrue(l.volumes.allSatisfy { $0.type == "dynamic" }, label)
            // Every EC/VID header and vtbl record CRC was checked; count them.
            let kinds = img.regions.flatMap(\.checksums).map(\.kind)
            XCTAssertEqual(kinds.filter { $0 == "ubi-ec-hdr-crc" }.count, l.geometry.pebCount, label)
            XCTAssertEqual(kinds.filter { $0 == "ubi-vid-hdr-crc" }.count, l.geometry.pebCount, label)
            XCTAssertEqual(kinds.filter { $0.hasPrefix("ubi-vtbl-crc") }.count, 2 * 3, label)
            // The EC header CRC rule, independently: Python zlib's register without the final inversion.
            XCTAssertEqual(try Independent.crc32(Array(img.bytes[0 ..< 60]), uninverted: true),
                           UInt32(img.bytes[60]) << 24 | UInt32(img.bytes[61]) << 16 | UInt32(img.bytes[62]) << 8 | UInt32(img.bytes[63]), label)
            // The payloads are the files ubinize was given.
            XCTAssertEqual(img.kernelImage, try readBytes(kernelFile), label)
            XCTAssertEqual(img.rootfsImage, try readBytes(rootFile), label)
            XCTAssertEqual(try img.kernelPayload().release, TestEnv.fixtureFacts["RELEASE"], label)
            XCTAssertEqual(try img.rootfsFacts()?.kernelPackageVersion, TestEnv.fixtureFacts["PKG_KERNEL_VERSION_OLD"], label)
            // ubi-reader sees the same geometry, reservations and LEB counts.
            let info = try ubireaderInfo(path)
            XCTAssertEqual(info.peb, g.peb, label)
            XCTAssertEqual(info.leb, g.peb - g.data, label)
            for v in l.volumes {
                XCTAssertEqual(info.volumes[v.name]?.reserved, Int(v.reservedPEBs), "\(label) \(v.name)")
                XCTAssertEqual(info.volumes[v.name]?.blocks, v.lebCount, "\(label) \(v.name)")
            }
            // inspect (CLI) names the volumes and what was derived.
            let r = try TestEnv.imagetool(["inspect", path])
            XCTAssertEqual(r.status, 0, r.err)
            XCTAssertTrue(r.out.contains("UBI: PEB \(g.peb), LEB \(g.peb - g.data)"), r.out)
            XCTAssertTrue(r.out.contains("derived: PEB size \(g.peb)"), r.out)
            XCTAssertTrue(r.out.contains("volume 2 rootfs_data: dynamic autoresize"), r.out)
            XCTAssertTrue(r.out.contains("kmods: kmod-imt-hello kmod-imt-user"), r.out)
            XCTAssertTrue(r.out.contains("rootfs: squashfs xz, \(try readBytes(rootFile).count) bytes in UBI volume rootfs"), r.out)
        }
    }

    /// A rebuilt image equals ubinize's own output for the new squashfs (same ini, same
    /// image_seq), growing across LEBs and shrinking back; static rootfs volumes too.
    func testRebuildIsWhatUbinizeWrites() throws {
        _ = try Images.fixture()
        var rng = SplitMix(seed: 17)
        let noise = (0 ..< 70_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let big = try editedSquashfs(try readBytes(rootFile), adding: ["etc/ubi-noise": noise], in: dir + "/big")
        try writeBytes(big, dir + "/big.sqfs")
        for g in UBITests.geometries {
            for type in ["dynamic", "static"] {
                let label = "\(g.args) \(type)"
                let orig = try FirmwareImage.open(try ubinize(ini(kernel: kernelFile, rootfs: rootFile, rootfsType: type), g.args, name: "o-\(g.peb)-\(type)"))
                let want = try readBytes(try ubinize(ini(kernel: kernelFile, rootfs: dir + "/big.sqfs", rootfsType: type), g.args, name: "w-\(g.peb)-\(type)"))
                let grown = try orig.rebuild(replacingRootfs: big)
                XCTAssertTrue(grown.bytes == want, "\(label): rebuilt image differs from ubinize's (\(grown.bytes.count) vs \(want.count) bytes)")
                XCTAssertEqual(grown.warnings.count, big.count > g.peb - g.data ? 1 : 0, "\(label): \(grown.warnings)")
                let re = try FirmwareImage(parsing: grown.bytes)
                XCTAssertTrue(re.regions.allSatisfy { $0.checksums.allSatisfy(\.verifies) }, label)
                XCTAssertEqual(re.rootfsImage, big, label)
                if type == "static" {
                    XCTAssertTrue(re.regions.contains { $0.checksums.contains { $0.kind == "ubi-data-crc" } }, label)
                }
                // Shrinking back gives the original bytes.
                XCTAssertTrue(try re.rebuild(replacingRootfs: try readBytes(rootFile)).bytes == orig.bytes, "\(label): shrink")
                // ubi-reader extracts the new rootfs; unsquashfs finds the added file.
                try writeBytes(grown.bytes, dir + "/grown.ubi")
                let vols = try extractVolumes(dir + "/grown.ubi")
                let root = try XCTUnwrap(vols["rootfs"], label)
                XCTAssertEqual(Array(root.prefix(big.count)), big, label)
                try writeBytes(root, dir + "/root-x.sqfs")
                XCTAssertTrue(try Independent.unsquashfsListing(dir + "/root-x.sqfs").contains { $0.hasSuffix("/etc/ubi-noise") }, label)
            }
        }
    }

    /// Volumes after the rootfs move with it; a new kernel (a uImage made by mkimage) goes
    /// in the same way; erase counters stay with their PEB position.
    func testFollowingVolumesShiftAndKernelReplacementAsUbinize() throws {
        _ = try Images.fixture()
        let g = UBITests.geometries[1]
        var rng = SplitMix(seed: 5)
        try writeBytes((0 ..< 20_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, dir + "/extra.bin")
        let noise = (0 ..< 40_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let big = try editedSquashfs(try readBytes(rootFile), adding: ["etc/ubi-noise": noise], in: dir + "/big")
        try writeBytes(big, dir + "/big.sqfs")
        func layout(kernel: String, rootfs: String) -> String {
            // ubinize-image.sh --uboot-env: two volumes without image first.
            """
            [ubootenv]
            mode=ubi
            vol_id=0
            vol_type=dynamic
            vol_name=ubootenv
            vol_size=1MiB
            [ubootenv2]
            mode=ubi
            vol_id=1
            vol_type=dynamic
            vol_name=ubootenv2
            vol_size=1MiB

            """ + ini(kernel: kernel, rootfs: rootfs)
                .replacingOccurrences(of: "vol_id=0", with: "vol_id=2")
                .replacingOccurrences(of: "vol_id=1", with: "vol_id=3")
                .replacingOccurrences(of: "vol_id=2\nvol_type=dynamic\nvol_name=rootfs_data", with: "vol_id=5\nvol_type=dynamic\nvol_name=rootfs_data")
                .replacingOccurrences(of: "[rootfs_data]", with: "[extra]\nmode=ubi\nvol_id=4\nvol_type=static\nvol_name=extra\nimage=\(dir)/extra.bin\n[rootfs_data]")
        }
        let orig = try FirmwareImage.open(try ubinize(layout(kernel: kernelFile, rootfs: rootFile), g.args, name: "f-orig"))
        guard let l = orig.layout as? UBILayout else { return XCTFail("not UBI") }
        XCTAssertEqual(l.volumes.map(\.name), ["ubootenv", "ubootenv2", "kernel", "rootfs", "extra", "rootfs_data"])
        XCTAssertEqual(l.volumes.map(\.lebCount), [0, 0, 6, 1, 2, 0])
        let want = try readBytes(try ubinize(layout(kernel: kernelFile, rootfs: dir + "/big.sqfs"), g.args, name: "f-want"))
        XCTAssertTrue(try orig.rebuild(replacingRootfs: big).bytes == want, "rootfs grown with a static volume after it")

        // A different kernel: a uImage made by mkimage from another payload.
        let mkimage = try Images.tool("mkimage", package: "u-boot-tools")
        try writeBytes((0 ..< 30_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, dir + "/payload.bin")
        let mk = try TestSupport.run(mkimage, ["-A", "x86", "-O", "linux", "-T", "kernel", "-C", "none", "-a", "0x1000000", "-e", "0x1000000",
                                               "-n", "other", "-d", dir + "/payload.bin", dir + "/other.uImage"])
        XCTAssertEqual(mk.status, 0, mk.err)
        let wantK = try readBytes(try ubinize(layout(kernel: dir + "/other.uImage", rootfs: rootFile), g.args, name: "f-kernel"))
        let k = try orig.rebuild(replacingKernel: try readBytes(dir + "/other.uImage"))
        XCTAssertTrue(k.bytes == wantK, "kernel replaced: \(k.bytes.count) vs \(wantK.count) bytes")
        XCTAssertEqual(try FirmwareImage(parsing: k.bytes).kernelImage, try readBytes(dir + "/other.uImage"))

        // Erase counters belong to the PEB position: give PEB 3 ec 5 and PEB 8 ec 9, then grow.
        var b = orig.bytes
        let peb = g.peb
        for (i, ec) in [(3, UInt8(5)), (8, UInt8(9))] {
            b[i * peb + 15] = ec
            let crc = CRC32.uninverted(Array(b[i * peb ..< i * peb + 60]))
            b.replaceSubrange(i * peb + 60 ..< i * peb + 64, with: [UInt8(crc >> 24), UInt8(truncatingIfNeeded: crc >> 16), UInt8(truncatingIfNeeded: crc >> 8), UInt8(truncatingIfNeeded: crc)])
        }
        let grown = try FirmwareImage(parsing: b).rebuild(replacingRootfs: big).bytes
        let gi = try FirmwareImage(parsing: grown)
        XCTAssertTrue(gi.regions.allSatisfy { $0.checksums.allSatisfy(\.verifies) })
        guard let gl = gi.layout as? UBILayout else { return XCTFail("not UBI") }
        XCTAssertEqual(gl.pebs[3].ec?.eraseCount, 5)
        XCTAssertEqual(gl.pebs[8].ec?.eraseCount, 9)
        XCTAssertEqual(gl.pebs.compactMap { $0.ec?.eraseCount }.filter { $0 != 0 }.count, 2)
    }

    /// A UBI image with only rootfs + rootfs_data (the kernel in its own MTD partition),
    /// 4 KiB PEBs: read, round-tripped, and rebuilt as ubinize would.
    func testRootfsOnlyImage() throws {
        _ = try Images.fixture()
        let text = ini(kernel: kernelFile, rootfs: rootFile)
        let rootOnly = String(text[try XCTUnwrap(text.range(of: "[rootfs]")).lowerBound...])
            .replacingOccurrences(of: "vol_id=1", with: "vol_id=0").replacingOccurrences(of: "vol_id=2", with: "vol_id=1")
        let args = ["-p", "4KiB", "-m", "512", "-s", "256"]
        let img = try FirmwareImage.open(try ubinize(rootOnly, args, name: "r"))
        guard let l = img.layout as? UBILayout else { return XCTFail("not UBI") }
        XCTAssertEqual(l.geometry.pebSize, 4096)
        XCTAssertNil(l.kernelVolume)
        XCTAssertTrue(img.kernelImage.isEmpty)
        XCTAssertEqual(img.rootfsImage, try readBytes(rootFile))
        XCTAssertEqual(l.volumes.first?.lebCount, 2)
        let report = ImageReport(image: img, file: "r.ubi")
        XCTAssertTrue(report.kernelError?.contains("no kernel volume") ?? false, report.kernelError ?? "")
        XCTAssertTrue(report.checksumsVerify)
        _ = try FirmwareUnpacker.unpack(img, into: dir + "/ur", extractTree: false)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/ur/kernel"))
        XCTAssertTrue(try FirmwareUnpacker.repack(from: dir + "/ur", options: RepackOptions()).bytes == img.bytes)
        let edited = try editedSquashfs(try readBytes(rootFile), adding: ["etc/r": Array(repeating: 7, count: 9000)], in: dir + "/re")
        try writeBytes(edited, dir + "/re.sqfs")
        let want = try readBytes(try ubinize(rootOnly.replacingOccurrences(of: rootFile, with: dir + "/re.sqfs"), args, name: "rw"))
        XCTAssertTrue(try img.rebuild(replacingRootfs: edited).bytes == want)
        XCTAssertThrowsError(try img.rebuild(replacingKernel: try readBytes(kernelFile))) { e in
            XCTAssertEqual((e as? FormatError)?.kind, .unsupported)
        }
    }

    func testUnpackRepackIsByteIdenticalAndEditsGoThroughRebuild() throws {
        _ = try Images.fixture()
        for g in UBITests.geometries {
            let path = try ubinize(ini(kernel: kernelFile, rootfs: rootFile), g.args, name: "u\(g.peb)")
            let img = try FirmwareImage.open(path)
            let u = dir + "/unpack-\(g.peb)"
            _ = try FirmwareUnpacker.unpack(img, into: u, extractTree: false)
            XCTAssertEqual(try readBytes(u + "/kernel"), try readBytes(kernelFile))
            XCTAssertEqual(try readBytes(u + "/rootfs.sqfs"), try readBytes(rootFile))
            XCTAssertTrue(try FirmwareUnpacker.repack(from: u, options: RepackOptions()).bytes == img.bytes, "\(g.args)")
            // An edited rootfs.sqfs: the result is ubinize's image of that squashfs.
            let edited = try editedSquashfs(try readBytes(rootFile), adding: ["etc/ubi-edit": [1, 2, 3]], in: dir + "/e\(g.peb)")
            try writeBytes(edited, u + "/rootfs.sqfs")
            try writeBytes(edited, dir + "/edited.sqfs")
            let want = try readBytes(try ubinize(ini(kernel: kernelFile, rootfs: dir + "/edited.sqfs"), g.args, name: "ue\(g.peb)"))
            XCTAssertTrue(try FirmwareUnpacker.repack(from: u, options: RepackOptions()).bytes == want, "\(g.args) edited")
        }
    }

    /// `imagetool rebase FEED --kernel image.ubi` then `install image.ubi kmod.ipk -o out.ubi`:
    /// ubi-reader extracts a rootfs that unsquashfs reads, holding the kmod and its status entry.
    func testRebaseAndInstallKmodIntoUBI() throws {
        _ = try Images.fixture()
        let g = UBITests.geometries[1]
        let path = try ubinize(ini(kernel: kernelFile, rootfs: rootFile), g.args, name: "i")
        let feed = dir + "/feed"
        let rb = try TestEnv.imagetool(["rebase", TestEnv.fixtures + "/feed", "--kernel", path, "-o", feed,
                                        "--key", TestEnv.root + "/keys/demo.sec", "--config", TestEnv.fixtures + "/config/new.config"])
        XCTAssertEqual(rb.status, 0, rb.err)
        let kernelVersion = try XCTUnwrap(TestEnv.fixtureFacts["PKG_KERNEL_VERSION_OLD"])
        let ipk = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: feed).first { $0.hasPrefix("kmod-imt-extra_") })
        let out = dir + "/out.ubi"
        let r = try TestEnv.imagetool(["install", path, feed + "/" + ipk, "-o", out])
        XCTAssertEqual(r.status, 0, r.err + r.out)
        let img = try FirmwareImage.open(out)
        XCTAssertEqual(img.kind, .ubi)
        XCTAssertTrue(img.regions.allSatisfy { $0.checksums.allSatisfy(\.verifies) })
        let vols = try extractVolumes(out)
        XCTAssertEqual(vols["kernel"].map { Array($0.prefix(img.kernelImage.count)) }, try readBytes(kernelFile))
        try writeBytes(try XCTUnwrap(vols["rootfs"]), dir + "/installed.sqfs")
        let unsq = try Images.tool("unsquashfs", package: "squashfs-tools")
        let x = try TestSupport.run(unsq, ["-q", "-n", "-d", dir + "/root", dir + "/installed.sqfs"])
        XCTAssertEqual(x.status, 0, x.err)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/root/lib/modules/\(TestEnv.fixtureFacts["RELEASE"] ?? "")/imt_extra.ko"))
        let status = String(decoding: try readBytes(dir + "/root/usr/lib/opkg/status"), as: UTF8.self)
        XCTAssertTrue(status.contains("Package: kmod-imt-extra\nVersion: "), status)
        XCTAssertTrue(status.contains("Depends: kernel (= \(kernelVersion))"), status)
        // The installed image reads back for rebase too.
        let again = try TestEnv.imagetool(["inspect", "--json", out])
        XCTAssertEqual(again.status, 0, again.err)
        let j = try JSONSerialization.jsonObject(with: again.stdout) as? [String: Any] ?? [:]
        XCTAssertEqual(j["checksumsVerify"] as? Bool, true)
        XCTAssertTrue(((j["facts"] as? [String: Any])?["kmods"] as? [String: Any])?.keys.contains("kmod-imt-extra") ?? false)
        let jvols = (j["ubi"] as? [String: Any])?["volumes"] as? [[String: Any]] ?? []
        XCTAssertEqual(jvols.map { $0["name"] as? String ?? "" }, ["kernel", "rootfs", "rootfs_data"])
        XCTAssertEqual(jvols.map { $0["lebCount"] as? Int ?? -1 }, [6, 1, 0])
        XCTAssertEqual(jvols.map { $0["type"] as? String ?? "" }, ["dynamic", "dynamic", "dynamic"])
        XCTAssertEqual(((j["ubi"] as? [String: Any])?["geometry"] as? [String: Any])?["pebSize"] as? Int, g.peb)
    }
}
