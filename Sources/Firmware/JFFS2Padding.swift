import BinaryIO

/// The 0xff padding and JFFS2 end-of-filesystem markers OpenWrt writes after a squashfs
/// rootfs so the overlay JFFS2 starts on an erase block (openwrt tools/padjffs2
/// padjffs2.c `pad_image`; firmware-utils mktplinkfw-lib.c `pad_jffs2`).
///
/// padjffs2 walks its pad mask smallest alignment first: it aligns the length, fills with
/// 0xff, writes the marker, and clears every mask bit the aligned length already satisfies.
/// The mask is not stored in the image; `alignments` is inferred from the markers found
/// (for each marker the largest power of two that the rule maps the previous position to
/// it), which reproduces the original bytes exactly and pads a new rootfs the same way.
public struct JFFS2Padding: Sendable, Equatable, Codable {
    /// `de ad c0 de`.
    public static let eofMarker: [UInt8] = [0xde, 0xad, 0xc0, 0xde]
    /// padjffs2 -J: a big-endian JFFS2 padding node.
    public static let padNodeBE: [UInt8] = [0x19, 0x85, 0x20, 0x04, 0x04, 0x00, 0x00, 0x00, 0xc4, 0x94, 0xdb, 0xf4]
    /// padjffs2 -j: a little-endian JFFS2 padding node.
    public static let padNodeLE: [UInt8] = [0x85, 0x19, 0x04, 0x20, 0x00, 0x00, 0x00, 0x04, 0xa8, 0xfb, 0xa0, 0xb4]

    /// The alignment (bytes, a power of two >= 1 KiB) each marker was written at.
    public var alignments: [UInt64]
    /// The marker bytes (one of the three kinds above).
    public var marker: [UInt8]
    /// Fill byte (0xff: erased flash).
    public var fill: UInt8

    /// Padding with the given marker alignments.
    public init(alignments: [UInt64], marker: [UInt8] = JFFS2Padding.eofMarker, fill: UInt8 = 0xff) {
        self.alignments = alignments; self.marker = marker; self.fill = fill
    }

    static func alignUp(_ v: UInt64, _ a: UInt64) -> UInt64 { (v + a - 1) & ~(a - 1) }

    /// Parses fill + markers starting at `start` (end of the rootfs) and ending before `limit`.
    /// Returns nil when no marker follows; otherwise the padding and the offset after the
    /// last marker.
    /// Alignments are relative to `origin`, where the image padjffs2 or mktplinkfw padded
    /// begins (a recovery image's padding comes before it).
    static func parse(_ bytes: [UInt8], from start: Int, limit: Int, fill: UInt8 = 0xff, origin: Int = 0) -> (JFFS2Padding, Int)? {
        guard start >= origin else { return nil }
        var aligned = UInt64(start - origin)
        var pos = start
        var alignments: [UInt64] = []
        var marker: [UInt8]? = nil
        while pos < limit {
            var i = pos
            while i < limit, bytes[i] == fill { i += 1 }
            let candidates = marker.map { [$0] } ?? [eofMarker, padNodeBE, padNodeLE]
            guard let m = candidates.first(where: { i + $0.count <= limit && Array(bytes[i ..< i + $0.count]) == $0 }) else { break }
            let at = UInt64(i - origin)
            // The largest power of two a with alignUp(aligned, a) == at.
            var best: UInt64? = nil
            var a: UInt64 = 1024
            while a <= (1 << 30) {
                if at % a == 0 && at >= aligned && at - aligned < a { best = a }
                a <<= 1
            }
            guard let found = best else { break }
            alignments.append(found)
            marker = m
            aligned = at
            pos = i + m.count
        }
        guard let m = marker, !alignments.isEmpty else { return nil }
        return (JFFS2Padding(alignments: alignments, marker: m, fill: fill), pos)
    }

    /// The bytes padjffs2 appends to an image whose length is `start` (counted from `origin`).
    public func render(from start: UInt64, origin: UInt64 = 0) -> [UInt8] {
        var out: [UInt8] = []
        var aligned = start - origin
        var written = start - origin
        for a in alignments {
            aligned = JFFS2Padding.alignUp(aligned, a)
            if aligned > written {
                out.append(contentsOf: repeatElement(fill, count: Int(aligned - written)))
                written = aligned
            }
            out.append(contentsOf: marker)
            written += UInt64(marker.count)
        }
        return out
    }

    /// The regions of `render(from: start, origin: origin)`.
    public func regions(from start: UInt64, origin: UInt64 = 0) -> [Region] {
        var rs: [Region] = []
        var aligned = start - origin
        var written = start - origin
        for a in alignments {
            aligned = JFFS2Padding.alignUp(aligned, a)
            if aligned > written {
                rs.append(Region(offset: origin + written, size: aligned - written, role: .jffs2Padding,
                                 note: "0x\(String(fill, radix: 16)) to \(a / 1024) KiB boundary"))
                written = aligned
            }
            rs.append(Region(offset: origin + written, size: UInt64(marker.count), role: .jffs2Marker,
                             note: marker == JFFS2Padding.eofMarker ? "deadc0de" : "jffs2 padding node"))
            written += UInt64(marker.count)
        }
        return rs
    }
}
