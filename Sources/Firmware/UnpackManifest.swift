import BinaryIO
import Platform

/// `DIR/manifest.json` written by `imagetool unpack`: the region map, and a list of parts
/// that rebuild the original image byte for byte from DIR/kernel, DIR/rootfs.sqfs and the
/// bytes of everything else (headers, padding, markers, trailers) kept inline, as a fill
/// byte, or in a file under DIR/parts/. Digests of the payload files let `repack` tell
/// an edited file from the original.
public struct UnpackManifest: Sendable, Codable {
    /// Where a part's bytes come from.
    public struct Part: Sendable, Codable, Equatable {
        /// Offset in the original image.
        public var offset: UInt64
        /// Length in bytes.
        public var size: UInt64
        /// "kernel", "rootfs", "inline", "fill" or "file".
        public var source: String
        /// Offset inside DIR/kernel or DIR/rootfs.sqfs.
        public var sourceOffset: UInt64?
        /// Base64 bytes ("inline").
        public var data: String?
        /// Fill byte ("fill").
        public var fill: UInt8?
        /// File under DIR ("file").
        public var file: String?
    }
    /// A payload file and its digest at unpack time.
    public struct Payload: Sendable, Codable, Equatable {
        /// File name inside DIR.
        public var file: String
        /// Length in bytes.
        public var size: Int
        /// SHA-256 at unpack time.
        public var sha256: String
        /// First bytes of the original (uImage header / squashfs superblock), to stand in
        /// for an edited payload while the original layout is re-read.
        public var head: String
    }

    /// Manifest format version.
    public var formatVersion = 1
    /// Image family.
    public var kind: String
    /// Original image size.
    public var imageSize: Int
    /// SHA-256 of the original image.
    public var imageSHA256: String
    /// The original region map.
    public var regions: [Region]
    /// Parts in offset order, covering the image.
    public var parts: [Part]
    /// DIR/kernel.
    public var kernel: Payload?
    /// DIR/rootfs.sqfs.
    public var rootfs: Payload?
    /// DIR/metadata.json (the fwtool metadata JSON), when present.
    public var metadata: Payload?
    /// The extracted tree folder and the digest of its listing at unpack time.
    public var tree: String?
    /// Digest of the rootfs/ listing at unpack time.
    public var treeListingSHA256: String?

    /// Splits `image` into parts: payload spans refer to the payload files, the rest is
    /// a fill (uniform bytes), inline (<= 4 KiB) or a file under parts/.
    /// `sourceOffsets[offset]` is the offset inside the payload file of the span at that
    /// image offset (0 when absent; UBI volumes are split across LEBs).
    static func parts(of bytes: [UInt8], spans: [(offset: Int, size: Int, source: String)], boundaries: [Int],
                      sourceOffsets: [Int: Int] = [:],
                      writeFile: (String, [UInt8]) throws -> Void) throws -> [Part] {
        var out: [Part] = []
        var pos = 0
        func gap(_ from: Int, _ to: Int) throws {
            guard to > from else { return }
            if let cut = boundaries.first(where: { $0 > from && $0 < to }) {
                try gap(from, cut)
                try gap(cut, to)
                return
            }
            let b = bytes[from ..< to]
            if let f = b.first, b.allSatisfy({ $0 == f }) {
                out.append(Part(offset: UInt64(from), size: UInt64(to - from), source: "fill", fill: f))
            } else if to - from <= 4096 {
                out.append(Part(offset: UInt64(from), size: UInt64(to - from), source: "inline", data: Base64.encode(Array(b))))
            } else {
                let name = "parts/0x\(String(from, radix: 16)).bin"
                try writeFile(name, Array(b))
                out.append(Part(offset: UInt64(from), size: UInt64(to - from), source: "file", file: name))
            }
        }
        for s in spans.sorted(by: { $0.offset < $1.offset }) {
            try gap(pos, s.offset)
            out.append(Part(offset: UInt64(s.offset), size: UInt64(s.size), source: s.source,
                            sourceOffset: UInt64(sourceOffsets[s.offset] ?? 0)))
            pos = s.offset + s.size
        }
        try gap(pos, bytes.count)
        return out
    }

    /// Reassembles the original image from the parts; `payload(source)` gives the
    /// original payload bytes (or a stand-in of the same size).
    func assemble(dir: String, payload: (String) throws -> [UInt8]) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(imageSize)
        for p in parts {
            guard p.offset == UInt64(out.count) else {
                throw FormatError(.invalid, context: "read manifest", "part at \(p.offset) does not follow the previous one (\(out.count))")
            }
            let n = try Checked.int(p.size, as: Int.self, "part size")
            try Checked.limit(UInt64(out.count) + p.size, UInt64(imageSize), "parts total", context: "read manifest")
            switch p.source {
            case "fill": out += repeatElement(p.fill ?? 0xff, count: n)
            case "inline":
                guard let d = p.data.flatMap(Base64.decode), d.count == n else {
                    throw FormatError(.invalid, context: "read manifest", "inline part at \(p.offset) is not \(n) bytes of base64")
                }
                out += d
            case "file":
                let d = try FS.read(try SafePath.join(dir, p.file ?? "", context: "read manifest part"), limit: p.size)
                guard d.count == n else { throw FormatError(.invalid, context: "read manifest", "\(p.file ?? "") is not \(n) bytes") }
                out += d
            default:
                let src = try payload(p.source)
                let o = Int(p.sourceOffset ?? 0)
                guard o + n <= src.count else {
                    throw FormatError(.invalid, context: "read manifest", "\(p.source) part [\(o), +\(n)) beyond its \(src.count) bytes")
                }
                out += src[o ..< o + n]
            }
        }
        guard out.count == imageSize else {
            throw FormatError(.invalid, context: "read manifest", "parts add up to \(out.count) bytes, manifest says \(imageSize)")
        }
        return out
    }
}
