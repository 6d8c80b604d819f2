import XCTest
import BinaryIO
import Digests
import Platform
import Apk
import TestSupport

/// Heap writer encodings, dependencies, installed database, and keys cross-checked with the
/// openssl command-line tool.
final class ApkUnitTests: XCTestCase {
    func testHeapWriterEncodingsFollowApk() throws {
        var w = ADBHeapWriter()
        XCTAssertEqual(try w.blob([]), .null)
        let small = try w.string("abc")
        XCTAssertEqual(small.type, ADBVal.typeBlob8)
        XCTAssertEqual(small.value, 8)
        XCTAssertEqual(Array(w.finish()[8 ..< 12]), [3, 0x61, 0x62, 0x63])
        XCTAssertEqual(try w.string("abc"), small)  // stored once
        let mid = try w.blob([UInt8](repeating: 7, count: 300))
        XCTAssertEqual(mid.type, ADBVal.typeBlob16)
        XCTAssertEqual(mid.value % 2, 0)
        let big = try w.blob([UInt8](repeating: 9, count: 70000))
        XCTAssertEqual(big.type, ADBVal.typeBlob32)
        XCTAssertEqual(big.value % 4, 0)
        XCTAssertEqual(try w.int(0x0fff_ffff), ADBVal(type: ADBVal.typeInt, value: 0x0fff_ffff))
        let i32 = try w.int(0x1000_0000)
        XCTAssertEqual(i32.type, ADBVal.typeInt32)
        let i64 = try w.int(1 << 40)
        XCTAssertEqual(i64.type, ADBVal.typeInt64)
        XCTAssertEqual(try w.container([.null, .null]), .null)
        let obj = try w.container([small, .null, .null])  // trailing nulls dropped
        w.setRoot(obj)
        let heap = ADBHeap(w.finish())
        XCTAssertEqual(try heap.root(), obj)
        XCTAssertEqual(try heap.slots(obj).count, 1)
        XCTAssertEqual(try heap.string(try heap.slots(obj)[field: 1]), "abc")
        XCTAssertEqual(try heap.int(i32), 0x1000_0000)
        XCTAssertEqual(try heap.int(i64), 1 << 40)
        XCTAssertEqual(try heap.blob(big)?.count, 70000)
        // Copying a whole tree into a fresh heap keeps every value.
        var w2 = ADBHeapWriter()
        let copied = try w2.copy(obj, from: heap)
        XCTAssertEqual(try ADBHeap(w2.finish()).string(try ADBHeap(w2.finish()).slots(copied)[field: 1]), "abc")
    }

    func testDependencyText() throws {
        for s in ["kernel=6.12.74~ea63eca8388c3b20e2a7a5d5cbdbc7e1-r1", "libc", "!foo", "bar>=1.2", "baz<2", "qux~1.0", "a><b"] {
            XCTAssertEqual(ApkDependency(parsing: s)?.description, s)
        }
        XCTAssertNil(ApkDependency(parsing: "=1.0"))
        XCTAssertNil(ApkDependency(parsing: "foo="))
        var w = ADBHeapWriter()
        let d = try XCTUnwrap(ApkDependency(parsing: "bar>=1.2"))
        let v = try d.write(into: &w)
        XCTAssertEqual(try ApkDependency(heap: ADBHeap(w.finish()), v), d)
        let k = try XCTUnwrap(ApkKernelVersion(parsing: "6.12.74~ea63eca8388c3b20e2a7a5d5cbdbc7e1-r1"))
        XCTAssertEqual(k.version, "6.12.74")
        XCTAssertEqual(k.vermagic, "ea63eca8388c3b20e2a7a5d5cbdbc7e1")
        XCTAssertEqual(k.release, "1")
        XCTAssertNil(ApkKernelVersion(parsing: "6.12.74-r1"))
    }

    func testInstalledDatabase() throws {
        let text = "P:kernel\nV:6.12.74~abc-r1\nA:x86_64\n\nP:kmod-a\nV:6.12.74-r1\nD:kernel=6.12.74~abc-r1 libc\nF:lib/modules/6.12.74\nR:a.ko\n"
        let db = try ApkInstalledDB(parsing: text)
        XCTAssertEqual(db.kernelVersion, "6.12.74~abc-r1")
        XCTAssertEqual(db.package(named: "kmod-a")?.depends.map(\.description), ["kernel=6.12.74~abc-r1", "libc"])
        XCTAssertEqual(db.package(named: "kmod-a")?.files, ["lib/modules/6.12.74/a.ko"])
        XCTAssertThrowsError(try ApkInstalledDB(parsing: "P:x\ngarbage line\n")) { e in
            XCTAssertTrue("\(e)".contains("line 2"))
        }
        XCTAssertThrowsError(try ApkInstalledDB(parsing: "V:1.0\n\n"))
        let crlf = try ApkInstalledDB(parsing: text.replacingOccurrences(of: "\n", with: "\r\n"))
        XCTAssertEqual(crlf, db)
        XCTAssertThrowsError(try ApkInstalledDB(parsing: "é:x\n"))
    }

