import BinaryIO

/// A schema-driven text dump of an ADB heap in the shape `apk adbdump` prints (YAML-like:
/// field names from the schema, dependencies as `name=version`, hashes in hex, modes in
/// octal, unknown slots as `#N: <tag>`) [alpinelinux/apk-tools: src/adb_walk_adb.c,
/// src/adb_walk_gentext.c, src/apk_adb.c schema_* names].
public enum ADBDump {
    /// How a slot's value is shown.
    indirect enum Kind: Sendable {
        case string, text, hex, int, oct, dependency
        case object([(String, Kind)])
        case array(Kind)
    }

    static let dependencies = Kind.array(.dependency)
    static let pkginfo = Kind.object(zip(ApkSchema.Info.names, [
        .string, .string, .hex, .string, .string, .string, .string, .string, .string, .hex, .int, .int, .int, .int,
        dependencies, dependencies, dependencies, dependencies, dependencies, .int, .array(.string),
    ] as [Kind]).map { ($0, $1) })
    static let acl = Kind.object([("mode", .oct), ("user", .string), ("group", .string), ("xattrs", .array(.hex))])
    static let file = Kind.object([("name", .string), ("acl", acl), ("size", .int), ("mtime", .int), ("hash", .hex), ("target", .hex)])
    static let dir = Kind.object([("name", .string), ("acl", acl), ("files", .array(file))])
    static let scripts = Kind.object(ApkSchema.Scripts.names.map { ($0, Kind.text) })
    static let package = Kind.object([("info", pkginfo), ("paths", .array(dir)), ("scripts", scripts),
                                      ("triggers", .array(.string)), ("replaces-priority", .int)])
    static let index = Kind.object([("description", .string), ("packages", .array(pkginfo)), ("pkgname-spec", .string)])

    /// Renders the root object of `heap` for `schema` (`pckg`, `indx`; others as raw slots).
    public static func render(heap: ADBHeap, schema: UInt32) throws -> String {
        let kind: Kind
        switch schema {
        case ADBFile.schemaPackage: kind = package
        case ADBFile.schemaIndex: kind = index
        default: kind = .object([])
        }
        var out: [String] = ["#%SCHEMA: " + String(schema, radix: 16, uppercase: true)]
        try emit(heap: heap, value: try heap.root(), kind: kind, indent: "", out: &out, depth: 0)
        return out.joined(separator: "\n") + "\n"
    }

    static func scalar(heap: ADBHeap, _ v: ADBVal, _ kind: Kind) throws -> String {
        switch kind {
        case .string: return quote(try heap.string(v) ?? "")
        case .text: return quote(try heap.string(v) ?? "")
        case .hex: return try heap.blob(v).map { Hex.encode($0) } ?? ""
        case .int: return String(try heap.int(v) ?? 0)
        case .oct: return String(try heap.int(v) ?? 0, radix: 8)
        case .dependency: return try ApkDependency(heap: heap, v).description
        case .object, .array: return "<\(v)>"
        }
    }

    /// Quotes strings YAML would misread (leading specials, ": ", newlines).
    static func quote(_ s: String) -> String {
        let special = s.isEmpty || s.contains(": ") || s.contains("\n") || s.hasPrefix(" ") || s.hasSuffix(" ")
            || "-?:,[]{}#&*!|>'\"%@`".contains(s.first ?? " ")
        guard special else { return s }
        var q = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": q += "\\\""
            case "\\": q += "\\\\"
            case "\n": q += "\\n"
            case "\t": q += "\\t"
            default: q.unicodeScalars.append(c)
            }
        }
        return q + "\""
    }

    static func emit(heap: ADBHeap, value v: ADBVal, kind: Kind, indent: String, out: inout [String], depth: Int) throws {
        guard depth <= ADBHeap.maxDepth else {
            throw heap.fail(.invalid, Int(v.value), "objects nested deeper than \(ADBHeap.maxDepth) levels")
        }
        let slots = try heap.slots(v)
        switch kind {
        case let .object(fields):
            for (i, s) in slots.values.enumerated() where !s.isNull {
                let (name, sub) = i < fields.count ? fields[i] : ("#\(i + 1)", Kind.hex)
                try line(heap: heap, key: name + ":", value: s, kind: i < fields.count ? sub : rawKind(s),
                         indent: indent, out: &out, depth: depth)
            }
        case let .array(item):
            for s in slots.values { try line(heap: heap, key: "-", value: s, kind: item, indent: indent, out: &out, depth: depth) }
        default:
            break
        }
    }

    static func rawKind(_ v: ADBVal) -> Kind {
        v.isContainer ? .object([]) : (v.type == ADBVal.typeInt || v.type == ADBVal.typeInt32 || v.type == ADBVal.typeInt64 ? .int : .hex)
    }

    static func line(heap: ADBHeap, key: String, value s: ADBVal, kind: Kind, indent: String, out: inout [String], depth: Int) throws {
        switch kind {
        case .object, .array:
            if key == "-" {
                out.append(indent + "-")
            } else {
                out.append(indent + key + " # \(try heap.slots(s).count) items")
            }
            try emit(heap: heap, value: s, kind: kind, indent: indent + "  ", out: &out, depth: depth + 1)
        case .text:
            let text = try heap.string(s) ?? ""
            out.append(indent + key + " |")
            for l in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0) {
                out.append(indent + "  " + l)
            }
        default:
            out.append(indent + key + " " + (try scalar(heap: heap, s, kind)))
        }
    }
}
