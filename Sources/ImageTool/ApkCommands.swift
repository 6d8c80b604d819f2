import Apk
import ArgumentParser
import BinaryIO
import PackageManagers
import FoundationEssentials
import Platform
#if canImport(Glibc)
import Glibc
#endif

/// `imagetool apk …` — apk v3 (OpenWrt 25.x) packages, indexes and keys.
struct ApkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apk",
        abstract: "Read, verify, index and rebase apk v3 (OpenWrt 25.x) packages and feeds.",
        subcommands: [ApkShow.self, ApkVerify.self, ApkIndexCommand.self, ApkKeygen.self, ApkRebase.self])
}

/// `imagetool apk show FILE` — metadata of a .apk package or a packages.adb index.
struct ApkShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show an .apk package or packages.adb index.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "An .apk (v3) package or a packages.adb index.") var file: String
    @Option(help: "Folder of trusted PEM public keys to check signatures against.") var keys: String?
    @Flag(help: "List every file of a package / every entry of an index.") var all = false
    @Flag(help: "Dump the whole ADB tree with schema field names (like apk adbdump).") var raw = false

    struct Summary: Encodable {
        var file: String, schema: String, compression: String
        var blocks: [String]
        var signatures: ADBTrust?
        var package: ApkPackageInfo?
        var identity: String?
        var scripts: [String]?
        var files: [ApkFileEntry]?
        var description: String?
        var entries: [ApkPackageInfo]?
        var entryCount: Int?
    }

    func run() throws {
        try CLI.run(global) { out in
            let (adb, comp) = try ADBFile.open(file)
            if raw, let block = adb.adbBlock {
                var heap = ADBHeap(block: block)
                heap.context = "dump ADB tree"
                let text = try withFile(file) { try ADBDump.render(heap: heap, schema: adb.schema) }
                if global.json { try out.json(["file": file, "dump": text]) } else { out.raw(text) }
                return
            }
            let trusted = try keys.map { try ApkKey.loadTrusted(directory: $0).keys } ?? []
            let trust = try withFile(file) { try adb.checkSignatures(keys: trusted) }
            var s = Summary(file: file, schema: adb.schemaName, compression: comp.description,
                            blocks: adb.blocks.map { "\($0.type) \($0.payload.count)" }, signatures: trust)
            let bytes = try FS.read(file, limit: UInt64(ADBContainer.maxDecompressed))
            if adb.schema == ADBFile.schemaPackage {
                let p = try withFile(file) { try ApkPackage(bytes: bytes) }
                s.package = p.info
                s.identity = Hex.encode(p.identity)
                s.scripts = p.scripts.keys.sorted()
                s.files = p.files
            } else if adb.schema == ADBFile.schemaIndex {
                let i = try withFile(file) { try ApkIndex(bytes: bytes) }
                s.description = i.description
                s.entries = i.entries
                s.entryCount = i.entries.count
            }
            if global.json { try out.json(s); return }
            out.line("\(file): schema \(s.schema), compression \(s.compression), blocks: \(s.blocks.joined(separator: ", "))")
            for id in trust.signatureKeyIDs {
                let ok = trust.verifiedKeyID == id ? "verified by \(trust.verifiedBy ?? "")" : (keys == nil ? "not checked" : "not verified")
                out.line("signature: key id \(id) (\(ok))")
            }
            if let p = s.package {
                out.line("package: \(p.name) \(p.version) \(p.arch ?? "")")
                out.line("identity (index hash): \(s.identity ?? "")")
                out.line("depends: \(p.depends.map(\.description).joined(separator: " "))")
                out.line("provides: \(p.provides.map(\.description).joined(separator: " "))")
                if let k = p.kernelDependency { out.line("kernel: \(k.version ?? "")") }
                out.line("scripts: \((s.scripts ?? []).joined(separator: " "))")
                let files = (s.files ?? []).filter { !$0.isDirectory }
                out.line("files: \(files.count)")
                if all {
                    for f in files {
                        out.line("  \(f.path) " + (f.linkTarget.map { "-> \($0)" } ?? "\(f.size ?? 0) \(f.hash ?? "")"))
                    }
                }
            } else if let entries = s.entries {
                out.line("index: \(entries.count) packages\(s.description.map { ", description \($0)" } ?? "")")
                for e in entries.prefix(all ? entries.count : 10) {
                    out.line("  \(e.name) \(e.version) size \(e.fileSize ?? 0) sha256 \(e.hashes ?? "")")
                }
                if !all && entries.count > 10 { out.line("  … (\(entries.count - 10) more; --all lists them)") }
            }
        }
    }
}

