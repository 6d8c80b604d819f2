import BinaryIO
import Foundation
import Platform
import Squash
import TestSupport
import XCTest

/// Incremental repack of the real LordWood OpenWrt rootfs: adding three .ko files copies
/// every unchanged data block and fragment, unsquashfs extracts the result, and it is
/// deterministic.
final class WriterRepackTests: XCTestCase {
    var dir = ""
    override func setUp() { dir = TestEnv.tempDir("writer-repack") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func lordWood() throws -> String {
        guard let real = TestEnv.realdata else { throw XCTSkip("../shared/realdata absent") }
        return real + "/" + WriterSizeTests.lordWood
    }

    /// Unique data blocks (non-sparse) and fragment blocks of the files in `tree`.
    func storedBlocks(_ tree: Tree) -> (blocks: Int, fragments: Int) {
        var seen = Set<String>(), frags = Set<UInt64>()
        var blocks = 0
        tree.walk { _, n in
            guard case .squashfs(let e) = n.content else { return }
            if let f = e.fragment { frags.insert(f.blockStart) }
            if seen.insert("\(e.blocksStart):\(e.blockSizes.count):\(e.fragment?.blockStart ?? 0):\(e.fragment?.offset ?? 0)").inserted {
                blocks += e.blockSizes.filter { $0 != 0 }.count
            }
        }
        return (blocks, frags.count)
    }

    func testAddThreeModulesCopiesEveryBlock() throws {
        let image = try lordWood()
        let unsquashfs = try WriterFixture.requireTool("unsquashfs")
        let original = try SquashImage(path: image, offset: 0xE9CE8)
        let tree = try original.readTree()
        let expect = storedBlocks(tree)
        // Three real modules from the image itself, added under new names.
        var modules: [(String, [UInt8])] = []
        tree.walk { path, n in
            if modules.count < 3, path.hasSuffix(".ko"), case .squashfs(let e) = n.content, let b = try? original.data.contents(of: e) {
                modules.append(("lib/modules/extra/copy-\(modules.count)-" + n.name, b))
            }
        }
        XCTAssertEqual(modules.count, 3, "the rootfs should hold .ko files")
        for (i, m) in modules.enumerated() { try Data(m.1).write(to: URL(fileURLWithPath: dir + "/m\(i).ko")) }

        func repack(_ out: String) throws -> SquashWriter.Report {
            try SquashRepack.repack(image: image, offset: 0xE9CE8, to: out, adjust: { $0.padTo4K = false }) { tree, img in
                for (i, m) in modules.enumerated() {
                    try TreeSource.add(dir + "/m\(i).ko", at: m.0, to: &tree, parentTime: img.superblock.modificationTime)
                }
            }
        }
        let out = dir + "/new.sqfs"
        let report = try repack(out)
        print("repack: copied \(report.data.copiedBlocks) of \(expect.blocks) data blocks, \(report.data.copiedFragments) of \(expect.fragments) fragments, compressed \(report.data.compressedBlocks)")
        XCTAssertEqual(report.data.copiedBlocks, expect.blocks, "every unchanged data block copied")
        XCTAssertEqual(report.data.copiedFragments, expect.fragments, "every unchanged fragment copied")
        XCTAssertLessThanOrEqual(report.data.compressedBlocks, 3, "only the new files are compressed")

        // unsquashfs extracts the old tree plus the three modules.
        let x = dir + "/x"
        let r = try TestSupport.run(unsquashfs, ["-no-progress", "-d", x, out])
        XCTAssertEqual(r.status, 0, r.err)
        for (i, m) in modules.enumerated() {
            XCTAssertEqual(try FS.read(x + "/" + m.0), m.1, "module \(i)")
        }
        let before = try WriterFixture.manifest(original.readTree(), content: { try WriterFixture.bytes($0, image: original) })
        let after = try WriterFixture.manifest(directory: x).filter { !$0.contains("copy-") && !$0.hasPrefix("lib/modules/extra ") }
        WriterFixture.assertSame(before.filter { !$0.hasPrefix("lib/modules ") && $0 != before[0] },
                                 after.filter { !$0.hasPrefix("lib/modules ") && $0 != after[0] }, "unchanged files")

        // Same inputs, same bytes.
        let out2 = dir + "/new2.sqfs"
        _ = try repack(out2)
        XCTAssertEqual(try FS.read(out), try FS.read(out2))
    }

    func testRemoveKeepsTheRest() throws {
        let image = try lordWood()
        let unsquashfs = try WriterFixture.requireTool("unsquashfs")
        let out = dir + "/removed.sqfs"
        let report = try SquashRepack.repack(image: image, offset: 0xE9CE8, to: out) { tree, _ in
            XCTAssertTrue(try tree.remove(at: "etc/banner"))
        }
        XCTAssertEqual(report.data.compressedBlocks, 0, "nothing recompressed")
        let x = dir + "/x"
        let r = try TestSupport.run(unsquashfs, ["-no-progress", "-d", x, out])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertFalse(FS.exists(x + "/etc/banner"))
        XCTAssertTrue(FS.exists(x + "/etc/passwd") || FS.exists(x + "/etc/config"))
    }

    /// Changing the compressor recompresses (decoding the source blocks) and still round-trips.
    func testRecompressToGzip() throws {
        let image = try lordWood()
        let out = dir + "/gz.sqfs"
        let original = try SquashImage(path: image, offset: 0xE9CE8)
        let report = try SquashRepack.repack(image: image, offset: 0xE9CE8, to: out, adjust: {
            $0.codec = nil; $0.compressor = .gzip; $0.blockSize = 131072
        }) { _, _ in }
        XCTAssertEqual(report.data.copiedBlocks, 0)
        let before = try WriterFixture.manifest(original.readTree(), content: { try WriterFixture.bytes($0, image: original) })
        WriterFixture.assertSame(before, try WriterFixture.manifest(image: out), "gzip recompression")
    }
}