    func testFixtureRootfsInstalledDatabase() throws {
        let facts = try ApkRebaseTests.fixture()
        let db = try ApkInstalledDB.open(TestEnv.fixtures + "/apk-era/rootfs/" + ApkInstalledDB.path)
        XCTAssertEqual(db.kernelVersion, facts["IMAGE_KERNEL"])
        XCTAssertNotEqual(db.kernelVersion, facts["FEED_KERNEL"])
        let key = try ApkKey(path: TestEnv.fixtures + "/" + (facts["PUBLIC_KEY"] ?? ""), private: false)
        XCTAssertEqual(key.idHex, facts["KEY_ID"])  // the script computed it with openssl + sha512sum
    }

    func openssl() throws -> String {
        guard let t = ApkRebaseTests.tool("openssl") else { throw XCTSkip("openssl command not installed") }
        return t
    }

    func testGeneratedKeyInteroperatesWithOpenSSL() throws {
        let openssl = try openssl()
        let dir = TestEnv.tempDir("apk-key")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let key = try ApkKey.generateECDSA()
        try FS.writeAtomically(try key.privatePEM(), to: dir + "/secret.pem")
        try FS.writeAtomically(try key.publicPEM(), to: dir + "/public.pem")
        // openssl derives the same public key and the same key id (raw point -> SHA-512).
        let pub = try TestSupport.run(openssl, ["pkey", "-in", dir + "/secret.pem", "-pubout"])
        XCTAssertEqual(pub.status, 0, pub.err)
        XCTAssertEqual(pub.out, String(decoding: try key.publicPEM(), as: UTF8.self))
        let text = try TestSupport.run(openssl, ["pkey", "-in", dir + "/secret.pem", "-text", "-noout"])
        XCTAssertTrue(text.out.contains("prime256v1") || text.out.contains("P-256"), text.out)
        let reloaded = try ApkKey(path: dir + "/secret.pem", private: true)
        XCTAssertEqual(reloaded.id, key.id)
        XCTAssertEqual(try ApkKey(path: dir + "/public.pem", private: false).id, key.id)

        // Our signature verifies with openssl, openssl's with us.
        let msg = Array("imagetool apk signature cross-check".utf8)
        try FS.writeAtomically(msg, to: dir + "/msg")
        try FS.writeAtomically(try key.sign(msg), to: dir + "/ours.sig")
        let v = try TestSupport.run(openssl, ["dgst", "-sha512", "-verify", dir + "/public.pem", "-signature", dir + "/ours.sig", dir + "/msg"])
        XCTAssertEqual(v.status, 0, v.out + v.err)
        let s = try TestSupport.run(openssl, ["dgst", "-sha512", "-sign", dir + "/secret.pem", "-out", dir + "/theirs.sig", dir + "/msg"])
        XCTAssertEqual(s.status, 0, s.err)
        XCTAssertTrue(key.verify(try FS.read(dir + "/theirs.sig"), of: msg))
        XCTAssertFalse(key.verify(try FS.read(dir + "/theirs.sig"), of: msg + [0]))
    }

    /// The signature block we write verifies with openssl over the message apk defines:
    /// le32 schema, sign_ver, hash_alg, key id, SHA-512 of the ADB block.
    func testIndexSignatureVerifiesWithOpenSSL() throws {
        let openssl = try openssl()
        let dir = TestEnv.tempDir("apk-sig")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let key = try ApkKey.generateECDSA()
        try FS.writeAtomically(try key.publicPEM(), to: dir + "/public.pem")
        var index = try ApkIndex.build(packages: [], description: "empty")
        try index.sign(with: key)
        let sigBlock = try XCTUnwrap(index.file.signatures.first)
        let sig = try ADBSignature(payload: sigBlock.payload)
        XCTAssertEqual(sig.keyID, key.id)
        XCTAssertEqual(sig.hashAlgorithm, 4)
        var msg = ByteWriter()
        msg.u32le(ADBFile.schemaIndex)
        msg.append([0, 4] + key.id)
        msg.append(Digest.sha512(try XCTUnwrap(index.file.adbBlock?.payload)))
        try FS.writeAtomically(msg.finish(), to: dir + "/msg")
        try FS.writeAtomically(sig.signature, to: dir + "/sig")
        let v = try TestSupport.run(openssl, ["dgst", "-sha512", "-verify", dir + "/public.pem", "-signature", dir + "/sig", dir + "/msg"])
        XCTAssertEqual(v.status, 0, v.out + v.err)
    }

