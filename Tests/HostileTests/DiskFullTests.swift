import BinaryIO
import Foundation
import Platform
import TestSupport
import XCTest

/// Every writing command run with its output on a file system that fills part-way (a small
/// tmpfs, see `SmallFS`; `prlimit --fsize` where mounting is refused). For each command the
/// old content of the output folder is made first (an earlier rebase's feed, an existing
/// image, an existing key pair ...), a reference run measures the space the new output
/// needs, and then `Faults.runs` runs each get a seeded share of that space (spread over
/// 0 ..< need, so the disk fills at different points of the run). Every such run must fail
/// with exit 1 and one error line naming a file and saying "No space left on device", and
/// leave the output folder exactly as before: the old output untouched, no temporary file
/// beside it. A final run with space must then write the reference output; the inputs
/// never change.
final class DiskFullTests: XCTestCase {
    static var feed: String { TestEnv.fixtures + "/feed" }
    static var image: String { TestEnv.fixtures + "/image/imagetool-fixture-squashfs-sysupgrade.bin" }
    static var sqfs: String { TestEnv.fixtures + "/image/root.squashfs" }
    static var demoSec: String { TestEnv.root + "/keys/demo.sec" }
    static var newConfig: String { TestEnv.fixtures + "/config/new.config" }
    static var apkKey: String { TestEnv.fixtures + "/apk-era/keys/fixture.pem" }
    static var apkRootfs: String { TestEnv.fixtures + "/apk-era/rootfs.sqfs" }
    static var apkInstalled: String { TestEnv.fixtures + "/apk-era/rootfs/lib/apk/db/installed" }

    /// One command under test.
    struct Case {
        var name: String
        /// The arguments, given the output folder `work`.
        var args: (String) -> [String]
        /// Files and folders the command reads; they must never change.
        var inputs: [String]
        /// Makes the old content of `work` (runs before the reference run).
        var old: (String) throws -> Void
        /// False when two runs write different bytes (fresh keys, ECDSA signatures): then
        /// outputs are compared by names and types only.
        var deterministic = true
    }

    nonisolated(unsafe) static var rows: [FaultRow] = []

    override class func tearDown() {
        if !rows.isEmpty {
            print("DiskFullTests: | command | fault | seeded runs | outcome | lost |")
            for r in rows { print("DiskFullTests: \(r)") }
        }
        super.tearDown()
    }

    func cli(_ args: [String]) throws {
        let r = try Hostile.cli(args)
        guard r.status == 0 else { throw FormatError(.io, context: "set-up: imagetool \(args.joined(separator: " "))", r.err) }
    }

    /// The comparable state of `work`: every entry with type and content digest, or only the
    /// entries and types for non-deterministic outputs.
    static func listing(_ work: String, deterministic: Bool) throws -> [String: String] {
        let l = try Sandbox.listing(work)
        return deterministic ? l : l.mapValues { String($0.prefix(4)) }
    }

