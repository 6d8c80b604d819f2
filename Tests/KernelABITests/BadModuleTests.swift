import XCTest
import BinaryIO
import Platform
import TestSupport
@testable import KernelABI

/// Hostile and broken modules give one FormatError with file, offset and what was read;
/// nothing traps.
final class BadModuleTests: XCTestCase {
    func fixture() throws -> [UInt8] {
        let p = TestEnv.fixtures + "/modules/imt_user.ko"
        guard FS.exists(p) else { throw XCTSkip("fixtures/modules not generated") }
        return try FS.read(p)
    }

    func expectError(_ bytes: [UInt8], _ kinds: Set<FormatError.Kind>, _ text: String? = nil, line: UInt = #line) {
        XCTAssertThrowsError(try KernelModule(parsing: bytes, path: "bad.ko"), line: line) { e in
            guard let fe = e as? FormatError else { return XCTFail("not a FormatError: \(e)", line: line) }
            XCTAssertTrue(kinds.contains(fe.kind), "\(fe)", line: line)
            XCTAssertEqual(fe.file, "bad.ko", line: line)
            if let text { XCTAssertTrue(fe.description.contains(text), fe.description, line: line) }
        }
    }

    func put64(_ b: inout [UInt8], _ at: Int, _ v: UInt64) { for i in 0 ..< 8 { b[at + i] = UInt8(truncatingIfNeeded: v >> (8 * UInt64(i))) } }
    func put16(_ b: inout [UInt8], _ at: Int, _ v: UInt16) { b[at] = UInt8(v & 0xFF); b[at + 1] = UInt8(v >> 8) }
    func get64(_ b: [UInt8], _ at: Int) -> UInt64 { (0 ..< 8).reduce(0) { $0 | UInt64(b[at + $1]) << (8 * UInt64($1)) } }

    func testNotELFAndTruncated() throws {
        let good = try fixture()
        expectError([], [.truncated], "ELF magic")
        expectError(Array("hello world, not an elf".utf8), [.invalid], "not an ELF file")
        expectError(Array(good[0 ..< 40]), [.truncated], "offset 0x")
        let shoff = Int(get64(good, 0x28))
        for cut in [52, 64, shoff, shoff + 10, good.count - 1] {
            expectError(Array(good[0 ..< cut]), [.truncated, .outOfBounds])
        }
    }

    func testSectionTableAndOffsetsOutOfRange() throws {
        var b = try fixture()
        put64(&b, 0x28, 0xFFFF_FFFF_FFFF_0000)           // e_shoff far beyond the file
        expectError(b, [.outOfBounds, .overflow])
        b = try fixture()
        put16(&b, 0x3C, 0)                                 // e_shnum 0: real count in section 0's sh_size
        put64(&b, Int(get64(b, 0x28)) + 32, 0xFFFF_FFFF)   // ... which is huge
        expectError(b, [.tooLarge], "section count")
        b = try fixture()
        put16(&b, 0x3E, 0x7FFF)                            // e_shstrndx beyond the table
        expectError(b, [.outOfBounds], "e_shstrndx")
        // .modinfo pointing past the end of the file.
        b = try fixture()
        let elf = try ELFFile(bytes: b)
        let idx = try XCTUnwrap(elf.sections.firstIndex { $0.name == ".modinfo" })
        let hdr = Int(get64(b, 0x28)) + idx * 64
        put64(&b, hdr + 24, UInt64(b.count - 4))
        expectError(b, [.outOfBounds], "beyond file end")
        put64(&b, hdr + 24, 0xFFFF_FFFF_FFFF_FFF0)         // offset + size overflows
        expectError(b, [.overflow, .outOfBounds])
    }

    func testVersionsAndSymtabBroken() throws {
        var b = try fixture()
        let elf = try ELFFile(bytes: b)
        let shoff = Int(get64(b, 0x28))
        let v = try XCTUnwrap(elf.sections.firstIndex { $0.name == "__versions" })
        put64(&b, shoff + v * 64 + 32, 65)                 // size not a multiple of 64
        expectError(b, [.invalid], "__versions")
        b = try fixture()
        let st = try XCTUnwrap(elf.sections.firstIndex { $0.type == ELFFile.shtSymtab })
        put64(&b, shoff + st * 64 + 56, 7)                 // sh_entsize
        expectError(b, [.invalid], "sh_entsize")
        b = try fixture()
        // A symbol name offset beyond the string table.
        let sym = elf.sections[st]
        let first = Int(sym.offset) + 24
        for i in 0 ..< 4 { b[first + i] = 0xFF }
        expectError(b, [.outOfBounds], "string offset")
    }

    func testSignatureTrailer() throws {
        let good = try fixture()
        let magic = Array("~Module signature appended~\n".utf8)
        // A well-formed trailer: 16-byte blob, PKCS#7 id, be32 length 16.
        let signed = good + [UInt8](repeating: 0xAB, count: 16) + [0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 16] + magic
        XCTAssertEqual(try KernelModule(parsing: signed, path: "s.ko").signature, .init(idType: "PKCS#7", length: 16))
        XCTAssertNil(try KernelModule(parsing: good, path: "u.ko").signature)
        // A length beyond the file.
        expectError(good + [0, 0, 2, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xF0] + magic, [.outOfBounds], "signature length")
    }

    /// Seeded random corruption of header and section table bytes: parse either succeeds or
    /// throws a FormatError; it never traps.
    func testSeededMutationsNeverTrap() throws {
        let good = try fixture()
        let seed: UInt64 = 0x6b616269
        print("BadModuleTests mutation seed: 0x\(String(seed, radix: 16))")
        var rng = SplitMix(state: seed)
        let shoff = Int(get64(good, 0x28))
        var failures = 0
        for _ in 0 ..< 3000 {
            var b = good
            for _ in 0 ..< Int(rng.next() % 4 + 1) {
                let region = rng.next() % 3
                let at: Int
                switch region {
                case 0: at = Int(rng.next() % 64)
                case 1: at = shoff + Int(rng.next() % UInt64(good.count - shoff))
                default: at = Int(rng.next() % UInt64(good.count))
                }
                b[at] = UInt8(truncatingIfNeeded: rng.next())
            }
            if rng.next() % 8 == 0 { b = Array(b[0 ..< Int(rng.next() % UInt64(b.count))]) }
            do { _ = try KernelModule(parsing: b, path: "m.ko") } catch is FormatError { failures += 1 }
        }
        XCTAssertGreaterThan(failures, 100, "mutations are rejected")
    }
}

/// SplitMix64 (TestSupport), seeded so a run can be replayed.
typealias SplitMix = SplitMix64
