import BinaryIO
import Firmware
import Foundation
import Platform
import TestSupport
import XCTest

/// Every firmware file in ../shared/realdata, walked through the user's path: `inspect`
/// (regions add up, every checksum verifies, kernel release and kernel package version
/// found), `unpack` + `repack` byte for byte, and the rootfs listed by `squash ls` exactly as
/// `unsquashfs -lls` lists it at the offset inspect reports. Files are discovered by name, so
/// a new real image is checked as soon as it lands; the table below adds what is known
/// about it (adding an image with expectations is adding one line).
final class RealDataTableTests: XCTestCase {
    struct Expected {
        /// Kernel release from the banner (or /lib/modules for a bare rootfs).
        var release: String
        /// The installed kernel package version (from the rootfs, or the build manifest beside an
        /// image whose rootfs records none).
        var kernelPackage: String
        /// The image family inspect reports.
        var kind: String
    }

    static let table: [String: Expected] = [
        "LordWood__wr740n/openwrt-ar71xx-generic-tl-wr740n-v4-squashfs-sysupgrade.bin":
            Expected(release: "3.3.8", kernelPackage: "3.3.8-1-d6597ebf6203328d3519ea3c3371a493", kind: "tplink"),
        "Mauroalfieri__OpenWRT_TP-Link_MR3020_video/openwrt-ar71xx-generic-tl-mr3020-v1-squashfs-factory.bin":
            Expected(release: "3.8.8", kernelPackage: "3.8.8-1-9579ee95c3a5761ca8d13d777fbe1f16", kind: "tplink"),
        "Mauroalfieri__OpenWRT_TP-Link_MR3020_video/openwrt-ar71xx-generic-tl-mr3020-v1-squashfs-sysupgrade.bin":
            Expected(release: "3.8.8", kernelPackage: "3.8.8-1-9579ee95c3a5761ca8d13d777fbe1f16", kind: "tplink"),
        "102464__openwrt-mt76x8-binary/openwrt-ramips-mt76x8-mediatek_mt7628an-eval-board-initramfs-kernel.bin":
            Expected(release: "4.14.167", kernelPackage: "4.14.167-1-c6dca51365d5c12bc248d5b39885d802", kind: "uimage-kernel"),
        "Roy75117__TL-WR703N-openwrt-bk/lede-17.01.7-ar71xx-generic-tl-wr703n-v1-squashfs-sysupgrade.bin":
            Expected(release: "4.4.182", kernelPackage: "4.4.182-1-d576400bcaea680299b5ec5f1453a6ff", kind: "tplink"),
        "WorldWideWebDev__HooToo-Tripmate-HT-TM02/lede-ramips-rt305x-ht-tm02-squashfs-sysupgrade.bin":
            Expected(release: "4.4.182", kernelPackage: "4.4.182-1-eb63c23e51a3039dd60c7f7c6f6f87c8", kind: "uimage-sysupgrade"),
        "WorldWideWebDev__HooToo-Tripmate-HT-TM02/lede-ramips-rt305x-root.squashfs":
            Expected(release: "4.4.182", kernelPackage: "4.4.182-1-eb63c23e51a3039dd60c7f7c6f6f87c8", kind: "squashfs-rootfs"),
        "dng-nguyn__OpenWRT-for-TL-WR840N-v6.2/openwrt-ramips-mt76x8-tl-wr840n-v6.2-squashfs-sysupgrade.bin":
            Expected(release: "4.14.275", kernelPackage: "4.14.275-1-d2e0a589214daa7e43fd1bd18e88034c", kind: "tplink"),
    ]

    /// Reader test inputs, not firmware (binwalk's samples: a 4 KiB squashfs and a v2
    /// big-endian one that must be refused; covered by SquashRealDataTests).
    static let notFirmware = ["ReFirmLabs__binwalk/"]

    /// Firmware-looking files under realdata (relative paths, sorted).
    static func discover(_ root: String) -> [String] {
        let suffixes = [".bin", ".squashfs", ".img", ".img.gz", ".itb", ".ubi", ".trx", ".sqfs"]
        var out: [String] = []
        let e = FileManager.default.enumerator(atPath: root)
        while let rel = e?.nextObject() as? String {
            guard suffixes.contains(where: { rel.hasSuffix($0) }), !rel.contains("/_extracted"),
                  !notFirmware.contains(where: { rel.hasPrefix($0) }) else { continue }
            out.append(rel)
        }
        return out.sorted()
    }

