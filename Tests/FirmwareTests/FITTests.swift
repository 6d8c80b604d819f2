import BinaryIO
import Firmware
import Foundation
import TestSupport
import XCTest

/// FIT (.itb) images made by mkimage/dtc from the fixture kernel and rootfs
/// (fixtures/make-fit-fixtures.sh), checked against dumpimage, fdtdump, unsquashfs and
/// Python's zlib/hashlib.
final class FITTests: XCTestCase {
    nonisolated(unsafe) static var made: String?

    /// The fixture FITs, built once per run into a temporary folder.
    static func fixtures() throws -> String {
        for (tool, pkg) in [("mkimage", "u-boot-tools"), ("dtc", "device-tree-compiler"), ("openssl", "openssl"), ("python3", "python3")] {
            _ = try Images.tool(tool, package: pkg)
        }
        if let d = made { return d }
        let dir = TestEnv.tempDir("fit-fixtures")
        let r = try TestSupport.run("/bin/bash", [TestEnv.fixtures + "/make-fit-fixtures.sh", dir])
        XCTAssertEqual(r.status, 0, "make-fit-fixtures.sh: \(r.err)")
        made = dir
        return dir
    }

    static let variants = ["fit-inline", "fit-external", "fit-static", "fit-inline-meta", "fit-external-meta", "fit-static-meta"]

    func testParsesEveryVariantAsMkimageWroteIt() throws {
        let dir = try Self.fixtures()
        let release = try XCTUnwrap(TestEnv.fixtureFacts["RELEASE"])
        let kernelLZMA = Array(try readBytes(TestEnv.fixtures + "/image/kernel.uImage").dropFirst(64))
        let root = try readBytes(TestEnv.fixtures + "/image/root.squashfs")
        for v in Self.variants {
            let path = dir + "/\(v).itb"
            let img = try FirmwareImage.open(path)
            XCTAssertEqual(img.kind, .fit, v)
            XCTAssertEqual(img.regions.reduce(0) { $0 + $1.size }, UInt64(img.bytes.count), v)
            XCTAssertTrue(img.regions.allSatisfy { $0.checksums.allSatisfy(\.verifies) }, v)
            // Every hash node is checked: 3 images x (crc32 + sha1), plus the fwtool CRC.
            let fitChecks = img.regions.flatMap(\.checksums).filter { $0.kind.hasPrefix("fit-") }
            XCTAssertEqual(fitChecks.count, 6, v)
            XCTAssertEqual(img.kernelImage, kernelLZMA, v)
            XCTAssertEqual(img.rootfsImage, root, v)
            XCTAssertEqual(try img.kernelPayload().release, release, v)
            XCTAssertEqual(img.metadataJSON != nil, v.hasSuffix("-meta"), v)
            let facts = try XCTUnwrap(try img.rootfsFacts(), v)
            XCTAssertNotNil(facts.kmods["kmod-imt-hello"], v)
            XCTAssertEqual(facts.moduleReleases.first, release, v)
            guard let l = img.layout as? FITLayout else { return XCTFail("\(v) not a FIT layout") }
            // Placement as fdtdump shows it.
            let dump = try TestSupport.run(try Images.tool("fdtdump", package: "device-tree-compiler"), [path])
            let prop = v.contains("static") ? "data-position" : v.contains("external") ? "data-offset" : "data = "
            XCTAssertTrue(dump.out.contains(prop), "\(v): fdtdump shows no \(prop)")
            XCTAssertEqual(l.fit.alignment, v.contains("inline") ? 4 : 4096, v)
            XCTAssertFalse(l.fit.isSigned, v)
            try assertHashesIndependentlyVerify(path, v)
        }
    }

    func testFITKernelInNORAndNANDImagesGivesKernelFacts() throws {
        let dir = try Self.fixtures()
        let release = try XCTUnwrap(TestEnv.fixtureFacts["RELEASE"])
        let nor = try FirmwareImage.open(dir + "/fit-nor.bin")
        XCTAssertEqual(nor.kind, .fitKernelSysupgrade)
        XCTAssertEqual(try nor.kernelPayload().release, release)
        XCTAssertEqual(nor.rootfsSpan?.offset, 0x20000)
        XCTAssertEqual(nor.regions.first?.checksums.count, 4)
        XCTAssertTrue(nor.regions.allSatisfy { $0.checksums.allSatisfy(\.verifies) })
        let nand = try FirmwareImage.open(dir + "/fit-nand.tar")
        XCTAssertEqual(nand.kind, .nandTar)
        XCTAssertEqual(try nand.kernelPayload().release, release)
        XCTAssertEqual(nand.kernelImage, try readBytes(dir + "/fit-kernel.itb"))
        XCTAssertEqual(nand.regions.first { $0.role == .kernel }?.checksums.count, 4)
        XCTAssertNotNil(ImageReport(image: nand, file: "nand").fit)
        XCTAssertEqual(ImageReport(image: nand, file: "nand").kernel?.release, release)
        // A corrupt FIT kernel is named in the error, not a trap.
        var bad = nand.bytes
        let k = try XCTUnwrap(nand.regions.first { $0.role == .kernel })
        bad[Int(k.offset) + 512 + 8] ^= 0xff  // off_dt_struct
        let e = try FirmwareImage(parsing: bad, path: "bad.tar")
        XCTAssertThrowsError(try e.kernelPayload()) { XCTAssertTrue("\($0)".contains("FIT"), "\($0)") }
    }

