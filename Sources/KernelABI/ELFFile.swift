import BinaryIO

/// A bounds-checked reader for the parts of an ELF relocatable object (a kernel module,
/// `.ko`) that module inspection needs: the file header, section headers with names, and
/// the symbol table. ELF32/ELF64, little- and big-endian [System V gABI ch. 4; linux:
/// include/uapi/linux/elf.h]. Every offset and count from the file is checked before use.
public struct ELFFile: Sendable {
    /// One section header.
    public struct Section: Sendable {
        /// Section name from the section name table.
        public var name: String
        /// sh_name: offset of the name in the section name table.
        public var nameOffset: UInt32
        /// sh_type (1 PROGBITS, 2 SYMTAB, 4 RELA, 8 NOBITS, 9 REL).
        public var type: UInt32
        /// sh_flags.
        public var flags: UInt64
        /// sh_offset: file offset of the contents.
        public var offset: UInt64
        /// sh_size in bytes.
        public var size: UInt64
        /// sh_link (for SYMTAB: its string table).
        public var link: UInt32
        /// sh_info (for REL/RELA: the section relocated).
        public var info: UInt32
        /// sh_entsize: size of one entry of a table section.
        public var entsize: UInt64
    }

    /// One symbol table entry.
    public struct Symbol: Sendable {
        /// Symbol name from the linked string table.
        public var name: String
        /// st_value (offset in its section for a relocatable file).
        public var value: UInt64
        /// st_size.
        public var size: UInt64
        /// STB_* (0 local, 1 global, 2 weak).
        public var binding: UInt8
        /// STT_* (0 notype, 1 object, 2 func, 3 section, 4 file).
        public var type: UInt8
        /// Section index (0 undefined, 0xfff1 absolute, 0xfff2 common).
        public var shndx: UInt32
    }

    /// Section types (System V gABI).
    public static let shtNobits: UInt32 = 8, shtSymtab: UInt32 = 2, shtSymtabShndx: UInt32 = 18
    /// Relocation section types.
    public static let shtRela: UInt32 = 4, shtRel: UInt32 = 9
    /// Special section indexes.
    public static let shnUndef: UInt32 = 0, shnAbs: UInt32 = 0xfff1, shnXindex: UInt32 = 0xffff
    /// Upper bounds on counts accepted from a file (a module has a few thousand at most).
    public static let maxSections = 1 << 16, maxSymbols = 1 << 22

    /// The whole file.
    public let bytes: [UInt8]
    /// ELFCLASS64 (else ELFCLASS32).
    public let is64: Bool
    /// ELFDATA2MSB (else ELFDATA2LSB).
    public let bigEndian: Bool
    /// e_type (1 = ET_REL, the type of a module).
    public let type: UInt16
    /// e_machine (3 x86, 8 MIPS, 40 ARM, 62 x86-64, 183 AArch64, ...).
    public let machine: UInt16
    /// Section headers in file order, names resolved.
    public let sections: [Section]

