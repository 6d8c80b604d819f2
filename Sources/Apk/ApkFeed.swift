import BinaryIO
import Platform
#if canImport(Glibc)
import Glibc
#endif

/// An apk v3 repository folder as OpenWrt 25.x publishes it: `packages.adb` (signed index),
/// `<name>-<version>.apk` packages, optionally `index.json` and public keys
/// [openwrt/openwrt: include/package-pack.mk, scripts/ipkg-make-index … apk mkndx].
public enum ApkFeed {
    /// Index file name.
    public static let indexName = "packages.adb"

    /// Whether `dir` is an apk v3 feed (a `packages.adb` starting with the ADB magic).
    public static func detect(_ dir: String) -> Bool {
        let path = dir + "/" + indexName
        guard FS.isRegularFile(path), let f = try? RandomAccessFile(path: path),
              let head = try? f.read(at: 0, count: min(4, Int(f.size)), context: "detect") else { return false }
        return head.count == 4 && head.starts(with: Array("ADB".utf8))
    }

    /// Whether a file name in a feed folder names a package (`<name>-<version>.apk`).
    public static func isPackageFileName(_ name: String) -> Bool { name.hasSuffix(".apk") }

    /// Whether the file at `path` is an apk v3 package or index (starts with `ADB`), for
    /// telling .apk v3 files from v2/ipk archives.
    public static func isADB(_ path: String) -> Bool {
        guard FS.isRegularFile(path), let f = try? RandomAccessFile(path: path), f.size >= 4,
              let head = try? f.read(at: 0, count: 3, context: "detect") else { return false }
        return head == Array("ADB".utf8)
    }

    /// Per-package result of a feed check.
    public struct PackageCheck: Sendable, Codable, Equatable {
        /// Package file name in the feed.
        public var file: String
        /// Package name from the index ("" for unlisted files).
        public var name: String
        /// Package version from the index.
        public var version: String
        /// "ok", "missing" (listed, no file), "size-mismatch", "hash-mismatch", "unlisted", "unreadable: …".
        public var status: String
    }

    /// Result of `verify`.
    public struct Verification: Sendable, Codable, Equatable {
        /// Signature check of packages.adb.
        public var index: ADBTrust
        /// Trusted key files that were loaded.
        public var keysLoaded: [String]
        /// Number of index entries.
        public var entries: Int
        /// One result per index entry and per unlisted .apk file.
        public var packages: [PackageCheck]
        /// True when the index signature verifies and every present package matches its entry.
        public var ok: Bool {
            index.isTrusted && !packages.contains { $0.status != "ok" && $0.status != "missing" }
        }
    }

    /// Verifies a feed: the index signature against the PEM keys in `keysDir` (like
    /// /etc/apk/keys), then every package file present against its entry's size and SHA-256
    /// [apk-tools: src/adb.c adb_trust_verify_signature; src/app_mkndx.c].
    public static func verify(_ dir: String, keysDir: String) throws -> Verification {
        try verify(dir, keys: try ApkKey.loadTrusted(directory: keysDir).keys)
    }

    /// Verifies a feed against the PEM public keys `keys` (see `verify(_:keysDir:)`).
    public static func verify(_ dir: String, keys: [ApkKey]) throws -> Verification {
        let index = try ApkIndex(path: dir + "/" + indexName)
        let trust = try withFile(dir + "/" + indexName) { try index.checkSignatures(keys: keys) }
        var checks: [PackageCheck] = []
        var listed = Set<String>()
        for e in index.entries {
            guard let name = index.fileName(of: e), (try? SafePath.components(name)) != nil else {
                checks.append(PackageCheck(file: "", name: e.name, version: e.version,
                                           status: "unreadable: pkgname-spec \(index.pkgnameSpec ?? "") gives no safe file name"))
                continue
            }
            listed.insert(name)
            let path = dir + "/" + name
            guard FS.isRegularFile(path) else {
                checks.append(PackageCheck(file: name, name: e.name, version: e.version, status: "missing"))
                continue
            }
            var status = "ok"
            do {
                let bytes = try FS.read(path, limit: UInt64(ADBContainer.maxDecompressed))
                if let size = e.fileSize, size != UInt64(bytes.count) {
                    status = "size-mismatch"
                } else {
                    let pkg = try ApkPackage(bytes: bytes)
                    // sha256 (32 bytes) or apk's sha256-160 (its first 20 bytes).
                    if let want = e.hashes, !Hex.encode(pkg.identity).hasPrefix(want) || want.count < 40 { status = "hash-mismatch" }
                }
            } catch let err as FormatError {
                status = "unreadable: " + err.inFile(name).description
            }
            checks.append(PackageCheck(file: name, name: e.name, version: e.version, status: status))
        }
        for name in try FS.list(dir) where isPackageFileName(name) && !listed.contains(name) {
            checks.append(PackageCheck(file: name, name: "", version: "", status: "unlisted"))
        }
        return Verification(index: trust, keysLoaded: keys.map { FS.basename(of: $0.name) }, entries: index.entries.count,
                            packages: checks)
    }