    func testUnpackRepackIsByteIdentical() throws {
        let dir = try Self.fixtures()
        let tmp = TestEnv.tempDir("fit-unpack")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        for v in Self.variants.map({ $0 + ".itb" }) + ["fit-nor.bin", "fit-nand.tar", "fit-signed.itb"] {
            let u = try TestEnv.imagetool(["unpack", dir + "/" + v, "-d", tmp + "/\(v).d"])
            XCTAssertEqual(u.status, 0, "\(v): \(u.err)")
            let r = try TestEnv.imagetool(["repack", tmp + "/\(v).d", "-o", tmp + "/\(v).out"])
            XCTAssertEqual(r.status, 0, "\(v): \(r.err)")
            XCTAssertEqual(try readBytes(tmp + "/\(v).out"), try readBytes(dir + "/" + v), "\(v) repack differs")
        }
    }

    func testInstallRebuildsHashesOffsetsAndTrailer() throws {
        let dir = try Self.fixtures()
        let tmp = TestEnv.tempDir("fit-install")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let ipk = try rebasedFeed(onto: dir + "/fit-external-meta.itb", out: tmp + "/feed")
        let unsq = try Images.tool("unsquashfs", package: "squashfs-tools")
        for v in Self.variants + ["fit-nand", "fit-nor"] {
            let input = dir + "/" + v + (v == "fit-nand" ? ".tar" : v == "fit-nor" ? ".bin" : ".itb")
            let before = try readBytes(input)
            let out = tmp + "/\(v).out"
            let r = try TestEnv.imagetool(["install", input, ipk, "-o", out])
            XCTAssertEqual(r.status, 0, "\(v): \(r.err)")
            XCTAssertEqual(try readBytes(input), before, "\(v): input modified")
            let img = try FirmwareImage.open(out)
            XCTAssertTrue(img.regions.allSatisfy { $0.checksums.allSatisfy(\.verifies) }, v)
            let rootfs = try XCTUnwrap(img.rootfsImage, v)
            try writeBytes(rootfs, tmp + "/\(v).sqfs")
            let ls = try TestSupport.run(unsq, ["-l", tmp + "/\(v).sqfs"])
            XCTAssertTrue(ls.out.contains("/lib/modules/\(TestEnv.fixtureFacts["RELEASE"] ?? "")/imt_extra.ko"), "\(v): \(ls.out)")
            let status = try TestSupport.run(unsq, ["-cat", tmp + "/\(v).sqfs", "usr/lib/opkg/status"])
            XCTAssertTrue(status.out.contains("Package: kmod-imt-extra"), v)
            if !v.hasPrefix("fit-") || v.hasSuffix("-meta") || v == "fit-nand" || v == "fit-nor" {
                let fw = try TestSupport.run(try Images.tool("python3", package: "python3"), [TestEnv.fixtures + "/src/fwimage.py", "fwtool-check", out])
                XCTAssertEqual(fw.status, 0, "\(v): fwtool trailer: \(fw.err)")
                XCTAssertNotNil(img.metadataJSON, v)
            }
            guard v.hasPrefix("fit-") && v != "fit-nand" && v != "fit-nor" else {
                XCTAssertEqual(try img.kernelPayload().release, TestEnv.fixtureFacts["RELEASE"], v)
                continue
            }
            try assertHashesIndependentlyVerify(out, "\(v) after install")
            // The rootfs image holds the new squashfs padded to 4 KiB pages, as before.
            let x = try extracted(out, index: 2, in: tmp)
            XCTAssertEqual(x.bytes.count % 4096, 0, v)
            XCTAssertEqual(Array(x.bytes.prefix(rootfs.count)), rootfs, v)
            if !v.contains("inline") {
                guard let l = img.layout as? FITLayout else { return XCTFail(v) }
                XCTAssertTrue(l.fit.externalImages.allSatisfy { $0.dataStart % 4096 == 0 }, "\(v): external data not 4 KiB aligned")
                XCTAssertEqual(l.fit.totalSize % 4096, 0, v)
            }
        }
    }

