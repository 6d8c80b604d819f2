import XCTest
@testable import BinaryIO

final class ByteReaderTests: XCTestCase {
    func testEndianness() throws {
        var r = ByteReader([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e])
        XCTAssertEqual(try r.u16le(), 0x0201)
        XCTAssertEqual(try r.u16be(), 0x0304)
        XCTAssertEqual(try r.u32le(), 0x0807_0605)
        XCTAssertEqual(try r.u32be(), 0x090a_0b0c)
        XCTAssertEqual(r.remaining, 2)
    }

    func testReadPastEndThrowsTruncatedWithAbsoluteOffset() {
        var r = ByteReader([1, 2, 3], fileOffset: 0x1000, context: "read header")
        XCTAssertNoThrow(try r.u16le())
        XCTAssertThrowsError(try r.u32le()) { e in
            let fe = e as? FormatError
            XCTAssertEqual(fe?.kind, .truncated)
            XCTAssertEqual(fe?.offset, 0x1002)
            XCTAssertEqual(fe?.context, "read header")
        }
        XCTAssertEqual(r.offset, 2, "a failed read must not move the cursor")
    }

    func testSeekOutsideThrowsOutOfBounds() {
        var r = ByteReader([UInt8](repeating: 0, count: 16), fileOffset: 100)
        XCTAssertNoThrow(try r.seek(to: 16))
        XCTAssertThrowsError(try r.seek(to: 17)) { e in
            XCTAssertEqual((e as? FormatError)?.kind, .outOfBounds)
            XCTAssertEqual((e as? FormatError)?.offset, 116)
        }
        XCTAssertThrowsError(try r.seek(to: -1))
    }

    func testSliceCannotOverrun() throws {
        var r = ByteReader(Array(0 ..< 32), fileOffset: 0x40)
        try r.skip(4)
        var s = try r.slice(8)
        XCTAssertEqual(r.offset, 12)
        XCTAssertEqual(try s.u8(), 4)
        XCTAssertNoThrow(try s.skip(6))
        XCTAssertThrowsError(try s.u16le()) { e in
            XCTAssertEqual((e as? FormatError)?.kind, .truncated)
            XCTAssertEqual((e as? FormatError)?.offset, 0x40 + 11)
        }
        XCTAssertThrowsError(try r.slice(100))
        XCTAssertThrowsError(try r.view(at: 30, length: 3))
        let v = try r.view(at: 30, length: 2)
        XCTAssertEqual(v.rest(), [30, 31])
    }

    func testBytesAndCStrings() throws {
        var r = ByteReader(Array("abc\0def".utf8))
        XCTAssertEqual(try r.cString(), "abc")
        XCTAssertThrowsError(try r.cString()) { XCTAssertEqual(($0 as? FormatError)?.kind, .truncated) }
        XCTAssertThrowsError(try r.bytes(-1))
    }
}

final class CheckedMathTests: XCTestCase {
    func testOverflowsThrow() {
        XCTAssertThrowsError(try Checked.add(UInt32.max, 1, "size")) { XCTAssertEqual(($0 as? FormatError)?.kind, .overflow) }
        XCTAssertThrowsError(try Checked.mul(UInt64(1) << 40, UInt64(1) << 30, "count*size", offset: 12)) {
            XCTAssertEqual(($0 as? FormatError)?.kind, .overflow)
            XCTAssertEqual(($0 as? FormatError)?.offset, 12)
        }
        XCTAssertThrowsError(try Checked.sub(UInt8(1), 2, "len"))
        XCTAssertThrowsError(try Checked.int(UInt64.max, as: Int.self, "size"))
        XCTAssertThrowsError(try Checked.limit(UInt64(10) << 30, 1 << 30, "declared size", context: "read ipk")) {
            XCTAssertEqual(($0 as? FormatError)?.kind, .tooLarge)
        }
        XCTAssertEqual(try Checked.mul(6, 7, "x"), 42)
    }
}

final class ByteWriterTests: XCTestCase {
    func testRoundTripAndPatch() throws {
        var w = ByteWriter()
        w.u32be(0x2705_1956)
        w.u16le(0xbeef)
        w.u64le(1)
        w.pad(to: 16, with: 0xff)
        w.patchU32be(0xdead_c0de, at: 0)
        var r = ByteReader(w.finish())
        XCTAssertEqual(try r.u32be(), 0xdead_c0de)
        XCTAssertEqual(try r.u16le(), 0xbeef)
        XCTAssertEqual(try r.u64le(), 1)
        XCTAssertEqual(r.rest(), [0xff, 0xff])
    }
}

final class FormatErrorTests: XCTestCase {
    func testRendersOneLine() {
        let e = FormatError(.outOfBounds, offset: 0x1a2c, context: "read inode table", "beyond table end 0x1a00\nx").inFile("rootfs.sqfs")
        XCTAssertEqual(e.description, "rootfs.sqfs: read inode table: offset 0x1a2c: beyond table end 0x1a00 x")
        XCTAssertEqual(e.within("open").context, "open: read inode table")
    }
}
