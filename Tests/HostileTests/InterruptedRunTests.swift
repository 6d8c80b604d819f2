import BinaryIO
import Foundation
import Platform
import TestSupport
import XCTest

/// Runs that are interrupted or collide: a `rebase --batch` SIGKILLed part-way and run
/// again (finished jobs kept after verification, the others built, the report says which),
/// and two rebases writing the same output folder at once (one wins whole, the other fails
/// clearly naming the lock). Kill delays and start offsets are seeded (printed; FAULT_SEED
/// replays).
final class InterruptedRunTests: XCTestCase {
    static var feed: String { TestEnv.fixtures + "/feed" }
    static var image: String { TestEnv.fixtures + "/image/imagetool-fixture-squashfs-sysupgrade.bin" }
    static var demoSec: String { TestEnv.root + "/keys/demo.sec" }
    static var newConfig: String { TestEnv.fixtures + "/config/new.config" }

    static func milliseconds(_ body: () throws -> Void) rethrows -> UInt64 {
        var t0 = timespec(), t1 = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t0)
        try body()
        clock_gettime(CLOCK_MONOTONIC, &t1)
        return UInt64(max(1, (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1_000_000))
    }

    static func inode(_ path: String) -> UInt64? {
        var st = stat()
        return lstat(path, &st) == 0 ? UInt64(st.st_ino) : nil
    }

    /// The per-job "batch" field of a `rebase --batch --json` run.
    static func batchStates(_ r: RunResult) throws -> [String] {
        let jobs = try XCTUnwrap(try JSONSerialization.jsonObject(with: r.stdout) as? [[String: Any]], r.out)
        return jobs.map { $0["batch"] as? String ?? "?" }
    }

    func testKilledBatchKeepsFinishedJobs() throws {
        let bin = try Hostile.binary()
        let dir = TestEnv.tempDir("imagetool-fault-batch")
        defer { try? FS.removeTree(dir) }
        let jobs = 4
        let manifest = (0 ..< jobs).map { i in
            #"{"feed": "\#(Self.feed)", "images": ["\#(Self.image)"], "out": "o\#(i)", "config": "\#(Self.newConfig)", "feedURL": "http://mirror.example/\#(i)/"}"#
        }
        try FS.writeAtomically(Array(("[\n" + manifest.joined(separator: ",\n") + "\n]\n").utf8), to: dir + "/batch.json")
        let args = ["rebase", "--batch", dir + "/batch.json", "--key", Self.demoSec, "--json"]
        var rng = AtomicityTests.SplitMix(state: Faults.seed("InterruptedRunTests.batch"))

        var ref: RunResult? = nil
        let refMs = try Self.milliseconds { ref = try TestSupport.run(bin, args) }
        let first = try XCTUnwrap(ref)
        XCTAssertEqual(first.status, 0, first.err)
        XCTAssertEqual(try Self.batchStates(first), Array(repeating: "built", count: jobs))
        let want = try (0 ..< jobs).map { try Sandbox.listing(dir + "/o\($0)") }
        // Unchanged inputs and verified outputs: nothing to redo.
        let again = try TestSupport.run(bin, args)
        XCTAssertEqual(try Self.batchStates(again), Array(repeating: "kept", count: jobs))
        print("InterruptedRunTests: reference batch of \(jobs) jobs \(refMs) ms")

        var row = FaultRow(command: "rebase --batch", fault: "SIGKILL part-way, then re-run")
        var keptTotal = 0, builtTotal = 0
        for k in 0 ..< Faults.runs {
            for i in 0 ..< jobs { try FS.removeTree(dir + "/o\(i)") }
            let delay = refMs / 5 + rng.next() % max(1, refMs * 7 / 10)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: bin)
            p.arguments = args
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            usleep(useconds_t(delay * 1000))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            // Published folders are whole; remember them to see that they are kept as they are.
            var finished: [Int: (UInt64?, UInt64?)] = [:]
            for i in 0 ..< jobs where FS.exists(dir + "/o\(i)") {
                XCTAssertEqual(try Sandbox.listing(dir + "/o\(i)"), want[i], "kill \(k) after \(delay) ms: o\(i) is not whole")
                finished[i] = (Self.inode(dir + "/o\(i)"), Self.inode(dir + "/o\(i)/Packages"))
            }
            let r = try TestSupport.run(bin, args)
            row.runs += 1
            XCTAssertEqual(r.status, 0, r.err)
            let states = try Self.batchStates(r)
            let expected = (0 ..< jobs).map { finished[$0] == nil ? "built" : "kept" }
            XCTAssertEqual(states, expected, "kill \(k) after \(delay) ms: the re-run's report")
            var lost = false
            for i in 0 ..< jobs {
                let now = try Sandbox.listing(dir + "/o\(i)")
                if now != want[i] { lost = true }
                XCTAssertEqual(now, want[i], "kill \(k): o\(i) after the re-run")
                if let (d, f) = finished[i] {
                    XCTAssertEqual(Self.inode(dir + "/o\(i)"), d, "kill \(k): kept o\(i) was replaced")
                    XCTAssertEqual(Self.inode(dir + "/o\(i)/Packages"), f, "kill \(k): kept o\(i)/Packages was rewritten")
                }
            }
            // No temporary folder or lock file of the killed run is left once it is re-run.
            XCTAssertEqual(Set(try FS.list(dir)), Set(["batch.json"] + (0 ..< jobs).map { "o\($0)" }), "kill \(k): leftovers")
            keptTotal += finished.count
            builtTotal += jobs - finished.count
            if lost { row.lost += 1 } else { row.completed += 1 }
            print("InterruptedRunTests: kill \(k) after \(delay) ms: re-run kept \(finished.count), built \(jobs - finished.count)")
        }
        row.note = "\(keptTotal) finished jobs kept (verified, not redone), \(builtTotal) unfinished built; every output whole"
        print("InterruptedRunTests: \(row.runs) kills: \(keptTotal) jobs kept, \(builtTotal) built on re-run")

