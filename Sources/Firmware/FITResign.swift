import BinaryIO
import CFDT

extension FITImage {
    /// The paths of the signature nodes that carry a `value`, images first, in tree order.
    public var signatureNodes: [String] {
        images.flatMap { i in i.signatures.map { "/images/\(i.name)/\($0)" } }
            + configurations.flatMap { c in c.signatures.map { "/configurations/\(c.name)/\($0)" } }
    }

    /// Refuses to rebuild a signed FIT without a signer: its signatures would no longer verify.
    func checkSignable(_ signer: FITSigner?) throws {
        guard isSigned, signer == nil else { return }
        let names = signatureNodes
        throw FormatError(.refused, context: "rebuild FIT",
                          "the FIT is signed (\(names.prefix(3).joined(separator: ", "))\(names.count > 3 ? ", ..." : "")); a rebuilt image would fail U-Boot's signature check: give the signing key (--fit-key KEYDIR or KEY.pem) to re-sign it")
    }

    /// Re-signs, in the opened tree at `fdt`, every signature node that carries a `value`
    /// the way `mkimage -F -k` does (u-boot tools/image-host.c fit_add_verification_data):
    /// image signatures first (over the image data: `replaced` data followed by `zeroPad`
    /// zeros, else the original bytes of `bytes`), then configuration signatures (over
    /// `FITHashedRegions` and the whole strings block, whose size becomes
    /// `hashed-strings`). `changed` names images whose data changed; one of them without
    /// its new data here is an error, never a stale signature.
    func resign(_ fdt: UnsafeMutableRawPointer, signer: FITSigner, bytes: [UInt8], replaced: [String: [UInt8]],
                zeroPad: [String: Int], changed: Set<String>) throws {
        let ctx = "re-sign FIT"
        func node(_ path: String) throws -> Int32 {
            let n = fdt_path_offset(fdt, path)
            guard n >= 0 else { throw FormatError(.invalid, context: ctx, "\(path): \(FITImage.fdtMessage(n))") }
            return n
        }
        func text(_ n: Int32, _ name: String) -> String? {
            var len: Int32 = 0
            guard let p = fdt_getprop(fdt, n, name, &len), len > 0 else { return nil }
            let b = UnsafeRawBufferPointer(start: p, count: Int(len))
            return String(decoding: b.prefix { $0 != 0 }, as: UTF8.self)
        }
        func algorithm(_ path: String) throws -> (FITSignatureAlgorithm, String?) {
            let n = try node(path)
            guard let algo = text(n, "algo") else {
                throw FormatError(.invalid, context: ctx, "\(path) has no algo")
            }
            return (try FITSignatureAlgorithm(algo: algo, padding: text(n, "padding"), node: path), text(n, "key-name-hint"))
        }
        func set(_ path: String, _ name: String, _ value: [UInt8]) throws {
            let n = try node(path)
            let r = value.withUnsafeBytes { fdt_setprop(fdt, n, name, $0.baseAddress, Int32($0.count)) }
            guard r == 0 else { throw FormatError(.invalid, context: ctx, "set \(path)/\(name): \(FITImage.fdtMessage(r))") }
        }
        func cstring(_ s: String) -> [UInt8] { Array(s.utf8) + [0] }
        func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff)] }
        /// fit_image_write_sig: the properties in mkimage's order.
        func write(_ path: String, value: [UInt8], hashed: (nodes: [String], strings: UInt32)?) throws {
            try set(path, "value", value)
            try set(path, "signer-name", cstring(signer.name))
            try set(path, "signer-version", cstring(signer.version))
            try set(path, "timestamp", be32(signer.timestamp))
            if let h = hashed {
                try set(path, "hashed-nodes", h.nodes.flatMap(cstring))
                try set(path, "hashed-strings", be32(0) + be32(h.strings))
            }
        }
        for img in images {
            for sig in img.signatures {
                let path = "/images/\(img.name)/\(sig)"
                let (alg, hint) = try algorithm(path)
                let value: [UInt8]
                if let new = replaced[img.name] {
                    let zeros = [UInt8](repeating: 0, count: zeroPad[img.name] ?? 0)
                    value = try new.withUnsafeBytes { d in
                        try zeros.withUnsafeBytes { z in try signer.sign(alg, hint: hint, node: path, parts: [d, z]) }
                    }
                } else {
                    guard !changed.contains(img.name) else {
                        throw FormatError(.invalid, context: ctx, "\(path): the new data of /images/\(img.name) is not at hand to sign")
                    }
                    value = try bytes.withUnsafeBytes { b in
                        try signer.sign(alg, hint: hint, node: path, parts: [UnsafeRawBufferPointer(rebasing: b[img.dataStart ..< img.dataEnd])])
                    }
                }
                try write(path, value: value, hashed: nil)
            }
        }
        for conf in configurations {
            for sig in conf.signatures {
                let path = "/configurations/\(conf.name)/\(sig)"
                let (alg, hint) = try algorithm(path)
                let nodes = try FITHashedRegions.nodes(fdt, conf: try node("/configurations/" + conf.name), sig: try node(path), at: path)
                let ranges = try FITHashedRegions.find(fdt, include: nodes, at: path)
                let stringsOff = Int(FITHashedRegions.be32(fdt, 12))
                let stringsSize = FITHashedRegions.be32(fdt, 32)
                let raw = UnsafeRawBufferPointer(start: fdt, count: Int(shim_fdt_totalsize(fdt)))
                guard ranges.allSatisfy({ $0.lowerBound >= 0 && $0.upperBound <= raw.count }),
                      stringsOff + Int(stringsSize) <= raw.count else {
                    throw FormatError(.invalid, context: ctx, "\(path): hashed regions outside the tree")
                }
                let parts = ranges.map { UnsafeRawBufferPointer(rebasing: raw[$0]) }
                    + [UnsafeRawBufferPointer(rebasing: raw[stringsOff ..< stringsOff + Int(stringsSize)])]
                let value = try signer.sign(alg, hint: hint, node: path, parts: parts)
                try write(path, value: value, hashed: (nodes, stringsSize))
            }
        }
    }
}

