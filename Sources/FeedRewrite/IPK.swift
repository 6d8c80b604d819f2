import BinaryIO

/// An OpenWrt .ipk package (openwrt/openwrt scripts/ipkg-build; openwrt/opkg-lede
/// libopkg/opkg_archive.c): a gzip'd GNU tar holding `./debian-binary` ("2.0\n"),
/// `./data.tar.gz` and `./control.tar.gz`, in that order. Old `ar` outers (opkg dropped
/// them in 2017) are read, never written.
///
/// Reading keeps the compressed members as they are; `rewritingControl` changes only
/// `control.tar.gz` and the outer container — `data.tar.gz` is copied byte for byte and
/// never decompressed.
public struct IPK: Sendable {
    /// The outer container kind.
    public enum Container: String, Sendable, Codable { case gzipTar = "gzip-tar", ar }

    /// Limits: outer tar after gunzip, and the control archive.
    public static let maxOuterSize = 512 << 20
    /// Largest control.tar.gz member accepted.
    public static let maxControlSize = 16 << 20

    /// The file it came from (for errors), if any.
    public var path: String?
    /// Outer container kind.
    public var container: Container
    /// Outer members in stored order (`./debian-binary`, `./data.tar.gz`, `./control.tar.gz`).
    public var members: [TarMember]
    /// The input bytes, for byte-exact reuse when nothing changed.
    public var original: [UInt8]
    /// The uncompressed outer tar (gzip-tar container only).
    public var outerTar: [UInt8]
    /// Members of control.tar.gz in stored order.
    public var controlMembers: [TarMember]
    /// The parsed `./control`.
    public var control: ControlStanza

    /// Outer member by bare name ("data.tar.gz"), ignoring a `./` prefix.
    public func member(_ bare: String) -> TarMember? {
        members.first { Self.bareName($0.name) == bare }
    }

    /// The compressed data archive, exactly as stored.
    public var dataArchive: [UInt8] { member("data.tar.gz")?.data ?? [] }
    /// The compressed control archive, exactly as stored.
    public var controlArchive: [UInt8] { member("control.tar.gz")?.data ?? [] }
    /// The raw bytes of `./control`.
    public var controlBytes: [UInt8] { controlMembers.first { Self.bareName($0.name) == "control" }?.data ?? [] }

    static func bareName(_ n: String) -> String {
        var s = Substring(n)
        while s.hasPrefix("./") { s = s.dropFirst(2) }
        while s.hasSuffix("/") { s = s.dropLast() }
        return String(s)
    }

    /// Reads an ipk file.
    public static func read(path: String) throws -> IPK {
        try withFile(path) { try read(bytes: try FS.read(path, limit: UInt64(maxOuterSize)), path: path) }
    }

    /// Parses ipk bytes.
    public static func read(bytes: [UInt8], path: String? = nil) throws -> IPK {
        let container: Container
        var outerTar: [UInt8] = []
        let members: [TarMember]
        if bytes.count >= 8, Array(bytes[0 ..< 8]) == Array("!<arch>\n".utf8) {
            container = .ar
            members = try ArchiveReader.read(bytes, context: "read ipk ar container")
        } else if bytes.count >= 2, bytes[0] == 0x1f, bytes[1] == 0x8b {
            container = .gzipTar
            // Bounded by the size the gzip trailer declares (a bomb cannot grow past it).
            let declared = try declaredGzipSize(bytes, path: path)
            do {
                outerTar = try Deflate.inflate(bytes, framing: .gzip, maxOutput: declared + 1, context: "gunzip ipk").bytes
            } catch let e as FormatError where e.kind == .tooLarge && declared < maxOuterSize {
                throw FormatError(.tooLarge, context: "gunzip ipk", "decompressed data exceeds the \(declared) bytes the gzip trailer declares (truncated file or decompression bomb)", file: path)
            }
            members = try ArchiveReader.read(outerTar, context: "read ipk outer tar")
        } else {
            throw FormatError(.invalid, offset: 0, context: "read ipk", "neither a gzip'd tar nor an ar archive", file: path)
        }
        for required in ["debian-binary", "control.tar.gz", "data.tar.gz"] {
            guard members.contains(where: { bareName($0.name) == required && $0.kind == .file }) else {
                throw FormatError(.invalid, context: "read ipk", "missing member \(required)", file: path)
            }
        }
        guard let ctl = members.first(where: { bareName($0.name) == "control.tar.gz" }) else {
            throw FormatError(.invalid, context: "read ipk", "missing control.tar.gz", file: path)
        }
        let controlMembers = try ArchiveReader.read(ctl.data, context: "read control.tar.gz", memberLimit: Int64(maxControlSize))
        guard let controlFile = controlMembers.first(where: { bareName($0.name) == "control" && $0.kind == .file }) else {
            throw FormatError(.invalid, context: "read control.tar.gz", "no ./control file", file: path)
        }
        let control = try withFile(path ?? "ipk") { try ControlStanza.parseControl(controlFile.data) }
        return IPK(path: path, container: container, members: members, original: bytes, outerTar: outerTar,
                   controlMembers: controlMembers, control: control)
    }

