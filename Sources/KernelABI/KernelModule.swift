import BinaryIO
import Codecs
import Platform

/// What a Linux kernel module (`.ko`, an ELF relocatable) tells about itself: `.modinfo`
/// (`key=value` strings: name, vermagic, depends, license, srcversion, alias, ...),
/// `__versions` (the CRCs of the symbols it imports when built with CONFIG_MODVERSIONS),
/// the symbols it needs (undefined) and those it exports (`__ksymtab_X`, `__crc_X`)
/// [linux: include/linux/module.h struct modversion_info, include/linux/export-internal.h,
/// scripts/mod/modpost.c; kmod: libkmod/libkmod-elf.c].
public struct KernelModule: Sendable {
    /// One `__versions` entry: `unsigned long crc; char name[64 - sizeof(unsigned long)]`.
    public struct VersionEntry: Sendable, Equatable, Codable {
        /// The CRC the module expects (low 32 bits of the word).
        public var crc: UInt32
        /// Imported symbol name.
        public var symbol: String
    }

    /// One exported symbol.
    public struct Export: Sendable, Equatable, Codable {
        /// Exported symbol name.
        public var symbol: String
        /// Whether it is exported with EXPORT_SYMBOL_GPL (its entry sits in `__ksymtab_gpl`).
        public var gpl: Bool
        /// The export CRC (`__crc_X`) when the module was built with CONFIG_MODVERSIONS.
        public var crc: UInt32?
    }

    /// A signature appended after the ELF image (`~Module signature appended~\n` trailer,
    /// preceded by `struct module_signature` and the signature blob) [linux:
    /// include/linux/module_signature.h; scripts/sign-file.c].
    public struct Signature: Sendable, Equatable, Codable {
        /// `id_type`: "PGP", "X509" or "PKCS#7" (what kmod prints as `sig_id`).
        public var idType: String
        /// Length of the signature blob in bytes.
        public var length: Int
    }

    /// The appended signature, if the module is signed (OpenWrt's are not; Debian's are).
    public var signature: Signature?

    /// Path the module was read from.
    public var path: String
    /// `.modinfo` entries in stored order (repeated keys kept).
    public var modinfo: [(key: String, value: String)]
    /// `__versions` entries in stored order (plus `__version_ext_*` ones, Linux 6.13+).
    public var versions: [VersionEntry]
    /// Global and weak undefined symbols, sorted, without duplicates.
    public var undefined: [String]
    /// Weak undefined symbols (a module loads without them).
    public var weakUndefined: Set<String>
    /// Exported symbols, sorted by name.
    public var exports: [Export]
    /// ELF facts: "ELF32"/"ELF64", endianness and e_machine.
    public var is64: Bool, bigEndian: Bool, machine: UInt16

    /// All values of a `.modinfo` key, in stored order.
    public func values(_ key: String) -> [String] { modinfo.filter { $0.key == key }.map(\.value) }
    /// The first value of a `.modinfo` key.
    public func value(_ key: String) -> String? { modinfo.first { $0.key == key }?.value }
    /// The module name: `.modinfo` `name`, else the file name without `.ko`.
    public var name: String {
        if let n = value("name") { return n }
        var base = FS.basename(of: path)
        for suffix in [".ko.xz", ".ko.gz", ".ko.zst", ".ko"] where base.hasSuffix(suffix) {
            base = String(base.dropLast(suffix.count)); break
        }
        return String(base.map { $0 == "-" ? "_" : $0 })
    }
    /// `.modinfo` `vermagic`, e.g. `6.6.110 SMP mod_unload`.
    public var vermagic: String? { value("vermagic") }
    /// `.modinfo` `depends` split on commas.
    public var depends: [String] { values("depends").flatMap { $0.split(separator: ",").map(String.init) } }

    /// Reads a module file (at most 256 MiB), also xz-, gzip- or zstd-compressed
    /// (`.ko.xz`, `.ko.gz`, `.ko.zst`, recognised by their magic as kmod does).
    public static func open(_ path: String) throws -> KernelModule {
        try withFile(path) { try KernelModule(parsing: try decompressed(try FS.read(path, limit: 256 << 20)), path: path) }
    }