extension FITImage {
    /// The bytes a signature node signs, as U-Boot's verifier assembles them (u-boot
    /// boot/image-fit-sig.c fit_image_check_sig, fit_config_check_sig): for a node under
    /// `/images/<name>` the image data; for one under `/configurations/<name>` the
    /// `FITHashedRegions` of the tree followed by the first `hashed-strings` bytes of the
    /// strings block. `bytes` is the FIT this was parsed from; `path` the node's path.
    public func signedData(ofSignature path: String, in bytes: [UInt8]) throws -> [UInt8] {
        let ctx = "read FIT signature"
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count == 3 else { throw FormatError(.usage, context: ctx, "\(path) is not /images/X/sig or /configurations/X/sig") }
        if parts[0] == "images", let img = images.first(where: { $0.name == parts[1] }) {
            return Array(bytes[img.dataStart ..< img.dataEnd])
        }
        guard parts[0] == "configurations", totalSize <= bytes.count else {
            throw FormatError(.usage, context: ctx, "\(path): no such signature node")
        }
        return try bytes.withUnsafeBytes { raw -> [UInt8] in
            guard let fdt = raw.baseAddress, fdt_check_header(fdt) == 0 else { throw FormatError(.invalid, context: ctx, "not a device tree") }
            let conf = fdt_path_offset(fdt, "/configurations/" + parts[1])
            let sig = conf >= 0 ? fdt_subnode_offset(fdt, conf, parts[2]) : conf
            guard sig >= 0 else { throw FormatError(.invalid, context: ctx, "\(path): \(FITImage.fdtMessage(sig))") }
            var len: Int32 = 0
            guard let p = fdt_getprop(fdt, sig, "hashed-strings", &len), len >= 8 else {
                throw FormatError(.invalid, context: ctx, "\(path) has no hashed-strings <0 size>")
            }
            let size = Int(FITHashedRegions.be32(UnsafeRawPointer(p), 4))
            let stringsOff = Int(FITHashedRegions.be32(fdt, 12))
            guard size <= Int(FITHashedRegions.be32(fdt, 32)), stringsOff + size <= totalSize else {
                throw FormatError(.invalid, context: ctx, "\(path): hashed-strings size \(size) is beyond the strings block")
            }
            let nodes = try FITHashedRegions.nodes(fdt, conf: conf, sig: sig, at: path)
            let ranges = try FITHashedRegions.find(fdt, include: nodes, at: path)
            var out: [UInt8] = []
            for r in ranges {
                guard r.lowerBound >= 0, r.upperBound <= totalSize else { throw FormatError(.invalid, context: ctx, "\(path): hashed region outside the tree") }
                out += raw[r]
            }
            out += raw[stringsOff ..< stringsOff + size]
            return out
        }
    }
}
