import BinaryIO
import Firmware
import Foundation
import TestSupport
import XCTest

/// Re-signing signed FITs (fixtures/make-fit-fixtures.sh: fit-signed*.itb signed by mkimage
/// with keys openssl made in the fixture folder). Oracles: `mkimage -F -k` over imagetool's
/// output changes nothing (RSA PKCS#1 v1.5 is deterministic), `openssl dgst -verify` of
/// mkimage's and imagetool's signatures over the signed bytes, the public key `mkimage -K`
/// writes into a control dtb verifying (Python cryptography), dumpimage/Python hashes.
final class FITSigningTests: XCTestCase {
    static let time: UInt32 = 1_700_000_100

    /// mkimage's layout options per fixture (to re-sign a copy the way it was made).
    /// fit-signed-pss (data-position) has none: mkimage 2023.01 -F cannot read its data
    /// ("Can't get image data/size"), and PSS signatures differ each time anyway.
    static let layouts: [String: [String]] = ["fit-signed": ["-E", "-B", "0x1000"], "fit-signed-image": []]

    func mkimageVersion() throws -> String {
        let r = try TestSupport.run(try Images.tool("mkimage", package: "u-boot-tools"), ["-V"])
        return String(r.out.split(separator: " ").last ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A property's bytes by `fdtget -t bx` (independent of libfdt as imagetool links it).
    func fdtget(_ file: String, _ node: String, _ prop: String) throws -> [UInt8] {
        let r = try TestSupport.run(try Images.tool("fdtget", package: "device-tree-compiler"), ["-t", "bx", file, node, prop])
        XCTAssertEqual(r.status, 0, "fdtget \(node) \(prop): \(r.err)")
        return r.out.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { UInt8($0, radix: 16) }
    }

    /// `openssl dgst -verify` of `signature` over `data` with the public half of `key`.
    func opensslVerifies(_ data: [UInt8], _ signature: [UInt8], key: String, digest: String, pss: Bool, in dir: String) throws -> Bool {
        try writeBytes(data, dir + "/msg.bin")
        try writeBytes(signature, dir + "/sig.bin")
        let ssl = try Images.tool("openssl", package: "openssl")
        _ = try TestSupport.run(ssl, ["pkey", "-in", key, "-pubout", "-out", dir + "/pub.pem"])
        let opts = pss ? ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:max"] : []
        let r = try TestSupport.run(ssl, ["dgst", "-" + digest] + opts + ["-verify", dir + "/pub.pem", "-signature", dir + "/sig.bin", dir + "/msg.bin"])
        return r.status == 0 && r.out.contains("Verified OK")
    }

    func testOurSignedBytesVerifyMkimagesSignatures() throws {
        let dir = try FITTests.fixtures()
        let tmp = TestEnv.tempDir("fit-sigdata")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let cases: [(String, String, String, String, Bool)] = [  // file, node, key, digest, pss
            ("fit-signed", "/configurations/config-1/signature-1", "dev.key", "sha1", false),
            ("fit-signed-image", "/configurations/config-1/signature-1", "dev.key", "sha256", false),
            ("fit-signed-image", "/images/rootfs-1/signature-1", "dev.key", "sha256", false),
            ("fit-signed-pss", "/configurations/config-1/signature-1", "k3072.key", "sha384", true),
        ]
        for (v, node, key, digest, pss) in cases {
            let path = dir + "/\(v).itb"
            let img = try FirmwareImage.open(path)
            guard let l = img.layout as? FITLayout else { return XCTFail(v) }
            XCTAssertTrue(l.fit.isSigned, v)
            let data = try l.fit.signedData(ofSignature: node, in: img.bytes)
            XCTAssertTrue(try opensslVerifies(data, try fdtget(path, node, "value"), key: dir + "/keys/" + key, digest: digest, pss: pss, in: tmp),
                          "\(v) \(node): mkimage's signature does not verify over imagetool's signed bytes")
            // One flipped byte of what is signed no longer verifies (the check can fail).
            var bad = data
            bad[bad.count / 2] ^= 1
            XCTAssertFalse(try opensslVerifies(bad, try fdtget(path, node, "value"), key: dir + "/keys/" + key, digest: digest, pss: pss, in: tmp), v)
        }
    }

    func testRebuiltRootfsIsSignedAsMkimageSignsIt() throws {
        let dir = try FITTests.fixtures()
        let tmp = TestEnv.tempDir("fit-resign")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let mkimage = try Images.tool("mkimage", package: "u-boot-tools")
        let version = try mkimageVersion()
        let root = try readBytes(TestEnv.fixtures + "/image/root.squashfs")
        let newRoot = try editedSquashfs(root, adding: ["etc/resigned": Array(repeating: 3, count: 7000)], in: tmp + "/e")
        for v in ["fit-signed", "fit-signed-image", "fit-signed-pss"] {
            let img = try FirmwareImage.open(dir + "/\(v).itb")
            let signer = FITSigner(keys: .directory(dir + "/keys"), name: "mkimage", version: version, timestamp: Self.time)
            let r = try img.rebuild(replacingRootfs: newRoot, options: RebuildOptions(fitSigner: signer))
            let out = tmp + "/\(v).itb"
            try writeBytes(r.bytes, out)
            try assertHashesIndependentlyVerify(out, "\(v) re-signed")
            let again = try FirmwareImage.open(out)
            XCTAssertEqual(again.rootfsImage, newRoot, v)
            guard let l = again.layout as? FITLayout else { return XCTFail(v) }
            XCTAssertEqual(l.fit.signatureNodes, img.fitSignatureNodes, v)
            let conf = "/configurations/config-1/signature-1"
            XCTAssertEqual(try fdtget(out, conf, "timestamp"), [0x65, 0x53, 0xf1, 0x64], v)
            if v == "fit-signed-pss" {
                let data = try l.fit.signedData(ofSignature: conf, in: r.bytes)
                XCTAssertTrue(try opensslVerifies(data, try fdtget(out, conf, "value"), key: dir + "/keys/k3072.key", digest: "sha384", pss: true, in: tmp), v)
            } else {
                // mkimage -F re-signing imagetool's output changes no byte.
                let copy = tmp + "/\(v).mkimage.itb"
                try writeBytes(r.bytes, copy)
                let m = try TestSupport.run(mkimage, ["-F", "-k", dir + "/keys"] + Self.layouts[v, default: []] + [copy],
                                            env: ["SOURCE_DATE_EPOCH": String(Self.time)])
                XCTAssertEqual(m.status, 0, "\(v): mkimage -F: \(m.err)")
                // Identical but for the free space between the packed tree and totalsize,
                // where mkimage -F leaves bytes of the data it moved (imagetool: zeros).
                let theirs = try readBytes(copy)
                let be32 = { (b: [UInt8], at: Int) in Int(b[at]) << 24 | Int(b[at + 1]) << 16 | Int(b[at + 2]) << 8 | Int(b[at + 3]) }
                let treeEnd = be32(r.bytes, 12) + be32(r.bytes, 32), total = be32(r.bytes, 4)
                XCTAssertEqual(theirs.count, r.bytes.count, v)
                XCTAssertTrue(theirs.count == r.bytes.count && theirs[..<treeEnd] == r.bytes[..<treeEnd] && theirs[total...] == r.bytes[total...],
                              "\(v): mkimage -F re-signs imagetool's output differently")
                XCTAssertTrue(r.bytes[treeEnd ..< total].allSatisfy { $0 == 0 }, v)
                XCTAssertNotEqual(try fdtget(out, conf, "value"), try fdtget(dir + "/\(v).itb", conf, "value"), v)
            }
            try assertControlKeyVerifies(out, node: conf, key: dir + "/keys", hint: v == "fit-signed-pss" ? "k3072" : "dev",
                                         digest: v == "fit-signed" ? "SHA1" : v == "fit-signed-pss" ? "SHA384" : "SHA256",
                                         pss: v == "fit-signed-pss", data: try l.fit.signedData(ofSignature: conf, in: r.bytes), in: tmp)
        }
    }

    /// The public key `mkimage -K` writes into a control dtb (/signature/key-<hint>:
    /// rsa,modulus, rsa,exponent) verifies imagetool's signature (Python cryptography).
    func assertControlKeyVerifies(_ fit: String, node: String, key dir: String, hint: String, digest: String, pss: Bool,
                                  data: [UInt8], in tmp: String) throws {
        let dts = tmp + "/control.dts"
        try "/dts-v1/;\n/ { model = \"control\"; };\n".write(toFile: dts, atomically: true, encoding: .utf8)
        _ = try TestSupport.run(try Images.tool("dtc", package: "device-tree-compiler"), ["-q", "-I", "dts", "-O", "dtb", "-o", tmp + "/control.dtb", dts])
        // A small FIT signed by the same key puts its public half into the control dtb.
        let its = """
        /dts-v1/;
        / { description = "key carrier"; #address-cells = <1>;
            images { kernel-1 { data = /incbin/("\(dts)"); type = "kernel"; arch = "arm64"; os = "linux"; compression = "none";
                load = <0>; entry = <0>; hash-1 { algo = "sha256"; }; }; };
            configurations { default = "c1"; c1 { kernel = "kernel-1";
                signature-1 { algo = "sha256,rsa\(pss ? 3072 : 2048)"; key-name-hint = "\(hint)"; }; }; }; };
        """
        try its.write(toFile: tmp + "/k.its", atomically: true, encoding: .utf8)
        let m = try TestSupport.run(try Images.tool("mkimage", package: "u-boot-tools"), ["-f", tmp + "/k.its", "-k", dir, "-K", tmp + "/control.dtb", "-r", tmp + "/k.itb"])
        XCTAssertEqual(m.status, 0, "mkimage -K: \(m.err)")
        let modulus = try fdtget(tmp + "/control.dtb", "/signature/key-" + hint, "rsa,modulus")
        let exponent = try fdtget(tmp + "/control.dtb", "/signature/key-" + hint, "rsa,exponent")
        try writeBytes(data, tmp + "/msg.bin")
        try writeBytes(try fdtget(fit, node, "value"), tmp + "/sig.bin")
        let pad = pss ? "padding.PSS(mgf=padding.MGF1(hashes.\(digest)()), salt_length=padding.PSS.MAX_LENGTH)" : "padding.PKCS1v15()"
        let py = """
        import sys
        from cryptography.hazmat.primitives.asymmetric import rsa, padding
        from cryptography.hazmat.primitives import hashes
        n = int('\(Hex.encode(modulus))', 16); e = int('\(Hex.encode(exponent))', 16)
        key = rsa.RSAPublicNumbers(e, n).public_key()
        key.verify(open(sys.argv[2], 'rb').read(), open(sys.argv[1], 'rb').read(), \(pad), hashes.\(digest)())
        print('ok')
        """
        let r = try TestSupport.run(try Images.tool("python3", package: "python3"), ["-c", py, tmp + "/msg.bin", tmp + "/sig.bin"])
        XCTAssertEqual(r.out.trimmingCharacters(in: .whitespacesAndNewlines), "ok", "\(fit): control dtb key does not verify: \(r.err)")
    }

    func testInstallWithFitKeyReSigns() throws {
        let dir = try FITTests.fixtures()
        let tmp = TestEnv.tempDir("fit-install-signed")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let bin = try XCTUnwrap(TestEnv.imagetoolBinary)
        let input = dir + "/fit-signed.itb"
        let inspect = try TestEnv.imagetool(["inspect", input])
        XCTAssertTrue(inspect.out.contains("SIGNED (rebuilding needs --fit-key)"), inspect.out)
        let ipk = try rebasedFeed(onto: input, out: tmp + "/feed")
        let env = ["SOURCE_DATE_EPOCH": String(Self.time)]
        var outputs: [[UInt8]] = []
        for (i, key) in [dir + "/keys", dir + "/keys/dev.key"].enumerated() {
            let out = tmp + "/out\(i).itb"
            let r = try TestSupport.run(bin, ["install", input, ipk, "-o", out, "--fit-key", key], env: env)
            XCTAssertEqual(r.status, 0, "--fit-key \(key): \(r.err)")
            outputs.append(try readBytes(out))
        }
        XCTAssertEqual(outputs[0], outputs[1], "a key folder and its key file sign alike")
        let out = tmp + "/out0.itb"
        let conf = "/configurations/config-1/signature-1"
        XCTAssertEqual(try fdtget(out, conf, "signer-name"), Array("imagetool".utf8) + [0])
        XCTAssertEqual(try fdtget(out, conf, "timestamp"), [0x65, 0x53, 0xf1, 0x64])
        try assertHashesIndependentlyVerify(out, "installed, re-signed")
        let img = try FirmwareImage.open(out)
        let rootfs = try XCTUnwrap(img.rootfsImage)
        try writeBytes(rootfs, tmp + "/root.sqfs")
        let unsq = try Images.tool("unsquashfs", package: "squashfs-tools")
        let status = try TestSupport.run(unsq, ["-cat", tmp + "/root.sqfs", "usr/lib/opkg/status"])
        XCTAssertTrue(status.out.contains("Package: kmod-imt-extra"))
        // The same signature value as mkimage -F gives over the same tree.
        let copy = tmp + "/mk.itb"
        try FileManager.default.copyItem(atPath: out, toPath: copy)
        let m = try TestSupport.run(try Images.tool("mkimage", package: "u-boot-tools"), ["-F", "-k", dir + "/keys", "-E", "-B", "0x1000", copy], env: env)
        XCTAssertEqual(m.status, 0, m.err)
        XCTAssertEqual(try fdtget(copy, conf, "value"), try fdtget(out, conf, "value"))
        XCTAssertEqual(try fdtget(copy, conf, "hashed-strings"), try fdtget(out, conf, "hashed-strings"))
        XCTAssertEqual(try fdtget(copy, conf, "hashed-nodes"), try fdtget(out, conf, "hashed-nodes"))
    }

    func testRepackWithFitKeyReSignsImageAndConfiguration() throws {
        let dir = try FITTests.fixtures()
        let tmp = TestEnv.tempDir("fit-repack-signed")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let bin = try XCTUnwrap(TestEnv.imagetoolBinary)
        let input = dir + "/fit-signed-image.itb"
        XCTAssertEqual(try TestEnv.imagetool(["unpack", input, "-d", tmp + "/u"]).status, 0)
        let root = try readBytes(TestEnv.fixtures + "/image/root.squashfs")
        try writeBytes(try editedSquashfs(root, adding: ["etc/repacked": [9, 9, 9]], in: tmp + "/e"), tmp + "/new.sqfs")
        let env = ["SOURCE_DATE_EPOCH": String(Self.time)]
        let refused = try TestSupport.run(bin, ["repack", tmp + "/u", "--rootfs", tmp + "/new.sqfs", "-o", tmp + "/no.itb"], env: env)
        XCTAssertEqual(refused.status, 3, refused.err)
        XCTAssertEqual(refused.err.split(separator: "\n").count, 1, refused.err)
        XCTAssertTrue(refused.err.contains("/images/rootfs-1/signature-1"), refused.err)
        let out = tmp + "/out.itb"
        let r = try TestSupport.run(bin, ["repack", tmp + "/u", "--rootfs", tmp + "/new.sqfs", "-o", out, "--fit-key", dir + "/keys"], env: env)
        XCTAssertEqual(r.status, 0, r.err)
        try assertHashesIndependentlyVerify(out, "repacked, re-signed")
        let copy = tmp + "/mk.itb"
        try FileManager.default.copyItem(atPath: out, toPath: copy)
        let m = try TestSupport.run(try Images.tool("mkimage", package: "u-boot-tools"), ["-F", "-k", dir + "/keys", copy], env: env)
        XCTAssertEqual(m.status, 0, m.err)
        for node in ["/images/rootfs-1/signature-1", "/configurations/config-1/signature-1"] {
            XCTAssertEqual(try fdtget(copy, node, "value"), try fdtget(out, node, "value"), node)
            XCTAssertNotEqual(try fdtget(input, node, "value"), try fdtget(out, node, "value"), node)
        }
    }

    /// Python cryptography's ECDSA verdict on U-Boot's raw r||s `signature` over `data`
    /// with the public half of the PEM private key `key`.
    func ecdsaVerifies(_ data: [UInt8], _ signature: [UInt8], key: String, in tmp: String) throws -> Bool {
        try writeBytes(data, tmp + "/msg.bin")
        try writeBytes(signature, tmp + "/sig.bin")
        let py = """
        import sys
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
        key = serialization.load_pem_private_key(open(sys.argv[3], 'rb').read(), None).public_key()
        raw = open(sys.argv[2], 'rb').read(); n = len(raw) // 2
        der = encode_dss_signature(int.from_bytes(raw[:n], 'big'), int.from_bytes(raw[n:], 'big'))
        key.verify(der, open(sys.argv[1], 'rb').read(), ec.ECDSA(hashes.SHA256()))
        print('ok')
        """
        let r = try TestSupport.run(try Images.tool("python3", package: "python3"), ["-c", py, tmp + "/msg.bin", tmp + "/sig.bin", key])
        return r.status == 0 && r.out.contains("ok")
    }

    func testECDSASignaturesVerifyBothWays() throws {
        let dir = try FITTests.fixtures()
        let tmp = TestEnv.tempDir("fit-ecdsa")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let path = dir + "/fit-signed-ecdsa.itb"
        let key = dir + "/keys/ec.pem"
        let conf = "/configurations/config-1/signature-1"
        let img = try FirmwareImage.open(path)
        guard let l = img.layout as? FITLayout else { return XCTFail("not a FIT") }
        let theirs = try fdtget(path, conf, "value")
        XCTAssertEqual(theirs.count, 64)
        let data = try l.fit.signedData(ofSignature: conf, in: img.bytes)
        XCTAssertTrue(try ecdsaVerifies(data, theirs, key: key, in: tmp), "mkimage's ECDSA signature over imagetool's signed bytes")
        var bad = data
        bad[0] ^= 1
        XCTAssertFalse(try ecdsaVerifies(bad, theirs, key: key, in: tmp))
        // Re-signed after an install: 64 bytes r||s that verify over the new tree.
        let ipk = try rebasedFeed(onto: path, out: tmp + "/feed")
        let out = tmp + "/out.itb"
        let r = try TestEnv.imagetool(["install", path, ipk, "-o", out, "--fit-key", dir + "/keys"])
        XCTAssertEqual(r.status, 0, r.err)
        try assertHashesIndependentlyVerify(out, "ECDSA re-signed")
        let again = try FirmwareImage.open(out)
        guard let l2 = again.layout as? FITLayout else { return XCTFail("not a FIT") }
        let ours = try fdtget(out, conf, "value")
        XCTAssertEqual(ours.count, 64)
        XCTAssertNotEqual(ours, theirs)
        XCTAssertTrue(try ecdsaVerifies(try l2.fit.signedData(ofSignature: conf, in: again.bytes), ours, key: key, in: tmp))
        XCTAssertFalse(try ecdsaVerifies(data, ours, key: key, in: tmp), "the old tree no longer verifies")
    }

    func testMissingOrWrongKeysGiveOneLine() throws {
        let dir = try FITTests.fixtures()
        let tmp = TestEnv.tempDir("fit-wrong-key")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let ipk = try rebasedFeed(onto: dir + "/fit-signed.itb", out: tmp + "/feed")
        try FileManager.default.createDirectory(atPath: tmp + "/empty", withIntermediateDirectories: true)
        let cases: [(String, [String], Int32, [String])] = [  // image, extra args, exit, words in the message
            ("fit-signed", [], 3, ["/configurations/config-1/signature-1", "--fit-key"]),
            ("fit-signed", ["--fit-key", tmp + "/empty"], 2, ["signature-1", "dev.key"]),
            ("fit-signed", ["--fit-key", dir + "/keys/k3072.key"], 1, ["sha1,rsa2048", "3072-bit"]),
            ("fit-signed", ["--fit-key", dir + "/keys/ec.pem"], 1, ["not an RSA key"]),
            ("fit-signed", ["--fit-key", dir + "/keys/dev.crt"], 1, ["not a PEM private key"]),
            ("fit-signed", ["--fit-key", tmp + "/nonexistent"], 2, ["--fit-key"]),
            ("fit-signed-ecdsa", ["--fit-key", dir + "/keys/dev.key"], 1, ["sha256,ecdsa256", "not an EC key"]),
            ("fit-signed-ecdsa", ["--fit-key", dir + "/keys/k3072.key"], 1, ["not an EC key"]),
        ]
        for (v, extra, code, words) in cases {
            let out = tmp + "/out.itb"
            let r = try TestEnv.imagetool(["install", dir + "/\(v).itb", ipk, "-o", out] + extra)
            XCTAssertNotEqual(r.status, 0, "\(v) \(extra)")
            if code != 1 { XCTAssertEqual(r.status, code, "\(v) \(extra): \(r.err)") }
            XCTAssertEqual(r.err.split(separator: "\n").count, 1, "\(v) \(extra): \(r.err)")
            for w in words { XCTAssertTrue(r.err.contains(w), "\(v) \(extra): \(w) not in \(r.err)") }
            XCTAssertFalse(FileManager.default.fileExists(atPath: out), "\(v) \(extra)")
        }
    }

    // MARK: - bad input

    /// Rebuilds a mutant with a signer: a one-line FormatError naming the file, or a FIT
    /// whose signed bytes can be computed again; never a trap.
    @discardableResult
    func exercise(_ bytes: [UInt8], keys: String, _ label: String) -> Bool {
        do {
            let img = try FirmwareImage(parsing: bytes, path: "mutant.itb")
            let signer = FITSigner(keys: .directory(keys), version: "test", timestamp: Self.time)
            let r = try img.rebuild(replacingRootfs: img.rootfsImage, options: RebuildOptions(fitSigner: signer))
            let again = try FirmwareImage(parsing: r.bytes, path: "rebuilt.itb")
            if let l = again.layout as? FITLayout {
                for n in l.fit.signatureNodes { _ = try? l.fit.signedData(ofSignature: n, in: r.bytes) }
            }
            return true
        } catch let e as FormatError {
            XCTAssertFalse(e.description.contains("\n"), label)
            XCTAssertNotNil(e.file, label)
        } catch {
            XCTFail("\(label): not a FormatError: \(error)")
        }
        return false
    }

    func testCorruptSignatureNodesFailCleanly() throws {
        let dir = try FITTests.fixtures()
        let b = try readBytes(dir + "/fit-signed-image.itb")
        func at(_ s: String) throws -> Int {
            let needle = Array(s.utf8)
            return try XCTUnwrap((0 ..< b.count - needle.count).last { b[$0] == needle[0] && Array(b[$0 ..< $0 + needle.count]) == needle }, s)
        }
        XCTAssertTrue(exercise(b, keys: dir + "/keys", "unmutated"), "the unmutated FIT re-signs")
        // Targeted: unknown algorithms and a key hint that escape the folder fail; a
        // sign-images name the configuration lacks is skipped (as U-Boot does) and the
        // hashed-nodes written before are replaced, so those re-sign.
        for (old, new, signs) in [("sha256,rsa2048", "sha256,rsa2049", false), ("sha256,rsa2048", "sha999,rsa2048", false),
                                  ("sha256,rsa2048", "sha256;rsa2048", false), ("dev\0", "d/v\0", false),
                                  ("loadables\0\0", "loadablez\0\0", true), ("/images/kernel-1\0", "/images/kernel-X\0", true)] {
            var m = b
            let i = try at(old)
            m.replaceSubrange(i ..< i + old.utf8.count, with: Array(new.utf8))
            XCTAssertEqual(exercise(m, keys: dir + "/keys", "\(old) -> \(new)"), signs, "\(old) -> \(new)")
        }
        // Seeded byte mutations of the signature nodes (the last 1.5 KiB of the structure
        // block and the strings block).
        let seed = UInt64(ProcessInfo.processInfo.environment["IMAGETOOL_SEED"] ?? "") ?? UInt64.random(in: 1 ... 1_000_000)
        print("FITSigningTests seed \(seed) (set IMAGETOOL_SEED to repeat)")
        var rng = SplitMix(seed: seed)
        let img = try FirmwareImage(parsing: b)
        guard let l = img.layout as? FITLayout else { return XCTFail("not a FIT") }
        let tree = max(0, l.fit.totalSize - 2000) ..< l.fit.totalSize
        for i in 0 ..< 60 {
            var m = b
            for _ in 0 ..< Int(rng.next() % 4 + 1) {
                m[tree.lowerBound + Int(rng.next() % UInt64(tree.count))] = UInt8(truncatingIfNeeded: rng.next())
            }
            exercise(m, keys: dir + "/keys", "mutant \(i) seed \(seed)")
        }
        // Cuts through the signature node.
        for cut in stride(from: l.fit.totalSize - 1200, to: l.fit.totalSize, by: 97) {
            exercise(Array(b[..<cut]), keys: dir + "/keys", "cut at \(cut)")
        }
    }
}

extension FirmwareImage {
    /// The signature nodes of a FIT image's tree.
    var fitSignatureNodes: [String] {
        guard let l = layout as? FITLayout else { return [] }
        return l.fit.signatureNodes
    }
}
