import BinaryIO
import Foundation
import TestSupport
import XCTest

/// The progress bar (issue 18 §1) through the real CLI: in a pseudo-terminal made by
/// script(1) (util-linux) the bar appears on squash extract, squash create, rebase and
/// install and ends cleanly (its last frame is followed by a newline, nothing after it is
/// a bar byte); piped, or with --quiet, --json or --no-progress, neither stream holds a
/// carriage return or an escape sequence; --progress forces the bar onto a pipe.
final class ProgressCLITests: XCTestCase {
    var tmp = ""
    let image = TestEnv.fixtures + "/" + (TestEnv.fixtureFacts["IMAGE"] ?? "image/imagetool-fixture-squashfs-sysupgrade.bin")
    let squash = TestEnv.fixtures + "/image/root.squashfs"
    let feed = TestEnv.fixtures + "/feed"
    let key = TestEnv.root + "/keys/demo.sec"
    let newConfig = TestEnv.fixtures + "/config/new.config"

    override func setUp() { tmp = TestEnv.tempDir("progress") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: tmp) }

    /// The four long-running commands, each writing into a fresh place under `tmp/tag`.
    func commands(_ tag: String) throws -> [(label: String, args: [String])] {
        let d = tmp + "/" + tag
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        // A kmod the image's kernel accepts: the feed rebased onto the image.
        let rebased = tmp + "/rebased"
        if !FileManager.default.fileExists(atPath: rebased) {
            let r = try TestEnv.imagetool(["rebase", feed, "--kernel", image, "-o", rebased, "--key", key, "--config", newConfig, "-q"])
            XCTAssertEqual(r.status, 0, r.err)
        }
        let kmod = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: rebased).first { $0.hasPrefix("kmod-imt-extra_") })
        return [
            ("extract to x", ["squash", "extract", squash, "-d", d + "/x"]),
            ("write new.sqfs", ["squash", "create", TestEnv.fixtures + "/src", "-o", d + "/new.sqfs", "--mkfs-time", "1700000000"]),
            ("sign out", ["rebase", feed, "--kernel", image, "-o", d + "/out", "--key", key, "--config", newConfig]),
            ("repack new.bin", ["install", image, rebased + "/" + kmod, "-o", d + "/new.bin"]),
        ]
    }

    /// Runs imagetool under script(1): one pseudo-terminal for stdin, stdout and stderr.
    func inTerminal(_ args: [String]) throws -> RunResult {
        let bin = try XCTUnwrap(TestEnv.imagetoolBinary, "imagetool binary not built")
        let line = ([bin] + args).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        return try TestSupport.run("script", ["-qec", line, "/dev/null"], env: ["COLUMNS": "100", "TERM": "xterm"])
    }

    func testBarAppearsAndEndsCleanlyInATerminal() throws {
        guard TestEnv.which("script") != nil else { throw XCTSkip("script(1) (util-linux/bsdutils) not installed") }
        for (label, args) in try commands("tty") {
            let r = try inTerminal(args)
            let text = r.out
            XCTAssertEqual(r.status, 0, "\(args[0]): \(text)")
            // At least one frame: carriage return, the phase's label, erase-to-end-of-line.
            XCTAssertTrue(text.contains("\r" + label), "\(args[0]): no bar labelled \(label.debugDescription) in \(text.debugDescription)")
            XCTAssertTrue(text.contains("\u{1b}[K"), "\(args[0]): no erase sequence")
            // Ends cleanly: the last frame is followed by a newline (the terminal's \r\n) and
            // what follows holds no escape and no carriage return other than \r\n's.
            let bytes = Array(text.utf8)
            let esc = Array("\u{1b}[K".utf8)
            var last = -1
            for i in 0 ... (bytes.count - esc.count) where Array(bytes[i ..< i + esc.count]) == esc { last = i }
            XCTAssertGreaterThanOrEqual(last, 0)
            let after = Array(bytes[(last + esc.count)...])
            XCTAssertEqual(Array(after.prefix(2)), [0x0d, 0x0a], "\(args[0]): the bar does not end with a newline: \(text.debugDescription)")
            XCTAssertFalse(after.contains(0x1b), "\(args[0]): escape after the bar")
            for (i, b) in after.enumerated() where b == 0x0d {
                XCTAssertEqual(i + 1 < after.count ? after[i + 1] : 0, 0x0a, "\(args[0]): a carriage return after the bar's end")
            }
            // The final frame shows the whole work done.
            if label != "sign out" { XCTAssertTrue(text.contains("100%"), "\(args[0]): final frame not at 100%: \(text.debugDescription)") }
        }
    }

    func testNoBarBytesWhenPipedQuietJSONOrDisabled() throws {
        // Piped (the test's streams are files): nothing, on every command.
        for (_, args) in try commands("pipe") {
            let r = try TestEnv.imagetool(args)
            XCTAssertEqual(r.status, 0, r.err)
            for (name, s) in [("stdout", r.out), ("stderr", r.err)] {
                XCTAssertFalse(s.contains("\r"), "\(args[0]) \(name) holds a carriage return")
                XCTAssertFalse(s.contains("\u{1b}"), "\(args[0]) \(name) holds an escape")
            }
        }
        guard TestEnv.which("script") != nil else { throw XCTSkip("script(1) (util-linux/bsdutils) not installed") }
        // In a terminal: --quiet, --json and --no-progress each silence the bar.
        for (flag, tag) in [("--quiet", "q"), ("--json", "j"), ("--no-progress", "n")] {
            for (_, args) in try commands(tag) {
                let r = try inTerminal(args + [flag])
                XCTAssertEqual(r.status, 0, r.out)
                XCTAssertFalse(r.out.contains("\u{1b}"), "\(args[0]) \(flag): escape in \(r.out.debugDescription)")
                XCTAssertFalse(r.out.replacingOccurrences(of: "\r\n", with: "\n").contains("\r"),
                               "\(args[0]) \(flag): bare carriage return in \(r.out.debugDescription)")
            }
        }
    }

    func testProgressForcesTheBarOntoAPipeAndOnlyOntoStderr() throws {
        let r = try TestEnv.imagetool(["squash", "extract", squash, "-d", tmp + "/x", "--progress", "--json"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.err.hasPrefix("\rextract to x"), r.err.debugDescription)
        XCTAssertTrue(r.err.hasSuffix("\u{1b}[K\n"), r.err.debugDescription)
        XCTAssertFalse(r.out.contains("\r") || r.out.contains("\u{1b}"), "stdout must stay parseable JSON")
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: r.stdout))
    }

    func testFailingRunErasesTheBarAndPrintsOneErrorLine() throws {
        // A feed whose signature cannot verify: the run fails after the image was read.
        let r = try TestEnv.imagetool(["rebase", feed, "--kernel", image, "-o", tmp + "/out", "--key", key,
                                       "--trusted-keys", TestEnv.root + "/keys/demo.sec", "--progress"])
        XCTAssertNotEqual(r.status, 0)
        let lines = r.err.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.last, "", r.err.debugDescription)
        let message = try XCTUnwrap(lines.dropLast().last)
        // A bar drawn before the failure (the image takes a while to read) is erased
        // (\r ESC[K) right before the message, which stands alone on the line.
        let shown = try XCTUnwrap(message.components(separatedBy: "\r\u{1b}[K").last)
        XCTAssertTrue(shown.hasPrefix("imagetool: "), r.err.debugDescription)
        XCTAssertFalse(shown.contains("\r") || shown.contains("\u{1b}"), r.err.debugDescription)
        if message.contains("\r") { XCTAssertTrue(message.contains("\r\u{1b}[Kimagetool: "), r.err.debugDescription) }
    }
}
