import BinaryIO
import Firmware
import Squash
import TestSupport
import XCTest

/// The family registry and the squashfs checks Firmware takes from Squash.
final class FirmwareFamilyTests: XCTestCase {
    var rootfs: [UInt8] { get throws { try readBytes(TestEnv.fixtures + "/image/root.squashfs") } }

    func testUnknownContainerNamesEveryFamilyInDetectionOrder() {
        XCTAssertThrowsError(try FirmwareImage(parsing: [UInt8](repeating: 0x41, count: 4096), path: "text.bin")) { e in
            let f = e as? FormatError
            XCTAssertEqual(f?.kind, .unsupported)
            XCTAssertTrue(f?.description.contains("tried NAND sysupgrade tar, UBI, bare squashfs, FIT (.itb), x86 disk (MBR/GPT), TP-Link (mktplinkfw v1/v2, mktplinkfw2 v2/v3, at 0 or behind recovery padding), uImage; no known magic found") ?? false, "\(e)")
        }
    }

    func testEachFamilyDetectsOnlyItsOwnMagic() throws {
        let root = try rootfs
        // A bare squashfs: only BareSquashfsLayout claims it (NOR, the catch-all, finds no header).
        let claims = try FirmwareFamilies.all.compactMap { try $0.detect(root) }.map(\.kind)
        XCTAssertEqual(claims, [.squashfs])
        let img = try FirmwareImage(parsing: root)
        XCTAssertEqual(img.kind.rawValue, "squashfs-rootfs")
        XCTAssertEqual(img.rootfsFileOffset, 0)
        XCTAssertEqual(img.rootfsImage?.count, Int(try XCTUnwrap(img.rootfsSpan).bytesUsed))
        XCTAssertEqual(ImageReport(image: img, file: "root").kernelError, "a bare squashfs rootfs holds no kernel")
        XCTAssertNil(try FirmwareFamilies.detect([UInt8](repeating: 0, count: 4096)))
    }

    /// A squashfs whose data happens to hold 55 aa at 510 (the MBR signature, the only
    /// mark of a raw disk) is still read as the bare squashfs it is.
    func testBootSignatureInsideASquashfsDoesNotMakeItADisk() throws {
        var root = try rootfs
        XCTAssertGreaterThan(root.count, 512)
        root[510] = 0x55; root[511] = 0xAA
        let img = try FirmwareImage(parsing: root)
        XCTAssertEqual(img.kind.rawValue, "squashfs-rootfs")
        XCTAssertEqual(img.rootfsFileOffset, 0)
    }

    /// The one magic check, and the superblock read without the mount checks: an unknown
    /// compressor id is refused by `Superblock(parsing:)` but still places the filesystem.
    func testSquashfsChecksComeFromSquash() throws {
        var root = try rootfs
        XCTAssertEqual(Superblock.magicBytes, Array("hsqs".utf8))
        XCTAssertTrue(Superblock.looksLikeSquashfs(root))
        XCTAssertFalse(Superblock.looksLikeSquashfs(root, at: 1))
        XCTAssertFalse(Superblock.looksLikeSquashfs(Array(root.prefix(3))))
        root[20] = 9; root[21] = 0  // compression id 9
        XCTAssertThrowsError(try Superblock(parsing: Array(root.prefix(96)), imageSize: UInt64(root.count)))
        let decoded = try Superblock(decoding: Array(root.prefix(96)))
        XCTAssertEqual(decoded.compressorName, "unknown(9)")
        let img = try FirmwareImage(parsing: root)
        XCTAssertEqual(img.rootfsSpan?.compressor, "unknown(9)")
        XCTAssertEqual(img.rootfsSpan?.bytesUsed, decoded.bytesUsed)
    }
}