    /// Parses the header and section table of `bytes`.
    public init(bytes: [UInt8]) throws {
        self.bytes = bytes
        var r = ByteReader(bytes, context: "read ELF header")
        let magic = try r.bytes(4, "ELF magic")
        guard magic == [0x7F, 0x45, 0x4C, 0x46] else { throw r.error(.invalid, "not an ELF file (magic \(Hex.encode(magic)))", at: 0) }
        let cls = try r.u8("EI_CLASS"), data = try r.u8("EI_DATA")
        guard cls == 1 || cls == 2 else { throw r.error(.invalid, "EI_CLASS \(cls) is neither ELF32 nor ELF64", at: 4) }
        guard data == 1 || data == 2 else { throw r.error(.invalid, "EI_DATA \(data) is neither LSB nor MSB", at: 5) }
        let is64 = cls == 2, be = data == 2
        self.is64 = is64; bigEndian = be
        try r.seek(to: 16)
        func word(_ r: inout ByteReader, _ what: String) throws -> UInt64 { try ELFFile.word(&r, is64, be, what) }
        type = try r.u16(be, "e_type"); machine = try r.u16(be, "e_machine")
        _ = try r.u32(be, "e_version")
        _ = try word(&r, "e_entry"); _ = try word(&r, "e_phoff")
        let shoff = try word(&r, "e_shoff")
        _ = try r.u32(be, "e_flags"); _ = try r.u16(be, "e_ehsize")
        _ = try r.u16(be, "e_phentsize"); _ = try r.u16(be, "e_phnum")
        let shentsize = Int(try r.u16(be, "e_shentsize"))
        var shnum = UInt64(try r.u16(be, "e_shnum"))
        var shstrndx = UInt32(try r.u16(be, "e_shstrndx"))
        let want = is64 ? 64 : 40
        guard shoff != 0 else { throw FormatError(.invalid, offset: 0, context: "read ELF header", "no section header table (e_shoff 0)") }
        guard shentsize == want else { throw FormatError(.invalid, offset: is64 ? 58 : 46, context: "read ELF header", "e_shentsize \(shentsize), expected \(want)") }
        let off = try Checked.int(shoff, as: Int.self, "e_shoff", offset: is64 ? 40 : 32)
        // Extended numbering: section 0 holds the real count (sh_size) and index (sh_link).
        var first = try r.view(at: off, length: want, "section header 0")
        first.context = "read section header 0"
        let s0 = try ELFFile.readSection(&first, is64: is64, be: be)
        if shnum == 0 { shnum = s0.size }
        if shstrndx == ELFFile.shnXindex { shstrndx = s0.link }
        try Checked.limit(shnum, UInt64(ELFFile.maxSections), "section count", context: "read ELF header", offset: is64 ? 60 : 48)
        let tableLen = try Checked.mul(Int(shnum), want, "section table size")
        var t = try r.view(at: off, length: tableLen, "section header table (\(shnum) x \(want) bytes at 0x\(String(off, radix: 16)))")
        t.context = "read section headers"
        var secs: [Section] = []
        secs.reserveCapacity(Int(shnum))
        for _ in 0 ..< Int(shnum) { secs.append(try ELFFile.readSection(&t, is64: is64, be: be)) }
        guard shnum == 0 || Int(shstrndx) < secs.count else {
            throw FormatError(.outOfBounds, offset: UInt64(is64 ? 62 : 50), context: "read ELF header", "e_shstrndx \(shstrndx) >= section count \(shnum)")
        }
        if shnum > 0 {
            let names = try ELFFile.sectionBytes(bytes, secs[Int(shstrndx)], "section name table")
            for i in secs.indices {
                secs[i].name = try ELFFile.string(in: names, at: UInt64(secs[i].nameOffset), "name of section \(i)")
            }
        }
        sections = secs
    }

    private static func word(_ r: inout ByteReader, _ is64: Bool, _ be: Bool, _ what: String) throws -> UInt64 {
        is64 ? try r.u64(be, what) : UInt64(try r.u32(be, what))
    }

    static func readSection(_ r: inout ByteReader, is64: Bool, be: Bool) throws -> Section {
        let name = try r.u32(be, "sh_name"), type = try r.u32(be, "sh_type")
        func w(_ what: String) throws -> UInt64 { is64 ? try r.u64(be, what) : UInt64(try r.u32(be, what)) }
        let flags = try w("sh_flags"); _ = try w("sh_addr")
        let offset = try w("sh_offset"), size = try w("sh_size")
        let link = try r.u32(be, "sh_link"), info = try r.u32(be, "sh_info")
        _ = try w("sh_addralign"); let entsize = try w("sh_entsize")
        return Section(name: "", nameOffset: name, type: type, flags: flags, offset: offset, size: size, link: link, info: info, entsize: entsize)
    }

    /// The file bytes of a section (empty for SHT_NOBITS), checked against the file size.
    static func sectionBytes(_ bytes: [UInt8], _ s: Section, _ what: String) throws -> ByteReader {
        if s.type == shtNobits { return ByteReader([], fileOffset: 0, context: what) }
        let r = ByteReader(bytes, context: "read \(what)")
        let end = try Checked.add(s.offset, s.size, "\(what) end")
        guard end <= UInt64(bytes.count) else {
            throw FormatError(.outOfBounds, offset: s.offset, context: "read \(what)", "section [0x\(String(s.offset, radix: 16)), +0x\(String(s.size, radix: 16))) beyond file end 0x\(String(bytes.count, radix: 16))")
        }
        return try r.view(at: Int(s.offset), length: Int(s.size), what)
    }

