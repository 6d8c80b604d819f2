import BinaryIO
import Digests
import Foundation
import XCTest

/// Shared helpers for imagetool's tests: locating the package, fixtures and real data,
/// running independent tools, and temporary folders.
public enum TestEnv {
    /// The package root (folder holding Package.swift).
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// fixtures/ inside the package.
    public static var fixtures: String { root + "/fixtures" }

    /// ../shared/realdata beside the checkout, or nil when absent (tests then skip and say so).
    public static var realdata: String? {
        let p = URL(fileURLWithPath: root).deletingLastPathComponent().appendingPathComponent("shared/realdata").path
        return FileManager.default.fileExists(atPath: p) ? p : nil
    }

    /// Facts written by fixtures/make-fixtures.sh (KEY=VALUE lines of fixture.env).
    public static let fixtureFacts: [String: String] = {
        guard let text = try? String(contentsOfFile: fixtures + "/fixture.env", encoding: .utf8) else { return [:] }
        var d: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let eq = line.firstIndex(of: "=") else { continue }
            var v = String(line[line.index(after: eq)...])
            if v.hasPrefix("\"") && v.hasSuffix("\"") && v.count >= 2 { v = String(v.dropFirst().dropLast()) }
            d[String(line[..<eq])] = v
        }
        return d
    }()

    /// The fixture firmware image made by fixtures/make-fixtures.sh.
    public static var fixtureImage: String { fixtures + "/" + (fixtureFacts["IMAGE"] ?? "image/imagetool-fixture-squashfs-sysupgrade.bin") }
    /// The fixture opkg feed.
    public static var fixtureFeed: String { fixtures + "/feed" }
    /// The demo usign secret key (keys/demo.sec).
    public static var demoSecretKey: String { root + "/keys/demo.sec" }

    /// Skips the calling test when the fixtures or keys have not been made.
    public static func requireFixtures() throws {
        guard [fixtureImage, fixtureFeed + "/Packages", demoSecretKey].allSatisfy({ FileManager.default.fileExists(atPath: $0) }) else {
            throw XCTSkip("fixtures/ or keys/ missing (run fixtures/make-fixtures.sh)")
        }
    }

    /// Full path of an executable on PATH, or nil.
    public static func which(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin:/usr/sbin:/sbin"
        let dirs: [String] = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin"]
        for dir in dirs {
            let p = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    /// An independent tool, or a skip naming it. The test runner's PATH may lack /usr/bin,
    /// where Debian installs these tools.
    public static func tool(_ name: String) throws -> String {
        if let t = which(name) { return t }
        for d in ["/usr/bin", "/bin", "/usr/local/bin"] where FileManager.default.isExecutableFile(atPath: d + "/" + name) {
            return d + "/" + name
        }
        throw XCTSkip("\(name) not installed (apt-get install squashfs-tools signify-openbsd)")
    }

    /// A fresh temporary directory, removed by the caller via `cleanup`.
    public static func tempDir(_ tag: String = "imagetool-test") -> String {
        let p = NSTemporaryDirectory() + "/\(tag)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true)
        return p
    }

    /// The built `imagetool` binary: beside the test bundle, else in .build/{debug,release}.
    public static var imagetoolBinary: String? {
        var url = Bundle.main.bundleURL
        for _ in 0 ..< 4 {
            let cand = url.appendingPathComponent("imagetool").path
            if FileManager.default.isExecutableFile(atPath: cand) { return cand }
            url.deleteLastPathComponent()
        }
        for cfg in ["debug", "release"] {
            let cand = root + "/.build/\(cfg)/imagetool"
            if FileManager.default.isExecutableFile(atPath: cand) { return cand }
        }
        return nil
    }

    /// Runs the built `imagetool` with `args` (fails the caller if it is not built).
    public static func imagetool(_ args: [String], cwd: String? = nil) throws -> RunResult {
        guard let bin = imagetoolBinary else {
            throw NSError(domain: "TestEnv", code: 1, userInfo: [NSLocalizedDescriptionKey: "imagetool binary not built (run swift build --build-tests)"])
        }
        return try run(bin, args, cwd: cwd ?? root)
    }

    /// SHA-256 of every regular file below `dir`, by relative path (for "unchanged" checks).
    public static func treeDigest(_ dir: String) throws -> [String: String] {
        var out: [String: String] = [:]
        let fm = FileManager.default
        guard let e = fm.enumerator(atPath: dir) else { return out }
        for case let rel as String in e {
            let p = dir + "/" + rel
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDir), !isDir.boolValue else { continue }
            out[rel] = Hex.encode(try Digest.hashFile(.sha256, path: p))
        }
        return out
    }
}

/// The result of running a command.
public struct RunResult: Sendable {
    public var status: Int32
    public var stdout: Data
    public var stderr: Data
    public var out: String { String(decoding: stdout, as: UTF8.self) }
    public var err: String { String(decoding: stderr, as: UTF8.self) }

    public init(status: Int32, stdout: Data, stderr: Data) {
        self.status = status; self.stdout = stdout; self.stderr = stderr
    }
}

/// Runs `tool` with `args`, optionally feeding `input`, capturing both streams (via temporary
/// files, so large outputs never dead-lock a pipe).
@discardableResult
public func run(_ tool: String, _ args: [String], input: Data? = nil, cwd: String? = nil,
                env: [String: String]? = nil) throws -> RunResult {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: tool.hasPrefix("/") ? tool : (TestEnv.which(tool) ?? "/usr/bin/\(tool)"))
    p.arguments = args
    if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
    if let env { p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 } }
    let dir = TestEnv.tempDir("run")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let outPath = dir + "/out", errPath = dir + "/err", inPath = dir + "/in"
    FileManager.default.createFile(atPath: outPath, contents: nil)
    FileManager.default.createFile(atPath: errPath, contents: nil)
    FileManager.default.createFile(atPath: inPath, contents: input ?? Data())
    let outH = FileHandle(forWritingAtPath: outPath)!, errH = FileHandle(forWritingAtPath: errPath)!
    let inH = FileHandle(forReadingAtPath: inPath)!
    p.standardOutput = outH
    p.standardError = errH
    p.standardInput = inH
    try p.run()
    p.waitUntilExit()
    try? outH.close(); try? errH.close(); try? inH.close()
    let o = FileManager.default.contents(atPath: outPath) ?? Data()
    let e = FileManager.default.contents(atPath: errPath) ?? Data()
    return RunResult(status: p.terminationStatus, stdout: o, stderr: e)
}