    /// The ELF bytes of a possibly compressed module.
    public static func decompressed(_ b: [UInt8]) throws -> [UInt8] {
        let limit = 256 << 20
        if b.starts(with: [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) {
            return try LZMA.decode(b, alone: false, maxOutput: limit, context: "decompress module (xz)").bytes
        }
        if b.starts(with: [0x1F, 0x8B]) { return try Deflate.inflate(b, framing: .gzip, maxOutput: limit, context: "decompress module (gzip)").bytes }
        if b.starts(with: [0x28, 0xB5, 0x2F, 0xFD]) {
            return try b.withUnsafeBytes { try Zstd.decompress($0, maxOutput: limit, context: "decompress module (zstd)") }
        }
        return b
    }

    /// Reads the appended-signature trailer: `... blob, 12-byte struct module_signature
    /// (algo, hash, id_type, signer_len, key_id_len, pad[3], be32 sig_len), magic`.
    static func signature(_ b: [UInt8]) throws -> Signature? {
        let magic = Array("~Module signature appended~\n".utf8)
        guard b.count >= magic.count + 12, b[(b.count - magic.count)...].elementsEqual(magic) else { return nil }
        var r = try ByteReader(b, context: "read module signature").view(at: b.count - magic.count - 12, length: 12, "struct module_signature")
        _ = try r.bytes(2, "algo, hash")
        let id = try r.u8("id_type")
        _ = try r.bytes(5, "lengths, padding")
        let len = try r.u32be("sig_len")
        guard UInt64(len) <= UInt64(b.count - magic.count - 12) else {
            throw r.error(.outOfBounds, "signature length \(len) exceeds the file", at: 8)
        }
        let names = ["PGP", "X509", "PKCS#7"]
        return Signature(idType: Int(id) < names.count ? names[Int(id)] : "unknown (\(id))", length: Int(len))
    }

    /// `.modinfo`: NUL-separated `key=value` strings (padding NULs skipped).
    static func parseModinfo(_ r: ByteReader) -> [(key: String, value: String)] {
        var out: [(key: String, value: String)] = []
        let b = r.bytes
        var i = r.start
        while i < r.end {
            var j = i
            while j < r.end, b[j] != 0 { j += 1 }
            if j > i {
                var eq = i
                while eq < j, b[eq] != 0x3D { eq += 1 }
                let key = String(decoding: b[i ..< eq], as: UTF8.self)
                let value = eq < j ? String(decoding: b[(eq + 1) ..< j], as: UTF8.self) : ""
                out.append((key, value))
            }
            i = j + 1
        }
        return out
    }

    /// `__versions`: 64-byte records, CRC in the target's word size and byte order.
    static func parseVersions(_ section: ByteReader, is64: Bool, bigEndian: Bool) throws -> [VersionEntry] {
        var r = section
        r.context = "read __versions"
        guard r.count % 64 == 0 else { throw r.error(.invalid, "size \(r.count) is not a multiple of 64-byte modversion_info records", at: 0) }
        var out: [VersionEntry] = []
        while !r.isAtEnd {
            let crc = is64 ? UInt32(truncatingIfNeeded: try r.u64(bigEndian, "crc")) : try r.u32(bigEndian, "crc")
            let field = try r.bytes(is64 ? 56 : 60, "symbol name")
            let n = field.firstIndex(of: 0) ?? field.count
            out.append(VersionEntry(crc: crc, symbol: String(decoding: field[0 ..< n], as: UTF8.self)))
        }
        return out
    }

    /// Linux 6.13+ CONFIG_EXTENDED_MODVERSIONS: u32 CRCs and NUL-separated names.
    static func parseExtendedVersions(crcs: ByteReader, names: ByteReader, bigEndian: Bool) throws -> [VersionEntry] {
        var c = crcs, n = names
        c.context = "read __version_ext_crcs"; n.context = "read __version_ext_names"
        var out: [VersionEntry] = []
        while !c.isAtEnd {
            let crc = try c.u32(bigEndian, "crc")
            out.append(VersionEntry(crc: crc, symbol: try n.cString(max: n.remaining, "symbol name")))
        }
        return out
    }

    mutating func readSymbols(_ elf: ELFFile) throws {
        let syms = try elf.symbols()
        var undef = Set<String>(), weak = Set<String>()
        var exported: [String: Bool] = [:], crcs: [String: UInt32] = [:]
        for s in syms where !s.name.isEmpty && s.type != 3 {
            if s.shndx == ELFFile.shnUndef {
                guard s.binding == 1 || s.binding == 2 else { continue }
                if s.name == ".TOC." || s.name == "_GLOBAL_OFFSET_TABLE_" { continue }
                undef.insert(s.name)
                if s.binding == 2 { weak.insert(s.name) }
            } else if s.name.hasPrefix("__ksymtab_") {
                let sec = Int(s.shndx) < elf.sections.count ? elf.sections[Int(s.shndx)].name : ""
                exported[String(s.name.dropFirst(10))] = sec.contains("gpl")
            } else if s.name.hasPrefix("__export_symbol_") {
                exported[String(s.name.dropFirst(16)), default: false] = exported[String(s.name.dropFirst(16))] ?? false
            } else if s.name.hasPrefix("__crc_") {
                crcs[String(s.name.dropFirst(6))] = try crcValue(s, elf)
            }
        }
        // Stripped modules (OpenWrt strips them) keep no __ksymtab_X symbols: the exported
        // symbol is the one the relocation of each __ksymtab* entry's value field names
        // (the other fields point at __ksymtab_strings / __kstrtab*).
        for (i, sec) in elf.sections.enumerated() where sec.name.hasPrefix("__ksymtab") && sec.name != "__ksymtab_strings" {
            for rel in try elf.relocations(applyingTo: i) {
                guard rel.symbol > 0, rel.symbol < syms.count else {
                    throw FormatError(.outOfBounds, offset: sec.offset, context: "read relocations of \(sec.name)", "symbol index \(rel.symbol) beyond \(syms.count) symbols")
                }
                let s = syms[rel.symbol]
                if s.type == 3 || s.name.isEmpty || s.name.hasPrefix("__kstrtab") { continue }
                exported[s.name] = sec.name.contains("gpl")
            }
        }
        undefined = undef.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        weakUndefined = weak
        exports = exported.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .map { Export(symbol: $0, gpl: exported[$0] ?? false, crc: crcs[$0]) }
    }

    /// `__crc_X`: an absolute symbol whose value is the CRC (older kernels) or a symbol
    /// pointing at a u32 in `__kcrctab*` (newer).
    func crcValue(_ s: ELFFile.Symbol, _ elf: ELFFile) throws -> UInt32? {
        if s.shndx == ELFFile.shnAbs { return UInt32(truncatingIfNeeded: s.value) }
        guard Int(s.shndx) < elf.sections.count else { return nil }
        let sec = elf.sections[Int(s.shndx)]
        guard sec.type != ELFFile.shtNobits else { return nil }
        var r = try elf.contents(of: sec)
        r.context = "read \(s.name)"
        try r.seek(to: try Checked.int(s.value, as: Int.self, "\(s.name) value"))
        return try r.u32(elf.bigEndian, "crc")
    }
}

extension KernelModule {
    /// Parses module bytes; errors carry `path`.
    public init(parsing bytes: [UInt8], path: String) throws {
        self = try withFile(path) {
            let elf = try ELFFile(bytes: bytes)
            var m = KernelModule(signature: try Self.signature(bytes), path: path, modinfo: [], versions: [], undefined: [], weakUndefined: [], exports: [],
                                 is64: elf.is64, bigEndian: elf.bigEndian, machine: elf.machine)
            if let s = elf.section(named: ".modinfo") { m.modinfo = Self.parseModinfo(try elf.contents(of: s)) }
            if let s = elf.section(named: "__versions") { m.versions = try Self.parseVersions(try elf.contents(of: s), is64: elf.is64, bigEndian: elf.bigEndian) }
            if let c = elf.section(named: "__version_ext_crcs"), let n = elf.section(named: "__version_ext_names") {
                m.versions += try Self.parseExtendedVersions(crcs: try elf.contents(of: c), names: try elf.contents(of: n), bigEndian: elf.bigEndian)
            }
            try m.readSymbols(elf)
            return m
        }
    }
}
