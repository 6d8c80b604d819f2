import BinaryIO
import Codecs
import Foundation
import Platform
import TestSupport
import XCTest

/// `GzipStream.recompress` against GNU gzip: the original member is made by `gzip -9n`
/// (its own deflate, not zlib), the data changed in a few places, and `gzip -dc` must give
/// back exactly the new data.
final class GzipRecompressTests: XCTestCase {
    func testRecompressedMemberInflatesToTheNewDataWithGNUGzip() throws {
        let gzip = try Images.tool("gzip", package: "gzip")
        let seed = UInt64(ProcessInfo.processInfo.environment["IMAGETOOL_SEED"] ?? "") ?? UInt64.random(in: 1 ... 1_000_000)
        print("GzipRecompressTests seed \(seed) (set IMAGETOOL_SEED to repeat)")
        var rng = SplitMix(seed: seed)
        let dir = TestEnv.tempDir("recompress")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Text-like, random (stored blocks) and zero stretches, like a disk image.
        var data: [UInt8] = []
        for i in 0 ..< 48 {
            switch i % 3 {
            case 0: data += Array(String(repeating: "line \(i) of some text, ", count: 900).utf8)
            case 1: data += (0 ..< 40000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            default: data += [UInt8](repeating: 0, count: 30000 + Int(rng.next() % 5000))
            }
        }
        try writeBytes(data, dir + "/old")
        XCTAssertEqual(try TestSupport.run("/bin/sh", ["-c", "'\(gzip)' -9n -c '\(dir)/old' > '\(dir)/old.gz'"]).status, 0)
        for round in 0 ..< 4 {
            var new = data
            for _ in 0 ..< 1 + round * 3 {
                let at = Int(rng.next() % UInt64(new.count - 64))
                for k in 0 ..< 1 + Int(rng.next() % 60) { new[at + k] = UInt8(truncatingIfNeeded: rng.next()) }
            }
            try writeBytes(new, dir + "/new")
            let orig = try RandomAccessFile(path: dir + "/old.gz")
            let out = try RandomAccessFile(creating: dir + "/new.gz")
            var reg: UInt32 = 0xffff_ffff
            let r = try XCTUnwrap(try GzipStream.recompress(original: orig, end: orig.size, newData: try RandomAccessFile(path: dir + "/new"),
                                                            size: new.count, into: out, register: &reg))
            try out.sync()
            XCTAssertGreaterThan(r.stats.reusedBytes, new.count / 4, "round \(round) seed \(seed): unchanged blocks reused")
            let outBytes = try readBytes(dir + "/new.gz")
            XCTAssertEqual(outBytes.count, r.written)
            XCTAssertEqual(reg, CRC32.uninverted(outBytes), "fwtool register over the written bytes")
            let d = try TestSupport.run("/bin/sh", ["-c", "'\(gzip)' -dc < '\(dir)/new.gz' > '\(dir)/back'"])
            XCTAssertEqual(d.status, 0, "round \(round) seed \(seed): gzip -dc: \(d.err)")
            XCTAssertTrue(try readBytes(dir + "/back") == new, "round \(round) seed \(seed): inflated data differs")
        }
    }
}
