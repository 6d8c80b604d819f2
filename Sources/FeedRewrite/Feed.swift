import BinaryIO
import Codecs
import Digests
import Platform

/// An opkg feed folder: `Packages` (+ `.gz`, `.manifest`, `.sig`, `index.json`) beside
/// the `.ipk` files — what opkg fetches and checks (openwrt/opkg-lede libopkg/opkg_download.c:
/// Packages.sig via usign against /etc/opkg/keys, then each package's Size and SHA256sum).
public struct Feed: Sendable {
    /// The folder.
    public let directory: String
    /// Stanzas of `Packages` in file order.
    public var stanzas: [ControlStanza]
    /// Exact bytes of `Packages`.
    public var packagesBytes: [UInt8]
    /// Every `*.ipk` below the folder (relative, sorted).
    public var ipkFiles: [String]

    /// Opens a feed: reads and parses `Packages` and lists the ipks.
    public static func open(_ dir: String) throws -> Feed {
        let p = dir + "/Packages"
        guard FS.isRegularFile(p) else {
            throw FormatError(.io, context: "open feed", "no Packages index", file: dir)
        }
        let bytes = try FS.read(p, limit: 1 << 30)
        let stanzas = try withFile(p) { try ControlStanza.parseDocument(bytes) }
        return Feed(directory: dir, stanzas: stanzas, packagesBytes: bytes, ipkFiles: try PackagesIndex.ipkFiles(in: dir))
    }

    /// The stanza of package `name`, if indexed.
    public func stanza(named name: String) -> ControlStanza? { stanzas.first { $0["Package"] == name } }

    /// The outcome of checking one indexed package against its file.
    public struct PackageCheck: Sendable, Codable, Equatable {
        /// How a package compared with its index entry.
        public enum Status: String, Sendable, Codable { case ok, missing, sizeMismatch = "size-mismatch", digestMismatch = "sha256-mismatch", md5Mismatch = "md5-mismatch", noChecksum = "no-checksum", badEntry = "bad-entry" }
        /// Package name.
        public var package: String
        /// Path relative to the feed folder (`Filename:`).
        public var filename: String
        /// The outcome.
        public var status: Status
        /// `Size:` from the index.
        public var expectedSize: UInt64?
        /// Size of the file on disk.
        public var actualSize: UInt64?
        /// `SHA256sum:` from the index.
        public var expectedSHA256: String?
        /// SHA-256 of the file on disk.
        public var actualSHA256: String?
    }

    /// Checks one stanza's Size, SHA256sum (and MD5Sum when present) against its file.
    public func check(_ s: ControlStanza) -> PackageCheck {
        guard let filename = s["Filename"], let comps = try? SafePath.components(filename), !comps.isEmpty else {
            return Self.check(s, contents: nil)
        }
        let path = directory + "/" + comps.joined(separator: "/")
        guard FS.isRegularFile(path), let size = try? FS.size(path) else { return Self.check(s, contents: nil) }
        if let e = s["Size"].flatMap({ UInt64($0) }), e != size {
            // Known bad without reading (the file may be huge).
            return PackageCheck(package: s["Package"] ?? "?", filename: filename, status: .sizeMismatch, expectedSize: e,
                                actualSize: size, expectedSHA256: s["SHA256sum"]?.lowercased())
        }
        return Self.check(s, contents: try? FS.read(path, limit: UInt64(IPK.maxOuterSize)))
    }

    /// Checks one stanza's Size, SHA256sum (and MD5Sum when present) against a file's
    /// `contents` already read (nil: the file is missing), with the same outcomes as
    /// `check(_:)`. `sha256Hex` is the contents' digest when the caller has it.
    public static func check(_ s: ControlStanza, contents: [UInt8]?, sha256Hex: String? = nil) -> PackageCheck {
        let name = s["Package"] ?? "?"
        guard let filename = s["Filename"], let comps = try? SafePath.components(filename), !comps.isEmpty else {
            return PackageCheck(package: name, filename: s["Filename"] ?? "", status: .badEntry)
        }
        var c = PackageCheck(package: name, filename: filename, status: .ok,
                             expectedSize: s["Size"].flatMap { UInt64($0) }, expectedSHA256: s["SHA256sum"]?.lowercased())
        guard let contents else { c.status = .missing; return c }
        c.actualSize = UInt64(contents.count)
        if let e = c.expectedSize, e != UInt64(contents.count) { c.status = .sizeMismatch; return c }
        c.actualSHA256 = sha256Hex ?? Hex.encode(Digest.sha256(contents))
        if let e = c.expectedSHA256 {
            if e != c.actualSHA256 { c.status = .digestMismatch; return c }
        } else if s["MD5Sum"] == nil {
            c.status = .noChecksum; return c
        }
        if let md5 = s["MD5Sum"]?.lowercased(), Hex.encode(Digest.md5(contents)) != md5 {
            c.status = .md5Mismatch
        }
        if c.expectedSize == nil { c.status = .badEntry }
        return c
    }

    /// Throws unless package `name` is indexed and its file matches Size and SHA256sum —
    /// the check to make before a package is rewritten.
    public func requireIntact(_ name: String) throws {
        guard let s = stanza(named: name) else {
            throw FormatError(.invalid, context: "check package \(name)", "not in the Packages index", file: directory + "/Packages")
        }
        let c = check(s)
        guard c.status == .ok else {
            var detail = c.status.rawValue
            if c.status == .sizeMismatch { detail += ": index says \(c.expectedSize ?? 0), file has \(c.actualSize ?? 0)" }
            if c.status == .digestMismatch { detail += ": index says \(c.expectedSHA256 ?? "?"), file has \(c.actualSHA256 ?? "?")" }
            throw FormatError(.checksum, context: "check package \(name)", "\(detail) (stale index entry?)", file: directory + "/" + c.filename)
        }
    }

