#if canImport(Glibc)
import Glibc
#endif
import BinaryIO
import CFDT

extension FITImage {
    /// The FIT with the data of the images named in `replacing` changed, edited with
    /// libfdt the way mkimage writes it (u-boot tools/fit_image.c): the tree is opened into
    /// a larger buffer (`fdt_open_into`), an inline image's `data` and every hash `value`
    /// of a changed image are set (`fdt_setprop`), the tree is packed (`fdt_pack`), and
    /// external data is laid out again in the original order, each image starting on the
    /// original alignment (`-B`) with zero fill: `data-offset` from the 4-byte aligned tree
    /// end, `data-position` from the FIT start (the tree keeps the original `-p` room when
    /// it fits), `data-size` set, `totalsize` rounded up to the alignment as `mkimage -E`
    /// does. `padLast` pads the last external image to the alignment too (mkimage does).
    /// `zeroPad` appends zeros to a replacement (a page-padded rootfs) without copying it;
    /// `reserve` is room kept for what the caller appends, so a large image is never copied
    /// by array growth.
    /// A signed FIT is re-signed with `signer` (`FITImage.resign`), refused without one.
    func rebuilt(_ bytes: [UInt8], replacing: [String: [UInt8]], zeroPad: [String: Int] = [:], padLast: Bool,
                 reserve: Int = 0, signer: FITSigner? = nil) throws -> [UInt8] {
        var sizes: [String: Int] = [:]
        var values: [String: [String: [UInt8]]] = [:]
        for img in images {
            guard let new = replacing[img.name] else { continue }
            let pad = zeroPad[img.name] ?? 0
            sizes[img.name] = new.count + pad
            values[img.name] = try new.withUnsafeBytes { d in
                try FITImage.hashValues(of: img, data: d, pad: pad)
            }
        }
        let inline = Dictionary(uniqueKeysWithValues: images.filter { $0.placement == .inline }.compactMap { img in
            replacing[img.name].map { (img.name, $0 + [UInt8](repeating: 0, count: zeroPad[img.name] ?? 0)) }
        })
        let (tree, starts) = try rebuiltTree(bytes, sizes: sizes, hashValues: values, inline: inline,
                                             signer: signer, replaced: replacing, zeroPad: zeroPad)
        let ext = externalImages
        let align = alignment
        func size(_ img: Image) -> Int { sizes[img.name] ?? img.dataSize }
        let finalSize = zip(ext, starts).reduce(tree.count) { max($0, FITImage.alignUp($1.1 + size($1.0), align)) }
        var out: [UInt8] = []
        out.reserveCapacity(finalSize + reserve)
        out += tree
        for (img, start) in zip(ext, starts) {
            guard start >= out.count else { throw FormatError(.invalid, context: "rebuild FIT", "external data of /images/\(img.name) overlaps") }
            if start > out.count { out += repeatElement(0, count: start - out.count) }
            if let new = replacing[img.name] {
                out += new
                out += repeatElement(0, count: zeroPad[img.name] ?? 0)
            } else {
                out += bytes[img.dataStart ..< img.dataEnd]
            }
        }
        if padLast, !ext.isEmpty { out += repeatElement(0, count: FITImage.alignUp(out.count, align) - out.count) }
        return out
    }

    /// Every hash value of `image` over `data` followed by `pad` zero bytes, by node name.
    static func hashValues(of image: Image, data: UnsafeRawBufferPointer, pad: Int) throws -> [String: [UInt8]] {
        var v: [String: [UInt8]] = [:]
        for h in image.hashes {
            guard let d = FITImage.digest(h.algo, data, pad: pad) else {
                throw FormatError(.unsupported, context: "rebuild FIT", "/images/\(image.name)/\(h.name): cannot compute hash algo \(h.algo)")
            }
            v[h.name] = d
        }
        return v
    }

