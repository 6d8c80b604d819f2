import BinaryIO
import Foundation
import Platform
import Squash
import TestSupport
import XCTest

/// Tree sources for the writer: pseudo definitions, tar archives, squashfs images, merging.
final class WriterSourcesTests: XCTestCase {
    var dir = ""
    override func setUp() { dir = TestEnv.tempDir("writer-src") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func testPseudoOpenWrtConsole() throws {
        let defs = try PseudoDefinitions(parsing: """
            # OpenWrt's device nodes
            /dev d 755 0 0
            /dev/console c 600 0 0 5 1
            "/dev/with space" b 640 0 6 8 0
            /run/fifo i 600 0 0 p
            /bin/sh s 777 0 0 busybox
            /dev/console2 l /dev/console
            / m 755 0 0
            """, name: "pseudo")
        XCTAssertEqual(defs.definitions.count, 7)
        var tree = Tree(root: Node(name: "", kind: .directory, mode: 0o700, mtime: 5))
        try defs.apply(to: &tree, defaultTime: 1234)
        let console = try XCTUnwrap(tree.node(at: "dev/console"))
        XCTAssertEqual(console.kind, .charDevice)
        XCTAssertEqual(console.device, Device(major: 5, minor: 1))
        XCTAssertEqual(console.mode, 0o600)
        XCTAssertEqual(tree.node(at: "dev/with space")?.kind, .blockDevice)
        XCTAssertEqual(tree.node(at: "run/fifo")?.kind, .fifo)
        XCTAssertEqual(tree.node(at: "bin/sh")?.linkTarget, "busybox")
        XCTAssertEqual(tree.root.mode, 0o755)
        XCTAssertNotNil(tree.node(at: "dev/console2")?.hardLinkID)
        XCTAssertEqual(tree.node(at: "dev/console2")?.hardLinkID, tree.node(at: "dev/console")?.hardLinkID)

        // Written and extracted by unsquashfs: the device and the hard link survive.
        let unsquashfs = try WriterFixture.requireTool("unsquashfs")
        let img = dir + "/p.sqfs"
        try SquashWriter.write(tree, to: img, options: .openWrt(time: 1234))
        let r = try TestSupport.run(unsquashfs, ["-lls", img])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("crw-------") && r.out.contains("5,  1"), r.out)
        XCTAssertTrue(r.out.contains("brw-r-----") && r.out.contains("with space"), r.out)
    }

    /// The OpenWrt preset's pseudo files are exactly the `-pf` lines include/image.mk gives
    /// mksquashfs, and the preset applies them when writing.
    func testOpenWrtPresetPseudoFiles() throws {
        let text = "/dev d 755 0 0\n/dev/console c 600 0 0 5 1\n"
        XCTAssertEqual(OpenWrtRootfs.pseudoDefinitions.definitions, try PseudoDefinitions(parsing: text, name: "image.mk").definitions)
        let img = dir + "/o.sqfs"
        try SquashWriter.write(Tree(root: Node(name: "", kind: .directory, mode: 0o755)), to: img, options: .openWrt(time: 7))
        let tree = try SquashImage(path: img).readTree()
        XCTAssertEqual(tree.node(at: "dev")?.kind, .directory)
        XCTAssertEqual(tree.node(at: "dev/console")?.device, Device(major: 5, minor: 1))
        XCTAssertEqual(tree.node(at: "dev/console")?.mode, 0o600)
    }

    func testPseudoErrorsNameTheLine() {
        for bad in ["/dev/x c 600 0 0 5", "/x q 600 0 0", "/x d 9z9 0 0", "/x f 600 0 0 cat /etc/passwd", "../x d 755 0 0", "\"/x d 755 0 0"] {
            XCTAssertThrowsError(try PseudoDefinitions(parsing: "# c\n" + bad, name: "p")) { e in
                let fe = e as? FormatError
                XCTAssertNotNil(fe, bad)
                XCTAssertTrue(fe?.description.contains("line 2") == true || fe?.kind == .unsafePath, "\(bad): \(e)")
            }
        }
    }

    func testTarSourceMatchesDirectory() throws {
        let src = dir + "/src"
        try WriterFixture.makeTree(at: src)
        // The fixture's 300-byte dangling symlink target needs GNU long names; tar handles them.
        let tar = dir + "/t.tar.gz"
        let r = try TestSupport.run("/bin/sh", ["-c", "cd \(src) && tar --xattrs --xattrs-include='*' --numeric-owner --sort=name -czf \(tar) ."])
        XCTAssertEqual(r.status, 0, r.err)
        let fromTar = try TreeSource.tar(tar)
        let img = dir + "/t.sqfs"
        try SquashWriter.write(fromTar, to: img, options: SquashWriterOptions(mkfsTime: 1, compressor: .gzip, blockSize: 4096))
        var a = try WriterFixture.manifest(directory: src), b = try WriterFixture.manifest(image: img)
        a.removeFirst(); b.removeFirst()
        WriterFixture.assertSame(a.filter { !$0.hasPrefix("links/dangling") }, b.filter { !$0.hasPrefix("links/dangling") }, "tar source")
    }

    func testImageSourceAndMerge() throws {
        let src = dir + "/src"
        try WriterFixture.makeTree(at: src)
        let a = dir + "/a.sqfs", b = dir + "/b.sqfs"
        try SquashWriter.write(try TreeSource.directory(src), to: a, options: SquashWriterOptions(mkfsTime: 1, compressor: .xz, blockSize: 8192))
        // Re-encode the image as zstd 16K (blocks are decoded, not copied).
        let r = try SquashWriter.write(try TreeSource.image(a), to: b, options: SquashWriterOptions(mkfsTime: 1, compressor: .zstd, blockSize: 16384))
        XCTAssertEqual(r.data.copiedBlocks, 0)
        WriterFixture.assertSame(try WriterFixture.manifest(directory: src), try WriterFixture.manifest(image: b), "image source")

        // Merge: an overlay directory adds and replaces, keeping the rest.
        let over = dir + "/over"
        try FileManager.default.createDirectory(atPath: over + "/sizes", withIntermediateDirectories: true)
        try Data("new".utf8).write(to: URL(fileURLWithPath: over + "/sizes/text-1-1"))
        try Data("added".utf8).write(to: URL(fileURLWithPath: over + "/sizes/added"))
        let merged = TreeSource.merge(try TreeSource.image(a), try TreeSource.directory(over))
        let c = dir + "/c.sqfs"
        try SquashWriter.write(merged, to: c, options: SquashWriterOptions(mkfsTime: 1, compressor: .xz, blockSize: 8192))
        let img = try SquashImage(path: c)
        let t = try img.readTree()
        XCTAssertEqual(try WriterFixture.bytes(try XCTUnwrap(t.node(at: "sizes/text-1-1")), image: img), Array("new".utf8))
        XCTAssertEqual(try WriterFixture.bytes(try XCTUnwrap(t.node(at: "sizes/added")), image: img), Array("added".utf8))
        XCTAssertNotNil(t.node(at: "links/hard"))
    }

    func testUnsortedTreeIsRefused() {
        var root = Node(name: "", kind: .directory, mode: 0o755)
        root.children = [Node(name: "b", kind: .file, mode: 0o644), Node(name: "a", kind: .file, mode: 0o644)]
        XCTAssertThrowsError(try SquashWriter.write(Tree(root: root), to: dir + "/x.sqfs", options: SquashWriterOptions(mkfsTime: 0))) {
            XCTAssertTrue("\($0)".contains("not sorted"), "\($0)")
        }
        XCTAssertFalse(FS.exists(dir + "/x.sqfs"), "no partial output")
    }
}
