#if canImport(FoundationEssentials)
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
#else
import FoundationEssentials
#endif
import BinaryIO
import Platform

/// Read access to a root filesystem (an extracted folder, or a squashfs tree).
public protocol RootfsSource {
    /// The bytes of the regular file at `path` (absolute inside the rootfs), or nil.
    func readFile(_ path: String, limit: Int) throws -> [UInt8]?
    /// Names in the directory at `path`, sorted, or nil when it is not a directory.
    func list(_ path: String) throws -> [String]?
}

/// A rootfs extracted into a host folder.
public struct DirectoryRootfs: RootfsSource {
    /// Host folder holding the rootfs.
    public var root: String
    /// A rootfs extracted at `root`.
    public init(root: String) { self.root = root }
    /// Reads `root/path` (no `..`, no symlinked parents).
    public func readFile(_ path: String, limit: Int) throws -> [UInt8]? {
        let p = try SafePath.join(root, path, context: "read rootfs file")
        guard FS.isRegularFile(p) else { return nil }
        return try FS.read(p, limit: UInt64(limit))
    }
    /// Lists `root/path`.
    public func list(_ path: String) throws -> [String]? {
        let p = try SafePath.join(root, path, context: "list rootfs folder")
        guard FS.isDirectory(p) else { return nil }
        return try FS.list(p)
    }
}

/// What an OpenWrt rootfs says about the kernel it was built for and where it gets
/// packages: the `kernel` package in `/usr/lib/opkg/status` (opkg, libopkg
/// pkg_print_status stanzas) or `/lib/apk/db/installed` (apk: `P:`/`V:`/`A:` lines),
/// installed kmods, `/lib/modules/<release>/`, the board id from `/etc/board.json`, and
/// feeds from `/etc/opkg/distfeeds.conf` or `/etc/apk/repositories.d/distfeeds.list`.
public struct RootfsFacts: Sendable, Codable, Equatable {
    /// "opkg" or "apk".
    public var packageManager: String?
    /// Version of the `kernel` package ("5.15.137-1-<vermagic>" or "6.6.110~<vermagic>-r1").
    public var kernelPackageVersion: String?
    /// The 32-hex-digit hash inside the kernel package version.
    public var vermagic: String?
    /// Package architecture of the kernel package (e.g. mipsel_24kc).
    public var arch: String?
    /// Installed kmod packages and their versions, sorted by name.
    public var kmods: [String: String]
    /// Release folders under /lib/modules.
    public var moduleReleases: [String]
    /// `.ko` files under /lib/modules/<release>/ (relative names), sorted.
    public var modules: [String]
    /// Board id (board.json model id).
    public var board: String?
    /// Feed lines ("name url") from distfeeds.
    public var feeds: [String]
    /// Where the kernel package version came from ("/usr/lib/opkg/status",
    /// "/usr/lib/opkg/info/kernel.control", "/lib/apk/db/installed", or a build manifest).
    public var kernelPackageSource: String?
    /// `DISTRIB_ARCH` of /etc/openwrt_release (the package architecture).
    public var distribArch: String?
    /// What could not be read when the facts were salvaged from a damaged rootfs
    /// ("/usr/lib/opkg/status: <error>"); empty when everything read.
    public var unreadable: [String] = []

    /// The hash part of a kernel package version (classic `-1-<hash>` or `~<hash>-r1`).
    public static func vermagic(fromKernelVersion v: String) -> String? {
        func isHash(_ s: Substring) -> Bool { s.count == 32 && s.allSatisfy { $0.isHexDigit } }
        if let t = v.firstIndex(of: "~") {
            let rest = v[v.index(after: t)...]
            let h = rest.split(separator: "-").first ?? rest
            return isHash(h) ? String(h) : nil
        }
        if let last = v.split(separator: "-").last, isHash(last) { return String(last) }
        return nil
    }

