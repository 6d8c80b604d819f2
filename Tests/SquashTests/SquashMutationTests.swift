import BinaryIO
import Foundation
import Platform
import Squash
import TestSupport
import XCTest

/// Seeded mutation test: bytes of the superblock, compressor options and every table of a
/// fixture image are corrupted, and the image is truncated at random lengths. Reading the
/// tree and every file must either succeed or throw one `FormatError` — never trap, hang
/// or allocate without bound. Set SQUASH_MUTATION_SEED to replay a run; the seed is printed.
final class SquashMutationTests: XCTestCase {
    /// SplitMix64 (TestSupport), seeded so a run can be replayed.
    typealias RNG = SplitMix64

    func fixture() throws -> String {
        try SquashFixtures.require(["mksquashfs", "python3"])
        let tree = try SquashFixtures.tree.get()
        let out = SquashFixtures.work + "/mutation-base.sqfs"
        if !FileManager.default.fileExists(atPath: out) {
            let srcs = ["a.txt", "hl", "modes", "many/d01", "sparse.img", "link-rel", "fifo", "blockplus1", "three"].map { tree + "/" + $0 }
            let tmp = FS.temporarySibling(of: out)
            let r = try SquashFixtures.run("mksquashfs", srcs + [tmp, "-noappend", "-quiet", "-no-progress", "-comp", "gzip", "-pf", SquashFixtures.work + "/pseudo-small.txt"])
            if r.status != 0 { throw FormatError(.io, context: "mksquashfs", r.err) }
            guard rename(tmp, out) == 0 else { throw FormatError.errno("rename", file: out) }
        }
        return out
    }

    /// Opens, walks and reads every file; returns nil or the FormatError.
    static func exercise(_ path: String) -> Error? {
        do {
            let img = try SquashImage(path: path)
            let tree = try img.readTree()
            var failure: Error?
            tree.walk { _, n in
                guard failure == nil, case .squashfs(let e) = n.content else { return }
                do { _ = try img.data.contents(of: e, maxSize: 64 << 20) } catch { failure = error }
            }
            return failure
        } catch {
            return error
        }
    }

