import BinaryIO
import Digests
import Foundation
import Platform
import Squash
import TestSupport
import XCTest

/// Builders and comparisons shared by the writer tests.
enum WriterFixture {
    /// A directory with every kind of entry the writer must keep: files of edge sizes
    /// around the block size, compressible and random data, sparse and duplicate files, hard
    /// links, symlinks, a fifo, devices (as root), xattrs, empty and large directories.
    static func makeTree(at root: String, blockSize: Int = 4096, seed: UInt64 = 42) throws {
        let fm = FileManager.default
        var rng = SplitMix(seed: seed)
        func write(_ rel: String, _ bytes: [UInt8], mode: Int = 0o644) throws {
            let p = root + "/" + rel
            try fm.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: p))
            chmod(p, mode_t(mode))
        }
        func text(_ n: Int) -> [UInt8] {
            let words = ["alpha ", "beta ", "gamma ", "delta\n", "kmod ", "squash "]
            var out: [UInt8] = []
            while out.count < n { out += Array(words[Int(rng.next() % 6)].utf8) }
            return Array(out.prefix(n))
        }
        func random(_ n: Int) -> [UInt8] { (0 ..< n).map { _ in UInt8(truncatingIfNeeded: rng.next()) } }
        try fm.createDirectory(atPath: root, withIntermediateDirectories: true)
        for (i, n) in [0, 1, 100, 4095, 4096, 4097, 3 * blockSize + 17, blockSize / 2, 70000].enumerated() {
            try write("sizes/text-\(i)-\(n)", text(n))
            try write("sizes/rand-\(i)-\(n)", random(n), mode: 0o755)
        }
        try write("dup/a", text(5000)); try write("dup/b", text(5000))
        try fm.copyItem(atPath: root + "/dup/a", toPath: root + "/dup/c")
        try write("dup/small-1", Array("same".utf8)); try write("dup/small-2", Array("same".utf8))
        var sparse = [UInt8](repeating: 0, count: 5 * blockSize)
        sparse[2 * blockSize + 5] = 7
        try write("sparse/holes", sparse)
        try write("sparse/zeros", [UInt8](repeating: 0, count: 3 * blockSize + 100))
        try write("links/target", text(9000))
        try fm.linkItem(atPath: root + "/links/target", toPath: root + "/links/hard")
        try fm.linkItem(atPath: root + "/links/target", toPath: root + "/hard-at-top")
        try fm.createSymbolicLink(atPath: root + "/links/sym", withDestinationPath: "target")
        try fm.createSymbolicLink(atPath: root + "/links/dangling", withDestinationPath: "/nowhere/" + String(repeating: "x", count: 300))
        try fm.createDirectory(atPath: root + "/empty", withIntermediateDirectories: true)
        for i in 0 ..< 700 { try write("big/entry-\(String(format: "%04d", i))-" + String(repeating: "n", count: i % 40), text(i % 50)) }
        try write("deep/a/b/c/d/e/f/file", text(10))
        try write("names/" + String(repeating: "L", count: 255), text(3))
        try write("names/sp ace ü", text(4))
        mkfifo(root + "/fifo", 0o600)
        try write("modes/suid", text(5), mode: 0o4755); try write("modes/sticky-dir/x", text(1))
        chmod(root + "/modes/sticky-dir", 0o1777)
        try write("xattr/file", text(20))
        if let setfattr = tool("setfattr") {
            try TestSupport.run(setfattr, ["-n", "user.comment", "-v", "hello", root + "/xattr/file"])
            try TestSupport.run(setfattr, ["-n", "trusted.t", "-v", "x", root + "/xattr/file"])
            try TestSupport.run(setfattr, ["-n", "user.dir", "-v", "d", root + "/xattr"])
        }
        if getuid() == 0 {
            try TestSupport.run("/usr/bin/mknod", ["-m", "600", root + "/console", "c", "5", "1"])
            try TestSupport.run("/usr/bin/mknod", ["-m", "640", root + "/blk", "b", "259", "70000"])
            chown(root + "/sizes/text-2-100", 1000, 100)
            lchown(root + "/links/sym", 65534, 65534)
        }
        // Fixed times so runs compare.
        try TestSupport.run("/usr/bin/find", [root, "-exec", "touch", "-h", "-d", "@1600000000", "{}", "+"])
    }

    /// A line per node: path, kind, mode, owner, time, and content hash / link / device / xattrs.
    static func manifest(_ tree: Tree, content: (Node) throws -> [UInt8], times: Bool = true) rethrows -> [String] {
        var lines: [String] = []
        var linkFirst: [Int: String] = [:]
        try tree.walk { path, n in
            var s = "\(path.isEmpty ? "/" : path) \(n.kind.rawValue) \(String(n.mode, radix: 8)) \(n.uid):\(n.gid)"
            if times { s += " t\(n.mtime)" }
            switch n.kind {
            case .file: s += " " + Hex.encode(Digest.sha256(try content(n))) + " \(n.size)"
            case .symlink: s += " -> \(n.linkTarget ?? "")"
            case .blockDevice, .charDevice: s += " \(n.device?.major ?? 0),\(n.device?.minor ?? 0)"
            default: break
            }
            if !n.xattrs.isEmpty { s += " x[" + n.xattrs.map { "\($0.name)=\(Hex.encode($0.value))" }.sorted().joined(separator: ",") + "]" }
            if let h = n.hardLinkID, n.kind != .directory {
                if let f = linkFirst[h] { s += " link=\(f)" } else { linkFirst[h] = path }
            }
            lines.append(s)
        }
        return lines
    }

    /// Content of a node from a directory, tar or squashfs tree.
    static func bytes(_ n: Node, image: SquashImage? = nil) throws -> [UInt8] {
        switch n.content {
        case .empty: return []
        case .bytes(let b): return b
        case .host(let p, _): return try FS.read(p)
        case .squashfs(let e):
            let img = try image ?? SquashImage(view: e.image)
            return try img.data.contents(of: e)
        }
    }

    /// Manifest of a directory on disk.
    static func manifest(directory: String, times: Bool = true) throws -> [String] {
        try manifest(TreeSource.directory(directory), content: { try bytes($0) }, times: times)
    }

    /// Manifest of an image as our reader sees it.
    static func manifest(image: String, times: Bool = true) throws -> [String] {
        let img = try SquashImage(path: image)
        return try manifest(img.readTree(), content: { try bytes($0, image: img) }, times: times)
    }

    /// Reports the first differing line (XCTAssertEqual on big arrays is unreadable).
    static func assertSame(_ a: [String], _ b: [String], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        if a == b { return }
        let onlyA = a.filter { !Set(b).contains($0) }.prefix(5)
        let onlyB = b.filter { !Set(a).contains($0) }.prefix(5)
        XCTFail("\(what): \(a.count) vs \(b.count) lines; only left: \(Array(onlyA)); only right: \(Array(onlyB))", file: file, line: line)
    }

    /// Manifest of an image as the Linux kernel's squashfs driver sees it (loop mount,
    /// read-only; every path is looked up, so extended directory indexes are exercised),
    /// or nil when this machine cannot mount (not root, no loop devices, no squashfs).
    static func kernelManifest(image: String, times: Bool = true) throws -> [String]? {
        guard getuid() == 0, let mount = tool("mount"), let umount = tool("umount") else { return nil }
        let mnt = TestEnv.tempDir("writer-mnt")
        defer { try? FileManager.default.removeItem(atPath: mnt) }
        // A loop device ends at a 512-byte sector; unpadded (-nopad) images are padded in a copy.
        var path = image
        let size = try FS.size(image)
        if size % 4096 != 0 {
            path = mnt + ".padded"
            var bytes = try FS.read(image)
            bytes += [UInt8](repeating: 0, count: Int(4096 - size % 4096))
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
        defer { if path != image { try? FileManager.default.removeItem(atPath: path) } }
        let r = try TestSupport.run(mount, ["-t", "squashfs", "-o", "loop,ro", path, mnt])
        guard r.status == 0 else { print("kernel mount unavailable: \(r.err)"); return nil }
        defer { _ = try? TestSupport.run(umount, [mnt]) }
        return try manifest(directory: mnt, times: times)
    }

    /// `TestEnv.which`, falling back to access(2) on the usual folders.
    static func tool(_ t: String) -> String? {
        if let p = TestEnv.which(t) { return p }
        return ["/usr/bin", "/usr/sbin", "/bin", "/sbin", "/usr/local/bin"].map { "\($0)/\(t)" }.first { access($0, X_OK) == 0 }
    }

    static func requireTool(_ t: String) throws -> String {
        guard let p = tool(t) else { throw XCTSkip("\(t) not installed (Debian squashfs-tools / squashfs-tools-ng)") }
        return p
    }
}

/// SplitMix64 (TestSupport), seeded so a run can be replayed.
typealias SplitMix = SplitMix64

final class WriterFixtureTests: XCTestCase {
    /// The fixture builder itself produces what the other tests rely on.
    func testFixtureHasEveryKind() throws {
        let dir = TestEnv.tempDir("writer-fixture")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try WriterFixture.makeTree(at: dir)
        let m = try WriterFixture.manifest(directory: dir)
        XCTAssertTrue(m.contains { $0.contains(" symlink ") })
        XCTAssertTrue(m.contains { $0.contains(" fifo ") })
        XCTAssertTrue(m.contains { $0.contains("link=") })
        XCTAssertTrue(m.contains { $0.contains("x[") })
        XCTAssertGreaterThan(m.count, 750)
    }
}
