import BinaryIO
import XCTest
@testable import Platform

final class FileTests: XCTestCase {
    var dir = ""
    override func setUp() { dir = NSTemporaryDirectory() + "binaryio-\(UUID().uuidString)"; try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func testOffsetViewReadsAsIfAtZeroAndReportsAbsoluteOffsets() throws {
        let path = dir + "/fw.bin"
        try FS.writeAtomically(Array(repeating: 0xaa, count: 100) + Array(0 ..< 50), to: path)
        let f = try RandomAccessFile(path: path)
        XCTAssertEqual(f.size, 150)
        let v = try f.view(base: 100, length: 50)
        XCTAssertEqual(try v.read(at: 0, count: 3), [0, 1, 2])
        XCTAssertThrowsError(try v.read(at: 48, count: 3)) { e in
            XCTAssertEqual((e as? FormatError)?.kind, .truncated)
            XCTAssertEqual((e as? FormatError)?.offset, 148)
            XCTAssertEqual((e as? FormatError)?.file, path)
        }
        XCTAssertThrowsError(try v.read(at: UInt64.max - 1, count: 4))
        XCTAssertThrowsError(try f.view(base: 140, length: 20)) { XCTAssertEqual(($0 as? FormatError)?.kind, .outOfBounds) }
        XCTAssertThrowsError(try f.read(at: 149, count: 2)) { XCTAssertEqual(($0 as? FormatError)?.offset, 149) }
        let sub = try v.subview(at: 10, length: 5)
        var r = try sub.reader(at: 1, count: 4, context: "t")
        XCTAssertEqual(try r.u8(), 11)
        XCTAssertEqual(r.absoluteOffset, 112)
    }

    func testMissingFileErrorNamesIt() {
        XCTAssertThrowsError(try RandomAccessFile(path: dir + "/nope")) { e in
            XCTAssertEqual((e as? FormatError)?.kind, .io)
            XCTAssertEqual((e as? FormatError)?.file, dir + "/nope")
        }
    }

    func testReadLimit() throws {
        try FS.writeAtomically([UInt8](repeating: 1, count: 1000), to: dir + "/f")
        XCTAssertThrowsError(try FS.read(dir + "/f", limit: 999)) { XCTAssertEqual(($0 as? FormatError)?.kind, .tooLarge) }
        XCTAssertEqual(try FS.read(dir + "/f").count, 1000)
    }

    func testAtomicDirectoryReplaceSwapsWholeTree() throws {
        let out = dir + "/out"
        try FS.replaceDirectoryAtomically(out) { tmp in try FS.writeAtomically([1], to: tmp + "/a") }
        try FS.replaceDirectoryAtomically(out) { tmp in try FS.writeAtomically([2], to: tmp + "/b") }
        XCTAssertEqual(try FS.list(out), ["b"])
        // A failing body leaves the old content untouched.
        struct Boom: Error {}
        XCTAssertThrowsError(try FS.replaceDirectoryAtomically(out) { tmp in
            try FS.writeAtomically([3], to: tmp + "/c"); throw Boom()
        })
        XCTAssertEqual(try FS.list(out), ["b"])
        XCTAssertEqual(try FS.list(dir), ["out"], "no temporary leftovers")
    }

    func testTypedListingRemovalAndPathRelations() throws {
        let root = dir + "/t"
        let created = try FS.makeDirectoriesRecording(root + "/a/b")
        XCTAssertEqual(created, [root, root + "/a", root + "/a/b"])
        XCTAssertEqual(try FS.makeDirectoriesRecording(root + "/a/b"), [], "nothing new")
        try FS.writeNew([1], to: root + "/a/f")
        try FileManager.default.createSymbolicLink(atPath: root + "/a/l", withDestinationPath: dir)
        let l = try FS.listTyped(root + "/a")
        XCTAssertEqual(l.map(\.name), ["b", "f", "l"])
        XCTAssertEqual(l.map(\.type), [.directory, .file, .symlink])
        // Relations follow symlinks and ignore trailing slashes; missing tails are kept.
        XCTAssertTrue(FS.isSameOrInside(root + "/a/l/t/", root))
        XCTAssertTrue(FS.isSameOrInside(root + "/a/./b/../b/new/x", root + "/a/b"))
        XCTAssertFalse(FS.isSameOrInside(root + "/ab", root + "/a"))
        XCTAssertFalse(FS.isSameOrInside(root, root + "/a"))
        // Removal never follows the symlink (the folder it points to survives).
        try FS.removeTree(root + "/a")
        XCTAssertFalse(FS.exists(root + "/a"))
        XCTAssertTrue(FS.isDirectory(dir))
        for d in created.reversed() { FS.removeEmptyDirectory(d) }
        XCTAssertFalse(FS.exists(root))
    }

    func testLinkIfIdenticalOnlyReusesOwnSingleLinkedEqualFiles() throws {
        let a = dir + "/a", b = dir + "/b", c = dir + "/c", d = dir + "/d"
        try FS.writeNew([1, 2, 3], to: a)
        XCTAssertFalse(FS.linkIfIdentical(a, to: b, bytes: [1, 2, 4]), "different content")
        XCTAssertFalse(FS.linkIfIdentical(a, to: b, bytes: [1, 2]), "different size")
        XCTAssertFalse(FS.exists(b))
        XCTAssertTrue(FS.linkIfIdentical(a, to: b, bytes: [1, 2, 3]))
        XCTAssertEqual(try FS.read(b), [1, 2, 3])
        XCTAssertFalse(FS.linkIfIdentical(a, to: c, bytes: [1, 2, 3]), "already has another link")
        try FileManager.default.createSymbolicLink(atPath: d, withDestinationPath: a)
        XCTAssertFalse(FS.linkIfIdentical(d, to: c, bytes: [1, 2, 3]), "symlinks are not followed")
        XCTAssertFalse(FS.linkIfIdentical(dir + "/missing", to: c, bytes: []))
        XCTAssertFalse(FS.exists(c))
    }

    func testSafePathRejectsEscapes() throws {
        XCTAssertEqual(try SafePath.components("./usr//lib/./x/"), ["usr", "lib", "x"])
        for bad in ["../etc/passwd", "/etc/passwd", "a/../../b", "a/\u{0}b"] {
            XCTAssertThrowsError(try SafePath.components(bad), bad) { XCTAssertEqual(($0 as? FormatError)?.kind, .unsafePath) }
        }
        try FileManager.default.createDirectory(atPath: dir + "/root", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/root/link", withDestinationPath: "/etc")
        XCTAssertThrowsError(try SafePath.join(dir + "/root", "link/passwd")) { XCTAssertEqual(($0 as? FormatError)?.kind, .unsafePath) }
        XCTAssertEqual(try SafePath.join(dir + "/root", "new/file"), dir + "/root/new/file")
    }
}

final class StaleTemporaryTests: XCTestCase {
    func testLeftoversOfDeadRunsAreRemovedOthersKept() throws {
        let dir = NSTemporaryDirectory() + "stale-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A PID that cannot be running (above pid_max), our own PID, and an unrelated file.
        let dead = dir + "/.out.sqfs.tmp-99999999-1", mine = dir + "/.out.sqfs.tmp-\(getpid())-7"
        let other = dir + "/.out.sqfs.tmp-notapid-1", keep = dir + "/out.sqfs"
        for p in [dead, mine, other, keep] { try FS.writeAtomically([1], to: p) }
        try FileManager.default.createDirectory(atPath: dir + "/.out.tmp-99999998-3", withIntermediateDirectories: true)
        _ = FS.temporarySibling(of: dir + "/out.sqfs")
        _ = FS.temporarySibling(of: dir + "/out")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dead))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/.out.tmp-99999998-3"))
        for p in [mine, other, keep] { XCTAssertTrue(FileManager.default.fileExists(atPath: p), p) }
    }
}
