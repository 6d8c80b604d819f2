import BinaryIO

/// One Debian-style control stanza as opkg and OpenWrt write it (`Name: value` lines,
/// continuation lines starting with a space or tab) — openwrt/opkg-lede libopkg/pkg_parse.c,
/// openwrt/openwrt include/package-pack.mk (field order).
///
/// Every field keeps its exact source bytes, so a stanza you did not change renders
/// byte-identical; unknown fields and their order are kept.
public struct ControlStanza: Sendable, Equatable {
    /// One field: its name and the raw bytes after the colon up to and including the
    /// newline of its last continuation line (e.g. `" kernel (=5.15.137-1-abc)\n"`).
    public struct Field: Sendable, Equatable {
        /// The field name as written (`Depends`).
        public var name: String
        /// Exact bytes after `name:`, continuation lines and final newline included.
        public var raw: [UInt8]

        /// Creates a field from its exact bytes after the colon.
        public init(name: String, raw: [UInt8]) {
            self.name = name
            self.raw = raw
        }

        /// Creates a single-line field written as `Name: value\n`.
        public init(name: String, value: String) {
            self.name = name
            self.raw = Array((" " + value + "\n").utf8)
        }

        /// The value: the first line without leading blanks, continuation lines joined by
        /// `\n` exactly as written (leading space kept), without the final newline.
        public var value: String {
            var b = raw[...]
            while let f = b.first, f == 0x20 || f == 0x09 { b = b.dropFirst() }
            if b.last == 0x0a { b = b.dropLast() }
            if b.last == 0x0d { b = b.dropLast() }
            // trailing blanks of a single-line value are not part of it
            if !b.contains(0x0a) { while let l = b.last, l == 0x20 || l == 0x09 { b = b.dropLast() } }
            return String(decoding: b, as: UTF8.self)
        }
    }

    /// Fields in file order.
    public var fields: [Field]

    /// Creates a stanza from fields.
    public init(fields: [Field]) { self.fields = fields }

    /// Parses one stanza (no blank lines inside). `fileOffset` is the absolute offset of
    /// `bytes` in its file, for errors.
    public init(parsing bytes: ArraySlice<UInt8>, fileOffset: UInt64 = 0, context: String = "parse control stanza") throws {
        var fields: [Field] = []
        var i = bytes.startIndex
        let base = bytes.startIndex
        while i < bytes.endIndex {
            var eol = i
            while eol < bytes.endIndex, bytes[eol] != 0x0a { eol += 1 }
            let lineEnd = eol < bytes.endIndex ? eol + 1 : eol
            let c = bytes[i]
            if c == 0x20 || c == 0x09 {
                guard !fields.isEmpty else {
                    throw FormatError(.invalid, offset: fileOffset + UInt64(i - base), context: context,
                                      "continuation line before any field")
                }
                fields[fields.count - 1].raw.append(contentsOf: bytes[i ..< lineEnd])
            } else if eol == i {
                throw FormatError(.invalid, offset: fileOffset + UInt64(i - base), context: context, "blank line inside a stanza")
            } else {
                var colon = i
                while colon < eol, bytes[colon] != 0x3a { colon += 1 }
                guard colon < eol, colon > i else {
                    let line = String(decoding: bytes[i ..< min(eol, i + 60)], as: UTF8.self)
                    throw FormatError(.invalid, offset: fileOffset + UInt64(i - base), context: context,
                                      "line without a field name: \(line.debugDescription)")
                }
                fields.append(Field(name: String(decoding: bytes[i ..< colon], as: UTF8.self),
                                    raw: Array(bytes[(colon + 1) ..< lineEnd])))
            }
            i = lineEnd
        }
        self.fields = fields
    }

    /// Parses a whole control file (`./control` of an ipk) and requires a `Package:` field.
    public init(parsing bytes: [UInt8], file: String? = nil) throws {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0a, end >= 2, bytes[end - 2] == 0x0a { end -= 1 }
        let s = try ControlStanza(parsing: bytes[0 ..< end], context: "parse control file")
        guard let p = s["Package"], !p.isEmpty else {
            throw FormatError(.invalid, offset: 0, context: "parse control file", "control data has no Package: field", file: file)
        }
        self = s
    }

    /// Splits a Packages / status document into stanzas at empty lines (several empty lines,
    /// as the usign padding adds, count as one separator).
    public static func parseDocument(_ bytes: [UInt8], context: String = "parse package index") throws -> [ControlStanza] {
        var out: [ControlStanza] = []
        var i = 0
        var start = 0
        while i <= bytes.count {
            let atBlank = i == bytes.count || (bytes[i] == 0x0a && (i == 0 || bytes[i - 1] == 0x0a))
            if atBlank {
                if start < i {
                    out.append(try ControlStanza(parsing: bytes[start ..< i], fileOffset: UInt64(start), context: context))
                }
                start = i + 1
            }
            i += 1
        }
        return out
    }

    /// Index of the first field named `name` (ASCII case-insensitive, as opkg matches).
    public func index(of name: String) -> Int? {
        let n = name.lowercased()
        return fields.firstIndex { $0.name.count == name.count && $0.name.lowercased() == n }
    }

    /// The value of the first field named `name`, or nil.
    public subscript(_ name: String) -> String? {
        index(of: name).map { fields[$0].value }
    }

    /// Replaces the value of field `name` (keeping its position) or appends it.
    public mutating func set(_ name: String, _ value: String) {
        if let i = index(of: name) { fields[i].raw = Array((" " + value + "\n").utf8) } else { fields.append(Field(name: name, value: value)) }
    }

    /// Removes every field named `name`.
    public mutating func remove(_ name: String) {
        let n = name.lowercased()
        fields.removeAll { $0.name.lowercased() == n }
    }

    /// Inserts `newFields` before the first field named `before` (appends when absent).
    public mutating func insert(_ newFields: [Field], before: String) {
        if let i = fields.firstIndex(where: { $0.name == before }) {
            fields.insert(contentsOf: newFields, at: i)
        } else {
            if let last = fields.last, last.raw.last != 0x0a { fields[fields.count - 1].raw.append(0x0a) }
            fields.append(contentsOf: newFields)
        }
    }

    /// The stanza's bytes: each field as `name:` + its raw bytes (no blank line after).
    public func render() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(fields.reduce(0) { $0 + $1.name.utf8.count + 1 + $1.raw.count })
        for f in fields {
            out.append(contentsOf: f.name.utf8)
            out.append(0x3a)
            out.append(contentsOf: f.raw)
        }
        return out
    }
}
