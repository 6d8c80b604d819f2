import BinaryIO
import Firmware
import Foundation
import TestSupport
import XCTest

/// A usign signer backed by signify-openbsd (same key and signature formats as usign).
struct SignifyTestSigner: FirmwareSigner {
    var secretKey: String
    var dir: String
    func usignSignature(of message: [UInt8]) throws -> [UInt8] {
        try writeBytes(message, dir + "/msg")
        let r = try TestSupport.run(try Images.tool("signify-openbsd", package: "signify-openbsd"),
                                    ["-S", "-s", secretKey, "-m", dir + "/msg", "-x", dir + "/msg.sig"])
        guard r.status == 0 else { throw FormatError(.io, context: "sign", r.err) }
        return try readBytes(dir + "/msg.sig")
    }
}

/// fwtool signature chunks (ucert blobs with a usign signature, as `append-metadata` with a
/// build key writes them) are kept, re-signed or dropped with a warning.
final class SignatureChunkTests: XCTestCase {
    var dir = ""
    override func setUp() { dir = TestEnv.tempDir("fw-sig") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    var secretKey: String { TestEnv.root + "/keys/demo.sec" }
    var publicKey: String { TestEnv.root + "/keys/demo.pub" }

    /// The fixture with a signature chunk appended by Python: usign -S over the image,
    /// wrapped like `ucert -A` (blob container id 0 holding attribute 0), then `fwtool -S`.
    func signedFixture() throws -> String {
        let fixture = try Images.fixture()
        let py = try Images.tool("python3", package: "python3")
        let signer = SignifyTestSigner(secretKey: secretKey, dir: dir)
        let sig = try signer.usignSignature(of: try readBytes(fixture))
        try writeBytes(sig, dir + "/image.sig")
        let script = """
        import struct, sys, zlib
        img = open(sys.argv[1], 'rb').read(); sig = open(sys.argv[2], 'rb').read()
        def blob(i, d):
            b = struct.pack('>I', (i << 24) | (4 + len(d))) + d
            return b + b'\\0' * (-len(b) % 4)
        data = blob(0, blob(0, sig))
        crc = (~zlib.crc32(img + data)) & 0xffffffff
        open(sys.argv[3], 'wb').write(img + data + struct.pack('>IIB3xI', 0x46577830, crc, 0, len(data) + 16))
        """
        let r = try TestSupport.run(py, ["-c", script, fixture, dir + "/image.sig", dir + "/signed.bin"])
        XCTAssertEqual(r.status, 0, r.err)
        return dir + "/signed.bin"
    }

    /// The usign signature text inside a ucert chain chunk (last element, attribute 0).
    func signatureText(_ chunk: [UInt8]) -> [UInt8] {
        let innerLen = Int(be32(chunk, 4) & 0xffffff)
        return Array(chunk[8 ..< 4 + innerLen])
    }

    func verify(message: [UInt8], signature: [UInt8]) throws -> Bool {
        try writeBytes(message, dir + "/v.msg")
        try writeBytes(signature, dir + "/v.sig")
        let r = try TestSupport.run(try Images.tool("signify-openbsd", package: "signify-openbsd"),
                                    ["-V", "-q", "-p", publicKey, "-m", dir + "/v.msg", "-x", dir + "/v.sig"])
        return r.status == 0
    }

    func testSignatureChunkIsKeptResignedOrDropped() throws {
        let path = try signedFixture()
        let img = try FirmwareImage.open(path)
        XCTAssertEqual(Array(img.regions.suffix(4).map(\.role)), [.fwtoolMetadata, .fwtoolTrailer, .fwtoolSignature, .fwtoolTrailer])
        XCTAssertTrue(img.regions.allSatisfy { $0.checksums.allSatisfy(\.verifies) })
        let sigRegion = try XCTUnwrap(img.regions.first { $0.role == .fwtoolSignature })
        let chunk = Array(img.bytes[Int(sigRegion.offset) ..< Int(sigRegion.end)])
        XCTAssertTrue(try verify(message: Array(img.bytes[..<Int(sigRegion.offset)]), signature: signatureText(chunk)))

        // Unchanged: kept byte for byte.
        _ = try FirmwareUnpacker.unpack(img, into: dir + "/u", extractTree: false)
        XCTAssertTrue(try FirmwareUnpacker.repack(from: dir + "/u", options: RepackOptions()).bytes == img.bytes)

        let newRoot = try editedSquashfs(img.rootfsImage!, adding: ["etc/signed-added": [1]], in: dir + "/e")
        // Changed, no key: dropped with a warning; the metadata trailer still verifies.
        let dropped = try img.rebuild(replacingRootfs: newRoot)
        XCTAssertTrue(dropped.warnings.contains { $0.contains("dropped the fwtool signature chunk") }, "\(dropped.warnings)")
        let d = try FirmwareImage(parsing: dropped.bytes)
        XCTAssertEqual(d.regions.last?.role, .fwtoolTrailer)
        XCTAssertFalse(d.regions.contains { $0.role == .fwtoolSignature })
        XCTAssertTrue(d.regions.allSatisfy { $0.checksums.allSatisfy(\.verifies) })
        XCTAssertEqual(try Independent.crc32(Array(dropped.bytes.dropLast(16)), uninverted: true), be32(dropped.bytes, dropped.bytes.count - 12))

        // Changed, with a key: a new signature over the new image that signify verifies.
        let signed = try img.rebuild(replacingRootfs: newRoot, options: RebuildOptions(signer: SignifyTestSigner(secretKey: secretKey, dir: dir)))
        XCTAssertTrue(signed.warnings.isEmpty, "\(signed.warnings)")
        let s = try FirmwareImage(parsing: signed.bytes)
        XCTAssertTrue(s.regions.allSatisfy { $0.checksums.allSatisfy(\.verifies) })
        let r2 = try XCTUnwrap(s.regions.first { $0.role == .fwtoolSignature })
        let c2 = Array(signed.bytes[Int(r2.offset) ..< Int(r2.end)])
        XCTAssertTrue(try verify(message: Array(signed.bytes[..<Int(r2.offset)]), signature: signatureText(c2)))
        XCTAssertFalse(try verify(message: Array(img.bytes[..<Int(sigRegion.offset)]), signature: signatureText(c2)))
        XCTAssertEqual(try Independent.crc32(Array(signed.bytes.dropLast(16)), uninverted: true), be32(signed.bytes, signed.bytes.count - 12))
    }

    func testRepackWithKeyOnTheCommandLine() throws {
        let path = try signedFixture()
        guard let tool = TestEnv.imagetoolBinary ?? Optional(TestEnv.root + "/.build/debug/imagetool"),
              FileManager.default.isExecutableFile(atPath: tool) else { throw XCTSkip("imagetool binary not built") }
        var r = try TestSupport.run(tool, ["unpack", path, "-d", dir + "/u"])
        XCTAssertEqual(r.status, 0, r.err)
        try writeBytes([0x61, 0x0a], dir + "/u/rootfs/etc/key-added")
        r = try TestSupport.run(tool, ["repack", dir + "/u", "-o", dir + "/nokey.bin"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.err.contains("warning: dropped the fwtool signature chunk"), r.err)
        r = try TestSupport.run(tool, ["repack", dir + "/u", "-o", dir + "/key.bin", "--key", secretKey])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertFalse(r.err.contains("warning"), r.err)
        let out = try readBytes(dir + "/key.bin")
        let img = try FirmwareImage(parsing: out)
        let sig = try XCTUnwrap(img.regions.first { $0.role == .fwtoolSignature })
        XCTAssertTrue(try verify(message: Array(out[..<Int(sig.offset)]), signature: signatureText(Array(out[Int(sig.offset) ..< Int(sig.end)]))))
        XCTAssertTrue(img.regions.allSatisfy { $0.checksums.allSatisfy(\.verifies) })
    }
}
