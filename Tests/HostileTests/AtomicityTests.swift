import BinaryIO
import Digests
import Foundation
import Platform
import TestSupport
import XCTest

/// SIGKILL imagetool at random points while it writes a feed (`rebase`), a squashfs
/// (`squash create`) or a firmware image (`repack`): the output path must then hold the
/// complete old content or the complete new content (digests against a reference run),
/// never a mix; the next run must still succeed; the inputs never change. The delays come
/// from a seeded generator (seed printed; set HOSTILE_SEED to replay).
final class AtomicityTests: XCTestCase {
    /// SplitMix64 (TestSupport), seeded so a run can be replayed.
    typealias SplitMix = SplitMix64

    static let kills = 20

    /// Digest of a file, or of every file below a folder (names + contents), or "absent".
    static func state(_ path: String) throws -> String {
        var st = stat()
        guard lstat(path, &st) == 0 else { return "absent" }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            let d = try TestEnv.treeDigest(path)
            return "dir " + Hex.encode(Digest.sha256(Array(d.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)\n" }.joined().utf8)))
        }
        return "file " + Hex.encode(try Digest.hashFile(.sha256, path: path))
    }

    /// Makes `output` hold the "old" content.
    typealias Reset = (String) throws -> Void

    /// Runs `args` to completion once for the reference (timed), then `kills` times killed
    /// after a random delay in 0..<(1.5 x the reference duration, at least 300 ms), so kills
    /// land all through the run and some after it; checks the output after each kill and a
    /// final full run.
    func killLoop(_ name: String, args: [String], output: String, inputs: [String], sandbox: String,
                  reset: Reset) throws {
        let bin = try Hostile.binary()
        let seed = ProcessInfo.processInfo.environment["HOSTILE_SEED"].flatMap { UInt64($0) } ?? UInt64(UInt32(truncatingIfNeeded: time(nil)))
        print("AtomicityTests.\(name): seed \(seed) (HOSTILE_SEED=\(seed) replays)")
        var rng = SplitMix(state: seed)
        let inputsBefore = try inputs.map { try Self.state($0) }

        try reset(output)
        let old = try Self.state(output)
        var t0 = timespec(), t1 = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t0)
        let ref = try TestSupport.run(bin, args)
        clock_gettime(CLOCK_MONOTONIC, &t1)
        let refMs = UInt64(max(1, (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1_000_000))
        let maxDelayMs = max(300, refMs * 3 / 2)
        print("AtomicityTests.\(name): reference run \(refMs) ms, kill delays 0..<\(maxDelayMs) ms")
        XCTAssertEqual(ref.status, 0, "\(name) reference run: \(ref.err)")
        let new = try Self.state(output)
        XCTAssertNotEqual(old, new)
        let sandboxBefore = Set(try FS.list(sandbox))

        var sawOld = 0, sawNew = 0
        for i in 0 ..< Self.kills {
            try reset(output)
            let delay = rng.next() % maxDelayMs
            let p = Process()
            p.executableURL = URL(fileURLWithPath: bin)
            p.arguments = args
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            usleep(useconds_t(delay * 1000))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let now = try Self.state(output)
            XCTAssertTrue(now == old || now == new, "\(name) kill \(i) after \(delay) ms (seed \(seed)): output is neither old nor new")
            if now == old { sawOld += 1 } else if now == new { sawNew += 1 }
        }
        print("AtomicityTests.\(name): \(Self.kills) kills, \(sawOld) left the old content, \(sawNew) the new")
        let leftovers = Set(try FS.list(sandbox)).subtracting(sandboxBefore)
        if !leftovers.isEmpty { print("AtomicityTests.\(name): temporary leftovers after SIGKILL: \(leftovers.sorted())") }
        try reset(output)
        let final = try TestSupport.run(bin, args)
        XCTAssertEqual(final.status, 0, "\(name): the run after the kills failed: \(final.err)")
        XCTAssertEqual(try Self.state(output), new, "\(name): the run after the kills wrote different content")
        XCTAssertEqual(try inputs.map { try Self.state($0) }, inputsBefore, "\(name): an input changed")
    }

    func testRebaseOutputIsOldOrNew() throws {
        let base = TestEnv.tempDir("imagetool-atomic-rebase")
        defer { try? FileManager.default.removeItem(atPath: base) }
        let out = base + "/out"
        let feed = TestEnv.fixtures + "/feed", image = TestEnv.fixtures + "/image/imagetool-fixture-squashfs-sysupgrade.bin"
        try killLoop("rebase", args: ["rebase", feed, "--kernel", image, "-o", out, "--key", TestEnv.root + "/keys/demo.sec",
                                      "--config", TestEnv.fixtures + "/config/new.config"],
                     output: out, inputs: [feed, image], sandbox: base) { out in
            if FS.exists(out) { try FS.removeTree(out) }
            try FS.makeDirectories(out)
            try FS.writeAtomically(Array("Package: old\n".utf8), to: out + "/Packages")
        }
    }

    func testSquashCreateOutputIsOldOrNew() throws {
        let base = TestEnv.tempDir("imagetool-atomic-create")
        defer { try? FileManager.default.removeItem(atPath: base) }
        let src = base + "/src"
        try FS.makeDirectories(src + "/sub")
        var rng = SplitMix(state: 42)
        for i in 0 ..< 4 {  // incompressible data so writing takes a while
            var b = [UInt8](repeating: 0, count: 512 << 10)
            for j in stride(from: 0, to: b.count, by: 8) { withUnsafeBytes(of: rng.next()) { b.replaceSubrange(j ..< j + 8, with: $0) } }
            try FS.writeAtomically(b, to: src + "/sub/blob\(i)")
        }
        let out = base + "/out.sqfs"
        try killLoop("squash-create", args: ["squash", "create", src, "-o", out, "--comp", "gzip", "--mkfs-time", "0", "--all-time", "0"],
                     output: out, inputs: [src], sandbox: base) { out in
            try FS.writeAtomically(Array("old image\n".utf8), to: out)
        }
    }

    func testRepackOutputIsOldOrNew() throws {
        let base = TestEnv.tempDir("imagetool-atomic-repack")
        defer { try? FileManager.default.removeItem(atPath: base) }
        let u = base + "/u"
        let image = TestEnv.fixtures + "/image/imagetool-fixture-squashfs-sysupgrade.bin"
        let r = try Hostile.cli(["unpack", image, "-d", u])
        XCTAssertEqual(r.status, 0, r.err)
        let out = base + "/out.bin"
        try killLoop("repack", args: ["repack", u, "-o", out], output: out, inputs: [u, image], sandbox: base) { out in
            try FS.writeAtomically(Array("old firmware\n".utf8), to: out)
        }
    }
}
