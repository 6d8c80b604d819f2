/// A package version as opkg parses and orders it (openwrt/opkg-lede libopkg/pkg_parse.c
/// parse_version, libopkg/pkg.c verrevcmp / pkg_compare_versions — dpkg's rules):
/// `[epoch:]upstream[-revision]`, the revision being the text after the *last* `-`.
///
/// Both OpenWrt kernel styles parse: `5.15.137-1-<hash>` (upstream `5.15.137-1`, revision
/// `<hash>`) and `6.6.110~<hash>-r1` (upstream `6.6.110~<hash>`, revision `r1`).
public struct OpkgVersion: Sendable, Comparable, CustomStringConvertible {
    /// Numeric epoch (0 when absent).
    public var epoch: UInt
    /// Upstream part.
    public var upstream: String
    /// Revision after the last `-`, nil when there is no `-`.
    public var revision: String?
    /// The text as given.
    public var text: String

    /// Parses like opkg: an epoch only when the text before the first `:` is a number.
    public init(_ text: String) {
        self.text = text
        var rest = Substring(text)
        var epoch: UInt = 0
        if let colon = rest.firstIndex(of: ":") {
            let e = rest[..<colon]
            if let v = UInt(e) { epoch = v }
            rest = rest[rest.index(after: colon)...]
        }
        self.epoch = epoch
        if let dash = rest.lastIndex(of: "-") {
            upstream = String(rest[..<dash])
            revision = String(rest[rest.index(after: dash)...])
        } else {
            upstream = String(rest)
            revision = nil
        }
    }

    public var description: String { text }

    /// dpkg character order: `~` lowest, then end of string / digits, then letters, then
    /// everything else (by code + 256).
    @inline(__always)
    static func order(_ c: UInt8?) -> Int {
        guard let c else { return 0 }
        if c == UInt8(ascii: "~") { return -1 }
        if c >= 48 && c <= 57 { return 0 }
        if (c >= 65 && c <= 90) || (c >= 97 && c <= 122) { return Int(c) }
        return Int(c) + 256
    }

    @inline(__always) static func isDigit(_ c: UInt8?) -> Bool { c.map { $0 >= 48 && $0 <= 57 } ?? false }

    /// opkg's verrevcmp: <0, 0, >0.
    public static func compareParts(_ a: String, _ b: String) -> Int {
        let v = Array(a.utf8), r = Array(b.utf8)
        var i = 0, j = 0
        func at(_ s: [UInt8], _ k: Int) -> UInt8? { k < s.count ? s[k] : nil }
        while i < v.count || j < r.count {
            var firstDiff = 0
            while (at(v, i) != nil && !isDigit(at(v, i))) || (at(r, j) != nil && !isDigit(at(r, j))) {
                let vc = order(at(v, i)), rc = order(at(r, j))
                if vc != rc { return vc - rc }
                i += 1; j += 1
            }
            while at(v, i) == 48 { i += 1 }
            while at(r, j) == 48 { j += 1 }
            while isDigit(at(v, i)) && isDigit(at(r, j)) {
                if firstDiff == 0, let x = at(v, i), let y = at(r, j) { firstDiff = Int(x) - Int(y) }
                i += 1; j += 1
            }
            if isDigit(at(v, i)) { return 1 }
            if isDigit(at(r, j)) { return -1 }
            if firstDiff != 0 { return firstDiff }
        }
        return 0
    }

    /// opkg's pkg_compare_versions: epoch, then upstream, then revision.
    public static func compare(_ a: OpkgVersion, _ b: OpkgVersion) -> Int {
        if a.epoch != b.epoch { return a.epoch > b.epoch ? 1 : -1 }
        let r = compareParts(a.upstream, b.upstream)
        if r != 0 { return r }
        return compareParts(a.revision ?? "", b.revision ?? "")
    }

    public static func < (a: OpkgVersion, b: OpkgVersion) -> Bool { compare(a, b) < 0 }
    public static func == (a: OpkgVersion, b: OpkgVersion) -> Bool { compare(a, b) == 0 }
}
