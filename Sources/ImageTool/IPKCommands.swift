import ArgumentParser
import BinaryIO
import FeedRewrite

/// `imagetool ipk ...` — single packages.
struct IPKCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ipk", abstract: "Inspect .ipk packages.", subcommands: [IPKShow.self])
}

/// `imagetool ipk show FILE`: control data and file list.
struct IPKShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print an ipk's control data and file list.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The .ipk file.") var file: String

    struct Entry: Encodable { var name: String; var kind: String; var mode: String; var uid: UInt32; var gid: UInt32; var size: Int64; var mtime: Int64; var linkTarget: String? }
    struct Field: Encodable { var name: String; var value: String }
    struct Report: Encodable {
        var file: String; var container: String; var control: [Field]; var members: [Entry]
        var controlFiles: [Entry]; var dataFiles: [Entry]
    }

    static func entry(_ m: TarMember) -> Entry {
        Entry(name: m.name, kind: m.kind.rawValue, mode: String(m.mode, radix: 8), uid: m.uid, gid: m.gid, size: m.size,
              mtime: m.mtime, linkTarget: m.kind == .symlink ? m.linkTarget : nil)
    }

    static func modeString(_ m: TarMember) -> String {
        let t: Character = m.kind == .directory ? "d" : m.kind == .symlink ? "l" : m.kind == .file ? "-" : "?"
        var s = String(t)
        let bits = ["r", "w", "x"]
        for i in (0 ..< 9).reversed() { s += (m.mode >> UInt32(i)) & 1 == 1 ? bits[(8 - i) % 3] : "-" }
        return s
    }

    func run() throws {
        try CLI.run(global) { out in
            let ipk = try IPK.open(file)
            let data = try ipk.dataFiles()
            if global.json {
                try out.json(Report(file: file, container: ipk.container.rawValue,
                                    control: ipk.control.fields.map { Field(name: $0.name, value: $0.value) },
                                    members: ipk.members.map(Self.entry), controlFiles: ipk.controlMembers.map(Self.entry),
                                    dataFiles: data.map(Self.entry)))
                return
            }
            out.line(String(decoding: ipk.controlBytes, as: UTF8.self).trimmingTrailingNewlines())
            out.line("")
            out.line("control files:")
            for m in ipk.controlMembers { out.line("  \(Self.modeString(m)) \(m.uid)/\(m.gid) \(String(m.size).leftPad(8)) \(m.name)") }
            out.line("files:")
            for m in data {
                out.line("  \(Self.modeString(m)) \(m.uid)/\(m.gid) \(String(m.size).leftPad(8)) \(m.name)\(m.kind == .symlink ? " -> \(m.linkTarget)" : "")")
            }
        }
    }
}

extension String {
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
    func trimmingTrailingNewlines() -> String {
        var s = Substring(self)
        while s.hasSuffix("\n") { s = s.dropLast() }
        return String(s)
    }
}
