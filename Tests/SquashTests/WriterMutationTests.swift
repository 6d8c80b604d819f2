import BinaryIO
import Foundation
import Platform
import Squash
import TestSupport
import XCTest

/// Repacking corrupted images never traps: every seeded mutation of a small image either
/// fails with a FormatError (from the reader or the writer) or produces an image that
/// unsquashfs accepts. The seed is printed so a failure can be replayed.
final class WriterMutationTests: XCTestCase {
    func testRepackOfMutatedImages() throws {
        let dir = TestEnv.tempDir("writer-mut")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let src = dir + "/src"
        try FileManager.default.createDirectory(atPath: src + "/d", withIntermediateDirectories: true)
        var rng = SplitMix(seed: 7)
        for i in 0 ..< 30 {
            let n = Int(rng.next() % 20000)
            try Data((0 ..< n).map { UInt8(truncatingIfNeeded: $0 * (i + 1) / 7) }).write(to: URL(fileURLWithPath: src + "/d/f\(i)"))
        }
        try FileManager.default.createSymbolicLink(atPath: src + "/l", withDestinationPath: "d/f1")
        let base = dir + "/base.sqfs"
        try SquashWriter.write(try TreeSource.directory(src), to: base, options: SquashWriterOptions(mkfsTime: 1, compressor: .gzip, blockSize: 4096))
        let original = try FS.read(base)
        let seed = UInt64(ProcessInfo.processInfo.environment["WRITER_MUTATION_SEED"].flatMap { UInt64($0) } ?? 20261123)
        print("writer mutation seed \(seed)")
        rng = SplitMix(seed: seed)
        var written = 0, refused = 0
        for round in 0 ..< 150 {
            var bytes = original
            for _ in 0 ..< 1 + Int(rng.next() % 4) {
                let at = Int(rng.next() % UInt64(bytes.count))
                bytes[at] = UInt8(truncatingIfNeeded: rng.next())
            }
            let bad = dir + "/bad.sqfs", out = dir + "/out.sqfs"
            try Data(bytes).write(to: URL(fileURLWithPath: bad))
            do {
                try SquashRepack.repack(image: bad, to: out) { _, _ in }
                written += 1
                // Copying corrupt compressed blocks verbatim is allowed; the metadata must be sound.
                let r = try TestSupport.run(WriterFixture.requireTool("unsquashfs"), ["-lls", out])
                XCTAssertEqual(r.status, 0, "seed \(seed) round \(round): unsquashfs -lls rejects the repacked image: \(r.err)")
            } catch is FormatError {
                refused += 1
            }
        }
        print("mutations: \(written) repacked, \(refused) refused with FormatError")
        XCTAssertGreaterThan(refused, 0)
    }
}
