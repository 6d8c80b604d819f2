/// The version of OpenWrt's `kernel` package, in either of its two styles
/// (../shared/docs/openwrt-formats.md §2, openwrt/openwrt include/kernel.mk):
/// - classic `5.15.137-1-<vermagic>`: upstream, package release, vermagic;
/// - newer (24.10 and apk era) `6.6.110~<vermagic>-r1`.
public struct KernelPackageVersion: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    /// How the version string is laid out.
    public enum Style: String, Sendable, Codable { case classic, tilde }

    /// The whole version string, exactly as stored.
    public var raw: String
    public var style: Style
    /// Upstream kernel version (`5.15.137`, or a distribution release like `6.1.0-56-amd64`).
    public var upstream: String
    /// Package release (`1`, or `r1`).
    public var release: String
    /// The 32-hex-digit vermagic.
    public var vermagic: String

    /// Parses `raw`; nil when it carries no 32-hex-digit vermagic in either style.
    public init?(_ raw: String) {
        self.raw = raw
        if let tilde = raw.lastIndex(of: "~") {
            // V~hash-rR
            let up = String(raw[..<tilde])
            let rest = raw[raw.index(after: tilde)...]
            guard let dash = rest.lastIndex(of: "-") else { return nil }
            let hash = String(rest[..<dash]), rel = String(rest[rest.index(after: dash)...])
            guard KernelPackageVersion.isHash(hash), !up.isEmpty, !rel.isEmpty else { return nil }
            style = .tilde; upstream = up; vermagic = hash; release = rel
        } else {
            // V-R-hash (V may itself contain dashes, e.g. 6.1.0-56-amd64)
            guard let d1 = raw.lastIndex(of: "-") else { return nil }
            let hash = String(raw[raw.index(after: d1)...])
            let head = raw[..<d1]
            guard KernelPackageVersion.isHash(hash), let d2 = head.lastIndex(of: "-") else { return nil }
            let rel = String(head[head.index(after: d2)...]), up = String(head[..<d2])
            guard !up.isEmpty, !rel.isEmpty else { return nil }
            style = .classic; upstream = up; vermagic = hash; release = rel
        }
    }

    /// The same version with another vermagic, in the same style.
    public func with(vermagic v: String) -> KernelPackageVersion? {
        switch style {
        case .classic: return KernelPackageVersion("\(upstream)-\(release)-\(v)")
        case .tilde: return KernelPackageVersion("\(upstream)~\(v)-\(release)")
        }
    }

    public var description: String { raw }

    static func isHash(_ s: String) -> Bool {
        s.utf8.count == 32 && s.utf8.allSatisfy { (48 ... 57).contains($0) || (97 ... 102).contains($0) }
    }
}