    func diskFull(_ c: Case, size: UInt64 = 48 << 20) throws {
        let bin = try Hostile.binary()
        let fs = try SmallFS(tag: c.name.replacingOccurrences(of: " ", with: "-"), size: size)
        defer { fs.remove() }
        let stage = TestEnv.tempDir("imagetool-fault-stage")
        defer { try? FS.removeTree(stage) }
        var rng = AtomicityTests.SplitMix(state: Faults.seed("DiskFullTests.\(c.name)"))
        let inputsBefore = try c.inputs.map { try AtomicityTests.state($0) }

        try c.old(fs.work)
        try Faults.copyTree(fs.work, into: stage)
        let old = try Self.listing(fs.work, deterministic: true)
        let oldInodes = Set(Faults.inodes(fs.work).keys)

        let ref = try TestSupport.run(bin, c.args(fs.work))
        XCTAssertEqual(ref.status, 0, "\(c.name) reference run: \(ref.err)")
        guard ref.status == 0 else { return }
        let new = try Self.listing(fs.work, deterministic: c.deterministic)
        XCTAssertNotEqual(try Self.listing(fs.work, deterministic: true), old, "\(c.name): the reference run changed nothing")
        // Space the new output needs beside the old one: its files that are not the old ones
        // (a rerun may hard-link files it would write identically).
        let need: UInt64 = fs.mode == .tmpfs
            ? Faults.inodes(fs.work).filter { !oldInodes.contains($0.key) }.values.reduce(0, +)
            : Faults.largestNew(fs.work, old: oldInodes)
        XCTAssertGreaterThan(need, 0, "\(c.name): the reference run wrote nothing")
        print("DiskFullTests.\(c.name): \(fs.mode.rawValue), the new output needs \(need) bytes")

        var row = FaultRow(command: c.name, fault: "disk full (\(fs.mode.rawValue))")
        let runs = Faults.runs
        for i in 0 ..< runs {
            try fs.clearWork()
            try Faults.copyTree(stage, into: fs.work)
            let slice = max(1, need / UInt64(runs))
            let left = min(need - 1, slice * UInt64(i) + rng.next() % slice)
            try fs.fill(leaving: left)
            let (exe, args) = fs.command(bin, c.args(fs.work), limit: left)
            let r = try TestSupport.run(exe, args)
            fs.clearFiller()
            row.runs += 1
            let now = try Self.listing(fs.work, deterministic: true)
            let what = "\(c.name) run \(i) with \(left) of \(need) bytes"
            if r.status == 0 {
                // Possible when a writer frees old files as it goes: then it must be complete.
                row.completed += 1
                if try Self.listing(fs.work, deterministic: c.deterministic) != new {
                    row.lost += 1
                    XCTFail("\(what): completed, but the output is not the reference output")
                }
                continue
            }
            let lines = r.err.split(separator: "\n")
            XCTAssertEqual(r.status, 1, "\(what): \(r.err)")
            XCTAssertEqual(lines.count, 1, "\(what): one error line: \(r.err)")
            XCTAssertTrue(r.err.hasPrefix("imagetool: /"), "\(what): the error names a file: \(r.err)")
            XCTAssertTrue(r.err.contains(fs.errorText), "\(what): \(r.err)")
            if i == 0 { print("DiskFullTests.\(c.name): \(r.err.trimmingCharacters(in: .whitespacesAndNewlines))") }
            if now == old {
                if r.status == 1 && lines.count == 1 { row.failedCleanly += 1 }
            } else {
                row.lost += 1
                let changed = Set(now.keys).union(old.keys).filter { now[$0] != old[$0] }.sorted()
                XCTFail("\(what): the output folder changed: \(changed.prefix(8)) (\(r.err))")
            }
        }
        XCTAssertGreaterThan(row.failedCleanly, 0, "\(c.name): no run hit the full disk")
        try fs.clearWork()
        try Faults.copyTree(stage, into: fs.work)
        let final = try TestSupport.run(bin, c.args(fs.work))
        XCTAssertEqual(final.status, 0, "\(c.name): the run with space failed: \(final.err)")
        XCTAssertEqual(try Self.listing(fs.work, deterministic: c.deterministic), new, "\(c.name): the run with space wrote something else")
        XCTAssertEqual(try c.inputs.map { try AtomicityTests.state($0) }, inputsBefore, "\(c.name): an input changed")
        print("DiskFullTests: \(row)")
        Self.rows.append(row)
    }

    // MARK: opkg feeds

    func testRebaseOverAnEarlierRebase() throws {
        try diskFull(Case(name: "rebase", args: { w in
            ["rebase", Self.feed, "--kernel", Self.image, "-o", w + "/feed", "--key", Self.demoSec, "--config", Self.newConfig]
        }, inputs: [Self.feed, Self.image], old: { w in
            try self.cli(["rebase", Self.feed, "--kernel", Self.image, "-o", w + "/feed", "--key", Self.demoSec,
                          "--config", Self.newConfig, "--feed-url", "http://old.example/feed"])
        }))
    }

    func testRebaseIntoNewFolders() throws {
        // Nothing before: a failed run must also remove the parent folders it created.
        try diskFull(Case(name: "rebase (new folder)", args: { w in
            ["rebase", Self.feed, "--kernel", Self.image, "-o", w + "/a/b/feed", "--key", Self.demoSec, "--config", Self.newConfig]
        }, inputs: [Self.feed, Self.image], old: { _ in }))
    }

    func testFeedIndexSign() throws {
        try diskFull(Case(name: "feed index --sign", args: { w in ["feed", "index", w + "/feed", "--sign", Self.demoSec] },
                          inputs: [Self.feed], old: { w in
            // An older index: made before one package was added.
            try Faults.copyTree(Self.feed, into: w + "/feed")
            let late = try XCTUnwrap(try FS.list(w + "/feed").first { $0.hasPrefix("kmod-imt-user_") })
            try FS.removeTree(w + "/feed/" + late)
            try self.cli(["feed", "index", w + "/feed", "--sign", Self.demoSec])
            try FS.writeAtomically(try FS.read(Self.feed + "/" + late), to: w + "/feed/" + late)
        }))
    }

