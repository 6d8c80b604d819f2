import BinaryIO
import Firmware
import Foundation
import TestSupport
import XCTest

/// Truncated, corrupted and randomly mutated images give one FormatError (file, offset,
/// what was read), never a trap.
final class CorruptInputTests: XCTestCase {
    func sources() throws -> [(String, [UInt8])] {
        var out = [("fixture", try readBytes(try Images.fixture()))]
        for rel in [Images.wr740n, Images.mt76x8] { if let p = try? Images.real(rel) { out.append((rel, try readBytes(p))) } }
        return out
    }

    /// Parses and exercises `bytes`; returns the error, if any. Anything but FormatError fails.
    @discardableResult
    func exercise(_ bytes: [UInt8], _ label: String, deep: Bool = true) -> FormatError? {
        do {
            let img = try FirmwareImage(parsing: bytes, path: "mutant.bin")
            XCTAssertEqual(img.regions.reduce(0) { $0 + $1.size }, UInt64(bytes.count), label)
            guard deep else { return nil }
            _ = ImageReport(image: img, file: label)  // decompresses the kernel
            _ = try? img.rebuild(options: RebuildOptions(metadataJSON: Array("{}".utf8)))
            // A region that cannot be read is reported, not thrown (the rest of the image stands).
            return img.problems.first.map { $0.inFile("mutant.bin") }
        } catch let e as FormatError {
            XCTAssertFalse(e.description.contains("\n"), label)
            XCTAssertEqual(e.file, "mutant.bin", label)
            return e
        } catch {
            XCTFail("\(label): not a FormatError: \(error)")
            return nil
        }
    }

    func testTruncatedImagesFailCleanly() throws {
        for (name, b) in try sources() {
            for cut in [0, 1, 4, 16, 63, 64, 65, 100, 511, 512, 600, 4096, b.count / 2, b.count - 17, b.count - 1] where cut < b.count {
                exercise(Array(b[..<cut]), "\(name) cut at \(cut)", deep: b.count < 1 << 20)
            }
        }
        let mt = try readBytes(try Images.real(Images.mt76x8))
        let e = try XCTUnwrap(exercise(Array(mt[..<(mt.count / 2)]), "uImage half"))
        XCTAssertEqual(e.kind, .truncated)
        XCTAssertTrue(e.description.contains("ih_size"), e.description)
        let tp = try readBytes(try Images.real(Images.wr740n))
        XCTAssertEqual(exercise(Array(tp[..<300]), "TP-Link header cut")?.kind, .truncated)
    }

    func testCorruptedFieldsAreReportedWithTheirOffset() throws {
        var f = try readBytes(try Images.fixture())
        // uImage ih_size beyond the file.
        var a = f; a.replaceSubrange(12 ..< 16, with: [0xff, 0xff, 0xff, 0xf0])
        let ea = try XCTUnwrap(exercise(a, "ih_size"))
        XCTAssertEqual(ea.offset, 12)
        // fwtool trailer size larger than the file.
        var b = f; b.replaceSubrange((b.count - 4)..., with: [0x7f, 0xff, 0xff, 0xff])
        XCTAssertEqual(exercise(b, "trailer size")?.kind, .invalid)
        // squashfs bytes_used beyond the image.
        let rootAt = Int(TestEnv.fixtureFacts["ROOTFS_OFFSET"] ?? "0") ?? 0
        var c = f; c.replaceSubrange((rootAt + 40) ..< (rootAt + 48), with: [0, 0, 0, 0, 0, 0, 0, 0x10])
        XCTAssertEqual(exercise(c, "bytes_used")?.kind, .truncated)
        // A flipped data byte parses but its CRC does not verify.
        f[1000] ^= 0x55
        let img = try FirmwareImage(parsing: f)
        XCTAssertFalse(img.regions.first { $0.role == .uimageHeader }!.checksums.allSatisfy(\.verifies))
        XCTAssertFalse(img.regions.first { $0.role == .fwtoolTrailer }!.checksums.allSatisfy(\.verifies))
        XCTAssertThrowsError(try img.kernelPayload())
        // TP-Link kernel_len that overflows with kernel_ofs.
        var t = try readBytes(try Images.real(Images.wr740n))
        t.replaceSubrange(132 ..< 136, with: [0xff, 0xff, 0xff, 0xff])
        let et = try XCTUnwrap(exercise(t, "kernel_len"))
        XCTAssertTrue([.overflow, .truncated].contains(et.kind), "\(et)")
        // Not an image at all.
        XCTAssertEqual(exercise([UInt8](repeating: 0x41, count: 4096), "text")?.kind, .unsupported)
    }

    func testSeededMutationsNeverTrap() throws {
        let seed = UInt64(ProcessInfo.processInfo.environment["IMAGETOOL_SEED"] ?? "") ?? UInt64.random(in: 1 ... 1_000_000)
        print("CorruptInputTests seed \(seed) (set IMAGETOOL_SEED to repeat)")
        var rng = SplitMix(seed: seed)
        for (name, b) in try sources() {
            let hot = [0 ..< min(1024, b.count), max(0, b.count - 600) ..< b.count]
            let small = b.count < 1 << 20
            for i in 0 ..< (small ? 100 : 15) {
                var m = b
                for _ in 0 ..< Int(rng.next() % 8 + 1) {
                    let r = hot[Int(rng.next() % 2)]
                    let at = r.lowerBound + Int(rng.next() % UInt64(r.count))
                    m[at] = UInt8(truncatingIfNeeded: rng.next())
                }
                exercise(m, "\(name) mutant \(i) seed \(seed)", deep: small)
            }
        }
    }
}

/// A small deterministic generator so a failing seed can be replayed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
