import XCTest
import BinaryIO
import Platform
import Apk
import TestSupport

/// Hostile and broken ADB input: every case must end in one FormatError (one line, with an
/// offset where one is known), never a trap.
final class ADBCorruptInputTests: XCTestCase {
    /// A small valid package stream built with our writer: root {info{name, version}}.
    func plainPackage(extraRootSlots: [ADBVal] = []) throws -> [UInt8] {
        var w = ADBHeapWriter()
        let info = try w.container([try w.string("demo"), try w.string("1.0-r1")])
        w.setRoot(try w.container([info] + extraRootSlots))
        return ADBFile(schema: ADBFile.schemaPackage, blocks: [ADBBlock(type: .adb, payload: w.finish())]).serialized()
    }

    func expectError(_ bytes: [UInt8], _ kind: FormatError.Kind? = nil, contains: String? = nil,
                     file: StaticString = #filePath, line: UInt = #line) {
        do {
            _ = try ApkPackage(bytes: bytes)
            XCTFail("accepted corrupt input", file: file, line: line)
        } catch let e as FormatError {
            if let kind { XCTAssertEqual(e.kind, kind, e.description, file: file, line: line) }
            if let contains { XCTAssertTrue(e.description.contains(contains), e.description, file: file, line: line) }
            XCTAssertFalse(e.description.contains("\n"), file: file, line: line)
        } catch {
            XCTFail("not a FormatError: \(error)", file: file, line: line)
        }
    }

    func testValidBaseline() throws {
        let pkg = try ApkPackage(bytes: try plainPackage())
        XCTAssertEqual(pkg.info.name, "demo")
        XCTAssertEqual(pkg.info.version, "1.0-r1")
    }

    func testBadMagicAndFraming() throws {
        expectError(Array("XYZ.".utf8) + [0, 0, 0, 0], .invalid, contains: "no ADB magic")
        expectError(Array("ADBx".utf8), .invalid, contains: "framing")
        expectError(Array("ADBc".utf8) + [9, 1, 0], .unsupported, contains: "algorithm 9")
        expectError(Array("ADBd".utf8) + [0xff, 0xff, 0xff], nil, contains: "inflate")
        expectError(Array("ADB.".utf8) + [0x70, 0x63], .truncated)
    }

    func testBadBlockSizes() throws {
        let good = try plainPackage()
        var big = good
        big.replaceSubrange(8 ..< 12, with: [0xff, 0xff, 0xff, 0x3f])  // ADB block claims ~1 GiB
        expectError(big, .truncated, contains: "offset 0x8")
        var tiny = good
        tiny.replaceSubrange(8 ..< 12, with: [2, 0, 0, 0])  // smaller than its own header
        expectError(tiny, .invalid, contains: "smaller than")
        var ext = good
        ext.replaceSubrange(8 ..< 12, with: [0, 0, 0, 0xc0])  // extended header, size field garbage
        expectError(ext, nil)
        expectError(Array(good.dropLast(3)), .truncated)
        // A SIG block before the ADB block.
        var sigFirst = Array(good[0 ..< 8])
        sigFirst += ADBBlock(type: .sig, payload: [UInt8](repeating: 0, count: 20)).serialized()
        expectError(sigFirst, .invalid, contains: "out of order")
        // A second ADB block.
        expectError(good + Array(good[8...]), .invalid, contains: "repeated")
        // Unsupported compat version.
        var compat = good
        compat[12] = 1
        expectError(compat, .unsupported, contains: "compat")
    }

    func testExtendedSizeNearUInt64Max() throws {
        var w = ByteWriter()
        w.u32le(0x2e42_4441); w.u32le(ADBFile.schemaPackage)
        w.u32le(3 << 30); w.u32le(0); w.u64le(UInt64.max - 3)
        w.append([UInt8](repeating: 0, count: 16))
        expectError(w.finish(), .truncated, contains: "exceeds")
    }

    /// Seeded mutations of the real signed index, then a path-copying rewrite and a dump of
    /// whatever still parses: never a trap.
    func testSeededIndexMutationsNeverTrap() throws {
        let src = try ApkRealDataTests.stangri + "/packages.adb"
        let (_, plain) = try ADBContainer.decode(try FS.read(src))
        let seed: UInt64 = 0x1ADB_0002
        print("index mutation seed: 0x\(String(seed, radix: 16))")
        var rng = SplitMix(seed)
        var parsed = 0
        for _ in 0 ..< 300 {
            var m = plain
            for _ in 0 ..< 1 + Int(rng.next() % 3) {
                let at = 8 + Int(rng.next() % UInt64(m.count - 8))
                m[at] = UInt8(truncatingIfNeeded: rng.next())
            }
            do {
                let index = try ApkIndex(file: try ADBFile(parsing: m), compression: .none)
                parsed += 1
                let (edited, _) = try index.rewriting { _, _ in ApkIndex.EntryEdit(fileSize: 1, hashes: [1, 2, 3]) }
                _ = try ADBDump.render(heap: edited.heap, schema: edited.file.schema)
            } catch let e as FormatError {
                XCTAssertFalse(e.description.contains("\n"))
            }
        }
        XCTAssertGreaterThan(parsed, 0)
    }

