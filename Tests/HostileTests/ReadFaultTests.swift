import BinaryIO
import Foundation
import Platform
import TestSupport
import XCTest

/// Inputs that fail while they are read: a FIFO whose writer sends a little and closes, a
/// file truncated part-way through the run, a source folder that disappears part-way. Each
/// run must end with exit 1 and one error line and publish nothing — or, when the fault
/// came too late to matter, succeed with exactly the reference output. Never a crash, a
/// hang or a partial output. Fault delays are seeded (printed; FAULT_SEED replays).
final class ReadFaultTests: XCTestCase {
    static var feed: String { TestEnv.fixtures + "/feed" }
    static var image: String { TestEnv.fixtures + "/image/imagetool-fixture-squashfs-sysupgrade.bin" }
    static var sqfs: String { TestEnv.fixtures + "/image/root.squashfs" }
    static var demoSec: String { TestEnv.root + "/keys/demo.sec" }
    static var newConfig: String { TestEnv.fixtures + "/config/new.config" }

    /// Starts the CLI with stderr in `errFile`, under `timeout` so a hang fails the test.
    static func start(_ args: [String], errFile: String) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        p.arguments = ["--signal=KILL", "60", try Hostile.binary()] + args
        p.standardOutput = FileHandle.nullDevice
        FileManager.default.createFile(atPath: errFile, contents: nil)
        p.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errFile))
        try p.run()
        return p
    }

    /// Checks one faulty run: a clean failure that published nothing, or a success with one
    /// of the `acceptable` output states. Returns true for a clean failure.
    @discardableResult
    func check(_ p: Process, errFile: String, output: String, acceptable: [String], _ what: String,
               file: StaticString = #filePath, line: UInt = #line) throws -> Bool {
        let err = (try? String(contentsOfFile: errFile, encoding: .utf8)) ?? ""
        XCTAssertEqual(p.terminationReason, .exit, "\(what): killed by a signal", file: file, line: line)
        XCTAssertNotEqual(p.terminationStatus, 137, "\(what): hung (killed by timeout)", file: file, line: line)
        let state = try AtomicityTests.state(output)
        if p.terminationStatus == 0 {
            XCTAssertTrue(acceptable.contains(state), "\(what): succeeded with an output that is not a reference output", file: file, line: line)
            return false
        }
        XCTAssertEqual(p.terminationStatus, 1, "\(what): \(err)", file: file, line: line)
        XCTAssertEqual(err.split(separator: "\n").count, 1, "\(what): one error line: \(err)", file: file, line: line)
        XCTAssertTrue(err.hasPrefix("imagetool: "), "\(what): \(err)", file: file, line: line)
        XCTAssertEqual(state, "absent", "\(what): something was published: \(err)", file: file, line: line)
        return true
    }

    /// Each command reads an input that is a FIFO: a writer sends the first 4 KiB of the real
    /// file and closes it. Refused as not a regular file; one with no writer at all, which
    /// would block a plain open forever, is refused the same way.
    func testFIFOClosingEarly() throws {
        let base = TestEnv.tempDir("imagetool-fault-fifo")
        defer { try? FS.removeTree(base) }
        try FS.makeDirectories(base + "/w")
        let fifo = base + "/in.fifo"
        // A feed without an index, so that nothing may appear in it.
        try FS.makeDirectories(base + "/feed")
        for f in try FS.list(Self.feed) where f.hasSuffix(".ipk") {
            try FS.writeAtomically(try FS.read(Self.feed + "/" + f), to: base + "/feed/" + f)
        }
        let feedBefore = try AtomicityTests.state(base + "/feed")
        let cases: [(String, String, [String], String)] = [
            ("squash extract", Self.sqfs, ["squash", "extract", fifo, "-d", base + "/w/x"], base + "/w/x"),
            ("squash add", Self.sqfs, ["squash", "add", fifo, "a=" + Self.sqfs, "-o", base + "/w/o.sqfs"], base + "/w/o.sqfs"),
            ("unpack", Self.image, ["unpack", fifo, "-d", base + "/w/u"], base + "/w/u"),
            ("install", Self.image, ["install", fifo, Self.feed + "/Packages", "-o", base + "/w/o.bin"], base + "/w/o.bin"),
            ("rebase", Self.image, ["rebase", Self.feed, "--kernel", fifo, "-o", base + "/w/feed", "--key", Self.demoSec], base + "/w/feed"),
            ("feed index --sign", Self.demoSec, ["feed", "index", base + "/feed", "--sign", fifo], base + "/feed/Packages"),
        ]
        var row = FaultRow(command: cases.map(\.0).joined(separator: ", "), fault: "input is a FIFO (a writer sends 4 KiB and closes; or no writer)")
        for (name, source, args, output) in cases {
            unlink(fifo)
            XCTAssertEqual(mkfifo(fifo, 0o600), 0)
            let writer = Process()
            writer.executableURL = URL(fileURLWithPath: "/bin/sh")
            writer.arguments = ["-c", "head -c 4096 \"$1\" > \"$2\"", "writer", source, fifo]
            try writer.run()
            let p = try Self.start(args, errFile: base + "/err")
            p.waitUntilExit()
            if writer.isRunning {  // the command never opened the FIFO: release the writer
                let fd = open(fifo, O_RDONLY | O_NONBLOCK)
                if fd >= 0 { close(fd) }
            }
            writer.waitUntilExit()
            row.runs += 1
            let err = (try? String(contentsOfFile: base + "/err", encoding: .utf8)) ?? ""
            print("ReadFaultTests.fifo \(name): exit \(p.terminationStatus): \(err.trimmingCharacters(in: .whitespacesAndNewlines))")
            if try check(p, errFile: base + "/err", output: output, acceptable: [], "FIFO \(name)") { row.failedCleanly += 1 }
            XCTAssertTrue(err.contains("\(fifo): open: not a regular file"), "FIFO \(name): \(err)")
            XCTAssertEqual(try FS.list(base + "/w"), [], "FIFO \(name): leftovers")
        }
        XCTAssertEqual(try AtomicityTests.state(base + "/feed"), feedBefore, "feed index changed the feed")
        // No writer: the open must not wait.
        unlink(fifo)
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let p = try Self.start(["squash", "extract", fifo, "-d", base + "/w/x"], errFile: base + "/err")
        p.waitUntilExit()
        row.runs += 1
        if try check(p, errFile: base + "/err", output: base + "/w/x", acceptable: [], "FIFO without writer") { row.failedCleanly += 1 }
        let err = (try? String(contentsOfFile: base + "/err", encoding: .utf8)) ?? ""
        XCTAssertTrue(err.contains("not a regular file"), err)
        print("ReadFaultTests: \(row)")
    }

    /// A large squashfs image (incompressible blobs) truncated to a third while `squash
    /// extract` and `squash add` read it.
    func testImageTruncatedWhileRead() throws {
        let bin = try Hostile.binary()
        let base = TestEnv.tempDir("imagetool-fault-truncate")
        defer { try? FS.removeTree(base) }
        var rng = AtomicityTests.SplitMix(state: Faults.seed("ReadFaultTests.truncate"))
        var data = AtomicityTests.SplitMix(state: 11)
        try FS.makeDirectories(base + "/src/d")
        for i in 0 ..< 24 {
            var b = [UInt8](repeating: 0, count: 256 << 10)
            for j in stride(from: 0, to: b.count, by: 8) { withUnsafeBytes(of: data.next()) { b.replaceSubrange(j ..< j + 8, with: $0) } }
            try FS.writeAtomically(b, to: base + "/src/d/blob\(i)")
        }
        let pristine = base + "/pristine.sqfs", input = base + "/in.sqfs"
        XCTAssertEqual(try TestSupport.run(bin, ["squash", "create", base + "/src", "-o", pristine, "--comp", "gzip",
                                                 "--mkfs-time", "0", "--all-time", "0"]).status, 0)
        let size = try FS.size(pristine)
        try FS.makeDirectories(base + "/w")
        let cases: [(String, [String], String)] = [
            ("squash extract", ["squash", "extract", input, "-d", base + "/w/x"], base + "/w/x"),
            ("squash add", ["squash", "add", input, "extra=" + Self.sqfs, "-o", base + "/w/o.sqfs"], base + "/w/o.sqfs"),
            ("squash tar", ["squash", "tar", input, "-o", base + "/w/o.tar"], base + "/w/o.tar"),
        ]
        for (name, args, output) in cases {
            try FS.removeTree(base + "/w")
            try FS.makeDirectories(base + "/w")
            try FS.writeAtomically(try FS.read(pristine), to: input)
            var ref: RunResult? = nil
            let refMs = try InterruptedRunTests.milliseconds { ref = try TestSupport.run(bin, args) }
            XCTAssertEqual(ref?.status, 0, "\(name) reference: \(ref?.err ?? "")")
            let want = try AtomicityTests.state(output)
            var row = FaultRow(command: name, fault: "input truncated to 1/3 while read")
            for i in 0 ..< Faults.runs {
                try FS.removeTree(output)
                try FS.writeAtomically(try FS.read(pristine), to: input)
                let delay = rng.next() % max(1, refMs)
                let p = try Self.start(args, errFile: base + "/err")
                usleep(useconds_t(delay * 1000))
                XCTAssertEqual(truncate(input, off_t(size / 3)), 0)
                p.waitUntilExit()
                row.runs += 1
                if i == 0 || p.terminationStatus != 0 {
                    let err = (try? String(contentsOfFile: base + "/err", encoding: .utf8)) ?? ""
                    print("ReadFaultTests.truncate \(name) after \(delay) ms: exit \(p.terminationStatus) \(err.trimmingCharacters(in: .whitespacesAndNewlines))")
                }
                if try check(p, errFile: base + "/err", output: output, acceptable: [want], "\(name) truncated after \(delay) ms") {
                    row.failedCleanly += 1
                } else { row.completed += 1 }
                XCTAssertEqual(Set(try FS.list(base + "/w")).subtracting([FS.basename(of: output)]), [], "\(name): leftovers")
            }
            print("ReadFaultTests: \(row)")
        }
    }

    /// `squash create` whose source folder loses a sub-folder part-way; `rebase` whose
    /// input feed folder disappears part-way.
    func testSourceFolderDisappears() throws {
        let bin = try Hostile.binary()
        let base = TestEnv.tempDir("imagetool-fault-vanish")
        defer { try? FS.removeTree(base) }
        var rng = AtomicityTests.SplitMix(state: Faults.seed("ReadFaultTests.vanish"))
        let pristine = base + "/pristine"
        var data = AtomicityTests.SplitMix(state: 13)
        for d in 0 ..< 4 {
            try FS.makeDirectories(pristine + "/d\(d)")
            for i in 0 ..< 6 {
                var b = [UInt8](repeating: 0, count: 128 << 10)
                for j in stride(from: 0, to: b.count, by: 8) { withUnsafeBytes(of: data.next()) { b.replaceSubrange(j ..< j + 8, with: $0) } }
                try FS.writeAtomically(b, to: pristine + "/d\(d)/f\(i)")
            }
        }
        try FS.makeDirectories(base + "/w")
        let src = base + "/src", out = base + "/w/o.sqfs"
        let args = ["squash", "create", src, "-o", out, "--comp", "gzip", "--mkfs-time", "0", "--all-time", "0"]
        // References: the whole tree, and the tree without the folder (removed before the run read it).
        var wants: [String] = []
        for without in [false, true] {
            try FS.removeTree(src); try Faults.copyTree(pristine, into: src)
            if without { try FS.removeTree(src + "/d3") }
            XCTAssertEqual(try TestSupport.run(bin, args).status, 0)
            wants.append(try AtomicityTests.state(out))
        }
        try race("squash create", args: args, output: out, outputDir: base + "/w", errFile: base + "/err",
                 fault: "source sub-folder removed while read", acceptable: wants, rng: &rng,
                 restore: { try FS.removeTree(src); try Faults.copyTree(pristine, into: src) },
                 inject: { try FS.removeTree(src + "/d3") })

        // rebase whose input feed folder disappears (renamed away) part-way.
        let feed = base + "/feed", feedOut = base + "/w2/feed"
        try FS.makeDirectories(base + "/w2")
        let rebase = ["rebase", feed, "--kernel", Self.image, "-o", feedOut, "--key", Self.demoSec, "--config", Self.newConfig,
                      "--feed-url", "http://mirror.example/"]
        try Faults.copyTree(Self.feed, into: feed)
        XCTAssertEqual(try TestSupport.run(bin, rebase).status, 0)
        let want = try AtomicityTests.state(feedOut)
        try race("rebase", args: rebase, output: feedOut, outputDir: base + "/w2", errFile: base + "/err",
                 fault: "input feed folder removed while read", acceptable: [want], rng: &rng,
                 restore: { try FS.removeTree(base + "/gone"); if !FS.exists(feed) { try Faults.copyTree(Self.feed, into: feed) } },
                 inject: { _ = rename(feed, base + "/gone") })
    }

    /// Runs `args` `Faults.runs` times, each time calling `inject` after a seeded delay
    /// within the reference run's duration; checks each outcome with `check`.
    func race(_ name: String, args: [String], output: String, outputDir: String, errFile: String, fault: String,
              acceptable: [String], rng: inout AtomicityTests.SplitMix, restore: () throws -> Void,
              inject: () throws -> Void) throws {
        try restore()
        try FS.removeTree(output)
        let refMs = try InterruptedRunTests.milliseconds { _ = try TestSupport.run(try Hostile.binary(), args) }
        var row = FaultRow(command: name, fault: fault)
        for _ in 0 ..< Faults.runs {
            try FS.removeTree(output)
            try restore()
            let delay = rng.next() % max(1, refMs)
            let p = try Self.start(args, errFile: errFile)
            usleep(useconds_t(delay * 1000))
            try inject()
            p.waitUntilExit()
            row.runs += 1
            let err = (try? String(contentsOfFile: errFile, encoding: .utf8)) ?? ""
            print("ReadFaultTests.\(name) after \(delay) ms: exit \(p.terminationStatus) \(err.trimmingCharacters(in: .whitespacesAndNewlines))")
            if try check(p, errFile: errFile, output: output, acceptable: acceptable, "\(name), \(fault) after \(delay) ms") {
                row.failedCleanly += 1
            } else { row.completed += 1 }
            XCTAssertEqual(Set(try FS.list(outputDir)).subtracting([FS.basename(of: output)]), [], "\(name): leftovers")
        }
        print("ReadFaultTests: \(row)")
    }
}