    /// Where trusted public keys come from.
    public enum Keys: Sendable {
        /// One key file's contents.
        case key(Usign.PublicKey)
        /// A folder of keys named by fingerprint, like /etc/opkg/keys.
        case directory(String)
        /// Keys already loaded (e.g. read from an image's /etc/opkg/keys).
        case keys([Usign.PublicKey])

        /// The key for `fingerprint`: in a folder, the file named as usign prints it
        /// (no leading zeros) or with 16 digits, else any key file whose fingerprint matches.
        public func find(_ fingerprint: [UInt8]) throws -> (key: Usign.PublicKey, file: String?)? {
            switch self {
            case .key(let k): return k.fingerprint == fingerprint ? (k, nil) : nil
            case .keys(let ks): return ks.first { $0.fingerprint == fingerprint }.map { ($0, nil) }
            case .directory(let dir):
                for name in [Usign.fingerprintName(fingerprint), Hex.encode(fingerprint)] {
                    let p = dir + "/" + name
                    if FS.isRegularFile(p) {
                        let k = try Usign.PublicKey.open(p)
                        if k.fingerprint == fingerprint { return (k, p) }
                    }
                }
                for name in try FS.list(dir) where FS.isRegularFile(dir + "/" + name) {
                    if let k = try? Usign.PublicKey.open(dir + "/" + name), k.fingerprint == fingerprint { return (k, dir + "/" + name) }
                }
                return nil
            }
        }
    }

    /// Result of `verify`.
    public struct VerifyReport: Sendable, Encodable {
        /// Outcome of checking Packages.sig.
        public enum SignatureStatus: String, Sendable, Codable { case ok, bad, missing, unknownKey = "unknown-key" }
        /// The feed folder.
        public var feed: String
        /// Result of the signature check.
        public var signature: SignatureStatus
        /// Fingerprint named by Packages.sig (usign form).
        public var signatureFingerprint: String?
        /// The key file that matched, when from a folder.
        public var keyFile: String?
        /// Per-package checks in index order.
        public var packages: [PackageCheck]
        /// ipk files present but not in the index (kernel_/libc_ are expected here).
        public var unindexed: [String]
        /// Whether Packages.gz decompresses to Packages (nil when there is no Packages.gz);
        /// opkg downloads Packages.gz and checks the signature against its content.
        public var packagesGzMatches: Bool?
        /// Number of packages that did not match.
        public var failedPackages: Int { packages.filter { $0.status != .ok }.count }
        /// Signature good and every package matches.
        public var ok: Bool { signature == .ok && failedPackages == 0 && packagesGzMatches != false }

        enum CodingKeys: String, CodingKey { case feed, signature, signatureFingerprint, keyFile, packages, unindexed, packagesGzMatches, failedPackages, ok }
        public func encode(to enc: Encoder) throws {
            var c = enc.container(keyedBy: CodingKeys.self)
            try c.encode(feed, forKey: .feed); try c.encode(signature, forKey: .signature)
            try c.encodeIfPresent(signatureFingerprint, forKey: .signatureFingerprint); try c.encodeIfPresent(keyFile, forKey: .keyFile)
            try c.encode(packages, forKey: .packages); try c.encode(unindexed, forKey: .unindexed)
            try c.encodeIfPresent(packagesGzMatches, forKey: .packagesGzMatches)
            try c.encode(failedPackages, forKey: .failedPackages); try c.encode(ok, forKey: .ok)
        }
    }

    /// Checks `Packages.sig` over `Packages` against `keys`: the outcome, the fingerprint the
    /// signature names (usign form) and the key file that matched.
    public func verifySignature(keys: Keys) throws -> (VerifyReport.SignatureStatus, String?, String?) {
        let sigPath = directory + "/Packages.sig"
        guard FS.isRegularFile(sigPath) else { return (.missing, nil, nil) }
        let sig = try Usign.Signature.open(sigPath)
        let fp = Usign.fingerprintName(sig.fingerprint)
        guard let (key, file) = try keys.find(sig.fingerprint) else { return (.unknownKey, fp, nil) }
        return (try key.verify(packagesBytes, sig) ? .ok : .bad, fp, file)
    }

    /// Verifies `Packages.sig` over `Packages`, then every package's Size and SHA256sum.
    public static func verify(_ dir: String, keys: Keys) throws -> VerifyReport {
        let feed = try open(dir)
        var report = VerifyReport(feed: dir, signature: .missing, packages: [], unindexed: [])
        (report.signature, report.signatureFingerprint, report.keyFile) = try feed.verifySignature(keys: keys)
        let gzPath = dir + "/Packages.gz"
        if FS.isRegularFile(gzPath) {
            let gz = try FS.read(gzPath, limit: 1 << 30)
            let inflated = try? Deflate.inflate(gz, framing: .gzip, maxOutput: feed.packagesBytes.count + 1).bytes
            report.packagesGzMatches = inflated == feed.packagesBytes
        }
        report.packages = Workers.map(feed.stanzas.count) { i in feed.check(feed.stanzas[i]) }.compactMap { try? $0.get() }
        let indexed = Set(feed.stanzas.compactMap { $0["Filename"] })
        report.unindexed = feed.ipkFiles.filter { !indexed.contains($0) }
        return report
    }
}
