import BinaryIO

/// The x86 boot protocol setup header of a bzImage (linux Documentation/arch/x86/boot.rst,
/// arch/x86/boot/header.S): `setup_sects` at 0x1f1, boot flag 0xAA55 at 0x1fe, "HdrS" at
/// 0x202, protocol version at 0x206, `kernel_version` (pointer - 0x200 to a text) at
/// 0x20e, and for protocol 2.08+ `payload_offset`/`payload_length` at 0x248/0x24c: where
/// the compressed vmlinux sits inside the protected-mode part, which starts after
/// `(setup_sects or 4) + 1` sectors. OpenWrt's x86 `/boot/vmlinuz` is such a bzImage.
public struct BzImageHeader: Sendable, Equatable {
    /// Boot protocol version (0x020f = 2.15).
    public var protocolVersion: UInt16
    /// Setup sectors (0 counts as 4).
    public var setupSectors: Int
    /// The `kernel_version` text ("6.6.73 (builder@host) #0 SMP ..."), when present.
    public var versionText: String?
    /// Offset of the compressed payload in the file.
    public var payloadOffset: Int
    /// Length of the compressed payload.
    public var payloadLength: Int

    /// "HdrS" at 0x202 and the 0xAA55 boot flag.
    public static func matches(_ k: [UInt8]) -> Bool {
        k.count >= 0x250 && k[0x1fe] == 0x55 && k[0x1ff] == 0xaa && Array(k[0x202 ..< 0x206]) == Array("HdrS".utf8)
    }

    /// Parses the setup header of `k`.
    public init(parsing k: [UInt8]) throws {
        var r = ByteReader(k, context: "read bzImage setup header")
        try r.seek(to: 0x1f1)
        let ss = Int(try r.u8("setup_sects"))
        setupSectors = ss == 0 ? 4 : ss
        try r.seek(to: 0x206)
        protocolVersion = try r.u16le("version")
        try r.seek(to: 0x20e)
        let vptr = Int(try r.u16le("kernel_version"))
        versionText = nil
        if vptr != 0, vptr + 0x200 < k.count {
            var e = vptr + 0x200
            while e < k.count, e - vptr - 0x200 < 256, k[e] != 0 { e += 1 }
            versionText = String(decoding: k[(vptr + 0x200) ..< e], as: UTF8.self)
        }
        guard protocolVersion >= 0x0208 else {
            throw r.error(.unsupported, "boot protocol \(protocolVersion >> 8).\(protocolVersion & 0xff) has no payload fields (2.08+)", at: 0x206)
        }
        try r.seek(to: 0x248)
        let po = Int(try r.u32le("payload_offset"))
        let pl = Int(try r.u32le("payload_length"))
        let pm = (setupSectors + 1) * 512
        guard pm + po + pl <= k.count, pl > 0 else {
            throw r.error(.truncated, "payload [\(pm + po), +\(pl)) beyond the \(k.count)-byte bzImage", at: 0x248)
        }
        payloadOffset = pm + po
        payloadLength = pl
    }

    /// The compressed payload bytes of `k`.
    public func payload(of k: [UInt8]) -> [UInt8] { Array(k[payloadOffset ..< payloadOffset + payloadLength]) }
}
