import BinaryIO
import CFDT

/// What a FIT configuration signature covers (u-boot tools/image-host.c
/// fit_config_get_hash_list / fit_config_get_regions, boot/image-fit-sig.c
/// fit_config_check_sig, boot/fdt_region.c fdt_find_regions):
///
/// - the hashed nodes: `/`, `/configurations/<conf>`, then for each name in the signature
///   node's `sign-images` (default "kernel", "fdt", missing ones allowed only for the
///   default) every image the configuration property lists, followed by that image's
///   `hash*` subnodes and its `cipher` subnode — written as `hashed-nodes`;
/// - the regions of the structure block: walking the tags with libfdt (`fdt_next_tag`), a
///   node in the list is included with its properties, a subnode of an included node only
///   as its FDT_BEGIN_NODE/FDT_END_NODE tags, properties named `data`, `data-size`,
///   `data-position`, `data-offset` never (external data may move; the hash nodes
///   protect it), and the FDT_END tag always; adjacent pieces merge;
/// - then the first `hashed-strings` bytes of the strings block (the whole block when
///   signing, as mkimage records it).
///
/// Limits as U-Boot's: paths shorter than 200 bytes, depth below 32, fewer than 100 regions,
/// at most 100 hashed nodes (what its verifier accepts; it also bounds the work).
struct FITHashedRegions {
    /// Property names never hashed.
    static let excluded: Set<String> = ["data", "data-size", "data-position", "data-offset"]
    static let maxDepth = 32
    static let pathLimit = 200
    static let maxRegions = 100
    /// U-Boot's verifier hashes at most this many nodes (IMAGE_MAX_HASHED_NODES).
    static let maxNodes = 100

    /// The byte ranges (absolute in the blob) of the structure block to hash.
    var ranges: [Range<Int>]
    /// `hashed-nodes`.
    var nodes: [String]