    /// The uncompressed size a single-member gzip file declares in its trailer (RFC 1952
    /// 2.3.1 ISIZE), capped at `maxOuterSize` (a truncated file's "trailer" is garbage, so
    /// a larger claim is left to the inflate to refuse as truncated or too large).
    static func declaredGzipSize(_ bytes: [UInt8], path: String?) throws -> Int {
        let n = bytes.count
        guard n >= 18 else {
            throw FormatError(.truncated, offset: UInt64(n), context: "gunzip ipk", "\(n) bytes cannot hold a gzip header and trailer", file: path)
        }
        let isize = Int(bytes[n - 4]) | Int(bytes[n - 3]) << 8 | Int(bytes[n - 2]) << 16 | Int(bytes[n - 1]) << 24
        return min(isize, maxOuterSize)
    }

    /// Headers of data.tar.gz (decompresses it; for listing only).
    public func dataFiles() throws -> [TarMember] {
        try dataFiles(readData: false)
    }

    /// Members of data.tar.gz, with their contents when `readData` (bounded by
    /// `ArchiveReader.defaultMemberLimit` per member). Reading never writes anything.
    public func dataFiles(readData: Bool) throws -> [TarMember] {
        do {
            return try ArchiveReader.read(dataArchive, context: "read data.tar.gz", readData: readData)
        } catch let e as FormatError { throw e.inFile(path ?? "ipk") }
    }

    /// The package bytes with `control` as the new `./control`, written as ipkg-build does.
    ///
    /// - control.tar.gz keeps its members, order and metadata; only `./control` changes.
    ///   When the control bytes are unchanged the original compressed member is reused.
    /// - data.tar.gz is copied byte for byte.
    /// - The outer tar is GNU format, members `./debian-binary`, `./data.tar.gz`,
    ///   `./control.tar.gz`, with the input's owner names/ids and modes (or 0:0 and 0644 for
    ///   ar inputs), and `mtime` (the input's when nil).
    /// - gzip: zlib level 6 with a `gzip -n` header. zlib's deflate equals GNU gzip's for
    ///   small members but not for larger ones, so when the resulting outer tar is
    ///   byte-identical to the input's, the input's compressed bytes are returned.
    ///   Otherwise the input's deflate blocks covering the unchanged prefix (debian-binary and
    ///   data.tar.gz) are kept and only the rest is compressed (`Deflate.resumeGzip`); small
    ///   packages (one deflate block) are deflated in full.
    ///
    /// `reuseCompressed: false` always re-encodes in full (tests use it to prove the writer
    /// alone reproduces ipkg-build's bytes).
    public func rewritingControl(_ newControl: ControlStanza, mtime: Int64? = nil, reuseCompressed: Bool = true) throws -> [UInt8] {
        let newBytes = newControl.render()
        guard newControl["Package"].map({ !$0.isEmpty }) == true else {
            throw FormatError(.invalid, context: "rewrite control", "control data has no Package: field", file: path)
        }
        var controlGz: [UInt8]
        let ctlMembersChanged = newBytes != controlBytes || (mtime != nil && controlMembers.contains { $0.mtime != mtime })
        if !ctlMembersChanged && reuseCompressed {
            controlGz = controlArchive
        } else {
            var ms = controlMembers
            for i in ms.indices {
                if Self.bareName(ms[i].name) == "control" { ms[i].data = newBytes; ms[i].size = Int64(newBytes.count) }
                if let mtime { ms[i].mtime = mtime }
            }
            controlGz = Deflate.deflate(try GNUTar.write(ms), level: 6, framing: .gzip)
        }
        func template(_ bare: String, _ data: [UInt8]) -> TarMember {
            let src = member(bare)
            var m = TarMember(name: "./" + bare, mode: src?.mode ?? 0o644,
                              mtime: mtime ?? src?.mtime ?? 0, data: data)
            if container == .gzipTar, let src {
                m.uid = src.uid; m.gid = src.gid; m.uname = src.uname; m.gname = src.gname
            }
            return m
        }
        let outer = try GNUTar.write([
            template("debian-binary", member("debian-binary")?.data ?? Array("2.0\n".utf8)),
            template("data.tar.gz", dataArchive),
            template("control.tar.gz", controlGz),
        ])
        if reuseCompressed && container == .gzipTar && outer == outerTar { return original }
        if reuseCompressed && container == .gzipTar {
            // Usually only control.tar.gz (the last member) changed: keep the input's deflate
            // blocks for the unchanged prefix and compress only the rest (gzappend technique).
            let resumed: [UInt8]?
            do { resumed = try Deflate.resumeGzip(original: original, newUncompressed: outer, level: 6) } catch let e as FormatError {
                throw e.inFile(path ?? "ipk")
            }
            if let resumed { return resumed }
        }
        return Deflate.deflate(outer, level: 6, framing: .gzip)
    }
}
