import BinaryIO
import Firmware
import Foundation
import TestSupport
import XCTest

/// NAND sysupgrade tars and x86 disk images built with GNU tar, gzip and the fixture's
/// Python fwtool; checked with tar, file(1), Python zlib and unsquashfs.
final class ContainerTests: XCTestCase {
    var dir = ""
    override func setUp() { dir = TestEnv.tempDir("fw-container") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    var fwimage: String { TestEnv.fixtures + "/src/fwimage.py" }

    func appendMetadata(_ path: String) throws {
        let py = try Images.tool("python3", package: "python3")
        let r = try TestSupport.run(py, [fwimage, "fwtool-metadata", path, TestEnv.fixtures + "/image/metadata.json"])
        XCTAssertEqual(r.status, 0, r.err)
    }

    func fwtoolCheck(_ bytes: [UInt8]) throws -> String {
        try writeBytes(bytes, dir + "/check.bin")
        let r = try TestSupport.run(try Images.tool("python3", package: "python3"), [fwimage, "fwtool-check", dir + "/check.bin"])
        XCTAssertEqual(r.status, 0, "fwtool-check: \(r.err)")
        return r.out
    }

    /// `tar -c` of sysupgrade-<board>/{CONTROL,kernel,root} as Build/sysupgrade-tar does, + metadata.
    func makeNANDImage() throws -> String {
        let board = "sysupgrade-imagetool_fixture"
        try FileManager.default.createDirectory(atPath: dir + "/t/" + board, withIntermediateDirectories: true)
        try writeBytes(Array("BOARD=imagetool_fixture\nREQUIRE_KERNEL=0\n".utf8), dir + "/t/\(board)/CONTROL")
        try FileManager.default.copyItem(atPath: TestEnv.fixtures + "/image/kernel.uImage", toPath: dir + "/t/\(board)/kernel")
        try FileManager.default.copyItem(atPath: TestEnv.fixtures + "/image/root.squashfs", toPath: dir + "/t/\(board)/root")
        let tar = try Images.tool("tar", package: "tar")
        let r = try TestSupport.run(tar, ["-c", "-C", dir + "/t", "--format=gnu", "--numeric-owner", "--owner=0", "--group=0",
                              "--sort=name", "--mtime=@1700000000", "-f", dir + "/nand.bin", board])
        XCTAssertEqual(r.status, 0, r.err)
        try appendMetadata(dir + "/nand.bin")
        return dir + "/nand.bin"
    }

    func testNANDSysupgradeTar() throws {
        _ = try Images.fixture()
        let path = try makeNANDImage()
        let img = try FirmwareImage.open(path)
        XCTAssertEqual(img.kind, .nandTar)
        XCTAssertEqual(img.regions.reduce(0) { $0 + $1.size }, UInt64(img.bytes.count))
        XCTAssertTrue(img.regions.allSatisfy { $0.checksums.allSatisfy(\.verifies) })
        XCTAssertEqual(img.kernelImage, try readBytes(TestEnv.fixtures + "/image/kernel.uImage"))
        XCTAssertEqual(img.rootfsImage, try readBytes(TestEnv.fixtures + "/image/root.squashfs"))
        XCTAssertEqual(try img.kernelPayload().release, TestEnv.fixtureFacts["RELEASE"])
        XCTAssertEqual(try img.rootfsFacts()?.kernelPackageVersion, TestEnv.fixtureFacts["PKG_KERNEL_VERSION_OLD"])
        if let l = img.layout as? NANDTarLayout { XCTAssertEqual(l.board, "imagetool_fixture") } else { XCTFail("not NAND") }
        // Round trip, then an edited rootfs.
        _ = try FirmwareUnpacker.unpack(img, into: dir + "/u", extractTree: false)
        XCTAssertTrue(try FirmwareUnpacker.repack(from: dir + "/u", options: RepackOptions()).bytes == img.bytes)
        let newRoot = try editedSquashfs(img.rootfsImage!, adding: ["etc/nand-added": [1, 2, 3]], in: dir + "/e")
        let out = try img.rebuild(replacingRootfs: newRoot).bytes
        XCTAssertTrue(try fwtoolCheck(out).hasPrefix("1 "))
        try writeBytes(out, dir + "/out.tar")
        let tar = try Images.tool("tar", package: "tar")
        let list = try TestSupport.run(tar, ["-tvf", dir + "/out.tar"])
        XCTAssertTrue(list.out.contains(" \(newRoot.count) "), list.out + list.err)
        try FileManager.default.createDirectory(atPath: dir + "/x", withIntermediateDirectories: true)
        let x = try TestSupport.run(tar, ["-xf", dir + "/out.tar", "-C", dir + "/x"])
        XCTAssertEqual(x.status, 0, x.err)
        XCTAssertEqual(try readBytes(dir + "/x/sysupgrade-imagetool_fixture/root"), newRoot)
        XCTAssertEqual(try readBytes(dir + "/x/sysupgrade-imagetool_fixture/kernel"), img.kernelImage)
        XCTAssertTrue(try Independent.unsquashfsListing(dir + "/x/sysupgrade-imagetool_fixture/root").contains { $0.hasSuffix("/etc/nand-added") })
    }

    /// An MBR disk: partition 1 (boot, filler) at LBA 512, partition 2 the fixture rootfs.
    func makeDisk(rootSectors extra: Int = 64) throws -> (disk: [UInt8], rootLBA: Int, rootSectors: Int) {
        let root = try readBytes(TestEnv.fixtures + "/image/root.squashfs")
        let rootLBA = 1024, rootSectors = (root.count + 511) / 512 + extra
        var disk = [UInt8](repeating: 0, count: (rootLBA + rootSectors) * 512)
        var rng = SplitMix(seed: 7)
        for i in (512 * 512) ..< (1024 * 512) { disk[i] = UInt8(truncatingIfNeeded: rng.next()) }
        disk.replaceSubrange(rootLBA * 512 ..< rootLBA * 512 + root.count, with: root)
        func entry(_ n: Int, boot: Bool, lba: Int, count: Int) {
            let e = 446 + 16 * n
            disk[e] = boot ? 0x80 : 0; disk[e + 4] = 0x83
            for k in 0 ..< 4 { disk[e + 8 + k] = UInt8(truncatingIfNeeded: lba >> (8 * k)); disk[e + 12 + k] = UInt8(truncatingIfNeeded: count >> (8 * k)) }
        }
        entry(0, boot: true, lba: 512, count: 512)
        entry(1, boot: false, lba: rootLBA, count: rootSectors)
        disk[510] = 0x55; disk[511] = 0xaa
        return (disk, rootLBA, rootSectors)
    }

    func testX86CombinedGzipImage() throws {
        _ = try Images.fixture()
        let (disk, rootLBA, rootSectors) = try makeDisk()
        try writeBytes(disk, dir + "/disk.img")
        // file(1) reads the same partition table.
        let f = try TestSupport.run(try Images.tool("file", package: "file"), ["-b", dir + "/disk.img"])
        XCTAssertTrue(f.out.contains("partition 2 : ID=0x83") && f.out.contains("startsector \(rootLBA), \(rootSectors) sectors"), f.out)
        let gz = try TestSupport.run(try Images.tool("gzip", package: "gzip"), ["-9n", dir + "/disk.img"])
        XCTAssertEqual(gz.status, 0, gz.err)
        try appendMetadata(dir + "/disk.img.gz")
        let img = try FirmwareImage.open(dir + "/disk.img.gz")
        XCTAssertEqual(img.kind, .x86Combined)
        XCTAssertEqual(img.regions.map(\.role), [.gzip, .fwtoolMetadata, .fwtoolTrailer])
        XCTAssertTrue(img.regions.allSatisfy { $0.checksums.allSatisfy(\.verifies) })
        XCTAssertEqual(img.rootfsSpan?.offset, UInt64(rootLBA * 512))
        XCTAssertEqual(try img.rootfsFacts()?.board, TestEnv.fixtureFacts["BOARD"])
        _ = try FirmwareUnpacker.unpack(img, into: dir + "/u", extractTree: false)
        XCTAssertTrue(try FirmwareUnpacker.repack(from: dir + "/u", options: RepackOptions()).bytes == img.bytes)
        // Edited rootfs: gunzip by Python's zlib, the partition holds the new squashfs.
        let newRoot = try editedSquashfs(img.rootfsImage!, adding: ["etc/x86-added": [9]], in: dir + "/e")
        let out = try img.rebuild(replacingRootfs: newRoot).bytes
        XCTAssertTrue(try fwtoolCheck(out).hasPrefix("1 "))
        try writeBytes(out, dir + "/out.img.gz")
        let py = try Images.tool("python3", package: "python3")
        let un = try TestSupport.run(py, ["-c", "import zlib,sys; d=zlib.decompressobj(31).decompress(open(sys.argv[1],'rb').read()); open(sys.argv[2],'wb').write(d)",
                              dir + "/out.img.gz", dir + "/out.img"])
        XCTAssertEqual(un.status, 0, un.err)
        let outDisk = try readBytes(dir + "/out.img")
        XCTAssertEqual(outDisk.count, disk.count)
        XCTAssertEqual(Array(outDisk[..<(rootLBA * 512)]), Array(disk[..<(rootLBA * 512)]), "MBR and boot partition untouched")
        XCTAssertTrue(try Independent.unsquashfsListing(dir + "/out.img", offset: UInt64(rootLBA * 512)).contains { $0.hasSuffix("/etc/x86-added") })
        // A rootfs larger than its partition is refused with both sizes.
        let (small, _, _) = try makeDisk(rootSectors: 0)
        let tight = try FirmwareImage(parsing: small)
        var rng = SplitMix(seed: 11)
        let noise = (0 ..< 20000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let bigRoot = try editedSquashfs(img.rootfsImage!, adding: ["etc/noise": noise], in: dir + "/big")
        XCTAssertThrowsError(try tight.rebuild(replacingRootfs: bigRoot)) { e in
            XCTAssertEqual((e as? FormatError)?.kind, .refused)
            XCTAssertTrue("\(e)".contains("does not fit partition 2"), "\(e)")
        }
    }
}
