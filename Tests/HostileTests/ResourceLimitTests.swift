import BinaryIO
import Foundation
import Platform
import TestSupport
import XCTest

/// Tiny files claiming huge sizes or counts must be refused before anything is allocated
/// from those fields, and decompression must stop at the declared size. Each case runs the
/// CLI under /usr/bin/time and checks the exit code, the error kind in the message and that
/// the peak RSS stays below `maxRSS`.
final class ResourceLimitTests: XCTestCase {
    static let maxRSSKiB = 200 * 1024

    func assertRefusedSmall(_ args: [String], _ expect: [String], _ what: String,
                            file: StaticString = #filePath, line: UInt = #line) throws {
        let (r, kib) = try Hostile.cliPeakRSS(args)
        print("ResourceLimitTests: \(what): exit \(r.status), peak RSS \(kib) KiB: \(r.err.trimmingCharacters(in: .whitespacesAndNewlines))")
        XCTAssertEqual(r.status, 1, "\(what): \(r.out) \(r.err)", file: file, line: line)
        XCTAssertTrue(expect.contains { r.err.contains($0) }, "\(what): expected one of \(expect) in \(r.err)", file: file, line: line)
        XCTAssertEqual(r.err.split(separator: "\n").count, 1, "\(what): one error line", file: file, line: line)
        XCTAssertGreaterThan(kib, 0, file: file, line: line)
        XCTAssertLessThan(kib, Self.maxRSSKiB, "\(what): peak RSS \(kib) KiB", file: file, line: line)
    }

    static func put<T: FixedWidthInteger>(_ v: T, _ b: inout [UInt8], at o: Int) {
        withUnsafeBytes(of: v.littleEndian) { b.replaceSubrange(o ..< o + MemoryLayout<T>.size, with: $0) }
    }

    /// squashfs superblocks with huge counts and table positions (squashfs_fs.h layout).
    func testSquashfsSuperblockClaims() throws {
        let dir = TestEnv.tempDir("imagetool-limits-sqfs")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let good = try FS.read(TestEnv.fixtures + "/image/root.squashfs", limit: 1 << 20)
        let cases: [(String, (inout [UInt8]) -> Void)] = [
            ("inode count 2^32-1", { Self.put(UInt32.max, &$0, at: 4) }),
            ("fragment count 2^32-1", { Self.put(UInt32.max, &$0, at: 16) }),
            ("id count 65535", { Self.put(UInt16.max, &$0, at: 26) }),
            ("bytes used 2^63", { Self.put(UInt64(1) << 63, &$0, at: 40) }),
            ("id table at 2^40", { Self.put(UInt64(1) << 40, &$0, at: 48) }),
            ("inode table past the directory table", { Self.put(UInt64(0xFFFF_FFF0), &$0, at: 64) }),
            ("fragment table at 2^62", { Self.put(UInt64(1) << 62, &$0, at: 80) }),
            ("block size 2^31", { Self.put(UInt32(1) << 31, &$0, at: 12); Self.put(UInt16(31), &$0, at: 22) }),
        ]
        for (i, c) in cases.enumerated() {
            var b = good
            c.1(&b)
            let p = dir + "/s\(i).sqfs"
            try FS.writeAtomically(b, to: p)
            try assertRefusedSmall(["squash", "ls", p], ["offset 0x", ": "], "squashfs \(c.0)")
        }
    }

