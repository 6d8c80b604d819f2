import BinaryIO
import FoundationEssentials

/// The feed's `index.json` in the two forms OpenWrt has published:
/// - version 1 (23.05 package/Makefile): `{"architecture": "A", "packages":{"name": "ver", ...}}`
///   on one line, names as in Packages;
/// - version 2 (openwrt/openwrt scripts/make-index-json.py): Python `json.dumps(indent=2)`
///   of `{"version": 2, "architecture", "packages", ["target"]}`, names with their
///   ABIVersion suffix removed.
/// The form, architecture and target are taken from the feed's existing file.
public struct IndexJSON: Sendable, Equatable {
    /// 1 or 2.
    public var version: Int
    /// `architecture` value.
    public var architecture: String
    /// `target` value (version 2 only, optional).
    public var target: String?

    struct Header: Decodable { var version: Int?; var architecture: String; var target: String? }

    /// Reads the form of an existing index.json.
    public init(parsing bytes: [UInt8], file: String? = nil) throws {
        do {
            let h = try JSONDecoder().decode(Header.self, from: Data(bytes))
            version = h.version ?? 1
            architecture = h.architecture
            target = h.target
        } catch {
            throw FormatError(.invalid, context: "read index.json", "not an OpenWrt index.json: \(error)", file: file)
        }
        guard version == 1 || version == 2 else {
            throw FormatError(.unsupported, context: "read index.json", "index.json version \(version)", file: file)
        }
    }

    /// Creates an index.json form.
    public init(version: Int, architecture: String, target: String? = nil) {
        self.version = version; self.architecture = architecture; self.target = target
    }

    /// Python's json string encoding (ensure_ascii).
    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if u.value < 0x20 || u.value > 0x7e {
                    for cu in String(u).utf16 {
                        let h = String(cu, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                    }
                } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    /// The file bytes for the stanzas of `Packages`.
    public func render(packages: [ControlStanza]) -> [UInt8] {
        // name -> version, first-insertion order, last value wins (a Python dict)
        var order: [String] = []
        var map: [String: String] = [:]
        for s in packages {
            guard var name = s["Package"] else { continue }
            if version == 2, let abi = s["ABIVersion"], !abi.isEmpty, name.hasSuffix(abi) { name = String(name.dropLast(abi.count)) }
            if map[name] == nil { order.append(name) }
            map[name] = s["Version"] ?? ""
        }
        var out: String
        if version == 1 {
            out = "{\"architecture\": \(Self.quote(architecture)), \"packages\":{"
            out += order.map { "\(Self.quote($0)): \(Self.quote(map[$0] ?? ""))" }.joined(separator: ", ")
            out += "}}\n"
        } else {
            out = "{\n  \"version\": 2,\n  \"architecture\": \(Self.quote(architecture)),\n  \"packages\": "
            if order.isEmpty { out += "{}" } else {
                out += "{\n" + order.map { "    \(Self.quote($0)): \(Self.quote(map[$0] ?? ""))" }.joined(separator: ",\n") + "\n  }"
            }
            if let target { out += ",\n  \"target\": \(Self.quote(target))" }
            out += "\n}\n"
        }
        return Array(out.utf8)
    }
}