    /// Builds packages.adb from every `.apk` in `dir` (as `apk mkndx`), signs it with `key`
    /// and writes it atomically to `output` (default `dir/packages.adb`). `progress` counts
    /// the packages read.
    @discardableResult
    public static func writeIndex(_ dir: String, key: ApkKey?, description: String? = nil,
                                  output: String? = nil, progress: ProgressMeter? = nil) throws -> ApkIndex {
        var inputs: [ApkIndex.Input] = []
        let names = try FS.list(dir).filter(isPackageFileName)
        progress?.begin("index \(FS.basename(of: dir))", total: names.count, unit: .items)
        for name in names {
            defer { progress?.add(1) }
            let path = dir + "/" + name
            let bytes = try FS.read(path, limit: UInt64(ADBContainer.maxDecompressed))
            inputs.append(ApkIndex.Input(package: try withFile(path) { try ApkPackage(bytes: bytes) }, fileSize: UInt64(bytes.count)))
        }
        var index = try ApkIndex.build(packages: inputs, description: description)
        try index.sign(with: key)
        try FS.writeAtomically(try index.serialized(), to: output ?? dir + "/" + indexName)
        return index
    }

    /// What `rebase` did.
    public struct RebaseReport: Sendable, Codable, Equatable {
        /// Kernel versions the feed's packages depended on.
        public var fromKernel: [String]
        /// The kernel version they depend on now.
        public var toKernel: String
        /// Package files whose kernel dependency was rewritten.
        public var rewritten: [String]
        /// Package files copied unchanged (byte-identical).
        public var copied: [String]
        /// Index entries rewritten (dependency, size, hash).
        public var indexEntriesRewritten: Int
        /// Index entries that depend on another kernel but whose file is absent: removed
        /// (a package apk could fetch would not match the rewritten dependency).
        public var indexEntriesRemoved: [String]
        /// The feed's own `kernel` package for another kernel, left out of the new feed (apk
        /// could otherwise "upgrade" the image's kernel package to it, openwrt issue #16808).
        public var kernelPackagesRemoved: [String]
        /// Entries of the feed folder that are not regular files (sub-folders …), not copied.
        public var skipped: [String]
        /// Key id (hex) that signed the new index, nil when unsigned.
        public var signedBy: String?
    }

