import Apk
import BinaryIO
import Codecs
import FeedRewrite
import Firmware
import Foundation
import KernelABI
import Platform
import Squash
import TestSupport
import XCTest

/// Replays every file of fuzz/regressions/<harness>/ (findings of fuzz/run) and
/// fuzz/corpus/<harness>/ (committed seeds) through the same calls as the libFuzzer harness
/// in fuzz/Sources/<harness>: each must succeed or throw a `FormatError`; a trap fails the
/// whole test run, which is the point.
final class RegressionReplayTests: XCTestCase {
    /// The harness calls, each step's error checked to be a FormatError.
    static let harnesses: [String: @Sendable ([UInt8], String) throws -> Void] = [
        "FuzzCodecs": { b, _ in
            let bound = 1 << 20
            try b.withUnsafeBytes { buf in
                try each { _ = try Deflate.inflate(buf, framing: .auto, maxOutput: bound) }
                try each { _ = try Deflate.inflate(buf, framing: .raw, maxOutput: bound) }
                try each { _ = try LZMA.decode(buf, alone: false, maxOutput: bound) }
                try each { _ = try LZMA.decode(buf, alone: true, maxOutput: bound) }
                try each { _ = try Zstd.decompress(buf, maxOutput: bound) }
                try each { _ = try LZ4.decompress(buf, maxOutput: bound) }
                try each { _ = try LZO.decompress(buf, maxOutput: bound) }
            }
        },
        "FuzzSquash": { b, scratch in
            try FS.writeAtomically(b, to: scratch)
            try each {
                let image = try SquashImage(path: scratch)
                let tree = try image.readTree()
                var files = 0
                var firstError: Error?
                tree.walk { _, node in
                    guard files < 8, node.kind == .file, case .squashfs(let e) = node.content else { return }
                    files += 1
                    do { _ = try image.data.contents(of: e, maxSize: 1 << 22) } catch { firstError = firstError ?? error }
                }
                if let firstError { throw firstError }
            }
        },
        "FuzzIPK": { b, _ in
            try each { _ = try ArchiveReader.read(b, context: "fuzz tar") }
            let sep: [UInt8] = [0xFF, 0x00, 0x49, 0x50, 0x4B, 0x00, 0xFF]
            if let cut = (0 ..< max(0, b.count - sep.count + 1)).first(where: { Array(b[$0 ..< $0 + sep.count]) == sep }) {
                let members = [TarMember(name: "./debian-binary", mtime: 0, data: Array("2.0\n".utf8)),
                               TarMember(name: "./data.tar.gz", mtime: 0, data: PackagesIndex.gzip(Array(b[(cut + sep.count)...]))),
                               TarMember(name: "./control.tar.gz", mtime: 0, data: PackagesIndex.gzip(Array(b[..<cut])))]
                try each { try harnesses["FuzzIPK"]?(PackagesIndex.gzip(try GNUTar.write(members)), "") }
            }
            try each {
                let ipk = try IPK(parsing: b, path: "fuzz.ipk")
                try each { _ = try ipk.dataFiles(readData: true) }
                try each { _ = try ipk.rewritingControl(ipk.control, mtime: 0, reuseCompressed: false) }
                try each { _ = try PackagesIndex.entry(ipkBytes: b, filename: "fuzz.ipk") }
            }
        },
        "FuzzControl": { b, _ in
            try each { _ = try Relationship(parsing: String(decoding: b, as: UTF8.self)) }
            try each {
                let s = try ControlStanza(parsing: b, file: "control")
                for f in s.fields { if let v = s[f.name] { try each { _ = try Relationship(parsing: v) } } }
                _ = try ControlStanza(parsing: s.render(), file: "rendered")
            }
        },
        "FuzzPackagesIndex": { b, _ in
            var bytes = b
            if b.count >= 2, b[0] == 0x1f, b[1] == 0x8b {
                do { bytes = try Deflate.inflate(b, framing: .gzip, maxOutput: 1 << 22).bytes } catch is FormatError { return }
            }
            _ = PackagesIndex.droppingFields(bytes)
            _ = PackagesIndex.packages(fromManifest: bytes)
            try each { for s in try ControlStanza.parseDocument(bytes) { _ = s.render() } }
        },
        "FuzzUsign": { b, _ in
            try each { _ = try Usign.PublicKey(parsing: b, file: "fuzz.pub") }
            try each { _ = try Usign.Signature(parsing: b, file: "fuzz.sig") }
            try each { _ = try Usign.SecretKey(parsing: b, file: "fuzz.sec").publicKeyFile(comment: "fuzz") }
        },
        "FuzzKmod": { b, _ in
            try each {
                let elf = try ELFFile(bytes: b)
                try each { _ = try elf.symbols() }
                for (i, s) in elf.sections.enumerated().prefix(64) {
                    try each { _ = try elf.contents(of: s) }
                    try each { _ = try elf.relocations(applyingTo: i) }
                }
            }
            try each { _ = try KernelModule(parsing: b, path: "fuzz.ko").depends }
        },
        "FuzzFirmware": { b, _ in
            try each {
                let fw = try FirmwareImage(parsing: b, path: "fuzz.bin")
                _ = fw.kernelImage; _ = fw.rootfsImage; _ = fw.rootfsSpan; _ = fw.metadataJSON
                try each { _ = try fw.kernelPayload() }
                if fw.kind == .ubi { try each { _ = try fw.rebuild(replacingRootfs: fw.rootfsImage) } }
            }
        },
        "FuzzApk": { b, _ in
            try each { _ = try ADBFile(parsing: try ADBContainer.decode(b, maxOutput: 1 << 22).1) }
            try each { _ = try ADBFile(parsing: b) }
            try each { let p = try ApkPackage(bytes: b); try each { _ = try p.fileContents() }; _ = try p.serialized() }
            try each { _ = try ApkIndex(bytes: b).serialized() }
        },
    ]

    /// Runs `body`; a FormatError is an accepted outcome, any other error is rethrown.
    static func each(_ body: () throws -> Void) throws {
        do { try body() } catch is FormatError {}
    }

    func testEveryRegressionAndSeedGivesAFormatErrorOrSucceeds() throws {
        let fuzz = TestEnv.root + "/fuzz"
        let scratch = TestEnv.tempDir("imagetool-replay") + "/scratch.img"
        defer { try? FileManager.default.removeItem(atPath: FS.dirname(of: scratch)) }
        var replayed = 0
        for folder in ["regressions", "corpus"] {
            for (name, harness) in Self.harnesses.sorted(by: { $0.key < $1.key }) {
                let dir = "\(fuzz)/\(folder)/\(name)"
                guard FS.exists(dir) else { continue }
                for f in try FS.list(dir) {
                    let bytes = try FS.read(dir + "/" + f, limit: 16 << 20)
                    do { try harness(bytes, scratch) } catch {
                        XCTFail("\(folder)/\(name)/\(f): not a FormatError: \(error)")
                    }
                    replayed += 1
                }
            }
        }
        print("RegressionReplayTests: replayed \(replayed) files")
        XCTAssertGreaterThan(replayed, 0, "fuzz/corpus holds no seeds")
    }
}

private func each(_ body: () throws -> Void) throws { try RegressionReplayTests.each(body) }
