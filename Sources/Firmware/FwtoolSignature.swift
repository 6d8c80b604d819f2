import BinaryIO

/// Produces the usign signature of an image for its fwtool signature chunk. OpenWrt's
/// `append-metadata` runs `usign -S -m image -s key -x image.sig`, then
/// `ucert -A -c image.ucert -x image.sig` and `fwtool -S image.ucert image`
/// (include/image-commands.mk). Implementations return the usign signature file text
/// (`untrusted comment: ...\n<base64 of "Ed" + fingerprint + Ed25519 signature>\n`,
/// openwrt/usign main.c). The CLI fills this in with FeedRewrite's usign signer.
public protocol FirmwareSigner: Sendable {
    /// The usign signature file for `message` (the whole image before the chunk).
    func usignSignature(of message: [UInt8]) throws -> [UInt8]
}

/// A ucert chain as stored in the fwtool signature chunk (openwrt/ucert ucert.c): a
/// sequence of libubox blobs (blob.h: be32 `id_len` = extended bit 31, id in bits 24..30,
/// length incl. the 4-byte header in bits 0..23; data padded to 4 bytes). Each top-level
/// blob is a container holding attribute 0 (signature, usign .sig text) and optionally
/// attribute 1 (nested payload: a certificate). The last element without a payload signs
/// the image; the earlier ones are the certificate chain and are kept on re-signing.
public struct UcertChain: Sendable, Equatable {
    /// The top-level blobs, raw (header + padded data).
    public var elements: [[UInt8]]

    static func blobLength(_ b: [UInt8], at i: Int) -> Int? {
        guard i + 4 <= b.count else { return nil }
        let idLen = UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
        let len = Int(idLen & 0x00ff_ffff)
        return len >= 4 ? len : nil
    }

    /// Splits `data` into top-level blobs; fails when a length runs past the end.
    public init(parsing data: [UInt8], fileOffset: UInt64 = 0) throws {
        var out: [[UInt8]] = []
        var i = 0
        while i < data.count {
            guard let len = UcertChain.blobLength(data, at: i), i + len <= data.count else {
                throw FormatError(.invalid, offset: fileOffset + UInt64(i), context: "read ucert blob",
                                  "blob length runs past the signature chunk (\(data.count) bytes)")
            }
            let padded = min(data.count, i + ((len + 3) & ~3))
            out.append(Array(data[i ..< padded]))
            i = padded
        }
        elements = out
    }

    /// Whether a top-level blob contains a payload attribute (id 1), i.e. is a certificate.
    static func isCertificate(_ blob: [UInt8]) -> Bool {
        var i = 4
        while let len = blobLength(blob, at: i), i + len <= blob.count {
            if (blob[i] & 0x7f) == 1 { return true }
            i += (len + 3) & ~3
        }
        return false
    }

    /// A container blob holding one signature attribute with `sig` (as `ucert -A` writes it).
    static func signatureElement(_ sig: [UInt8]) -> [UInt8] {
        func blob(id: UInt8, _ data: [UInt8]) -> [UInt8] {
            let len = UInt32(4 + data.count)
            var b: [UInt8] = [id & 0x7f, UInt8(truncatingIfNeeded: len >> 16), UInt8(truncatingIfNeeded: len >> 8), UInt8(truncatingIfNeeded: len)]
            b += data
            while b.count % 4 != 0 { b.append(0) }
            return b
        }
        return blob(id: 0, blob(id: 0, sig))
    }

    /// The chain with its message signature replaced by `sig` (certificates kept).
    public func resigned(with sig: [UInt8]) -> [UInt8] {
        var kept = elements
        while let last = kept.last, !UcertChain.isCertificate(last) { kept.removeLast() }
        return kept.flatMap { $0 } + UcertChain.signatureElement(sig)
    }
}
