import BinaryIO

/// One dependency (or provides/replaces entry): `[!]name[op version]`, stored as an object
/// {name, version, match} where an absent match with a version means "="
/// [apk-tools: src/apk_adb.c dependency_tostring / dependency_fromstring].
public struct ApkDependency: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Package or virtual name.
    public var name: String
    /// Version to match, if any.
    public var version: String?
    /// Match mask (`ApkVersionMatch`); `equal` when a version is given without a mask.
    public var match: UInt32

    /// A dependency; `match` defaults to "=" when a version is given.
    public init(name: String, version: String? = nil, match: UInt32? = nil) {
        self.name = name
        self.version = version
        self.match = match ?? (version == nil ? 0 : ApkVersionMatch.equal)
    }

    /// Whether this is a conflict (`!name`).
    public var isConflict: Bool { match & ApkVersionMatch.conflict != 0 }

    /// The text form apk prints, e.g. `kernel=6.12.74~ea63…-r1` or `!foo`.
    public var description: String {
        let bang = isConflict ? "!" : ""
        guard let version else { return bang + name }
        return bang + name + ApkVersionMatch.op(match == 0 ? ApkVersionMatch.equal : match) + version
    }

    /// Parses the text form; nil when malformed.
    public init?(parsing text: String) {
        var s = Substring(text)
        var conflict: UInt32 = 0
        if s.hasPrefix("!") { conflict = ApkVersionMatch.conflict; s = s.dropFirst() }
        let isOp: (Character) -> Bool = { $0 == "<" || $0 == ">" || $0 == "=" || $0 == "~" }
        guard let opStart = s.firstIndex(where: isOp) else {
            guard !s.isEmpty else { return nil }
            self.init(name: String(s), version: nil, match: conflict == 0 ? nil : conflict)
            return
        }
        let opEnd = s[opStart...].firstIndex(where: { !isOp($0) }) ?? s.endIndex
        guard opStart > s.startIndex, opEnd < s.endIndex, let mask = ApkVersionMatch.mask(s[opStart ..< opEnd]) else { return nil }
        self.init(name: String(s[..<opStart]), version: String(s[opEnd...]), match: mask | conflict)
    }

    /// Reads a dependency object.
    public init(heap: ADBHeap, _ v: ADBVal) throws {
        let o = try heap.slots(v)
        name = try heap.string(o[field: ApkSchema.Dep.name]) ?? ""
        version = try heap.string(o[field: ApkSchema.Dep.version])
        let m = UInt32(truncatingIfNeeded: try heap.int(o[field: ApkSchema.Dep.match]) ?? 0)
        match = m == 0 && version != nil ? ApkVersionMatch.equal : m
    }

    /// Reads a dependency array (null reads as empty).
    public static func list(heap: ADBHeap, _ v: ADBVal) throws -> [ApkDependency] {
        try heap.slots(v).values.map { try ApkDependency(heap: heap, $0) }
    }

    /// Writes this dependency as apk does (match omitted when it is plain "=").
    public func write(into w: inout ADBHeapWriter) throws -> ADBVal {
        var slots = [try w.string(name)]
        if let version {
            slots.append(try w.string(version))
            if match != ApkVersionMatch.equal { slots.append(try w.int(UInt64(match))) }
        } else if match != 0 {
            slots.append(.null)
            slots.append(try w.int(UInt64(match)))
        }
        return try w.container(slots)
    }
}

/// A kernel version string as OpenWrt's apk packages carry it: `<V>~<vermagic hash>-r<R>`
/// (e.g. `6.12.74~ea63eca8388c3b20e2a7a5d5cbdbc7e1-r1`) [openwrt/openwrt: include/kernel-defaults.mk,
/// package/kernel/linux/Makefile (LINUX_VERSION~LINUX_VERMAGIC-rRELEASE)].
public struct ApkKernelVersion: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Upstream kernel version ("6.12.74").
    public var version: String
    /// The vermagic hash OpenWrt puts after `~`.
    public var vermagic: String
    /// Package release number (after `-r`).
    public var release: String

    /// A kernel version from its parts.
    public init(version: String, vermagic: String, release: String) {
        self.version = version
        self.vermagic = vermagic
        self.release = release
    }

    /// Parses `6.12.74~<hash>-r1`; nil when the form differs.
    public init?(parsing s: String) {
        let u = Array(s.utf8)
        guard let tilde = u.firstIndex(of: UInt8(ascii: "~")) else { return nil }
        var dash = u.count - 2
        while dash > tilde && !(u[dash] == UInt8(ascii: "-") && u[dash + 1] == UInt8(ascii: "r")) { dash -= 1 }
        guard dash > tilde else { return nil }
        version = String(decoding: u[..<tilde], as: UTF8.self)
        vermagic = String(decoding: u[(tilde + 1) ..< dash], as: UTF8.self)
        release = String(decoding: u[(dash + 2)...], as: UTF8.self)
        guard !version.isEmpty, !vermagic.isEmpty, !release.isEmpty else { return nil }
    }

    /// The `<V>~<hash>-r<R>` text.
    public var description: String { "\(version)~\(vermagic)-r\(release)" }
}