    /// Rewrites every package of the feed in `dir` that depends on a different `kernel` to
    /// depend on `kernelVersion` (the image's installed kernel package version), rebuilds the
    /// index by path copying (unchanged entries keep their bytes), signs it with `key`, and
    /// writes the new feed to `outDir` atomically. Files other than packages and the index
    /// are copied unchanged, except `index.json`, whose `kernel` version is updated.
    /// `finishing` runs inside the unpublished output folder (its path is the second
    /// argument) after every file is written, so files it adds are published with the rest.
    public static func rebase(_ dir: String, kernelVersion: String, outDir: String, key: ApkKey?,
                              finishing: ((RebaseReport, String) throws -> Void)? = nil) throws -> RebaseReport {
        guard ApkVersion.isValid(kernelVersion) else {
            throw FormatError(.usage, context: "rebase apk feed", "\(kernelVersion.debugDescription) is not a valid apk version")
        }
        if let a = canonical(dir), let b = canonical(outDir), a == b {
            throw FormatError(.refused, context: "rebase apk feed", "output folder is the input feed (inputs are never modified)", file: outDir)
        }
        let index = try ApkIndex(path: dir + "/" + indexName)
        if let spec = index.pkgnameSpec, spec != "${name}-${version}.apk" {
            throw FormatError(.unsupported, context: "rebase apk feed",
                              "index names packages by pkgname-spec \(spec.debugDescription); only the flat default is rebased",
                              file: dir + "/" + indexName)
        }
        let transform = ApkPackageInfoEdit.kernel(kernelVersion)
        var report = RebaseReport(fromKernel: [], toKernel: kernelVersion, rewritten: [], copied: [],
                                  indexEntriesRewritten: 0, indexEntriesRemoved: [], kernelPackagesRemoved: [], skipped: [],
                                  signedBy: key.map { $0.idHex })
        var outputs: [(String, [UInt8])] = []
        var newIdentity: [String: (size: UInt64, hash: [UInt8])] = [:]
        for name in try FS.list(dir) where name != indexName {
            guard FS.isRegularFile(dir + "/" + name) else { report.skipped.append(name); continue }
            let bytes = try FS.read(dir + "/" + name, limit: UInt64(ADBContainer.maxDecompressed))
            if isPackageFileName(name), bytes.starts(with: Array("ADB".utf8)) {
                let pkg = try withFile(name) { try ApkPackage(bytes: bytes) }
                if pkg.info.name == "kernel" && pkg.info.version != kernelVersion {
                    report.kernelPackagesRemoved.append(name)
                    continue
                }
                if let old = pkg.info.kernelDependency?.version, old != kernelVersion {
                    if !report.fromKernel.contains(old) { report.fromKernel.append(old) }
                }
                // Packages that carried signatures are re-signed with `key`; OpenWrt's are unsigned.
                let signer = pkg.file.signatures.isEmpty ? nil : key
                if let rewritten = try withFile(name, { try pkg.rewritingDependencies(transform, key: signer) }) {
                    let out = try rewritten.serialized()
                    outputs.append((name, out))
                    newIdentity[name] = (UInt64(out.count), rewritten.identity)
                    report.rewritten.append(name)
                    continue
                }
            } else if name == "index.json" {
                outputs.append((name, rewriteIndexJSON(bytes, kernelVersion: kernelVersion)))
                continue
            }
            outputs.append((name, bytes))
            report.copied.append(name)
        }
        let (rewrittenIndex, changed) = try index.rewriting { _, info in
            let file = ApkIndex.fileName(of: info)
            if info.name == "kernel" && info.version != kernelVersion {
                report.indexEntriesRemoved.append(file)
                return ApkIndex.EntryEdit(remove: true)
            }
            if let id = newIdentity[file] {
                return ApkIndex.EntryEdit(dependencies: transform, fileSize: id.size, hashes: id.hash)
            }
            if let dep = info.kernelDependency?.version, dep != kernelVersion {
                report.indexEntriesRemoved.append(file)
                return ApkIndex.EntryEdit(remove: true)
            }
            return nil
        }
        report.indexEntriesRewritten = changed - report.indexEntriesRemoved.count
        var newIndex = rewrittenIndex
        try newIndex.sign(with: key)
        outputs.append((indexName, try newIndex.serialized()))
        try FS.replaceDirectoryAtomically(outDir) { tmp in
            // Plain writes: the whole temporary folder is fsynced and renamed into place at once.
            for (name, bytes) in outputs { try RandomAccessFile(creating: tmp + "/" + name).write(bytes, at: 0) }
            try finishing?(report, tmp)
        }
        return report
    }

    /// The resolved absolute path of an existing folder, or nil.
    static func canonical(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// `index.json` with its `"kernel": "<version>"` value replaced (other bytes unchanged).
    static func rewriteIndexJSON(_ bytes: [UInt8], kernelVersion: String) -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (i, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard trimmed.hasPrefix("\"kernel\": \"") else { continue }
            let indent = line.prefix(line.count - trimmed.count)
            let comma = trimmed.hasSuffix(",") ? "," : ""
            lines[i] = "\(indent)\"kernel\": \"\(kernelVersion)\"\(comma)"
        }
        return Array(lines.joined(separator: "\n").utf8)
    }
}
