import BinaryIO
import Foundation
import Platform
import Squash
import TestSupport
import XCTest

/// `DataCheck` decodes each distinct block once, in parallel; what it reports must be
/// exactly what reading every file whole, one after the other, reports: the same files, in
/// the same order, with the same errors. Bytes of the data area of an mksquashfs image
/// (data blocks and fragment blocks, between the options and the inode table) are
/// corrupted with a printed seed (DATACHECK_SEED replays a run).
final class DataCheckTests: XCTestCase {
    func testParallelCheckReportsWhatWholeFileReadsReport() throws {
        try SquashFixtures.require(["mksquashfs", "python3"])
        // Compressible files (damage to a stored-raw block cannot be seen by anyone) with
        // 4 KiB blocks: multi-block files, duplicates sharing blocks, small files sharing
        // fragment blocks.
        let dir = SquashFixtures.work + "/datacheck-src-\(getpid())"
        let base = dir + ".sqfs"
        defer { try? FS.removeTree(dir); unlink(base) }
        try FS.makeDirectories(dir)
        for i in 0 ..< 40 {
            let line = "file \(i % 30) line of text that compresses well, number "
            let text = (0 ..< (i % 7 == 0 ? 900 : 3 + i * 5)).map { line + String($0) + "\n" }.joined()
            try FS.writeAtomically(Array(text.utf8), to: dir + "/f\(i).txt")
        }
        let r = try SquashFixtures.run("mksquashfs", [dir, base, "-noappend", "-quiet", "-no-progress", "-comp", "gzip", "-b", "4096"])
        XCTAssertEqual(r.status, 0, r.err)
        let original = try FS.read(base)
        let sb = try Superblock(parsing: Array(original[0 ..< 96]), imageSize: UInt64(original.count))
        let dataStart = 96 + 64, dataEnd = Int(sb.inodeTableStart)
        XCTAssertGreaterThan(dataEnd - dataStart, 4096, "the fixture has a data area to damage")
        let seed = ProcessInfo.processInfo.environment["DATACHECK_SEED"].flatMap(UInt64.init) ?? UInt64(Date().timeIntervalSince1970)
        print("DataCheckTests seed \(seed) (DATACHECK_SEED=\(seed) to replay)")
        var rng = SquashMutationTests.RNG(state: seed)
        let path = SquashFixtures.work + "/datacheck-\(getpid()).sqfs"
        defer { unlink(path) }
        var damagedRuns = 0
        for run in 0 ..< 24 {
            var bytes = original
            if run > 0 {  // run 0: the intact image reports nothing
                for _ in 0 ..< 1 + rng.below(4) {
                    let at = dataStart + rng.below(dataEnd - dataStart)
                    bytes[at] ^= UInt8(truncatingIfNeeded: 1 + rng.below(255))
                }
            }
            try SquashFixtures.scratch(bytes, to: path)
            let img = try SquashImage(path: path)
            let tree = try img.readTree()
            var extents: [SquashExtent] = []
            tree.walk { _, n in if n.kind == .file, case .squashfs(let e) = n.content { extents.append(e) } }
            var expected: [String] = []
            for (i, e) in extents.enumerated() {
                do { _ = try img.data.contents(of: e, maxSize: Int(clamping: e.fileSize)) } catch { expected.append("\(i): \(error)") }
            }
            var check = DataCheck(reader: img.data, parallel: 3)
            let got = check.unreadable(extents).map { "\($0.index): \($0.error)" }
            XCTAssertEqual(got, expected, "seed \(seed) run \(run)")
            if run == 0 {
                XCTAssertEqual(got, [], "the intact image reads")
                // Each distinct block once: no more than the files' bytes, and all of the
                // unique data (every file here differs in size, so none share blocks).
                XCTAssertEqual(UInt64(check.decodedBytes), extents.reduce(0) { $0 + $1.fileSize })
            }
            if !expected.isEmpty { damagedRuns += 1 }
        }
        XCTAssertGreaterThan(damagedRuns, 3, "seed \(seed): the corruption reached file data in some runs")
    }
}
