import BinaryIO
import Codecs
import Firmware
import Foundation
import TestSupport
import XCTest

/// Truncated, corrupted and randomly mutated UBI images (made by ubinize) give one
/// FormatError naming the file and offset, or parse with the bad CRC reported, never a trap.
final class UBICorruptTests: XCTestCase {
    var dir = ""
    override func setUp() { dir = TestEnv.tempDir("fw-ubi-bad") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    /// A small-PEB image (16 KiB PEBs: 9 PEBs, the kernel over 6 LEBs).
    func image() throws -> [UInt8] {
        _ = try Images.fixture()
        let tool = try Images.tool("ubinize", package: "mtd-utils")
        let ini = """
        [kernel]
        mode=ubi
        vol_id=0
        vol_type=dynamic
        vol_name=kernel
        image=\(TestEnv.fixtures)/image/kernel.uImage
        [rootfs]
        mode=ubi
        vol_id=1
        vol_type=static
        vol_name=rootfs
        image=\(TestEnv.fixtures)/image/root.squashfs
        [rootfs_data]
        mode=ubi
        vol_id=2
        vol_type=dynamic
        vol_name=rootfs_data
        vol_size=1MiB
        vol_flags=autoresize

        """
        try writeBytes(Array(ini.utf8), dir + "/u.ini")
        let r = try TestSupport.run(tool, ["-o", dir + "/u.ubi", "-Q", "7", "-p", "16KiB", "-m", "512", "-s", "256", dir + "/u.ini"])
        XCTAssertEqual(r.status, 0, r.err)
        return try readBytes(dir + "/u.ubi")
    }

    @discardableResult
    func exercise(_ bytes: [UInt8], _ label: String) -> FormatError? {
        do {
            let img = try FirmwareImage(parsing: bytes, path: "mutant.ubi")
            XCTAssertEqual(img.regions.reduce(0) { $0 + $1.size }, UInt64(bytes.count), label)
            _ = ImageReport(image: img, file: label)
            _ = img.kernelImage; _ = img.rootfsImage
            _ = try? img.rebuild(replacingRootfs: img.rootfsImage)
            return nil
        } catch let e as FormatError {
            XCTAssertFalse(e.description.contains("\n"), label)
            XCTAssertEqual(e.file, "mutant.ubi", label)
            return e
        } catch {
            XCTFail("\(label): not a FormatError: \(error)")
            return nil
        }
    }

    func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(truncatingIfNeeded: v >> 16), UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v)] }

    /// Recomputes the UBI CRC of the 64-byte header at `at` (so a field change gets past it).
    func reseal(_ b: inout [UInt8], header at: Int) {
        b.replaceSubrange(at + 60 ..< at + 64, with: be32(CRC32.uninverted(Array(b[at ..< at + 60]))))
    }

    func testTruncatedImagesFailWithTheirOffset() throws {
        let b = try image()
        let peb = 16 << 10
        for cut in [0, 1, 4, 63, 64, 100, 300, 600, peb - 1, peb, peb + 1, 2 * peb + 70, b.count / 2, b.count - 1] where cut < b.count {
            exercise(Array(b[..<cut]), "cut at \(cut)")
        }
        let e = try XCTUnwrap(exercise(Array(b[..<(3 * peb + 100)]), "mid-PEB cut"))
        XCTAssertEqual(e.kind, .truncated)
        XCTAssertEqual(e.offset, UInt64(3 * peb), e.description)
        XCTAssertTrue(e.description.contains("mutant.ubi"), e.description)
    }

    func testCorruptedHeadersAreReportedWithTheirOffset() throws {
        let b = try image()
        let peb = 16 << 10, vid = 256, data = 512
        // EC header 0's CRC: the geometry cannot be trusted.
        var a = b; a[8] ^= 1
        let ea = try XCTUnwrap(exercise(a, "ec0 crc"))
        XCTAssertEqual(ea.kind, .checksum); XCTAssertEqual(ea.offset, 60)
        // data_offset below vid_hdr_offset + 64, CRC resealed.
        var c = b; c.replaceSubrange(20 ..< 24, with: be32(100)); reseal(&c, header: 0)
        XCTAssertEqual(exercise(c, "data_offset")?.offset, 16)
        // A later PEB's EC header: CRC mismatch is reported, not thrown.
        var d = b; d[3 * peb + 8] ^= 1
        let img = try FirmwareImage(parsing: d)
        XCTAssertEqual(img.regions.flatMap(\.checksums).filter { !$0.verifies }.map(\.kind), ["ubi-ec-hdr-crc"])
        // A flipped bit in a kernel LEB's VID header: reported, the PEB not interpreted,
        // the kernel volume ends before it (its payload no longer decompresses).
        var vb = b; vb[3 * peb + vid + 13] ^= 1
        let vbi = try FirmwareImage(parsing: vb)
        XCTAssertEqual(vbi.regions.flatMap(\.checksums).filter { !$0.verifies }.map(\.kind), ["ubi-vid-hdr-crc"])
        XCTAssertEqual(vbi.kernelImage.count, peb - data)
        XCTAssertThrowsError(try vbi.kernelPayload())
        XCTAssertEqual(vbi.rootfsImage, try readBytes(TestEnv.fixtures + "/image/root.squashfs"))
        // vol_type 7 in a VID header, CRC resealed.
        var v = b; v[3 * peb + vid + 5] = 7; reseal(&v, header: 3 * peb + vid)
        XCTAssertEqual(exercise(v, "vol_type")?.offset, UInt64(3 * peb + vid + 5))
        // data_size of the static rootfs LEB beyond the LEB, resealed.
        let rootPEB = 8
        var s = b; s.replaceSubrange(rootPEB * peb + vid + 20 ..< rootPEB * peb + vid + 24, with: be32(0x7fff_ffff)); reseal(&s, header: rootPEB * peb + vid)
        XCTAssertEqual(exercise(s, "data_size")?.offset, UInt64(rootPEB * peb + vid + 20))
        // A flipped rootfs data byte: data_crc does not verify.
        var f = b; f[rootPEB * peb + data + 200] ^= 0x40
        let fi = try FirmwareImage(parsing: f)
        XCTAssertEqual(fi.regions.flatMap(\.checksums).filter { !$0.verifies }.map(\.kind), ["ubi-data-crc"])
        // lnum beyond reserved_pebs, resealed.
        var n = b; n.replaceSubrange(3 * peb + vid + 12 ..< 3 * peb + vid + 16, with: be32(0x4000_0000)); reseal(&n, header: 3 * peb + vid)
        XCTAssertEqual(exercise(n, "lnum")?.offset, UInt64(3 * peb + vid + 12))
        // A volume table record with a bad CRC in copy 0: copy 1 is used, the bad one reported.
        var t = b; t[data + 172 + 20] ^= 1
        let ti = try FirmwareImage(parsing: t)
        guard let tl = ti.layout as? UBILayout else { return XCTFail("not UBI") }
        XCTAssertEqual(tl.tablePEB, 1)
        XCTAssertEqual(tl.volumes.map(\.name), ["kernel", "rootfs", "rootfs_data"])
        XCTAssertEqual(ti.regions.flatMap(\.checksums).filter { !$0.verifies }.map(\.kind), ["ubi-vtbl-crc[1]"])
        // squashfs bytes_used beyond the volume: the offset is the byte's place in the file.
        var q = b; q.replaceSubrange(rootPEB * peb + data + 40 ..< rootPEB * peb + data + 48, with: [0, 0, 0, 0, 0, 0, 0, 0x10])
        let eq = try XCTUnwrap(exercise(q, "bytes_used"))
        XCTAssertEqual(eq.offset, UInt64(rootPEB * peb + data + 40), eq.description)
        XCTAssertTrue(eq.context.contains("UBI volume rootfs"), eq.description)
    }

    func testSeededMutationsNeverTrap() throws {
        let b = try image()
        let seed = UInt64(ProcessInfo.processInfo.environment["IMAGETOOL_SEED"] ?? "") ?? UInt64.random(in: 1 ... 1_000_000)
        print("UBICorruptTests seed \(seed) (set IMAGETOOL_SEED to repeat)")
        var rng = SplitMix(seed: seed)
        let peb = 16 << 10
        // Header areas of the first PEBs, the table, and the rootfs LEB's head.
        let hot = [0 ..< 600, peb ..< peb + 600, 2 * peb ..< 2 * peb + 600, 8 * peb ..< 8 * peb + 700]
        for i in 0 ..< 100 {
            var m = b
            for _ in 0 ..< Int(rng.next() % 6 + 1) {
                let r = hot[Int(rng.next() % UInt64(hot.count))]
                let at = r.lowerBound + Int(rng.next() % UInt64(r.count))
                m[at] = UInt8(truncatingIfNeeded: rng.next())
                // Half the time reseal the header so the mutation gets past its CRC.
                if rng.next() % 2 == 0 {
                    let base = at / peb * peb
                    for h in [base, base + 256] where at >= h && at < h + 60 { reseal(&m, header: h) }
                }
            }
            exercise(m, "mutant \(i) seed \(seed)")
        }
    }
}