    func testCompressionFramings() throws {
        let plain = ADBFile(schema: ADBFile.schemaIndex, blocks: [ADBBlock(type: .adb, payload: ADBHeapWriter().finish())]).serialized()
        for c in [ADBCompression.none, .deflate, .custom(algorithm: 1, level: 9), .custom(algorithm: 2, level: 19), .custom(algorithm: 0, level: 1)] {
            let framed = try ADBContainer.encode(plain, compression: c)
            let (back, out) = try ADBContainer.decode(framed)
            XCTAssertEqual(back, c)
            XCTAssertEqual(out, plain, "\(c)")
        }
        XCTAssertEqual(Array(try ADBContainer.encode(plain, compression: .custom(algorithm: 2, level: 3)).prefix(6)),
                       Array("ADBc".utf8) + [2, 3])
        // zstd frame magic follows the 6-byte ADBc header.
        XCTAssertEqual(Array(try ADBContainer.encode(plain, compression: .custom(algorithm: 2, level: 3))[6 ..< 10]),
                       [0x28, 0xb5, 0x2f, 0xfd])
    }

    func testExtendedBlockForm() throws {
        // apk writes the 16-byte header only for payloads >= 1 GiB; readers accept it for any size.
        var w = ByteWriter()
        w.u32le(0x2e42_4441); w.u32le(ADBFile.schemaPackage)
        let heap = ADBHeapWriter().finish()
        w.u32le(3 << 30 | 0); w.u32le(0); w.u64le(UInt64(16 + heap.count)); w.append(heap); w.pad(to: 8)
        let data: [UInt8] = [1, 0, 0, 0, 1, 0, 0, 0, 0x41]
        w.u32le(3 << 30 | 2); w.u32le(0); w.u64le(UInt64(16 + data.count)); w.append(data); w.pad(to: 8)
        let plain = w.finish()
        let f = try ADBFile(parsing: plain)
        XCTAssertEqual(f.blocks.map(\.type), [.adb, .data])
        XCTAssertEqual(f.dataBlocks.first?.payload, data)
        XCTAssertEqual(f.serialized(), plain)
        // A new small block is written in the short form.
        XCTAssertEqual(ADBBlock(type: .data, payload: data).serialized().prefix(4), [13, 0, 0, 0x80])
    }

    func testPkgnameSpec() throws {
        let pkg = try ApkPackage(path: try ApkRealDataTests.sora + "/kmod-tun-6.12.74-r1.apk")
        XCTAssertEqual(ApkIndex.fileName(of: pkg.info, spec: nil), "kmod-tun-6.12.74-r1.apk")
        XCTAssertEqual(ApkIndex.fileName(of: pkg.info, spec: "${arch}/${name}-${version}.apk"),
                       "aarch64_cortex-a53/kmod-tun-6.12.74-r1.apk")
        XCTAssertEqual(ApkIndex.fileName(of: pkg.info, spec: "$x-${name}"), "$x-kmod-tun")
        XCTAssertNil(ApkIndex.fileName(of: pkg.info, spec: "${nosuch}.apk"))
        XCTAssertNil(ApkIndex.fileName(of: pkg.info, spec: "${name"))
    }

    func testDumpUsesSchemaNames() throws {
        let (file, _) = try ADBFile.open(try ApkRealDataTests.sora + "/kmod-lib-crc32c-6.12.74-r1.apk")
        let text = try ADBDump.render(heap: ADBHeap(block: try XCTUnwrap(file.adbBlock)), schema: file.schema)
        XCTAssertTrue(text.hasPrefix("#%SCHEMA: 676B6370\ninfo: # 16 items\n  name: kmod-lib-crc32c\n"), text)
        XCTAssertTrue(text.contains("    - kernel=6.12.74~ea63eca8388c3b20e2a7a5d5cbdbc7e1-r1\n"))
        XCTAssertTrue(text.contains("        name: libcrc32c.ko\n"))
        XCTAssertTrue(text.contains("          mode: 644\n"))
        XCTAssertTrue(text.contains("post-install: |\n    #!/bin/sh\n"))
        let (index, _) = try ADBFile.open(try ApkRealDataTests.sora + "/packages.adb")
        let itext = try ADBDump.render(heap: ADBHeap(block: try XCTUnwrap(index.adbBlock)), schema: index.schema)
        XCTAssertEqual(itext.components(separatedBy: "\n  -\n    name: ").count - 1, 1091)
    }
}