    /// A NUL-terminated string at `offset` inside a string table.
    static func string(in table: ByteReader, at offset: UInt64, _ what: String) throws -> String {
        guard offset < UInt64(table.count) else {
            if offset == 0 { return "" }
            throw table.error(.outOfBounds, "\(what): string offset \(offset) beyond table size \(table.count)", at: 0)
        }
        var v = try table.view(at: Int(offset), length: table.count - Int(offset), what)
        return try v.cString(max: table.count, what)
    }

    /// The bytes of a section as a reader (absolute offsets in errors).
    public func contents(of s: Section) throws -> ByteReader { try ELFFile.sectionBytes(bytes, s, "section \(s.name)") }

    /// The first section named `name`.
    public func section(named name: String) -> Section? { sections.first { $0.name == name } }

    /// The symbols of the SHT_SYMTAB section, indexed as in the file (entry 0 is the null
    /// symbol), or [] if there is none.
    public func symbols() throws -> [Symbol] {
        guard let tab = sections.first(where: { $0.type == ELFFile.shtSymtab }) else { return [] }
        let ent = is64 ? 24 : 16
        guard tab.entsize == UInt64(ent) else {
            throw FormatError(.invalid, offset: tab.offset, context: "read symbol table", "sh_entsize \(tab.entsize), expected \(ent)")
        }
        guard Int(tab.link) < sections.count else {
            throw FormatError(.outOfBounds, offset: tab.offset, context: "read symbol table", "sh_link \(tab.link) is not a section")
        }
        let strtab = try ELFFile.sectionBytes(bytes, sections[Int(tab.link)], "symbol string table")
        var r = try ELFFile.sectionBytes(bytes, tab, "symbol table")
        let count = r.count / ent
        try Checked.limit(count, ELFFile.maxSymbols, "symbol count", context: "read symbol table", offset: tab.offset)
        var out: [Symbol] = []
        out.reserveCapacity(count)
        let be = bigEndian
        for i in 0 ..< count {
            let name: UInt32, info: UInt8, shndx: UInt16, value: UInt64, size: UInt64
            if is64 {
                name = try r.u32(be, "st_name"); info = try r.u8("st_info"); _ = try r.u8("st_other")
                shndx = try r.u16(be, "st_shndx"); value = try r.u64(be, "st_value"); size = try r.u64(be, "st_size")
            } else {
                name = try r.u32(be, "st_name"); value = UInt64(try r.u32(be, "st_value")); size = UInt64(try r.u32(be, "st_size"))
                info = try r.u8("st_info"); _ = try r.u8("st_other"); shndx = try r.u16(be, "st_shndx")
            }
            let n = i == 0 ? "" : try ELFFile.string(in: strtab, at: UInt64(name), "name of symbol \(i)")
            out.append(Symbol(name: n, value: value, size: size, binding: info >> 4, type: info & 0xF, shndx: UInt32(shndx)))
        }
        return out
    }

    /// The relocations (SHT_REL and SHT_RELA) that apply to section `target`: offset in the
    /// section and symbol index. MIPS64 little-endian stores r_sym as the first 32-bit word
    /// [MIPS64 ELF ABI; linux: arch/mips/kernel/module.c].
    public func relocations(applyingTo target: Int) throws -> [(offset: UInt64, symbol: Int)] {
        var out: [(offset: UInt64, symbol: Int)] = []
        for s in sections where (s.type == ELFFile.shtRel || s.type == ELFFile.shtRela) && Int(s.info) == target {
            let ent = (is64 ? 16 : 8) + (s.type == ELFFile.shtRela ? (is64 ? 8 : 4) : 0)
            var r = try ELFFile.sectionBytes(bytes, s, "relocations \(s.name)")
            guard r.count % ent == 0 else { throw r.error(.invalid, "size \(r.count) is not a multiple of \(ent)-byte entries", at: 0) }
            let mips64el = is64 && !bigEndian && machine == 8
            while !r.isAtEnd {
                let off: UInt64, sym: UInt64
                if is64 {
                    off = try r.u64(bigEndian, "r_offset")
                    let info = try r.u64(bigEndian, "r_info")
                    sym = mips64el ? info & 0xFFFF_FFFF : info >> 32
                } else {
                    off = UInt64(try r.u32(bigEndian, "r_offset"))
                    sym = UInt64(try r.u32(bigEndian, "r_info") >> 8)
                }
                if ent > (is64 ? 16 : 8) { try r.skip(is64 ? 8 : 4) }
                out.append((off, Int(truncatingIfNeeded: sym)))
            }
        }
        return out
    }
}