    /// Reads the facts from `fs`; missing files leave fields empty. With `salvage`, a file
    /// or folder that cannot be read is recorded in `unreadable` and the rest is read;
    /// without it the first such error is thrown.
    public init(reading fs: RootfsSource, salvage: Bool = false) throws {
        kmods = [:]; moduleReleases = []; modules = []; feeds = []
        var lost: [String] = []
        func attempt<T>(_ what: String, _ body: () throws -> T?) throws -> T? {
            do { return try body() } catch {
                guard salvage else { throw error }
                lost.append("/\(what): \(error)")
                return nil
            }
        }
        let limit = 16 << 20
        if let status = try attempt("usr/lib/opkg/status", { try fs.readFile("usr/lib/opkg/status", limit: limit) }) {
            packageManager = "opkg"
            for stanza in RootfsFacts.stanzas(String(decoding: status, as: UTF8.self), separator: ": ") {
                guard let name = stanza["Package"] else { continue }
                if let st = stanza["Status"], !st.hasSuffix(" installed") { continue }
                record(name: name, version: stanza["Version"], arch: stanza["Architecture"])
            }
        } else if let db = try attempt("lib/apk/db/installed", { try fs.readFile("lib/apk/db/installed", limit: limit) }) {
            packageManager = "apk"
            for stanza in RootfsFacts.stanzas(String(decoding: db, as: UTF8.self), separator: ":") {
                guard let name = stanza["P"] else { continue }
                record(name: name, version: stanza["V"], arch: stanza["A"])
            }
        }
        if kernelPackageVersion != nil {
            kernelPackageSource = packageManager == "apk" ? "/lib/apk/db/installed" : "/usr/lib/opkg/status"
        } else if let c = try attempt("usr/lib/opkg/info/kernel.control", { try fs.readFile("usr/lib/opkg/info/kernel.control", limit: 1 << 20) }),
                  let stanza = RootfsFacts.stanzas(String(decoding: c, as: UTF8.self), separator: ": ").first, stanza["Package"] == "kernel" {
            // opkg keeps each package's control file; builds that trim the status file keep it.
            record(name: "kernel", version: stanza["Version"], arch: stanza["Architecture"])
            kernelPackageSource = "/usr/lib/opkg/info/kernel.control"
        }
        if let rel = try attempt("etc/openwrt_release", { try fs.readFile("etc/openwrt_release", limit: 1 << 16) }) {
            for line in String(decoding: rel, as: UTF8.self).split(separator: "\n") where line.hasPrefix("DISTRIB_ARCH=") {
                distribArch = String(line.dropFirst(13).filter { $0 != "'" && $0 != "\"" })
            }
        }
        if arch == nil { arch = distribArch }
        if let rels = try attempt("lib/modules", { try fs.list("lib/modules") }) {
            moduleReleases = rels
            for rel in rels {
                for name in try attempt("lib/modules/\(rel)", { try fs.list("lib/modules/\(rel)") }) ?? [] where name.hasSuffix(".ko") {
                    modules.append("\(rel)/\(name)")
                }
            }
        }
        if let bj = try attempt("etc/board.json", { try fs.readFile("etc/board.json", limit: 1 << 20) }) {
            board = RootfsFacts.modelID(String(decoding: bj, as: UTF8.self))
        }
        for path in ["etc/opkg/distfeeds.conf", "etc/apk/repositories.d/distfeeds.list"] {
            guard let text = try attempt(path, { try fs.readFile(path, limit: 1 << 20) }) else { continue }
            for line in String(decoding: text, as: UTF8.self).split(separator: "\n") {
                let t = String(line.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
                if t.isEmpty || t.hasPrefix("#") { continue }
                let w = t.split(separator: " ")
                feeds.append(w.count >= 3 && w[0].hasPrefix("src") ? "\(w[1]) \(w[2])" : t)
            }
        }
        unreadable = lost
    }

    /// No facts (an image whose rootfs could not be read at all).
    public static var empty: RootfsFacts { RootfsFacts() }

    private init() { kmods = [:]; moduleReleases = []; modules = []; feeds = [] }

    /// Takes the kernel package version from the build's manifest beside the image when the
    /// rootfs records none (see `BuildManifest`).
    public mutating func fillKernelPackage(fromManifestBesides imagePath: String, release: String?) {
        guard kernelPackageVersion == nil,
              let (v, src) = BuildManifest.kernelPackage(besides: imagePath, release: release ?? moduleReleases.first) else { return }
        kernelPackageVersion = v
        vermagic = RootfsFacts.vermagic(fromKernelVersion: v)
        kernelPackageSource = "build manifest " + src
    }

    mutating func record(name: String, version: String?, arch a: String?) {
        if name == "kernel" {
            kernelPackageVersion = version
            vermagic = version.flatMap(RootfsFacts.vermagic(fromKernelVersion:))
            arch = a
        } else if name.hasPrefix("kmod-"), let v = version {
            kmods[name] = v
        }
    }

    /// Stanzas of "Key<sep>value" lines separated by blank lines (continuations ignored).
    static func stanzas(_ text: String, separator: String) -> [[String: String]] {
        var out: [[String: String]] = []
        var cur: [String: String] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { if !cur.isEmpty { out.append(cur); cur = [:] }; continue }
            if line.hasPrefix(" ") { continue }
            guard let r = line.firstRange(of: separator) else { continue }
            cur[String(line[..<r.lowerBound])] = String(line[r.upperBound...])
        }
        if !cur.isEmpty { out.append(cur) }
        return out
    }

    /// `"model": { "id": "<id>"` from board.json, read without a JSON library dependency.
    static func modelID(_ json: String) -> String? {
        guard let m = json.firstRange(of: "\"model\"") else { return nil }
        let rest = json[m.upperBound...]
        guard let idKey = rest.firstRange(of: "\"id\"") else { return nil }
        let after: Substring = rest[idKey.upperBound...].drop { (c: Character) -> Bool in c == " " || c == ":" || c == "\t" || c == "\n" }
        guard after.first == "\"" else { return nil }
        let body = after.dropFirst()
        guard let end = body.firstIndex(of: "\"") else { return nil }
        return String(body[..<end])
    }
}