    func testCorruptTablesAndTruncationsNeverTrap() throws {
        try SquashFixtures.write("dev d 755 0 0\ndev/null c 666 0 0 1 3\na.txt m 600 1000 100\n", to: SquashFixtures.work + "/pseudo-small.txt")
        let base = try fixture()
        let original = try FS.read(base)
        let sb = try Superblock(parsing: Array(original[0 ..< 96]), imageSize: UInt64(original.count))
        XCTAssertNil(Self.exercise(base), "the unmutated fixture reads")
        let seed = ProcessInfo.processInfo.environment["SQUASH_MUTATION_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 1 ... UInt64.max)
        print("SquashMutationTests seed \(seed) (SQUASH_MUTATION_SEED=\(seed) to replay)")
        var rng = RNG(state: seed)
        let tables = Int(sb.inodeTableStart) ..< Int(sb.bytesUsed)
        let t = TestEnv.tempDir("squash-mut")
        defer { try? FileManager.default.removeItem(atPath: t) }
        var failures = 0, successes = 0
        for i in 0 ..< 2000 {
            var bytes = original
            let flips = 1 + rng.below(4)
            for _ in 0 ..< flips {
                // A third of the mutations hit the superblock and options, the rest the tables.
                let pos = rng.below(3) == 0 ? rng.below(Int(sb.inodeTableStart)) : tables.lowerBound + rng.below(tables.count)
                bytes[pos] = rng.below(2) == 0 ? UInt8(truncatingIfNeeded: rng.next()) : bytes[pos] ^ UInt8(1 << rng.below(8))
            }
            let p = t + "/m\(i).sqfs"
            try SquashFixtures.scratch(bytes, to: p)
            if let e = Self.exercise(p) {
                XCTAssertTrue(e is FormatError, "seed \(seed) iteration \(i): non-FormatError \(e)")
                failures += 1
            } else {
                successes += 1
            }
            try? FileManager.default.removeItem(atPath: p)
        }
        for i in 0 ..< 500 {
            // Anywhere before the end of the used bytes (mksquashfs pads to 4 KiB after them).
            let n = i < 300 ? rng.below(Int(sb.bytesUsed)) : Int(sb.inodeTableStart) + rng.below(tables.count)
            let p = t + "/t\(i).sqfs"
            try SquashFixtures.scratch(Array(original[0 ..< n]), to: p)
            let e = Self.exercise(p)
            XCTAssertNotNil(e, "seed \(seed): truncation to \(n) of \(original.count) bytes was accepted")
            if let e { XCTAssertTrue(e is FormatError, "seed \(seed): truncation \(n): \(e)") }
            try? FileManager.default.removeItem(atPath: p)
        }
        XCTAssertGreaterThan(failures, 1000, "most mutations must be detected (seed \(seed))")
        print("SquashMutationTests: \(failures) rejected, \(successes) read despite the change")
    }

    /// The CLI turns a corrupt image into exit 1 and one `imagetool: FILE: context: offset: message` line.
    func testCLIReportsOneLine() throws {
        try SquashFixtures.write("dev d 755 0 0\ndev/null c 666 0 0 1 3\na.txt m 600 1000 100\n", to: SquashFixtures.work + "/pseudo-small.txt")
        let base = try fixture()
        let bin = try SquashFixtures.imagetool()
        var bytes = try FS.read(base)
        let sb = try Superblock(parsing: Array(bytes[0 ..< 96]), imageSize: UInt64(bytes.count))
        let t = TestEnv.tempDir("squash-mut-cli")
        defer { try? FileManager.default.removeItem(atPath: t) }
        // Point the root inode beyond the inode table.
        bytes[32 ..< 40] = ArraySlice(withUnsafeBytes(of: (sb.directoryTableStart - sb.inodeTableStart + 10) << 16) { Array($0) })
        let p = t + "/bad.sqfs"
        try SquashFixtures.scratch(bytes, to: p)
        for cmd in [["info"], ["ls"], ["tar", "-o", t + "/x.tar"], ["extract", "-d", t + "/x"]] {
            let r = try TestSupport.run(bin, ["squash"] + [cmd[0], p] + cmd.dropFirst())
            XCTAssertEqual(r.status, 1, "\(cmd): \(r.err)")
            XCTAssertEqual(r.err.filter { $0 == "\n" }.count, 1, r.err)
            XCTAssertTrue(r.err.hasPrefix("imagetool: \(p): read superblock: offset 0x20: root inode reference"), r.err)
            XCTAssertFalse(FileManager.default.fileExists(atPath: t + "/x"))
            XCTAssertFalse(FileManager.default.fileExists(atPath: t + "/x.tar"))
        }
        // Truncated in the middle of the tables.
        try FS.writeAtomically(Array(try FS.read(base)[0 ..< Int(sb.directoryTableStart)]), to: p)
        let r = try TestSupport.run(bin, ["squash", "ls", p])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.hasPrefix("imagetool: \(p): read superblock: offset 0x28: bytes used"), r.err)

        // Seeded table mutations through the CLI: exit 0, or exit 1 with exactly one
        // `imagetool: FILE: ...` line — never a signal.
        let original = try FS.read(base)
        let seed = ProcessInfo.processInfo.environment["SQUASH_MUTATION_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 1 ... UInt64.max)
        print("SquashMutationTests CLI seed \(seed)")
        var rng = RNG(state: seed)
        for i in 0 ..< 40 {
            var b = original
            for _ in 0 ..< 1 + rng.below(3) {
                let pos = Int(sb.inodeTableStart) + rng.below(Int(sb.bytesUsed - sb.inodeTableStart))
                b[pos] = UInt8(truncatingIfNeeded: rng.next())
            }
            try SquashFixtures.scratch(b, to: p)
            let cmd = i % 2 == 0 ? ["squash", "ls", "-l", p] : ["squash", "tar", p, "-o", t + "/m.tar"]
            let res = try TestSupport.run(bin, cmd)
            XCTAssertTrue(res.status == 0 || res.status == 1, "seed \(seed) #\(i): status \(res.status) \(res.err)")
            if res.status == 1 {
                XCTAssertEqual(res.err.filter { $0 == "\n" }.count, 1, "seed \(seed) #\(i): \(res.err)")
                XCTAssertTrue(res.err.hasPrefix("imagetool: \(p): "), "seed \(seed) #\(i): \(res.err)")
            }
            try? FileManager.default.removeItem(atPath: t + "/m.tar")
        }
    }

    /// The compressor-options block, mutated the ways the kernel's wrappers care about
    /// (fs/squashfs/xz_wrapper.c, lz4_wrapper.c, block.c, decompressor.c): each refusal is
    /// one `imagetool: FILE: read … compressor options: offset 0x60: …` line and exit 1; each
    /// block the kernel would mount still lists (and keeps its bytes, see SquashFormatTests).
    func testOptionsBlockMutationsGiveOneLineErrorsWithOffset() throws {
        try SquashFixtures.require(["mksquashfs"])
        let bin = try SquashFixtures.imagetool()
        let t = TestEnv.tempDir("squash-opts-mut")
        defer { try? FileManager.default.removeItem(atPath: t) }
        try FS.makeDirectories(t + "/src/etc")
        try FS.writeAtomically(Array(String(repeating: "option blocks ", count: 400).utf8), to: t + "/src/etc/file.txt")
        func image(_ comp: [String]) throws -> [UInt8] {
            let p = t + "/base-\(comp.joined(separator: "-")).sqfs"
            let r = try SquashFixtures.run("mksquashfs", [t + "/src", p, "-noappend", "-quiet", "-no-progress", "-comp"] + comp)
            XCTAssertEqual(r.status, 0, r.err)
            return try FS.read(p)
        }
        func le32(_ v: UInt32) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }
        let xz = try image(["xz", "-Xbcj", "x86"])       // 8-byte block: dictionary, filters
        let lz4 = try image(["lz4"])                     // mksquashfs always stores lz4's block
        XCTAssertEqual(Array(xz[96 ..< 98]), [0x08, 0x80])
        XCTAssertEqual(Array(lz4[96 ..< 98]), [0x08, 0x80])
        let cases: [(String, [UInt8], (inout [UInt8]) -> Void, String?)] = [
            ("xz short block", xz, { $0[96] = 4 }, "read xz compressor options: offset 0x60: xz options block is 4 bytes; the kernel needs at least 8 (dictionary size, filters)"),
            ("xz bad dictionary", xz, { $0[98 ..< 102] = ArraySlice(le32(0x0040_0090)) }, "read xz compressor options: offset 0x60: dictionary size 4194448 is not 2^n or 2^n+2^(n+1)"),
            ("xz zero dictionary", xz, { $0[98 ..< 102] = ArraySlice(le32(0)) }, "read xz compressor options: offset 0x60: dictionary size 0 is not 2^n or 2^n+2^(n+1)"),
            ("xz compressed block", xz, { $0[97] = 0x00 }, "read compressor options: offset 0x60: block must be stored uncompressed"),
            ("xz 3*2^n dictionary", xz, { $0[98 ..< 102] = ArraySlice(le32(3 << 12)) }, nil),
            ("xz unknown filter bits", xz, { $0[102 ..< 106] = ArraySlice(le32(0xFFFF_FF00)) }, nil),
            ("lz4 version 2", lz4, { $0[98] = 2 }, "read lz4 compressor options: offset 0x60: unknown lz4 format version 2 (only 1, legacy, exists)"),
            ("lz4 short block", lz4, { $0[96] = 6 }, "read lz4 compressor options: offset 0x60: lz4 options block is 6 bytes; the kernel needs at least 8 (version, flags)"),
            ("lz4 without options", lz4, { $0[25] &= ~0x04 }, "read lz4 compressor options: offset 0x60: no compressor options: lz4 images always store them (version, flags)"),
            ("lz4 unknown flags", lz4, { $0[102 ..< 106] = ArraySlice(le32(0x8000_0000)) }, nil),
        ]
        for (name, base, mutate, expected) in cases {
            var b = base
            mutate(&b)
            let p = t + "/m.sqfs"
            try SquashFixtures.scratch(b, to: p)
            let r = try TestSupport.run(bin, ["squash", "ls", p])
            if let expected {
                XCTAssertEqual(r.status, 1, "\(name): \(r.out)")
                XCTAssertEqual(r.err, "imagetool: \(p): \(expected)\n", name)
            } else {
                XCTAssertEqual(r.status, 0, "\(name): \(r.err)")
                XCTAssertTrue(r.out.contains("etc/file.txt"), "\(name): \(r.out)")
            }
        }
    }