        // A finished output that no longer verifies is built again, the others kept.
        let ipk = try XCTUnwrap(try FS.list(dir + "/o2").first { $0.hasPrefix("kmod-imt-hello_") })
        var bytes = try FS.read(dir + "/o2/" + ipk)
        bytes[bytes.count / 2] ^= 0xff
        try FS.writeAtomically(bytes, to: dir + "/o2/" + ipk)
        let fixed = try TestSupport.run(bin, args)
        XCTAssertEqual(try Self.batchStates(fixed), (0 ..< jobs).map { $0 == 2 ? "built" : "kept" })
        XCTAssertEqual(try Sandbox.listing(dir + "/o2"), want[2])
        // The human report names both.
        let human = try TestSupport.run(bin, Array(args.dropLast()))
        XCTAssertTrue(human.out.contains("batch     \(jobs) job(s): 0 built, \(jobs) kept from an earlier run"), human.out)
        print("InterruptedRunTests: \(row)")
    }

    func testConcurrentRebasesOfOneOutput() throws {
        let bin = try Hostile.binary()
        let dir = TestEnv.tempDir("imagetool-fault-concurrent")
        defer { try? FS.removeTree(dir) }
        let out = dir + "/out"
        func args(_ url: String) -> [String] {
            ["rebase", Self.feed, "--kernel", Self.image, "-o", out, "--key", Self.demoSec, "--config", Self.newConfig, "--feed-url", url]
        }
        var refMs: UInt64 = 0
        var wants: [String: [String: String]] = [:]
        for url in ["http://a.example/", "http://b.example/"] {
            try FS.removeTree(out)
            refMs = try Self.milliseconds { XCTAssertEqual(try TestSupport.run(bin, args(url)).status, 0) }
            wants[url] = try Sandbox.listing(out)
        }
        XCTAssertNotEqual(wants["http://a.example/"], wants["http://b.example/"])
        var rng = AtomicityTests.SplitMix(state: Faults.seed("InterruptedRunTests.concurrent"))
        var row = FaultRow(command: "rebase x2, same output", fault: "concurrent runs")
        var refusals = 0
        for k in 0 ..< Faults.runs {
            if k % 2 == 1 { try FS.removeTree(out) }  // over an earlier output, and into a new one
            let offset = rng.next() % max(1, refMs / 3)
            let errs = [dir + "/a.err", dir + "/b.err"]
            var procs: [Process] = []
            for (i, url) in ["http://a.example/", "http://b.example/"].enumerated() {
                if i == 1 { usleep(useconds_t(offset * 1000)) }
                let p = Process()
                p.executableURL = URL(fileURLWithPath: bin)
                p.arguments = args(url)
                p.standardOutput = FileHandle.nullDevice
                FileManager.default.createFile(atPath: errs[i], contents: nil)
                p.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errs[i]))
                try p.run()
                procs.append(p)
            }
            for p in procs { p.waitUntilExit() }
            let statuses = procs.map(\.terminationStatus)
            let texts = try errs.map { try String(contentsOfFile: $0, encoding: .utf8) }
            row.runs += 1
            XCTAssertTrue(statuses.contains(0), "round \(k): neither run succeeded: \(texts)")
            for (i, s) in statuses.enumerated() where s != 0 {
                refusals += 1
                XCTAssertEqual(s, 1, texts[i])
                XCTAssertEqual(texts[i].split(separator: "\n").count, 1, texts[i])
                XCTAssertTrue(texts[i].hasPrefix("imagetool: \(out): lock output: another imagetool run is writing this output"), texts[i])
            }
            let now = try Sandbox.listing(out)
            let whole = now == wants["http://a.example/"] || now == wants["http://b.example/"]
            XCTAssertTrue(whole, "round \(k) (offset \(offset) ms): the output is neither run's whole output")
            XCTAssertEqual(Set(try FS.list(dir)).subtracting(["a.err", "b.err"]), ["out"], "round \(k): leftovers beside the output")
            if whole { row.failedCleanly += statuses.contains { $0 != 0 } ? 1 : 0; row.completed += statuses.allSatisfy { $0 == 0 } ? 1 : 0 } else { row.lost += 1 }
            print("InterruptedRunTests: round \(k), second run \(offset) ms later: exits \(statuses)")
        }
        XCTAssertGreaterThan(refusals, 0, "the two runs never overlapped")
        row.note = "\(refusals) second runs refused (lock held, 1 line, exit 1), \(row.completed) rounds ran one after the other; the folder always one run's whole output"
        print("InterruptedRunTests: \(row)")
    }
}
