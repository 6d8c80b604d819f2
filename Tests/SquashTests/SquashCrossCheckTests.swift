import BinaryIO
import CLITestSupport
import Foundation
import Platform
import Squash
import TestSupport
import XCTest

/// Images of the test tree from mksquashfs, one per compressor and fragment/compression
/// variant, extracted by imagetool and by unsquashfs, and converted to tar by imagetool and
/// by sqfs2tar: the trees and tars must agree on every entry (content, type, mode, owner,
/// mtime, link target, device, link count, xattrs).
final class SquashCrossCheckTests: XCTestCase {
    static let compressors = ["gzip", "lzo", "lz4", "xz", "zstd", "lzma"]
    static let variants: [[String]] = [[], ["-no-fragments"], ["-always-use-fragments"], ["-noI", "-noD", "-noF", "-noX"]]

    func check(_ name: String, _ options: [String]) throws {
        try SquashFixtures.require(["unsquashfs", "sqfs2tar"])
        let img = try SquashFixtures.image(name, options)
        let t = TestEnv.tempDir("squash-cc")
        defer { try? FileManager.default.removeItem(atPath: t) }
        let u = try SquashFixtures.run("unsquashfs", ["-q", "-n", "-d", t + "/x1", img])
        XCTAssertEqual(u.status, 0, u.err)
        let ours = try InProcessCLI.run(["squash", "extract", "-q", "-d", t + "/x2", img])
        XCTAssertEqual(ours.status, 0, ours.err)
        let m1 = try SquashFixtures.manifest(dir: t + "/x1"), m2 = try SquashFixtures.manifest(dir: t + "/x2")
        XCTAssertGreaterThan(m1.count, 2190, "tree too small: \(name)")
        XCTAssertEqual(m1, m2, "extracted trees differ: \(name)")
        for (a, b) in zip(m1, m2) where a != b { XCTFail("\(name): unsquashfs \(a)\n imagetool \(b)"); break }

        let s = try SquashFixtures.run("sh", ["-c", "sqfs2tar '\(img)' > '\(t)/t1.tar' 2>/dev/null"])
        XCTAssertEqual(s.status, 0)
        let tr = try InProcessCLI.run(["squash", "tar", "-q", img, "-o", t + "/t2.tar"])
        XCTAssertEqual(tr.status, 0, tr.err)
        let t1 = try SquashFixtures.manifest(tar: t + "/t1.tar")
        // imagetool also writes the root directory as "./" (sqfs2tar omits it).
        let t2 = try SquashFixtures.manifest(tar: t + "/t2.tar").filter { !$0.hasPrefix(". ") }
        XCTAssertGreaterThan(t1.count, 2190)
        XCTAssertEqual(t1, t2, "tars differ: \(name)")
        for (a, b) in zip(t1, t2) where a != b { XCTFail("\(name): sqfs2tar \(a)\n imagetool \(b)"); break }
    }

    func testEveryCompressorAndVariant() throws {
        for c in Self.compressors {
            for v in Self.variants {
                try check(c + v.joined(), ["-comp", c] + v)
            }
        }
    }

    func testCompressorOptionVariants() throws {
        try check("xz-bcj", ["-comp", "xz", "-Xbcj", "x86,arm", "-Xdict-size", "50%"])
        try check("lz4-hc", ["-comp", "lz4", "-Xhc"])
        try check("gzip-opts", ["-comp", "gzip", "-Xcompression-level", "3", "-Xwindow-size", "10", "-Xstrategy", "filtered,run_length_encoded"])
        try check("zstd-3", ["-comp", "zstd", "-Xcompression-level", "3", "-b", "1M"])
        try check("lzo-1", ["-comp", "lzo", "-Xalgorithm", "lzo1x_1", "-b", "4K"])
    }