    func testFeedIndexFirstIndex() throws {
        // A feed folder without an index yet: a failed run must not leave part of one.
        try diskFull(Case(name: "feed index --sign (first index)", args: { w in ["feed", "index", w + "/feed", "--sign", Self.demoSec] },
                          inputs: [Self.feed], old: { w in
            try FS.makeDirectories(w + "/feed")
            for f in try FS.list(Self.feed) where f.hasSuffix(".ipk") {
                try FS.writeAtomically(try FS.read(Self.feed + "/" + f), to: w + "/feed/" + f)
            }
        }))
    }

    // MARK: firmware images

    func testInstall() throws {
        let base = TestEnv.tempDir("imagetool-fault-install")
        defer { try? FS.removeTree(base) }
        try cli(["rebase", Self.feed, "--kernel", Self.image, "-o", base + "/rebased", "--key", Self.demoSec, "--config", Self.newConfig])
        let ipk = base + "/rebased/" + (try XCTUnwrap(try FS.list(base + "/rebased").first { $0.hasPrefix("kmod-imt-hello_") }))
        try diskFull(Case(name: "install", args: { w in ["install", Self.image, ipk, "-o", w + "/out.bin"] },
                          inputs: [Self.image, base + "/rebased"], old: { w in
            try FS.writeAtomically(try FS.read(Self.image), to: w + "/out.bin")
        }))
    }

    func testRepack() throws {
        let base = TestEnv.tempDir("imagetool-fault-repack")
        defer { try? FS.removeTree(base) }
        try cli(["unpack", Self.image, "-d", base + "/u"])
        try diskFull(Case(name: "repack", args: { w in ["repack", base + "/u", "-o", w + "/out.bin"] },
                          inputs: [Self.image, base + "/u"], old: { w in
            try FS.writeAtomically(try FS.read(Self.sqfs), to: w + "/out.bin")  // an existing, other image
        }))
    }

    func testUnpack() throws {
        try diskFull(Case(name: "unpack", args: { w in ["unpack", Self.image, "-d", w + "/u", "--force"] }, inputs: [Self.image], old: { w in
            try self.cli(["unpack", Self.image, "-d", w + "/u", "--no-tree"])
        }))
    }

    // MARK: squashfs

    /// A source tree with incompressible blobs (so data blocks are written) and small files.
    static func sourceTree(_ dir: String) throws {
        var rng = AtomicityTests.SplitMix(state: 7)
        try FS.makeDirectories(dir + "/sub/deeper")
        for i in 0 ..< 3 {
            var b = [UInt8](repeating: 0, count: 96 << 10)
            for j in stride(from: 0, to: b.count, by: 8) { withUnsafeBytes(of: rng.next()) { b.replaceSubrange(j ..< j + 8, with: $0) } }
            try FS.writeAtomically(b, to: dir + "/sub/blob\(i)")
        }
        for i in 0 ..< 20 { try FS.writeAtomically(Array("small file \(i)\n".utf8), to: dir + "/sub/deeper/f\(i)") }
    }

    func testSquashCreate() throws {
        let base = TestEnv.tempDir("imagetool-fault-create")
        defer { try? FS.removeTree(base) }
        try Self.sourceTree(base + "/src")
        try diskFull(Case(name: "squash create", args: { w in
            ["squash", "create", base + "/src", "-o", w + "/out.sqfs", "--comp", "gzip", "--mkfs-time", "0", "--all-time", "0"]
        }, inputs: [base + "/src"], old: { w in
            try FS.writeAtomically(try FS.read(Self.sqfs), to: w + "/out.sqfs")
        }))
    }

    func testSquashAddRemove() throws {
        let base = TestEnv.tempDir("imagetool-fault-add")
        defer { try? FS.removeTree(base) }
        try Self.sourceTree(base + "/src")
        let blob = base + "/src/sub/blob0"
        try diskFull(Case(name: "squash add", args: { w in
            ["squash", "add", Self.sqfs, "lib/modules/extra/blob=" + blob, "-o", w + "/out.sqfs"]
        }, inputs: [Self.sqfs, blob], old: { w in
            try FS.writeAtomically(try FS.read(Self.sqfs), to: w + "/out.sqfs")
        }))
        try cli(["squash", "add", Self.sqfs, "lib/modules/extra/blob=" + blob, "-o", base + "/added.sqfs"])
        try diskFull(Case(name: "squash remove", args: { w in
            ["squash", "remove", base + "/added.sqfs", "/lib", "-o", w + "/out.sqfs"]
        }, inputs: [base + "/added.sqfs"], old: { w in
            try FS.writeAtomically(try FS.read(base + "/added.sqfs"), to: w + "/out.sqfs")
        }))
    }