    /// The hashed-nodes list for the signature node `sig` of configuration `conf`.
    static func nodes(_ fdt: UnsafeRawPointer, conf: Int32, sig: Int32, at node: String) throws -> [String] {
        let ctx = "re-sign FIT"
        let confName = FITHashedRegions.name(fdt, conf)
        var list = ["/", "/configurations/" + confName]
        var len: Int32 = 0
        var imageProps: [String]
        let allowMissing: Bool
        if let p = fdt_getprop(fdt, sig, "sign-images", &len), len >= 0 {
            imageProps = UnsafeRawBufferPointer(start: p, count: Int(len)).split(separator: 0, omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self) }
            if imageProps.last == "" { imageProps.removeLast() }
            allowMissing = false
        } else {
            imageProps = ["kernel", "fdt"]
            allowMissing = true
        }
        let images = fdt_path_offset(fdt, "/images")
        var count = 0
        for prop in imageProps {
            let n = fdt_stringlist_count(fdt, conf, prop)
            guard n > 0 else { continue }
            for i in 0 ..< min(n, 256) {
                var slen: Int32 = 0
                guard let s = fdt_stringlist_get(fdt, conf, prop, i, &slen), slen >= 0 else { continue }
                let uname = String(decoding: UnsafeRawBufferPointer(start: s, count: Int(slen)), as: UTF8.self)
                let img = images >= 0 ? fdt_subnode_offset(fdt, images, uname) : images
                guard img >= 0 else {
                    if allowMissing { continue }
                    throw FormatError(.invalid, context: ctx, "\(node): image \(uname.debugDescription) of \(prop) is not in /images")
                }
                guard list.count < maxNodes else {
                    throw FormatError(.invalid, context: ctx, "\(node): more than \(maxNodes) hashed nodes, more than U-Boot verifies")
                }
                list.append(try path(fdt, img, at: node))
                var hashes = 0
                var sub = fdt_first_subnode(fdt, img)
                while sub >= 0 {
                    if FITHashedRegions.name(fdt, sub).hasPrefix("hash") {
                        guard list.count < maxNodes else {
                            throw FormatError(.invalid, context: ctx, "\(node): more than \(maxNodes) hashed nodes, more than U-Boot verifies")
                        }
                        list.append(try path(fdt, sub, at: node))
                        hashes += 1
                    }
                    sub = fdt_next_subnode(fdt, sub)
                }
                guard hashes > 0 else {
                    throw FormatError(.invalid, context: ctx, "\(node): image \(uname) has no hash nodes, so U-Boot could not verify it")
                }
                let cipher = fdt_subnode_offset(fdt, img, "cipher")
                if cipher >= 0 { list.append(try path(fdt, cipher, at: node)) }
                count += 1
            }
        }
        guard count > 0 else {
            throw FormatError(.invalid, context: ctx, "\(node): no images of \(imageProps.joined(separator: ", ")) found to sign")
        }
        return list
    }

    static func name(_ fdt: UnsafeRawPointer, _ node: Int32) -> String {
        var len: Int32 = 0
        guard let p = fdt_get_name(fdt, node, &len), len >= 0 else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: p, count: Int(len)), as: UTF8.self)
    }

    static func path(_ fdt: UnsafeRawPointer, _ node: Int32, at sig: String) throws -> String {
        var buf = [CChar](repeating: 0, count: pathLimit)
        let rc = fdt_get_path(fdt, node, &buf, Int32(pathLimit))
        guard rc == 0 else {
            throw FormatError(.invalid, context: "re-sign FIT", "\(sig): path of a hashed node: \(FITImage.fdtMessage(rc))")
        }
        return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// fdt_find_regions over the structure block of the (checked) tree at `fdt`.
    static func find(_ fdt: UnsafeRawPointer, include: [String], at sig: String) throws -> [Range<Int>] {
        let ctx = "re-sign FIT"
        func fail(_ m: String) -> FormatError { FormatError(.invalid, context: ctx, "\(sig): hashed regions: \(m)") }
        let inc = Set(include)
        let base = Int(FITHashedRegions.be32(fdt, 8))
        var regions: [Range<Int>] = []
        var stack = [Int](repeating: 0, count: maxDepth)
        var path: [UInt8] = []
        var next: Int32 = 0
        var start = -1
        var depth = -1
        var want = 0
        var expectEnd = false
        var tag: UInt32 = 0
        repeat {
            let offset = next
            tag = fdt_next_tag(fdt, offset, &next)
            guard next >= 0 else { throw fail("structure block: \(FITImage.fdtMessage(next))") }
            var stopAt = Int(next)
            var include = 0
            if expectEnd && tag != 9 { throw fail("a second root node") }
            switch tag {
            case 3:  // FDT_PROP
                include = want >= 2 ? 1 : 0
                stopAt = Int(offset)
                var namep: UnsafePointer<CChar>? = nil
                var len: Int32 = 0
                guard fdt_getprop_by_offset(fdt, offset, &namep, &len) != nil, let namep else {
                    throw fail("property at 0x\(String(offset, radix: 16)): \(FITImage.fdtMessage(len))")
                }
                if excluded.contains(String(cString: namep)) { include = 0 }
            case 4:  // FDT_NOP
                include = want >= 2 ? 1 : 0
                stopAt = Int(offset)
            case 1:  // FDT_BEGIN_NODE
                depth += 1
                guard depth < maxDepth else { throw fail("deeper than \(maxDepth) nodes") }
                var len: Int32 = 0
                guard let np = fdt_get_name(fdt, offset, &len), len >= 0 else { throw fail("node name: \(FITImage.fdtMessage(len))") }
                if depth == 0 && len != 0 { throw fail("the root node has a name") }
                guard path.count + 2 + Int(len) < pathLimit else { throw fail("a path of \(pathLimit) bytes or more") }
                if path.count != 1 { path.append(UInt8(ascii: "/")) }
                path += UnsafeRawBufferPointer(start: np, count: Int(len))
                stack[depth] = want
                if want == 1 { stopAt = Int(offset) }
                if inc.contains(String(decoding: path, as: UTF8.self)) {
                    want = 2
                } else if want > 0 {
                    want -= 1
                } else {
                    stopAt = Int(offset)
                }
                include = want
            case 2:  // FDT_END_NODE
                guard depth >= 0 else { throw fail("more node ends than beginnings") }
                include = want
                want = stack[depth]
                depth -= 1
                while let last = path.popLast(), last != UInt8(ascii: "/") {}
                if depth == -1 { expectEnd = true }
            case 9:  // FDT_END
                include = 1
            default:
                throw fail("tag 0x\(String(tag, radix: 16)) at 0x\(String(offset, radix: 16))")
            }
            if include != 0 && start == -1 {
                if let last = regions.last, Int(offset) == last.upperBound - base {
                    start = last.lowerBound - base
                    regions.removeLast()
                } else {
                    start = Int(offset)
                }
            }
            if include == 0 && start != -1 {
                regions.append(base + start ..< base + stopAt)
                guard regions.count < maxRegions else { throw fail("\(maxRegions) regions or more") }
                start = -1
            }
        } while tag != 9
        guard Int(next) == Int(FITHashedRegions.be32(fdt, 36)), start >= 0 else { throw fail("structure block size disagrees with its tags") }
        regions.append(base + start ..< base + Int(next))
        return regions
    }

    /// A big-endian header word (the blob has passed fdt_check_header).
    static func be32(_ fdt: UnsafeRawPointer, _ at: Int) -> UInt32 {
        let b = fdt.advanced(by: at).assumingMemoryBound(to: UInt8.self)
        return UInt32(b[0]) << 24 | UInt32(b[1]) << 16 | UInt32(b[2]) << 8 | UInt32(b[3])
    }
}