    /// The library view of the same image: tree facts the issue names.
    func testTreeModel() throws {
        let img = try SquashImage(path: try SquashFixtures.image("gzip", ["-comp", "gzip"]))
        let tree = try img.readTree()
        let one = try XCTUnwrap(tree.node(at: "hl/one")), two = try XCTUnwrap(tree.node(at: "hl/two"))
        let three = try XCTUnwrap(tree.node(at: "three"))
        XCTAssertNotNil(one.hardLinkID)
        XCTAssertEqual(one.hardLinkID, two.hardLinkID)
        XCTAssertEqual(one.hardLinkID, three.hardLinkID)
        XCTAssertNil(tree.node(at: "a.txt")?.hardLinkID)
        XCTAssertEqual(tree.node(at: "dev/bigminor")?.device, Device(major: 259, minor: 300))
        XCTAssertEqual(tree.node(at: "dev/sda1")?.kind, .blockDevice)
        XCTAssertEqual(tree.node(at: "dev/sda1")?.gid, 6)
        XCTAssertEqual(tree.node(at: "owned.txt")?.uid, 1000)
        XCTAssertEqual(tree.node(at: "owned.txt")?.mode, 0o640)
        XCTAssertEqual(tree.node(at: "modes/suid")?.mode, 0o4755)
        XCTAssertEqual(tree.node(at: "link-rel")?.linkTarget, "a.txt")
        XCTAssertEqual(tree.node(at: "fifo")?.kind, .fifo)
        XCTAssertEqual(tree.node(at: "sock")?.kind, .socket)
        XCTAssertEqual(tree.node(at: "a.txt")?.xattrs.first(where: { $0.name == "user.comment" })?.value, Array("hello xattr".utf8))
        XCTAssertEqual(tree.node(at: "many/d00/f0000")?.xattrs, [Xattr(name: "user.shared", value: Array("same value".utf8))])
        let sparse = try XCTUnwrap(tree.node(at: "sparse.img"))
        guard case .squashfs(let ext) = sparse.content else { return XCTFail("sparse.img has no extent") }
        XCTAssertEqual(ext.fileSize, 5 * 131072 + 100)
        XCTAssertEqual(ext.blockSizes.filter { $0 == 0 }.count, 4, "zero blocks stored sparse")
        let bytes = try img.data.contents(of: ext)
        XCTAssertEqual(bytes.count, Int(ext.fileSize))
        XCTAssertTrue(bytes[0 ..< 2 * 131072].allSatisfy { $0 == 0 })
        // Streaming with parallel decompression gives the same bytes as serial reading.
        let big = try XCTUnwrap(tree.node(at: "big.bin"))
        guard case .squashfs(let be) = big.content else { return XCTFail("big.bin has no extent") }
        var par: [UInt8] = []
        try img.data.forEachChunk(of: be, parallel: 2) { par.append(contentsOf: $0) }
        XCTAssertEqual(par, try img.data.contents(of: be))
        let host = try FS.read(try SquashFixtures.tree.get() + "/big.bin")
        XCTAssertEqual(par, host)
        XCTAssertGreaterThan(tree.count, 2190)
    }

    /// A fragment cache of one block (what extraction's grouping relies on being correct,
    /// not just fast): every small file read back in reverse order, so each fragment block
    /// is evicted and decoded again, equals the host file; and the files really spread over
    /// several fragment blocks.
    func testSmallFragmentCacheReadsEveryFile() throws {
        let img = try SquashImage(path: try SquashFixtures.image("gzip", ["-comp", "gzip"]))
        let sb = img.superblock
        let reader = DataReader(view: img.view, codec: img.codec, blockSize: sb.blockSize, limit: sb.bytesUsed, cachedFragments: 1)
        XCTAssertEqual(reader.cachedFragments, 1)
        let host = try SquashFixtures.tree.get()
        var files: [(String, SquashExtent)] = []
        try img.readTree().walk { path, node in
            if case .squashfs(let e) = node.content, e.fragment != nil, !path.hasPrefix("dev/") { files.append((path, e)) }
        }
        XCTAssertGreaterThan(Set(files.compactMap { $0.1.fragment?.blockStart }).count, 3, "expected several fragment blocks")
        XCTAssertGreaterThan(files.count, 2000)
        for (path, e) in files.reversed() {
            XCTAssertEqual(try reader.contents(of: e), try FS.read(host + "/" + path), path)
        }
    }
}