    /// ELF .ko with huge section counts / sizes / offsets (elf.h Elf64_Ehdr / Elf64_Shdr).
    func testELFClaims() throws {
        let dir = TestEnv.tempDir("imagetool-limits-elf")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let good = try FS.read(TestEnv.fixtures + "/modules/imt_hello.ko", limit: 1 << 20)
        XCTAssertEqual(good[4], 2, "fixture is ELF64")
        let shoff = Int(good[0x28 ..< 0x30].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        let cases: [(String, (inout [UInt8]) -> Void)] = [
            ("e_shnum 65535", { Self.put(UInt16.max, &$0, at: 0x3C) }),
            ("e_shoff 2^63", { Self.put(UInt64(1) << 63, &$0, at: 0x28) }),
            ("e_shentsize 65535", { Self.put(UInt16.max, &$0, at: 0x3A) }),
            ("e_shstrndx 65534", { Self.put(UInt16(65534), &$0, at: 0x3E) }),
            ("every section 2^62 bytes", { b in
                for s in 1 ..< 36 { Self.put(UInt64(1) << 62, &b, at: shoff + s * 64 + 0x20) }
            }),
            ("every section at offset 2^64-16", { b in
                for s in 1 ..< 36 { Self.put(UInt64.max - 15, &b, at: shoff + s * 64 + 0x18) }
            }),
        ]
        for (i, c) in cases.enumerated() {
            var b = good
            c.1(&b)
            let p = dir + "/m\(i).ko"
            try FS.writeAtomically(b, to: p)
            try assertRefusedSmall(["modinfo", p], ["offset 0x", ": "], "ELF \(c.0)")
        }
    }

    /// ipk: tar/ar size fields of 10 GB, and gzip bombs bounded by the gzip trailer's size.
    func testIPKClaimsAndGzipBombs() throws {
        guard let py = TestEnv.which("python3") else { throw XCTSkip("python3 not installed") }
        let dir = TestEnv.tempDir("imagetool-limits-ipk")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let script = #"""
        import gzip, io, struct, sys, tarfile, zlib
        d = sys.argv[1]
        def member(name, size, data=b""):
            i = tarfile.TarInfo(name); i.size = size; i.mode = 0o644
            return i.tobuf(tarfile.GNU_FORMAT, "utf-8", "surrogateescape") + data + b"\0" * ((-len(data)) % 512)
        def gz(raw):
            return gzip.compress(raw, mtime=0)
        small = gz(b"")
        # gzip'd outer tar whose data.tar.gz member claims 10 GiB
        tar = member("./debian-binary", 4, b"2.0\n") + member("./control.tar.gz", len(small), small) + member("./data.tar.gz", 10 << 30, b"x" * 512)
        open(d + "/tar10g.ipk", "wb").write(gz(tar))
        # ar ipk whose data.tar.gz claims 10 GiB
        def ar(name, size, data):
            return (name + "/").ljust(16).encode() + b"0".ljust(12) + b"0".ljust(6) + b"0".ljust(6) + b"100644".ljust(8) + str(size).ljust(10).encode() + b"`\n" + data
        open(d + "/ar10g.ipk", "wb").write(b"!<arch>\n" + ar("debian-binary", 4, b"2.0\n") + ar("data.tar.gz", 9999999999, b"x" * 64))
        # gzip bomb: 300 MiB of zeros whose trailer claims 2048 bytes
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        body = b"".join(c.compress(b"\0" * (1 << 20)) for _ in range(300)) + c.flush()
        hdr = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03"
        open(d + "/bomb-small.ipk", "wb").write(hdr + body + struct.pack("<II", 0, 2048))
        # a small gzip whose trailer claims 4 GiB - 1
        g = bytearray(gz(tar)); g[-4:] = struct.pack("<I", 0xFFFFFFFF)
        open(d + "/claims4g.ipk", "wb").write(bytes(g))
        """#
        let r = try TestSupport.run(py, ["-c", script, dir])
        XCTAssertEqual(r.status, 0, r.err)
        try assertRefusedSmall(["ipk", "show", dir + "/tar10g.ipk"], ["bytes", "truncated", "size"], "gzip tar ipk with a 10 GiB member")
        try assertRefusedSmall(["ipk", "show", dir + "/ar10g.ipk"], ["bytes", "truncated", "size"], "ar ipk with a 9.3 GiB member")
        try assertRefusedSmall(["ipk", "show", dir + "/bomb-small.ipk"], ["exceeds the 2048 bytes the gzip trailer declares"], "gzip bomb declaring 2048 bytes")
        try assertRefusedSmall(["ipk", "show", dir + "/claims4g.ipk"], ["length check"], "gzip declaring 4 GiB")
    }

    /// apk v3 ADB: extended blocks claiming 2^60 bytes, plain blocks larger than the file.
    func testADBClaims() throws {
        let dir = TestEnv.tempDir("imagetool-limits-adb")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var head: [UInt8] = Array("ADB.".utf8) + Array("pckg".utf8)
        var ext = head + [0, 0, 0, 0]
        Self.put(UInt32(3) << 30, &ext, at: 8)  // DATAX of type 0 (ADB)
        ext += [0, 0, 0, 0] + [UInt8](repeating: 0, count: 8) + [UInt8](repeating: 0, count: 32)
        Self.put(UInt64(1) << 60, &ext, at: 16)
        head += [0, 0, 0, 0] + [UInt8](repeating: 0, count: 32)
        Self.put(UInt32(0x3FFF_FFFF), &head, at: 8)  // ADB block of 1 GiB in a 44-byte file
        for (name, b) in [("ext", ext), ("big", head)] {
            let p = dir + "/\(name).apk"
            try FS.writeAtomically(b, to: p)
            try assertRefusedSmall(["apk", "show", p], ["exceeds", "truncated", "bytes"], "ADB \(name)")
        }
    }
}
