import BinaryIO
import Squash

/// The unknown-container message: which families were tried and which known magics
/// occur where, so a user can tell what the file is and where a filesystem starts.
enum ContainerScan {
    /// Families `FirmwareImage` recognises, in the order it tries them.
    static var families: String { FirmwareFamilies.all.map { $0.familyDescription }.joined(separator: ", ") }

    /// Known magics at 4-byte boundaries (the first 8 hits).
    static func magics(_ bytes: [UInt8]) -> [String] {
        var found: [String] = []
        let n = bytes.count
        var i = 0
        while i + 4 <= n && found.count < 8 {
            let a = bytes[i], b = bytes[i + 1], c = bytes[i + 2], d = bytes[i + 3]
            var name: String? = nil
            if Superblock.looksLikeSquashfs(bytes, at: i) { name = "squashfs (hsqs)" }
            else if a == 0x73 && b == 0x71 && c == 0x73 && d == 0x68 { name = "squashfs big-endian (sqsh)" }
            else if a == 0x27 && b == 0x05 && c == 0x19 && d == 0x56 { name = "uImage" }
            else if a == 0xd0 && b == 0x0d && c == 0xfe && d == 0xed { name = "FIT/device tree (d00dfeed)" }
            else if a == 0x1f && b == 0x8b && c == 0x08 { name = "gzip" }
            else if a == 0x55 && b == 0x42 && c == 0x49 && d == 0x23 { name = "UBI (UBI#)" }
            else if a == 0x48 && b == 0x44 && c == 0x52 && d == 0x30 { name = "TRX (HDR0)" }
            else if a == 0xfd && b == 0x37 && c == 0x7a && d == 0x58 { name = "xz" }
            else if a == 0x5d && b == 0x00 && c == 0x00 && (d == 0x80 || d == 0x00 || d == 0x01 || d == 0x02 || d == 0x04 || d == 0x08 || d == 0x10 || d == 0x20 || d == 0x40) && i % 512 == 0 { name = "lzma" }
            else if a == 0x45 && b == 0x46 && c == 0x49 && d == 0x20 && i + 8 <= n && bytes[i + 4] == 0x50 && bytes[i + 5] == 0x41 { name = "GPT (EFI PART)" }
            if i + 10 <= n && a == 0x54 && b == 0x50 && c == 0x2d && d == 0x4c && bytes[i + 4] == 0x49 && bytes[i + 5] == 0x4e && bytes[i + 6] == 0x4b {
                name = "TP-Link string (TP-LINK)"
            }
            if i + 8 <= n && a == 0x76 && b == 0x65 && c == 0x72 && d == 0x2e && bytes[i + 4] == 0x20 {
                name = "TP-Link version string (ver. )"
            }
            if let name { found.append("\(name) at 0x\(String(i, radix: 16))") }
            i += 4
        }
        return found
    }

    /// The whole message.
    static func describe(_ bytes: [UInt8]) -> String {
        let m = magics(bytes)
        let head = Hex.encode(bytes.prefix(8))
        var s = "unknown image container (starts \(head)); tried \(families)"
        s += m.isEmpty ? "; no known magic found" : "; found \(m.joined(separator: ", "))"
        if m.contains(where: { $0.hasPrefix("squashfs (hsqs)") }) {
            s += "; to read the filesystem alone use `imagetool squash ls FILE --offset auto`"
        }
        if bytes.count >= 4, (bytes[0] == 0x2a && bytes[1] == 0x23 && bytes[2] == 0x24 && bytes[3] == 0x5e) || bytes.starts(with: Array("DNI".utf8)) {
            s += " (looks like a Netgear image header, which imagetool does not know)"
        }
        return s
    }
}
