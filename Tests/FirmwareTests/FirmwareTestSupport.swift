import BinaryIO
import Firmware
import Foundation
import TestSupport
import XCTest

/// Real images from ../shared/realdata and the fixture, plus independent checkers.
enum Images {
    static let wr740n = "LordWood__wr740n/openwrt-ar71xx-generic-tl-wr740n-v4-squashfs-sysupgrade.bin"
    static let mr3020Factory = "Mauroalfieri__OpenWRT_TP-Link_MR3020_video/openwrt-ar71xx-generic-tl-mr3020-v1-squashfs-factory.bin"
    static let mr3020Sysupgrade = "Mauroalfieri__OpenWRT_TP-Link_MR3020_video/openwrt-ar71xx-generic-tl-mr3020-v1-squashfs-sysupgrade.bin"
    static let mt76x8 = "102464__openwrt-mt76x8-binary/openwrt-ramips-mt76x8-mediatek_mt7628an-eval-board-initramfs-kernel.bin"
    static let allReal = [wr740n, mr3020Factory, mr3020Sysupgrade, mt76x8]

    /// Absolute path of a real image, or XCTSkip when ../shared/realdata is absent.
    static func real(_ rel: String) throws -> String {
        guard let root = TestEnv.realdata else {
            throw XCTSkip("../shared/realdata is absent (real third-party images live there in CI)")
        }
        let p = root + "/" + rel
        guard FileManager.default.fileExists(atPath: p) else { throw XCTSkip("\(p) is absent") }
        return p
    }

    /// The fixture NOR sysupgrade image (fixtures/image, made by make-fixtures.sh).
    static func fixture() throws -> String {
        guard let rel = TestEnv.fixtureFacts["IMAGE"] else { throw XCTSkip("fixtures/fixture.env is absent") }
        return TestEnv.fixtures + "/" + rel
    }

    /// A Debian tool on PATH, or XCTSkip naming the package.
    static func tool(_ name: String, package: String) throws -> String {
        if let p = TestEnv.which(name) { return p }
        for dir in ["/usr/bin", "/bin", "/usr/local/bin"] where FileManager.default.isExecutableFile(atPath: dir + "/" + name) {
            return dir + "/" + name
        }
        throw XCTSkip("\(name) not installed (Debian package \(package))")
    }
}

/// Independent computations with other implementations than imagetool's.
enum Independent {
    /// MD5 hex of a file, by md5sum (coreutils).
    static func md5(_ bytes: [UInt8]) throws -> String {
        let dir = TestEnv.tempDir("md5")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/f"))
        let r = try run("md5sum", [dir + "/f"])
        return String(r.out.prefix(32))
    }

    /// The TP-Link md5sum1 rule computed by md5sum over a copy with the salt patched in.
    static func tplinkMD5(_ image: [UInt8]) throws -> String {
        var b = image
        let salt: [UInt8] = [0xdc, 0xd7, 0x3a, 0xa5, 0xc3, 0x95, 0x98, 0xfb, 0xdd, 0xf9, 0xe7, 0xf4, 0x0e, 0xae, 0x47, 0x38]
        b.replaceSubrange(76 ..< 92, with: salt)
        return try md5(b)
    }

    /// CRC-32 (zlib) of `bytes[range]` by Python's zlib module; `uninverted` gives fwtool's register.
    static func crc32(_ bytes: [UInt8], uninverted: Bool = false) throws -> UInt32 {
        let py = try Images.tool("python3", package: "python3")
        let dir = TestEnv.tempDir("crc")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/f"))
        let expr = uninverted ? "(~zlib.crc32(d)) & 0xffffffff" : "zlib.crc32(d) & 0xffffffff"
        let r = try run(py, ["-c", "import zlib,sys; d=open(sys.argv[1],'rb').read(); print(\(expr))", dir + "/f"])
        guard let v = UInt32(r.out.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw XCTSkip("python3 zlib failed: \(r.err)")
        }
        return v
    }

    /// `unsquashfs -lls` of the squashfs at `offset` of `path` (paths and metadata, one a
    /// line); directory sizes (directory-table bytes, writer-specific) are left out.
    static func unsquashfsListing(_ path: String, offset: UInt64 = 0) throws -> [String] {
        let tool = try Images.tool("unsquashfs", package: "squashfs-tools")
        let r = try run(tool, ["-lls", "-o", String(offset), path])
        XCTAssertEqual(r.status, 0, "unsquashfs failed: \(r.err)")
        return r.out.split(separator: "\n").map(String.init).filter { $0.contains("squashfs-root") }.map { line in
            guard line.hasPrefix("d") else { return line }
            var w = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            if w.count > 2 { w.remove(at: 2) }
            return w.joined(separator: " ")
        }
    }

    /// Offsets binwalk reports for squashfs filesystems in `path`.
    static func binwalkSquashfsOffsets(_ path: String) throws -> [UInt64] {
        let tool = try Images.tool("binwalk", package: "binwalk")
        let r = try run(tool, [path])
        return r.out.split(separator: "\n").filter { $0.contains("Squashfs filesystem") }
            .compactMap { UInt64($0.split(separator: " ").first ?? "") }
    }
}

func be32(_ b: [UInt8], _ at: Int) -> UInt32 {
    UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
}

func readBytes(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }
func writeBytes(_ b: [UInt8], _ path: String) throws { try Data(b).write(to: URL(fileURLWithPath: path)) }

/// A squashfs made by mksquashfs from the tree of `rootfs` with `extra` files added.
func editedSquashfs(_ rootfs: [UInt8], adding extra: [String: [UInt8]], in dir: String) throws -> [UInt8] {
    let unsq = try Images.tool("unsquashfs", package: "squashfs-tools")
    let mksq = try Images.tool("mksquashfs", package: "squashfs-tools")
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try writeBytes(rootfs, dir + "/orig.sqfs")
    let r = try run(unsq, ["-q", "-d", dir + "/tree", dir + "/orig.sqfs"])
    XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/tree/etc"), "unsquashfs: \(r.err)")
    for (name, data) in extra { try writeBytes(data, dir + "/tree/" + name) }
    let m = try run(mksq, [dir + "/tree", dir + "/new.sqfs", "-comp", "xz", "-b", "256k", "-nopad", "-noappend", "-all-root", "-quiet", "-no-progress"])
    XCTAssertEqual(m.status, 0, "mksquashfs: \(m.err)")
    return try readBytes(dir + "/new.sqfs")
}
