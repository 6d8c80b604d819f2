import BinaryIO
import Codecs
import Digests

/// A decompressed kernel image and what can be read from it without running it: the
/// `linux_banner` string (init/version.c: "Linux version <release> (<builder>) (<compiler>)
/// #<n> ...") and, when the kernel was built with CONFIG_IKCONFIG, the embedded config
/// (kernel/configs.c: "IKCFG_ST" + gzip of .config + "IKCFG_ED").
///
/// OpenWrt kernels are lzma_alone (uImage `-C lzma`, TP-Link images), gzip or xz; the
/// decompressed size is bounded so a hostile header cannot exhaust memory.
public struct KernelPayload: Sendable {
    /// Largest decompressed kernel accepted.
    public static let maxKernelSize = 128 << 20

    /// The compression the payload used ("lzma", "xz", "gzip", "none").
    public var compression: String
    /// Decompressed size in bytes.
    public var size: Int
    /// The full banner line, when found.
    public var banner: String?
    /// The kernel release (third word of the banner: "6.1.0-56-amd64").
    public var release: String? {
        guard let b = banner else { return nil }
        let words = b.split(separator: " ")
        return words.count >= 3 ? String(words[2]) : nil
    }
    /// The embedded .config text, when present.
    public var config: String?
    /// SHA-256 (hex) of the decompressed kernel: equal digests mean the same kernel
    /// (rebase evidence (a)).
    public var digest: String = ""

    /// Names the compression of the bytes at `offset` by their magic.
    public static func sniff(_ bytes: [UInt8], at offset: Int) -> String {
        guard offset >= 0, bytes.count - offset >= 13 else { return "unknown" }
        let b = bytes[offset ..< offset + 13]
        let s = b.startIndex
        if b[s] == 0x1f && b[s + 1] == 0x8b { return "gzip" }
        if Array(b.prefix(4)) == [0x28, 0xb5, 0x2f, 0xfd] { return "zstd" }
        if Array(b.prefix(6)) == [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] { return "xz" }
        // lzma_alone: properties byte lc+lp*9+pb*45 < 225, then a power-of-two-ish dict size.
        if b[s] < 225 {
            let dict = UInt32(b[s + 1]) | UInt32(b[s + 2]) << 8 | UInt32(b[s + 3]) << 16 | UInt32(b[s + 4]) << 24
            if dict >= 4096 && dict <= (1 << 30) && dict & (dict - 1) == 0 { return "lzma" }
        }
        return "unknown"
    }

    /// Decompresses `payload` (compression named, or sniffed when nil) and reads the
    /// banner and config.
    public init(payload: [UInt8], compression named: String? = nil, context: String = "decompress kernel") throws {
        let comp = named ?? KernelPayload.sniff(payload, at: 0)
        var plain: [UInt8]
        switch comp {
        case "lzma":
            plain = try LZMA.decode(payload, alone: true, maxOutput: KernelPayload.maxKernelSize, context: context).bytes
        case "xz":
            plain = try LZMA.decode(payload, alone: false, maxOutput: KernelPayload.maxKernelSize, context: context).bytes
        case "gzip":
            plain = try Deflate.inflate(payload, framing: .gzip, maxOutput: KernelPayload.maxKernelSize, context: context).bytes
        case "zstd":
            plain = try payload.withUnsafeBytes { try Zstd.decompress($0, maxOutput: KernelPayload.maxKernelSize, context: context) }
        case "none":
            plain = payload
        default:
            throw FormatError(.unsupported, offset: 0, context: context, "kernel compression \(comp) is not supported")
        }
        compression = comp
        size = plain.count
        digest = Hex.encode(Digest.sha256(plain))
        banner = KernelPayload.findBanner(plain)
        config = try KernelPayload.findConfig(plain, context: context)
    }

    static func find(_ needle: [UInt8], in hay: [UInt8], from: Int = 0) -> Int? {
        guard !needle.isEmpty, hay.count >= needle.count else { return nil }
        return hay.withUnsafeBufferPointer { h -> Int? in
            let first = needle[0]
            var i = from
            let last = h.count - needle.count
            while i <= last {
                if h[i] == first {
                    var j = 1
                    while j < needle.count && h[i + j] == needle[j] { j += 1 }
                    if j == needle.count { return i }
                }
                i += 1
            }
            return nil
        }
    }

    /// "Linux version " followed by printable text up to NUL or newline; the first match
    /// whose next word looks like a release (starts with a digit).
    static func findBanner(_ plain: [UInt8]) -> String? {
        let needle = Array("Linux version ".utf8)
        var from = 0
        while let at = find(needle, in: plain, from: from) {
            var end = at
            while end < plain.count, end - at < 1024, plain[end] != 0, plain[end] != 0x0a { end += 1 }
            let text = String(decoding: plain[at ..< end], as: UTF8.self)
            let after = at + needle.count
            if after < plain.count, plain[after] >= 0x30, plain[after] <= 0x39 { return text }
            from = at + 1
        }
        return nil
    }

    /// The gzip'd config after an IKCFG_ST marker, inflated (bounded to 8 MiB); an
    /// occurrence not followed by a valid gzip stream is skipped.
    static func findConfig(_ plain: [UInt8], context: String) throws -> String? {
        let marker = Array("IKCFG_ST".utf8)
        var from = 0
        while let st = find(marker, in: plain, from: from) {
            let start = st + marker.count
            from = st + 1
            guard start + 2 < plain.count, plain[start] == 0x1f, plain[start + 1] == 0x8b else { continue }
            let inflated = try? plain.withUnsafeBytes { buf in
                try Deflate.inflate(UnsafeRawBufferPointer(rebasing: buf[start...]), framing: .gzip,
                                    maxOutput: 8 << 20, context: "\(context): IKCONFIG at offset \(start)")
            }
            if let inflated { return String(decoding: inflated.bytes, as: UTF8.self) }
        }
        return nil
    }
}