    /// Options the kernel never reads (gzip's, here with an out-of-range level and window)
    /// are accepted, and `squash add` writes them back byte for byte; unsquashfs, which only
    /// warns about them, extracts the result.
    func testUnparsedGzipOptionsSurviveARewrite() throws {
        try SquashFixtures.require(["mksquashfs", "unsquashfs"])
        let bin = try SquashFixtures.imagetool()
        let t = TestEnv.tempDir("squash-opts-gzip")
        defer { try? FileManager.default.removeItem(atPath: t) }
        try FS.makeDirectories(t + "/src")
        try FS.writeAtomically(Array(String(repeating: "gzip options ", count: 300).utf8), to: t + "/src/a.txt")
        let base = t + "/base.sqfs"
        let mk = try SquashFixtures.run("mksquashfs", [t + "/src", base, "-noappend", "-quiet", "-no-progress", "-comp", "gzip", "-Xcompression-level", "5"])
        XCTAssertEqual(mk.status, 0, mk.err)
        var b = try FS.read(base)
        XCTAssertEqual(Array(b[96 ..< 98]), [0x08, 0x80], "an 8-byte uncompressed options block")
        let odd: [UInt8] = [0x63, 0, 0, 0, 0x40, 0, 0xFF, 0x7F]  // level 99, window 64, unknown strategies
        b[98 ..< 106] = ArraySlice(odd)
        try FS.writeAtomically(b, to: base)
        try FS.writeAtomically(Array("new\n".utf8), to: t + "/b.txt")
        let out = t + "/out.sqfs"
        let a = try TestSupport.run(bin, ["squash", "add", base, "b.txt=" + t + "/b.txt", "-o", out])
        XCTAssertEqual(a.status, 0, a.err)
        XCTAssertEqual(try SquashImage(path: out).compressorOptions, odd)
        let info = try TestSupport.run(bin, ["squash", "info", out])
        XCTAssertTrue(info.out.contains("8 bytes not understood, kept as stored"), info.out)
        XCTAssertEqual(try SquashFixtures.run("unsquashfs", ["-q", "-n", "-d", t + "/x", out]).status, 0)
        XCTAssertEqual(try FS.read(t + "/x/b.txt"), Array("new\n".utf8))
        XCTAssertEqual(try FS.read(t + "/x/a.txt"), try FS.read(t + "/src/a.txt"))
    }
}
