import BinaryIO
import Digests
import Foundation
import Squash
import TestSupport
import XCTest

/// Shared pieces of the hostile-input tests: a sandbox with an "outside" folder that no
/// writer may touch, running the CLI (optionally under /usr/bin/time for peak RSS), and
/// building squashfs images with the library's own writer.
struct Sandbox {
    /// The sandbox root (removed by `cleanup`).
    let base: String
    /// A folder beside every output folder holding a victim file; must never change.
    let outside: String
    /// Snapshot of `outside` taken at creation.
    let before: [String: String]

    init(_ tag: String) throws {
        base = TestEnv.tempDir("imagetool-hostile-\(tag)")
        outside = base + "/outside"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try Data("victim: must never change\n".utf8).write(to: URL(fileURLWithPath: outside + "/victim"))
        before = try Sandbox.listing(outside)
    }

    /// Every entry below `dir` with its type and (for files) content digest, lstat-based.
    static func listing(_ dir: String) throws -> [String: String] {
        var out: [String: String] = [:]
        let fm = FileManager.default
        guard let e = fm.enumerator(atPath: dir) else { return out }
        for case let rel as String in e {
            let p = dir + "/" + rel
            var st = stat()
            guard lstat(p, &st) == 0 else { continue }
            switch st.st_mode & S_IFMT {
            case S_IFREG: out[rel] = "file " + Hex.encode(try Digest.hashFile(.sha256, path: p)) + " mode \(String(st.st_mode & 0o7777, radix: 8))"
            case S_IFLNK: out[rel] = "link " + ((try? fm.destinationOfSymbolicLink(atPath: p)) ?? "?")
            case S_IFDIR: out[rel] = "dir"
            default: out[rel] = "other \(st.st_mode & S_IFMT)"
            }
        }
        return out
    }

    /// Fails when anything below `outside` changed, or when the sandbox root holds entries
    /// other than `allowed` (nothing may be created beside the output).
    func assertUntouched(allowed: Set<String>, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try Sandbox.listing(outside), before, "the folder outside the output changed", file: file, line: line)
        let top = Set(try FileManager.default.contentsOfDirectory(atPath: base))
        XCTAssertEqual(top.subtracting(allowed).subtracting(["outside"]), [], "unexpected entries beside the output", file: file, line: line)
        for p in ["/tmp/imagetool-hostile-escaped", "/imagetool-hostile-escaped"] {
            XCTAssertFalse(FileManager.default.fileExists(atPath: p), "\(p) was written", file: file, line: line)
        }
    }

    func cleanup() {
        _ = try? run("/bin/chmod", ["-R", "u+rwx", base])
        try? FileManager.default.removeItem(atPath: base)
    }
}

enum Hostile {
    /// The built CLI, or a skip when the test binary was built without it.
    static func binary() throws -> String {
        guard let b = TestEnv.imagetoolBinary else { throw XCTSkip("imagetool binary not built (swift build --build-tests)") }
        return b
    }

    /// Runs the CLI.
    @discardableResult
    static func cli(_ args: [String], cwd: String? = nil) throws -> RunResult {
        try run(try binary(), args, cwd: cwd)
    }

    /// Runs the CLI under /usr/bin/time and returns the result with its peak RSS in KiB.
    static func cliPeakRSS(_ args: [String]) throws -> (RunResult, Int) {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else {
            throw XCTSkip("/usr/bin/time (Debian package time) is not installed")
        }
        let dir = TestEnv.tempDir("rss")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try run("/usr/bin/time", ["-f", "%M", "-o", dir + "/rss", try binary()] + args)
        let text = (try? String(contentsOfFile: dir + "/rss", encoding: .utf8)) ?? ""
        let kib = text.split(separator: "\n").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.last ?? -1
        return (r, kib)
    }

    /// Writes `tree` as a gzip squashfs image with the library writer (deterministic).
    static func writeImage(_ tree: Tree, to path: String) throws {
        var o = SquashWriterOptions(mkfsTime: 0, compressor: .gzip, blockSize: 4096)
        o.threads = 1
        try SquashWriter.write(tree, to: path, options: o)
    }

    static func file(_ name: String, _ text: String, mode: UInt16 = 0o644) -> Node {
        Node(name: name, kind: .file, mode: mode, content: .bytes(Array(text.utf8)))
    }

    static func link(_ name: String, _ target: String) -> Node {
        Node(name: name, kind: .symlink, mode: 0o777, linkTarget: target)
    }

    static func dir(_ name: String, _ children: [Node]) -> Node {
        var n = Node(name: name, kind: .directory, mode: 0o755)
        for c in children { n.insertChild(c) }
        return n
    }

    /// Replaces every occurrence of `from` by `to` (same length) in `bytes`; returns the count.
    @discardableResult
    static func patch(_ bytes: inout [UInt8], _ from: [UInt8], _ to: [UInt8]) -> Int {
        precondition(from.count == to.count)
        var n = 0, i = 0
        while i + from.count <= bytes.count {
            if Array(bytes[i ..< i + from.count]) == from {
                bytes.replaceSubrange(i ..< i + from.count, with: to); n += 1; i += from.count
            } else { i += 1 }
        }
        return n
    }
}
