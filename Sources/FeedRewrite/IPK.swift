import BinaryIO
import Codecs
import Platform

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
    public static func open(_ path: String) throws -> IPK {
        try withFile(path) { try IPK(parsing: try FS.read(path, limit: UInt64(maxOuterSize)), path: path) }
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

    /// Whether a level-1 deflate of the first 8 KiB of `data` saves at least 3%.
    static func stillCompressible(_ data: [UInt8]) -> Bool {
        let n = min(data.count, 8192)
        guard n >= 512 else { return true }
        let sample = data.withUnsafeBytes { Deflate.deflate(UnsafeRawBufferPointer(rebasing: $0[0 ..< n]), level: 1, framing: .raw) }
        return sample.count * 100 <= n * 97
    }

    /// One gzip member that declares `declared` bytes: libdeflate into a buffer of exactly
    /// that size when the claim is plausible (at most 16x the input), else — and for anything
    /// libdeflate refuses — zlib, growing its buffer, refusing output past the claim.
    static func inflateWhole(_ bytes: [UInt8], declared: Int, context: String, path: String?) throws -> Deflate.Inflated {
        if declared <= initialCapacity(declared: declared, compressed: bytes.count),
           let r = bytes.withUnsafeBytes({ FastDeflate.decompress($0, framing: .gzip, maxOutput: declared, exact: true) }) {
            return r
        }
        do {
            return try Deflate.inflate(bytes, framing: .gzip, maxOutput: declared + 1,
                                       expectedSize: initialCapacity(declared: declared, compressed: bytes.count), context: context)
        } catch let e as FormatError where e.kind == .tooLarge && declared < maxOuterSize {
            throw FormatError(.tooLarge, context: context, "decompressed data exceeds the \(declared) bytes the gzip trailer declares (truncated file or decompression bomb)", file: path)
        }
    }

    /// The buffer to start an inflate with: the size the trailer declares, but no more than
    /// 16x the compressed size (a hostile trailer must not make us allocate; the buffer
    /// grows when real data needs it).
    static func initialCapacity(declared: Int, compressed: Int) -> Int {
        min(declared, compressed.multipliedReportingOverflow(by: 16).overflow ? declared : compressed * 16)
    }

    /// Headers of data.tar.gz (decompresses it; for listing only).
    public func dataFiles() throws -> [TarMember] {
        try dataFiles(readData: false)
    }

    /// Members of data.tar.gz, with their contents when `readData` (bounded by
    /// `ArchiveReader.defaultMemberLimit` per member). Reading never writes anything.
    public func dataFiles(readData: Bool) throws -> [TarMember] {
        do {
            let data = dataArchive
            if readData, data.count >= 18, data[0] == 0x1f, data[1] == 0x8b {
                // One zlib inflate into a buffer sized from the gzip trailer, then the plain
                // tar (libarchive's gzip filter would copy every block once more).
                let declared = try Self.declaredGzipSize(data, path: path)
                let tar = try Self.inflateWhole(data, declared: declared, context: "gunzip data.tar.gz", path: nil)
                // Several gzip members (rare): libarchive reads them all.
                if tar.consumed == data.count {
                    return try ArchiveReader.read(tar.bytes, context: "read data.tar.gz", readData: true)
                }
            }
            return try ArchiveReader.read(data, context: "read data.tar.gz", readData: readData)
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
    ///   data.tar.gz) are kept and only the rest is compressed (`Deflate.resumeGzip`); in
    ///   small packages (one deflate block) an incompressible data.tar.gz goes into stored
    ///   blocks and the rest is deflated.
    ///
    /// `reuseCompressed: false` always re-encodes in full (tests use it to prove the writer
    /// alone reproduces ipkg-build's bytes).
    public func rewritingControl(_ newControl: ControlStanza, mtime: Int64? = nil, reuseCompressed: Bool = true) throws -> [UInt8] {
        let newBytes = newControl.render()
        guard newControl["Package"].map({ !$0.isEmpty }) == true else {
            throw FormatError(.invalid, context: "rewrite control", "control data has no Package: field", file: path)
        }
        var controlGz: [UInt8]
        let ctlMembersChanged = !newBytes.sameBytes(controlBytes) || (mtime != nil && controlMembers.contains { $0.mtime != mtime })
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
        if reuseCompressed && container == .gzipTar && outer.sameBytes(outerTar) { return original }
        if reuseCompressed && container == .gzipTar {
            // Usually only control.tar.gz (the last member) changed: keep the input's deflate
            // blocks for the unchanged prefix and compress only the rest (gzappend technique).
            let resumed: [UInt8]?
            do { resumed = try Deflate.resumeGzip(original: original, newUncompressed: outer, level: 6) } catch let e as FormatError {
                throw e.inFile(path ?? "ipk")
            }
            if let resumed { return resumed }
        }
        if reuseCompressed {
            // A small package (one deflate block, nothing to resume): its data.tar.gz is
            // normally compressed as well as it gets, so it goes into stored blocks and only
            // the tar headers and control.tar.gz around it are deflated (2.4x faster than
            // deflating it again, bench/ipk-resume). Some data.tar.gz still shrink by 15%
            // under zlib: when a level-1 deflate of its first 8 KiB saves 3%, it is deflated.
            let data = dataArchive, at = 1536
            if outer.matches(data, at: at), !Self.stillCompressible(data) {
                return Deflate.deflate(outer, level: 6, framing: .gzip, stored: at ..< at + data.count)
            }
        }
        return Deflate.deflate(outer, level: 6, framing: .gzip)
    }
}

extension IPK {
    /// Parses ipk bytes.
    public init(parsing bytes: [UInt8], path: String? = nil) throws {
        let container: Container
        var outerTar: [UInt8] = []
        let members: [TarMember]
        if bytes.count >= 8, Array(bytes[0 ..< 8]) == Array("!<arch>\n".utf8) {
            container = .ar
            members = try ArchiveReader.read(bytes, context: "read ipk ar container")
        } else if bytes.count >= 2, bytes[0] == 0x1f, bytes[1] == 0x8b {
            container = .gzipTar
            // Bounded by the size the gzip trailer declares (a bomb cannot grow past it).
            let declared = try Self.declaredGzipSize(bytes, path: path)
            outerTar = try Self.inflateWhole(bytes, declared: declared, context: "gunzip ipk", path: path).bytes
            members = try ArchiveReader.read(outerTar, context: "read ipk outer tar")
        } else {
            throw FormatError(.invalid, offset: 0, context: "read ipk", "neither a gzip'd tar nor an ar archive", file: path)
        }
        for required in ["debian-binary", "control.tar.gz", "data.tar.gz"] {
            guard members.contains(where: { Self.bareName($0.name) == required && $0.kind == .file }) else {
                throw FormatError(.invalid, context: "read ipk", "missing member \(required)", file: path)
            }
        }
        guard let ctl = members.first(where: { Self.bareName($0.name) == "control.tar.gz" }) else {
            throw FormatError(.invalid, context: "read ipk", "missing control.tar.gz", file: path)
        }
        let controlMembers = try ArchiveReader.read(ctl.data, context: "read control.tar.gz", memberLimit: Int64(Self.maxControlSize))
        guard let controlFile = controlMembers.first(where: { Self.bareName($0.name) == "control" && $0.kind == .file }) else {
            throw FormatError(.invalid, context: "read control.tar.gz", "no ./control file", file: path)
        }
        let control = try withFile(path ?? "ipk") { try ControlStanza(parsing: controlFile.data) }
        self.init(path: path, container: container, members: members, original: bytes, outerTar: outerTar,
                  controlMembers: controlMembers, control: control)
    }
}
