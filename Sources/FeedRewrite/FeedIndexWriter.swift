import BinaryIO
import Codecs
import Platform
#if canImport(Glibc)
import Glibc
#endif

/// Regenerates a feed's index files from its ipks the way OpenWrt's package/Makefile
/// `index` rule does (see `PackagesIndex`), writing each changed file atomically.
public enum FeedIndexWriter {
    /// What `write` did.
    public struct Report: Sendable, Codable {
        /// The feed folder.
        public var feed: String
        /// Per-package checks in index order.
        public var packages: Int
        /// ipk files not indexed (kernel_*, libc_*).
        public var skipped: [String]
        /// Files written (changed).
        public var written: [String]
        /// Files already identical (not rewritten).
        public var unchanged: [String]
        /// Whether the usign padding was appended.
        public var usignPadding: Bool
        /// Whether MD5Sum fields were written (the input index had them).
        public var md5Sum: Bool
        /// Fingerprint of the signing key.
        public var signedBy: String?
        /// Whether a stale Packages.sig was removed.
        public var removedStaleSignature: Bool
    }

    /// Rebuilds Packages.manifest, Packages, Packages.gz, index.json (only when the feed
    /// has one) and, with `key`, Packages.sig. Without a key a Packages.sig that no longer
    /// matches the new Packages is removed rather than left stale.
    ///
    /// Packages.gz: when an existing Packages.gz already decompresses to the new Packages
    /// it is kept (it is the publisher's `gzip -9n` output); otherwise it is written at level 9.
    ///
    /// `prebuilt` is the index of the folder's ipks when the caller already has it (a rebase
    /// builds it while writing the packages, so they are not read back); `prebuiltMD5` says
    /// whether its entries carry MD5Sum.
    /// `progress` counts the packages read.
    public static func write(_ dir: String, key: Usign.SecretKey? = nil,
                             prebuilt: PackagesIndex? = nil, prebuiltMD5: Bool = false, progress: ProgressMeter? = nil) throws -> Report {
        func existing(_ name: String) -> [UInt8]? {
            FS.isRegularFile(dir + "/" + name) ? try? FS.read(dir + "/" + name, limit: 1 << 30) : nil
        }
        let oldManifest = existing("Packages.manifest"), oldPackages = existing("Packages")
        let md5 = prebuilt != nil ? prebuiltMD5 : [oldManifest, oldPackages].contains { b in
            guard let b else { return false }
            return (try? ControlStanza.parseDocument(b))?.contains { $0["MD5Sum"] != nil } ?? false
        }
        let index = try prebuilt ?? PackagesIndex.build(directory: dir, includeMD5: md5, progress: progress)
        let manifest = index.renderManifest()
        let unpadded = PackagesIndex.droppingFields(manifest)
        let padded = PackagesIndex.needsUsignPadding(size: unpadded.count)
        let packages = padded ? unpadded + [0x0a, 0x0a] : unpadded
        var outputs: [(String, [UInt8])] = [("Packages.manifest", manifest), ("Packages", packages)]
        var gz: [UInt8]? = nil
        if let old = existing("Packages.gz"),
           let inflated = try? Deflate.inflate(old, framing: .gzip, maxOutput: packages.count + 1).bytes, inflated == packages {
            gz = old
        }
        outputs.append(("Packages.gz", gz ?? PackagesIndex.gzip(packages)))
        if let j = existing("index.json") {
            let form = try IndexJSON(parsing: j, file: dir + "/index.json")
            let stanzas = try ControlStanza.parseDocument(packages)
            outputs.append(("index.json", form.render(packages: stanzas)))
        }
        var removeStaleSignature = false
        if let key {
            outputs.append(("Packages.sig", try key.sign(packages).render()))
        } else if FS.isRegularFile(dir + "/Packages.sig"), oldPackages != packages {
            removeStaleSignature = true
        }
        var report = Report(feed: dir, packages: index.entries.count,
                            skipped: try PackagesIndex.ipkFiles(in: dir).filter { PackagesIndex.isSkipped($0) },
                            written: [], unchanged: [], usignPadding: padded,
                            md5Sum: md5, signedBy: key.map { Usign.fingerprintName($0.fingerprint) },
                            removedStaleSignature: removeStaleSignature)
        // Files of a published feed are replaced together (`FS.writeAtomically` of the set):
        // all are written and fsynced before the first rename, so a full disk leaves the old
        // index, manifest and signature as they were, never a new Packages beside an old
        // Packages.sig. Packages.sig is renamed last.
        var replace: [(path: String, bytes: [UInt8], mode: mode_t)] = []
        for (name, bytes) in outputs {
            if prebuilt != nil && oldManifest == nil && oldPackages == nil && !FS.exists(dir + "/" + name) {
                // A folder being built (a rebase's unpublished output): plain new files.
                try FS.writeNew(bytes, to: dir + "/" + name)
            } else {
                if existing(name).map({ $0.sameBytes(bytes) }) == true { report.unchanged.append(name); continue }
                replace.append((dir + "/" + name, bytes, 0o644))
            }
            report.written.append(name)
        }
        try FS.writeAtomically(replace)
        if removeStaleSignature { try FS.removeTree(dir + "/Packages.sig") }
        return report
    }
}
