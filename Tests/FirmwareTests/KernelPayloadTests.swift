import BinaryIO
import Firmware
import Foundation
import TestSupport
import XCTest

/// The kernel banner and IKCONFIG are found whatever the kernel compression: the fixture's
/// vmlinux stand-in re-compressed by the xz, gzip and lzma command-line tools.
final class KernelPayloadTests: XCTestCase {
    func testGzipXzAndLzmaKernelsGiveTheSameFacts() throws {
        let img = try FirmwareImage.open(try Images.fixture())
        let payload = img.kernelPayloadBytes().bytes
        let reference = try img.kernelPayload()
        let config = try String(contentsOfFile: TestEnv.fixtures + "/config/old.config", encoding: .utf8)
        XCTAssertEqual(reference.config, config)
        let dir = TestEnv.tempDir("fw-kernel")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Decompress with xz (lzma_alone reader) to get vmlinux independently.
        try writeBytes(payload, dir + "/k.lzma")
        let xz = try Images.tool("xz", package: "xz-utils")
        var r = try TestSupport.run(xz, ["-dk", "--format=lzma", dir + "/k.lzma"])
        XCTAssertEqual(r.status, 0, r.err)
        let vmlinux = try readBytes(dir + "/k")
        XCTAssertEqual(vmlinux.count, reference.size)
        r = try TestSupport.run(xz, ["-k", "-6", "--check=crc32", dir + "/k"])
        XCTAssertEqual(r.status, 0, r.err)
        r = try TestSupport.run(try Images.tool("gzip", package: "gzip"), ["-9nk", dir + "/k"])
        XCTAssertEqual(r.status, 0, r.err)
        for (file, comp) in [("k.xz", "xz"), ("k.gz", "gzip")] {
            let k = try KernelPayload(payload: try readBytes(dir + "/" + file))
            XCTAssertEqual(k.compression, comp)
            XCTAssertEqual(k.banner, reference.banner)
            XCTAssertEqual(k.release, TestEnv.fixtureFacts["RELEASE"])
            XCTAssertEqual(k.config, config)
            XCTAssertEqual(k.size, vmlinux.count)
        }
        let plain = try KernelPayload(payload: vmlinux, compression: "none")
        XCTAssertEqual(plain.banner, reference.banner)
    }
}