/// `imagetool apk verify DIR --keys DIR` — index signature and every package's size and hash.
struct ApkVerify: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify",
        abstract: "Verify an apk feed: packages.adb signature against PEM keys, each package against its entry.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Feed folder holding packages.adb and .apk files.") var feed: String
    @Option(help: "Folder of trusted PEM public keys (like /etc/apk/keys).") var keys: String

    func run() throws {
        try CLI.run(global) { out in
            try Self.render(try ApkFeed.verify(feed, keysDir: keys), feed: feed, keys: keys, out: out)
        }
    }

    /// The apk feed check as lines or JSON; a failure throws (exit 1) naming packages.adb.
    static func render(_ v: ApkFeed.Verification, feed: String, keys: String, out: Output) throws {
        if out.global.json { try out.json(v) } else {
            out.line("packages.adb: \(v.entries) entries, signature \(v.index.isTrusted ? "verified by \(v.index.verifiedBy ?? "")" : "NOT verified") (key ids: \(v.index.signatureKeyIDs.joined(separator: ", ")))")
            for p in v.packages where p.status != "ok" && p.status != "missing" || out.global.verbose { out.line("  \(p.file): \(p.status)") }
            let counts = Dictionary(grouping: v.packages, by: { $0.status.hasPrefix("unreadable") ? "unreadable" : $0.status }).mapValues(\.count)
            out.line(counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        guard v.ok else {
            throw FormatError(.checksum, context: "verify apk feed",
                              v.index.isTrusted ? "package(s) do not match the index" : "index signature not verified by any key in \(keys)",
                              file: feed + "/" + ApkFeed.indexName)
        }
    }
}

/// `imagetool apk index DIR --sign KEY.pem` — build packages.adb from the .apk files.
struct ApkIndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "index",
        abstract: "Build (and sign) packages.adb from the .apk files in a folder, as apk mkndx does.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Folder with .apk files.") var feed: String
    @Option(help: "PEM private key (ECDSA P-256) to sign the index with.") var sign: String?
    @Option(help: "Index description text.") var description: String?
    @Option(name: [.short, .long], help: "Output file (default FEED/packages.adb).") var output: String?

    func run() throws {
        try CLI.run(global) { out in
            let key = try sign.map { try ApkKey(path: $0, private: true) }
            let dest = output ?? feed + "/" + ApkFeed.indexName
            let index = try ApkFeed.writeIndex(feed, key: key, description: description, output: dest)
            try Self.render(index, output: dest, signedBy: key?.idHex, out: out)
        }
    }

    /// What was indexed, as a line or JSON.
    static func render(_ index: ApkIndex, output: String, signedBy: String?, out: Output) throws {
        if out.global.json {
            try out.json(["output": output, "packages": "\(index.entries.count)", "signedBy": signedBy ?? ""])
        } else {
            out.line("\(output): \(index.entries.count) packages, \(signedBy.map { "signed with key id \($0)" } ?? "unsigned")")
        }
    }
}

/// `imagetool apk keygen --secret F --public F` — a new ECDSA P-256 apk signing key.
struct ApkKeygen: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "keygen",
        abstract: "Generate an ECDSA P-256 apk signing key (PKCS#8 PEM) and its public key (for /etc/apk/keys).")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Where to write the private key (mode 0600).") var secret: String
    @Option(help: "Where to write the public key.") var `public`: String
    @Flag(help: "Overwrite existing files.") var force = false

    func run() throws {
        try CLI.run(global) { out in
            try Self.render(try ApkFamily.generateKeyPair(secret: secret, public: `public`, comment: nil, force: force), out: out)
        }
    }

    /// The new key's id and files, as a line or JSON.
    static func render(_ k: GeneratedKeyPair, out: Output) throws {
        if out.global.json { try out.json(["secret": k.secret, "public": k.public, "keyID": k.keyID]) } else {
            out.line("key id \(k.keyID): secret \(k.secret), public \(k.public)")
        }
    }
}

/// `imagetool apk rebase FEED -o OUT --kernel-version V | --installed FILE [--key SECRET]`.
struct ApkRebase: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rebase",
        abstract: "Rewrite an apk feed's kernel dependency to an image's kernel package version and re-sign the index.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Feed folder holding packages.adb and .apk files.") var feed: String
    @Option(name: [.short, .long], help: "Output folder (replaced atomically).") var output: String
    @Option(help: "Target kernel package version, e.g. 6.12.74~<vermagic>-r1.") var kernelVersion: String?
    @Option(help: "The image's apk installed database (rootfs/lib/apk/db/installed) to take the kernel version from.") var installed: String?
    @Option(help: "PEM private key to sign the new index with.") var key: String?

    func validate() throws {
        guard (kernelVersion == nil) != (installed == nil) else {
            throw ValidationError("give exactly one of --kernel-version and --installed")
        }
    }

    func run() throws {
        try CLI.run(global) { out in
            var target = kernelVersion ?? ""
            if let installed {
                guard let k = try ApkInstalledDB.open(installed).kernelVersion else {
                    throw FormatError(.invalid, context: "read apk installed database", "no kernel package installed", file: installed)
                }
                target = k
            }
            let signer = try key.map { try ApkKey(path: $0, private: true) }
            let r = try ApkFeed.rebase(feed, kernelVersion: target, outDir: output, key: signer)
            if global.json { try out.json(r); return }
            out.line("kernel \(r.fromKernel.joined(separator: ", ")) -> \(r.toKernel)")
            out.line("rewritten \(r.rewritten.count) packages, copied \(r.copied.count) unchanged, index entries rewritten \(r.indexEntriesRewritten), removed \(r.indexEntriesRemoved.count)")
            if !r.skipped.isEmpty { out.warn("not copied (not regular files): \(r.skipped.joined(separator: ", "))") }
            if !r.kernelPackagesRemoved.isEmpty { out.line("left out the feed's kernel package: \(r.kernelPackagesRemoved.joined(separator: ", "))") }
            out.line(r.signedBy.map { "index signed with key id \($0)" } ?? "index NOT signed (no --key)")
        }
    }
}