    func testStreamedRebuildEqualsTheInMemoryOne() throws {
        let dir = try Self.fixtures()
        let tmp = TestEnv.tempDir("fit-stream")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let root = try readBytes(TestEnv.fixtures + "/image/root.squashfs")
        let newRoot = try editedSquashfs(root, adding: ["etc/stream-added": Array(repeating: 7, count: 9000)], in: tmp + "/e")
        try writeBytes(newRoot, tmp + "/new.sqfs")
        for v in ["fit-external-meta", "fit-static-meta", "fit-external", "fit-inline-meta"] {
            let img = try FirmwareImage.open(dir + "/\(v).itb")
            let opts = RebuildOptions(metadataJSON: v.hasSuffix("-meta") ? Array("{\"edited\": 1}\n".utf8) : nil)
            let mem = try img.rebuild(replacingRootfs: newRoot, options: opts)
            let streamed = try img.rebuildWritingFile(replacingRootfsFile: tmp + "/new.sqfs", to: tmp + "/\(v).out", options: opts)
            if v.contains("inline") { XCTAssertNil(streamed, "\(v): inline rootfs takes the in-memory path"); continue }
            XCTAssertNotNil(streamed, v)
            XCTAssertEqual(try readBytes(tmp + "/\(v).out"), mem.bytes, "\(v): streamed and in-memory rebuilds differ")
            try assertHashesIndependentlyVerify(tmp + "/\(v).out", "\(v) streamed")
        }
        // The size limit is checked before anything is written.
        let img = try FirmwareImage.open(dir + "/fit-external-meta.itb")
        XCTAssertThrowsError(try img.rebuildWritingFile(replacingRootfsFile: tmp + "/new.sqfs", to: tmp + "/limit.out",
                                                        options: RebuildOptions(maxImageSize: 1000))) {
            XCTAssertEqual(($0 as? FormatError)?.kind, .refused)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: tmp + "/limit.out"))
    }

    func testNewKernelMovesTheFollowingImages() throws {
        let dir = try Self.fixtures()
        let tmp = TestEnv.tempDir("fit-kernel")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        for v in ["fit-external-meta", "fit-static-meta", "fit-inline-meta"] {
            let img = try FirmwareImage.open(dir + "/\(v).itb")
            // A kernel 5000 bytes longer: the same lzma stream with trailing filler after it.
            let newKernel = img.kernelImage + [UInt8](repeating: 0x5a, count: 5000)
            let r = try img.rebuild(replacingKernel: newKernel)
            try writeBytes(r.bytes, tmp + "/\(v).itb")
            try assertHashesIndependentlyVerify(tmp + "/\(v).itb", "\(v) new kernel")
            let again = try FirmwareImage(parsing: r.bytes)
            XCTAssertEqual(again.kernelImage, newKernel, v)
            XCTAssertEqual(again.rootfsImage, img.rootfsImage, v)
            XCTAssertTrue(again.regions.allSatisfy { $0.checksums.allSatisfy(\.verifies) }, v)
            guard let l = again.layout as? FITLayout else { return XCTFail(v) }
            if !v.contains("inline") {
                XCTAssertEqual(l.fit.images.first { $0.name == "fdt-1" }?.dataStart, 0x17000, "\(v): fdt after the longer kernel")
            }
        }
    }

    func testSignedFITIsReportedAndRebuildRefused() throws {
        let dir = try Self.fixtures()
        let path = dir + "/fit-signed.itb"
        let img = try FirmwareImage.open(path)
        let report = ImageReport(image: img, file: path)
        XCTAssertEqual(report.fit?.signed, true)
        XCTAssertEqual(report.fit?.configurations.first?.signatures, ["signature-1"])
        XCTAssertThrowsError(try img.rebuild(replacingRootfs: img.rootfsImage)) { e in
            XCTAssertEqual((e as? FormatError)?.kind, .refused)
            XCTAssertTrue("\(e)".contains("signed"), "\(e)")
        }
        let tmp = TestEnv.tempDir("fit-signed")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let ipk = try rebasedFeed(onto: path, out: tmp + "/feed")
        let r = try TestEnv.imagetool(["install", path, ipk, "-o", tmp + "/out.itb"])
        XCTAssertEqual(r.status, 3, r.err)
        XCTAssertEqual(r.err.split(separator: "\n").count, 1, r.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: tmp + "/out.itb"))
    }

    // MARK: - bad input

    func exercise(_ bytes: [UInt8], _ label: String) -> FormatError? {
        do {
            let img = try FirmwareImage(parsing: bytes, path: "mutant.itb")
            XCTAssertEqual(img.regions.reduce(0) { $0 + $1.size }, UInt64(bytes.count), label)
            _ = ImageReport(image: img, file: label)
            _ = try? img.rebuild(replacingRootfs: img.rootfsImage, options: RebuildOptions(metadataJSON: Array("{}".utf8)))
            return nil
        } catch let e as FormatError {
            XCTAssertFalse(e.description.contains("\n"), label)
            XCTAssertEqual(e.file, "mutant.itb", label)
            return e
        } catch {
            XCTFail("\(label): not a FormatError: \(error)")
            return nil
        }
    }

    func testTruncatedAndCorruptedFITsFailCleanly() throws {
        let dir = try Self.fixtures()
        for v in ["fit-inline-meta", "fit-external-meta", "fit-static"] {
            let b = try readBytes(dir + "/\(v).itb")
            for cut in [0, 3, 4, 39, 40, 41, 100, 1000, 4095, 4096, 4097, 0x14000, b.count / 2, b.count - 17, b.count - 1] where cut < b.count {
                exercise(Array(b[..<cut]), "\(v) cut at \(cut)")
            }
        }
        let ext = try readBytes(dir + "/fit-external.itb")
        // totalsize beyond the file.
        var a = ext; a.replaceSubrange(4 ..< 8, with: [0x7f, 0, 0, 0])
        XCTAssertEqual(exercise(a, "totalsize")?.kind, .truncated)
        // Structure block offset out of the blob: libfdt's check refuses it.
        var b = ext; b.replaceSubrange(8 ..< 12, with: [0, 0, 0x7f, 0xf0])
        XCTAssertEqual(exercise(b, "off_dt_struct")?.kind, .invalid)
        // data-size beyond the file (the kernel's, first in the structure block).
        let img = try FirmwareImage(parsing: ext)
        guard let l = img.layout as? FITLayout else { return XCTFail("not a FIT") }
        let kernelSize = try XCTUnwrap(l.fit.kernel?.dataSize)
        let sizeBE: [UInt8] = [UInt8(kernelSize >> 24 & 0xff), UInt8(kernelSize >> 16 & 0xff), UInt8(kernelSize >> 8 & 0xff), UInt8(kernelSize & 0xff)]
        let at = try XCTUnwrap((0 ..< 4096 - 4).first { Array(ext[$0 ..< $0 + 4]) == sizeBE })
        var c = ext; c.replaceSubrange(at ..< at + 4, with: [0x7f, 0xff, 0xff, 0xff])
        let ec = try XCTUnwrap(exercise(c, "data-size"))
        XCTAssertEqual(ec.kind, .truncated)
        XCTAssertTrue(ec.description.contains("kernel-1"), ec.description)
        // A flipped data byte parses; its hashes do not verify.
        var d = ext; d[0x2000] ^= 0x55
        let bad = try FirmwareImage(parsing: d)
        XCTAssertEqual(bad.regions.flatMap(\.checksums).filter { !$0.verifies }.map(\.kind).sorted(),
                       ["fit-kernel-1-hash-1-crc32", "fit-kernel-1-hash-2-sha1"])
    }

    func testSeededMutationsNeverTrap() throws {
        let dir = try Self.fixtures()
        let seed = UInt64(ProcessInfo.processInfo.environment["IMAGETOOL_SEED"] ?? "") ?? UInt64.random(in: 1 ... 1_000_000)
        print("FITTests seed \(seed) (set IMAGETOOL_SEED to repeat)")
        var rng = SplitMix(seed: seed)
        for v in ["fit-inline-meta", "fit-external-meta", "fit-static", "fit-signed", "fit-nand"] {
            let b = try readBytes(dir + "/" + v + (v == "fit-nand" ? ".tar" : ".itb"))
            // The tree header, structure and strings blocks, and the trailer.
            let treeEnd = v == "fit-nand" ? 0x800 + 1600 : min(b.count, 4096)
            let hot = [0 ..< min(64, b.count), 0 ..< treeEnd, max(0, b.count - 600) ..< b.count]
            for i in 0 ..< 100 {
                var m = b
                for _ in 0 ..< Int(rng.next() % 6 + 1) {
                    let r = hot[Int(rng.next() % 3)]
                    let at = r.lowerBound + Int(rng.next() % UInt64(r.count))
                    m[at] = UInt8(truncatingIfNeeded: rng.next())
                }
                exercise(m, "\(v) mutant \(i) seed \(seed)")
            }
        }
    }
}
