import BinaryIO
import Firmware
import Foundation
import TestSupport
import XCTest

/// x86 combined images (GPT squashfs-efi, GPT ext4-efi, MBR ext4) built by
/// fixtures/make-x86-image.sh with sgdisk/sfdisk, mkfs.fat + mtools, mkfs.ext4 -d and gzip,
/// read back and checked against those tools and Python's zlib.
final class X86DiskTests: XCTestCase {
    static let kinds = ["squashfs-efi", "ext4-efi", "ext4-mbr"]

    /// Builds (once per process) the image of `kind`, or skips naming the missing tool.
    static func image(_ kind: String) throws -> String {
        for (t, pkg) in [("sgdisk", "gdisk"), ("sfdisk", "fdisk"), ("mkfs.ext4", "e2fsprogs"), ("mkfs.fat", "dosfstools"),
                         ("mcopy", "mtools"), ("unsquashfs", "squashfs-tools"), ("python3", "python3")] {
            guard TestEnv.which(t) != nil || FileManager.default.fileExists(atPath: "/usr/sbin/" + t) || FileManager.default.fileExists(atPath: "/sbin/" + t) else {
                throw XCTSkip("\(t) not installed (Debian package \(pkg))")
            }
        }
        let dir = NSTemporaryDirectory() + "imagetool-x86-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let out = "\(dir)/\(kind).img.gz"
        if !FileManager.default.fileExists(atPath: out) {
            let r = try TestSupport.run("/bin/bash", [TestEnv.fixtures + "/make-x86-image.sh", kind, out])
            XCTAssertEqual(r.status, 0, "make-x86-image.sh \(kind): \(r.err)")
        }
        return out
    }

    /// gunzip by GNU gzip (stops at the metadata after the stream, exit 2 = trailing garbage warning).
    static func gunzip(_ path: String, to raw: String) throws {
        let r = try TestSupport.run("/bin/sh", ["-c", "gzip -dc < '\(path)' > '\(raw)' 2>/dev/null; test -s '\(raw)'"])
        XCTAssertEqual(r.status, 0, "gzip -dc \(path)")
    }

    func testInspectShowsKernelPackagesAndRegionsForAllKinds() throws {
        for kind in X86DiskTests.kinds {
            let path = try X86DiskTests.image(kind)
            let img = try FirmwareImage.open(path)
            XCTAssertEqual(img.kind, kind.hasSuffix("efi") ? .x86CombinedEFI : .x86Combined, kind)
            guard let l = img.layout as? DiskImageLayout else { return XCTFail(kind) }
            XCTAssertTrue(l.gzipped)
            let report = ImageReport(image: img, file: path, facts: try img.rootfsFacts())
            XCTAssertTrue(report.checksumsVerify, kind)
            XCTAssertEqual(report.kernel?.release, TestEnv.fixtureFacts["RELEASE"], "\(kind): \(report.kernelError ?? "")")
            XCTAssertEqual(report.facts?.kernelPackageVersion, TestEnv.fixtureFacts["PKG_KERNEL_VERSION_OLD"], kind)
            XCTAssertEqual(report.facts?.kmods.keys.sorted(), ["kmod-imt-hello", "kmod-imt-user"], kind)
            // Disk regions cover the inflated disk, which GNU gzip agrees on.
            let d = try XCTUnwrap(report.diskRegions)
            XCTAssertEqual(d.reduce(0) { $0 + $1.size }, UInt64(l.disk.count), kind)
            let raw = NSTemporaryDirectory() + "x86-\(kind)-\(getpid()).img"
            defer { try? FileManager.default.removeItem(atPath: raw) }
            try X86DiskTests.gunzip(path, to: raw)
            XCTAssertEqual(try readBytes(raw), l.disk, kind)
            // Partitions as sfdisk reads them (start and size in sectors).
            let dump = try TestSupport.run("/usr/sbin/sfdisk", ["-d", raw]).out.replacingOccurrences(of: " ", with: "")
            for p in l.partitions {
                XCTAssertTrue(dump.contains("start=\(p.offset / 512),size=\(p.size / 512)"),
                              "\(kind): partition \(p.index) at \(p.offset / 512)+\(p.size / 512) not in sfdisk -d:\n\(dump)")
            }
            if kind.hasSuffix("efi") {
                XCTAssertEqual(d.map(\.role), [.mbr, .gptHeader, .gptEntries, .partition, .partition, .rootfs, .diskGap, .gptEntries, .gptHeader], kind)
                // Each GPT CRC recomputed with Python's zlib over the disk bytes.
                let disk = l.disk
                for r in d where r.role == .gptHeader {
                    var h = Array(disk[Int(r.offset) ..< Int(r.offset) + 92])
                    let stored = UInt32(h[16]) | UInt32(h[17]) << 8 | UInt32(h[18]) << 16 | UInt32(h[19]) << 24
                    h.replaceSubrange(16 ..< 20, with: [0, 0, 0, 0])
                    XCTAssertEqual(try Independent.crc32(h), stored, "\(kind) header at \(r.offset)")
                    XCTAssertEqual(r.checksums.first?.computed, Checksum(kind: "", stored: stored, computed: stored).stored)
                }
                for r in d where r.role == .gptEntries {
                    let e = Array(disk[Int(r.offset) ..< Int(r.offset) + 128 * 128])
                    XCTAssertEqual(r.checksums.first?.verifies, true)
                    XCTAssertEqual(r.checksums.first?.computed, Checksum(kind: "", stored: try Independent.crc32(e), computed: 0).stored)
                }
                let v = try TestSupport.run("/usr/sbin/sgdisk", ["-v", raw])
                XCTAssertTrue(v.out.contains("No problems found"), v.out)
            } else {
                XCTAssertEqual(d.map(\.role), [.mbr, .diskGap, .partition, .rootfs], kind)
            }
        }
    }