    func testSquashExtract() throws {
        let base = TestEnv.tempDir("imagetool-fault-extract")
        defer { try? FS.removeTree(base) }
        try Self.sourceTree(base + "/src")
        try cli(["squash", "create", base + "/src", "-o", base + "/src.sqfs", "--comp", "gzip", "--mkfs-time", "0", "--all-time", "0"])
        try diskFull(Case(name: "squash extract", args: { w in ["squash", "extract", base + "/src.sqfs", "-d", w + "/x"] },
                          inputs: [base + "/src.sqfs"], old: { w in
            // extract refuses a non-empty folder: the old content is an earlier extraction beside it.
            try self.cli(["squash", "extract", Self.sqfs, "-d", w + "/y"])
        }))
    }

    // MARK: keys

    func testKeyGenerate() throws {
        for ecdsa in [false, true] {
            let flag = ecdsa ? ["--ecdsa"] : []
            let name = ecdsa ? "key generate --ecdsa" : "key generate"
            // Over an existing pair (--force), and a first pair: never a secret key alone.
            try diskFull(Case(name: name + " --force", args: { w in
                ["key", "generate", "--secret", w + "/k.sec", "--public", w + "/k.pub", "--force"] + flag
            }, inputs: [], old: { w in
                try self.cli(["key", "generate", "--secret", w + "/k.sec", "--public", w + "/k.pub"] + flag)
            }, deterministic: false))
            try diskFull(Case(name: name, args: { w in
                ["key", "generate", "--secret", w + "/k.sec", "--public", w + "/k.pub"] + flag
            }, inputs: [], old: { _ in }, deterministic: false))
        }
    }

    // MARK: apk feeds (real data)

    static func apkFeed(_ name: String) throws -> String {
        guard let rd = TestEnv.realdata, FS.isDirectory(rd + "/" + name) else {
            throw XCTSkip("../shared/realdata/\(name) is absent: the apk disk-full cases need it")
        }
        return rd + "/" + name
    }

    func testApkRebase() throws {
        let feed = try Self.apkFeed("sora-shao__openwrt-kmods")
        try diskFull(Case(name: "apk rebase", args: { w in
            ["apk", "rebase", feed, "-o", w + "/out", "--installed", Self.apkInstalled, "--key", Self.apkKey]
        }, inputs: [feed], old: { w in
            try self.cli(["apk", "rebase", feed, "-o", w + "/out", "--installed", Self.apkInstalled])  // unsigned
        }, deterministic: false))
        try diskFull(Case(name: "rebase (apk feed)", args: { w in
            ["rebase", feed, "--kernel", Self.apkRootfs, "-o", w + "/out", "--key", Self.apkKey, "--force"]
        }, inputs: [feed, Self.apkRootfs], old: { w in
            try self.cli(["apk", "rebase", feed, "-o", w + "/out", "--installed", Self.apkInstalled])
        }, deterministic: false))
    }

    func testApkIndex() throws {
        let feed = try Self.apkFeed("stangri__apk.openwrt.melmac.ca")
        try diskFull(Case(name: "apk index", args: { w in ["apk", "index", w + "/feed", "--sign", Self.apkKey] }, inputs: [feed], old: { w in
            try FS.makeDirectories(w + "/feed")
            for f in try FS.list(feed) where f.hasSuffix(".apk") {
                try FS.writeAtomically(try FS.read(feed + "/" + f), to: w + "/feed/" + f)
            }
            try self.cli(["apk", "index", w + "/feed"])  // unsigned
        }, deterministic: false))
    }

    func testInstallApkEra() throws {
        let feed = try Self.apkFeed("sora-shao__openwrt-kmods")
        let base = TestEnv.tempDir("imagetool-fault-install-apk")
        defer { try? FS.removeTree(base) }
        try cli(["apk", "rebase", feed, "-o", base + "/feed", "--installed", Self.apkInstalled, "--key", Self.apkKey])
        let pkg = base + "/feed/kmod-tun-6.12.74-r1.apk"
        try diskFull(Case(name: "install (apk rootfs)", args: { w in ["install", Self.apkRootfs, pkg, "-o", w + "/new.sqfs"] },
                          inputs: [Self.apkRootfs, base + "/feed"], old: { w in
            try FS.writeAtomically(try FS.read(Self.apkRootfs), to: w + "/new.sqfs")
        }))
    }
}