    func testEveryRealImageOpensUnpacksRepacksAndListsLikeUnsquashfs() throws {
        guard let root = TestEnv.realdata else {
            throw XCTSkip("../shared/realdata is absent (real third-party images live there in CI)")
        }
        _ = try Images.tool("unsquashfs", package: "squashfs-tools")
        let files = Self.discover(root)
        XCTAssertGreaterThanOrEqual(files.count, Self.table.count, "discovered \(files)")
        for rel in Self.table.keys { XCTAssertTrue(files.contains(rel), "table names \(rel), which is not in realdata") }
        for rel in files {
            try check(root + "/" + rel, rel, Self.table[rel])
        }
    }

    func check(_ path: String, _ rel: String, _ expected: Expected?) throws {
        let bytes = try FS.read(path)
        // inspect
        let r = try TestEnv.imagetool(["inspect", "--json", path])
        XCTAssertEqual(r.status, 0, "\(rel): inspect failed: \(r.err)")
        guard r.status == 0 else { return }
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any], rel)
        let regions = try XCTUnwrap(json["regions"] as? [[String: Any]], rel)
        var pos = 0
        for g in regions {
            XCTAssertEqual(g["offset"] as? Int, pos, "\(rel): regions not contiguous at \(pos)")
            pos += g["size"] as? Int ?? 0
            for c in g["checksums"] as? [[String: Any]] ?? [] {
                XCTAssertEqual(c["verifies"] as? Bool, true, "\(rel): \(c["kind"] ?? "?") at \(g["offset"] ?? "?") does not verify")
            }
        }
        XCTAssertEqual(pos, bytes.count, "\(rel): regions do not add up to the file")
        XCTAssertEqual(json["checksumsVerify"] as? Bool, true, rel)
        XCTAssertEqual((json["problems"] as? [Any])?.count ?? 0, 0, "\(rel): \(json["problems"] ?? "")")
        let kernel = json["kernel"] as? [String: Any]
        let facts = json["facts"] as? [String: Any]
        let release = kernel?["release"] as? String ?? (facts?["moduleReleases"] as? [String])?.first
        XCTAssertNotNil(release, "\(rel): no kernel release")
        if let expected {
            XCTAssertEqual(json["kind"] as? String, expected.kind, rel)
            XCTAssertEqual(release, expected.release, rel)
            XCTAssertEqual(json["kernelPackageVersion"] as? String, expected.kernelPackage, rel)
        }
        let rootfs = json["rootfs"] as? [String: Any]
        XCTAssertNotNil(json["kernelPackageVersion"] as? String, "\(rel): no kernel package version (rootfs or build manifest)")

        // unpack + repack byte for byte
        let t = TestEnv.tempDir("realtable")
        defer { try? FileManager.default.removeItem(atPath: t) }
        let u = try TestEnv.imagetool(["unpack", "-q", path, "-d", t + "/u"])
        XCTAssertEqual(u.status, 0, "\(rel): unpack failed: \(u.err)")
        let p = try TestEnv.imagetool(["repack", "-q", t + "/u", "-o", t + "/re.bin"])
        XCTAssertEqual(p.status, 0, "\(rel): repack failed: \(p.err)")
        if p.status == 0 {
            XCTAssertTrue(try FS.read(t + "/re.bin") == bytes, "\(rel): repack is not byte-identical")
        }

        // the rootfs lists as unsquashfs lists it, at the offset inspect reports
        if let off = rootfs?["offset"] as? Int {
            let expectedListing = try Independent.unsquashfsListing(path, offset: UInt64(off))
            XCTAssertGreaterThan(expectedListing.count, 100, rel)
            let ours = try TestEnv.imagetool(["squash", "ls", "-l", "--offset", "auto", path])
            XCTAssertEqual(ours.status, 0, "\(rel): squash ls failed: \(ours.err)")
            let mine = ours.out.split(separator: "\n").map(String.init).filter { $0.contains("squashfs-root") }.map { line -> String in
                guard line.hasPrefix("d") else { return line }
                var w = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
                if w.count > 2 { w.remove(at: 2) }
                return w.joined(separator: " ")
            }
            XCTAssertEqual(mine, expectedListing, "\(rel): squash ls differs from unsquashfs -lls")
        }
    }
}