    func testUnpackRepackIsByteIdentical() throws {
        for kind in X86DiskTests.kinds {
            let path = try X86DiskTests.image(kind)
            let img = try FirmwareImage.open(path)
            let dir = NSTemporaryDirectory() + "x86-unpack-\(kind)-\(getpid())"
            defer { try? FileManager.default.removeItem(atPath: dir) }
            _ = try FirmwareUnpacker.unpack(img, into: dir, replace: true, extractTree: false)
            let r = try FirmwareUnpacker.repack(from: dir, options: RepackOptions())
            XCTAssertTrue(r.bytes == img.bytes, "\(kind): repack differs")
        }
    }

    /// A raw disk whose GPT header, entries, backup or ext superblock are mutated or cut:
    /// a FormatError or a report whose CRCs flag the change, never a trap.
    func testCorruptedGPTAndExtFailCleanly() throws {
        let seed = UInt64(ProcessInfo.processInfo.environment["IMAGETOOL_SEED"] ?? "") ?? UInt64.random(in: 1 ... 1_000_000)
        print("X86DiskTests seed \(seed) (set IMAGETOOL_SEED to repeat)")
        var rng = SplitMix(seed: seed)
        let path = try X86DiskTests.image("ext4-efi")
        guard let l = try FirmwareImage.open(path).layout as? DiskImageLayout else { return XCTFail() }
        let disk = l.disk
        func exercise(_ b: [UInt8], _ label: String) {
            do {
                let img = try FirmwareImage(parsing: b, path: "mutant.img")
                XCTAssertEqual(img.regions.reduce(0) { $0 + $1.size }, UInt64(b.count), label)
                _ = ImageReport(image: img, file: label, facts: try? img.rootfsFacts())
            } catch let e as FormatError {
                XCTAssertFalse(e.description.contains("\n"), label)
                XCTAssertEqual(e.file, "mutant.img", label)
            } catch {
                XCTFail("\(label): not a FormatError: \(error)")
            }
        }
        // A flipped header byte is reported by the header CRC, not silently accepted.
        var flipped = disk
        flipped[512 + 40] ^= 0x01  // first_usable_lba
        if let img = try? FirmwareImage(parsing: flipped) {
            XCTAssertEqual(img.regions.first { $0.role == .gptHeader }?.checksums.first?.verifies, false)
        }
        // Hostile entry count and LBAs.
        var big = disk; big.replaceSubrange(512 + 80 ..< 512 + 84, with: [0xff, 0xff, 0xff, 0x7f])
        XCTAssertEqual((try? FirmwareImage(parsing: big)).map { _ in "parsed" }, nil, "huge entry count must be refused")
        var farLBA = disk; farLBA.replaceSubrange(512 + 72 ..< 512 + 80, with: [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])
        exercise(farLBA, "entries LBA 2^64-1")
        var farPart = disk; farPart.replaceSubrange(1024 + 40 ..< 1024 + 48, with: [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f])
        exercise(farPart, "partition last LBA huge")
        // Truncations through the GPT, the partitions and the backup.
        for cut in [511, 512, 600, 1024, 17000, disk.count / 3, disk.count - 33 * 512, disk.count - 1] {
            exercise(Array(disk[..<cut]), "cut at \(cut)")
        }
        // Random byte mutations in the GPT structures and the rootfs superblock/group descriptors.
        let rootOff = l.partitions[try XCTUnwrap(l.rootfsPartition)].offset
        let areas = [0 ..< 34 * 512, disk.count - 33 * 512 ..< disk.count, rootOff ..< rootOff + 8192]
        for i in 0 ..< 40 {
            var m = disk
            let area = areas[i % areas.count]
            for _ in 0 ..< 1 + Int(rng.next() % 8) {
                m[area.lowerBound + Int(rng.next() % UInt64(area.count))] = UInt8(truncatingIfNeeded: rng.next())
            }
            exercise(m, "mutant \(i) seed \(seed)")
        }
    }

    func testBzImageSetupHeaderPayload() throws {
        let path = try X86DiskTests.image("ext4-mbr")
        let img = try FirmwareImage.open(path)
        let k = img.kernelImage
        XCTAssertTrue(BzImageHeader.matches(k))
        let h = try BzImageHeader(parsing: k)
        XCTAssertEqual(h.protocolVersion, 0x020f)
        XCTAssertEqual(h.versionText?.hasPrefix(TestEnv.fixtureFacts["RELEASE"] ?? "?"), true)
        XCTAssertEqual(img.kernelPayloadBytes().compression, "gzip")
        // A payload field pointing past the end is a truncation error, not a trap.
        var bad = k; bad.replaceSubrange(0x24c ..< 0x250, with: [0xff, 0xff, 0xff, 0x0f])
        XCTAssertThrowsError(try BzImageHeader(parsing: bad)) { XCTAssertEqual(($0 as? FormatError)?.kind, .truncated) }
    }
}