    func testOffsetsOutsideTheHeap() throws {
        var w = ADBHeapWriter()
        w.setRoot(ADBVal(type: ADBVal.typeObject, value: 0x0ff_fff0))  // far beyond the heap
        let bad = ADBFile(schema: ADBFile.schemaPackage, blocks: [ADBBlock(type: .adb, payload: w.finish())]).serialized()
        expectError(bad, .outOfBounds, contains: "outside the")
        // A blob whose length runs past the end.
        var w2 = ADBHeapWriter()
        let name = try w2.string("demo")
        let info = try w2.container([name])
        w2.setRoot(try w2.container([info]))
        var heap = w2.finish()
        heap[Int(name.value)] = 0xff
        expectError(ADBFile(schema: ADBFile.schemaPackage, blocks: [ADBBlock(type: .adb, payload: heap)]).serialized(),
                    .outOfBounds, contains: "blob content")
        // An object whose slot count overflows.
        var heap3 = heap
        let infoAt = Int(info.value)
        heap3.replaceSubrange(infoAt ..< infoAt + 4, with: [0xff, 0xff, 0xff, 0x7f])
        expectError(ADBFile(schema: ADBFile.schemaPackage, blocks: [ADBBlock(type: .adb, payload: heap3)]).serialized(), nil)
    }

    func testDeepNestingAndCycles() throws {
        var w = ADBHeapWriter()
        var v = try w.string("leaf")
        for _ in 0 ..< 40 { v = try w.container([v]) }
        w.setRoot(v)
        let deep = ADBFile(schema: ADBFile.schemaPackage, blocks: [ADBBlock(type: .adb, payload: w.finish())]).serialized()
        expectError(deep, .invalid, contains: "nested deeper")
        // An object that contains itself.
        var heap = ADBHeapWriter().finish()
        heap += [2, 0, 0, 0] + withUnsafeBytes(of: ADBVal(type: ADBVal.typeObject, value: 8).raw.littleEndian) { Array($0) }
        heap.replaceSubrange(4 ..< 8, with: withUnsafeBytes(of: ADBVal(type: ADBVal.typeObject, value: 8).raw.littleEndian) { Array($0) })
        expectError(ADBFile(schema: ADBFile.schemaPackage, blocks: [ADBBlock(type: .adb, payload: heap)]).serialized(),
                    .invalid, contains: "nested deeper")
    }

    func testWrongValueTypes() throws {
        var w = ADBHeapWriter()
        let info = try w.container([try w.int(5)])  // name is an int
        w.setRoot(try w.container([info]))
        expectError(ADBFile(schema: ADBFile.schemaPackage, blocks: [ADBBlock(type: .adb, payload: w.finish())]).serialized(),
                    .invalid, contains: "not a blob")
        let idx = ADBFile(schema: ADBFile.schemaIndex, blocks: [ADBBlock(type: .adb, payload: ADBHeapWriter().finish())]).serialized()
        expectError(idx, .invalid, contains: "is not \"pckg\"")
    }

    /// Seeded mutations of a real package: any outcome but a trap is fine; errors are one line.
    func testSeededMutationsNeverTrap() throws {
        let src = try ApkRealDataTests.sora + "/kmod-lib-crc32c-6.12.74-r1.apk"
        let (_, plain) = try ADBContainer.decode(try FS.read(src))
        let seed: UInt64 = 0x1ADB_5EED
        print("ADB mutation seed: 0x\(String(seed, radix: 16))")
        var rng = SplitMix(seed)
        var errors = 0
        for _ in 0 ..< 400 {
            var m = plain
            for _ in 0 ..< 1 + Int(rng.next() % 4) {
                let at = Int(rng.next() % UInt64(m.count))
                m[at] = UInt8(truncatingIfNeeded: rng.next())
            }
            do {
                let p = try ApkPackage(file: try ADBFile(parsing: m), compression: .none)
                _ = try? p.fileContents()
            } catch let e as FormatError {
                XCTAssertFalse(e.description.contains("\n"))
                errors += 1
            }
        }
        XCTAssertGreaterThan(errors, 0)
    }
}

/// SplitMix64 (TestSupport), seeded so a run can be replayed.
typealias SplitMix = SplitMix64