    /// The edited tree and the new start of each external image (in `externalImages`
    /// order): `sizes` are the new data lengths and `hashValues` the new hash values of the
    /// replaced images, `inline` the new data of replaced inline images. A signed FIT is
    /// re-signed with `signer` after the hashes are set (`replaced`/`zeroPad`: the new data
    /// of images with a signature of their own), refused without one.
    func rebuiltTree(_ bytes: [UInt8], sizes: [String: Int], hashValues: [String: [String: [UInt8]]],
                     inline: [String: [UInt8]], signer: FITSigner? = nil, replaced: [String: [UInt8]] = [:],
                     zeroPad: [String: Int] = [:]) throws -> (tree: [UInt8], starts: [Int]) {
        let ctx = "rebuild FIT"
        try checkSignable(signer)
        func size(_ img: Image) -> Int { sizes[img.name] ?? img.dataSize }
        let inlineGrowth = inline.values.reduce(0) { $0 + $1.count }
        let capacity = try Checked.add(try Checked.add(totalSize, inlineGrowth, "FIT size"), 64 << 10, "FIT size")
        guard capacity <= Int(Int32.max) else {
            throw FormatError(.tooLarge, context: ctx, "tree of \(capacity) bytes is larger than libfdt can address")
        }
        var tree = [UInt8](repeating: 0, count: capacity)
        let ext = externalImages
        let align = alignment
        let (newTotal, starts): (Int, [Int]) = try tree.withUnsafeMutableBytes { out in
            guard let buf = out.baseAddress else { throw FormatError(.io, context: ctx, "no buffer") }
            let rc = bytes.withUnsafeBytes { fdt_open_into($0.baseAddress, buf, Int32(capacity)) }
            guard rc == 0 else { throw FormatError(.invalid, context: ctx, "fdt_open_into: \(FITImage.fdtMessage(rc))") }
            func node(_ path: String) throws -> Int32 {
                let n = fdt_path_offset(buf, path)
                guard n >= 0 else { throw FormatError(.invalid, context: ctx, "\(path): \(FITImage.fdtMessage(n))") }
                return n
            }
            func set(_ path: String, _ name: String, _ value: [UInt8]) throws {
                let n = try node(path)
                let r = value.withUnsafeBytes { fdt_setprop(buf, n, name, $0.baseAddress, Int32($0.count)) }
                guard r == 0 else { throw FormatError(.invalid, context: ctx, "set \(path)/\(name): \(FITImage.fdtMessage(r))") }
            }
            func setU32(_ path: String, _ name: String, _ v: Int) throws {
                let u = try Checked.int(v, as: UInt32.self, "\(path)/\(name)")
                let b: [UInt8] = [UInt8(u >> 24), UInt8(u >> 16 & 0xff), UInt8(u >> 8 & 0xff), UInt8(u & 0xff)]
                let n = try node(path)
                let r = b.withUnsafeBytes { fdt_setprop_inplace(buf, n, name, $0.baseAddress, 4) }
                guard r == 0 else { throw FormatError(.invalid, context: ctx, "set \(path)/\(name): \(FITImage.fdtMessage(r))") }
            }
            for img in images {
                guard let values = hashValues[img.name] else { continue }
                let path = "/images/" + img.name
                if img.placement == .inline, let d = inline[img.name] { try set(path, "data", d) }
                for h in img.hashes {
                    guard let v = values[h.name] else { continue }
                    try set(path + "/" + h.name, "value", v)
                }
            }
            if isSigned, let signer {
                try resign(buf, signer: signer, bytes: bytes, replaced: replaced, zeroPad: zeroPad,
                           changed: Set(hashValues.keys).union(sizes.keys))
            }
            let pr = fdt_pack(buf)
            guard pr == 0 else { throw FormatError(.invalid, context: ctx, "fdt_pack: \(FITImage.fdtMessage(pr))") }
            let packed = Int(shim_fdt_totalsize(buf))
            guard packed <= capacity else { throw FormatError(.invalid, context: ctx, "packed tree larger than its buffer") }
            var total = ext.isEmpty ? packed : FITImage.alignUp(packed, align)
            // data-position images keep their first position (the -p room) when the tree fits.
            if let first = ext.first, first.placement == .position, first.dataStart >= packed {
                total = first.dataStart
            }
            guard total <= capacity else { throw FormatError(.invalid, context: ctx, "tree of \(total) bytes exceeds its buffer") }
            var cursor = ext.first.map { $0.placement == .offset ? FITImage.alignUp(total, 4) + ($0.dataStart - FITImage.alignUp(totalSize, 4)) : total } ?? total
            var starts: [Int] = []
            for img in ext {
                starts.append(cursor)
                let path = "/images/" + img.name
                let size = size(img)
                switch img.placement {
                case .offset: try setU32(path, "data-offset", cursor - FITImage.alignUp(total, 4))
                case .position: try setU32(path, "data-position", cursor)
                case .inline: break
                }
                try setU32(path, "data-size", size)
                cursor = try Checked.add(cursor, FITImage.alignUp(size, align), "FIT external data")
            }
            shim_fdt_set_totalsize(buf, UInt32(total))
            // Free space after the packed blocks is zero, as mkimage leaves it.
            if total > packed { memset(buf + packed, 0, total - packed) }
            let check = fdt_check_full(buf, total)
            guard check == 0 else { throw FormatError(.invalid, context: ctx, "rebuilt tree: \(FITImage.fdtMessage(check))") }
            return (total, starts)
        }
        tree.removeSubrange(newTotal...)
        return (tree, starts)
    }
}
