/// # Apk — OpenWrt 25.x apk v3 packages, indexes and keys
///
/// Format source: alpinelinux/apk-tools (doc/apk-v3.5.scd, src/adb.h, src/adb.c, src/adb_comp.c,
/// src/apk_adb.h, src/apk_adb.c, src/app_mkndx.c, src/extract_v3.c, src/crypto_openssl.c).
/// Checked against the real feeds in ../shared/realdata (stangri: signed index + signed
/// packages + keys; sora-shao: 1091-entry kmod index, kernel 6.12.74~ea63…-r1).
///
/// | file | on-disk concept |
/// |---|---|
/// | ADBContainer.swift | `ADB.` / `ADBd` (raw deflate) / `ADBc` + alg + level (none, deflate, zstd) framing |
/// | ADBFile.swift | `ADB.` + le32 schema, blocks `le32 type<<30 \| rawsize` (or 16-byte extended form), 8-byte padding, order ADB, SIG*, DATA* |
/// | ADBHeap.swift | value tags (type in top 4 bits) and the bounds-checked heap reader; depth/cycle/size-limited tree walk |
/// | ADBHeapWriter.swift | apk-compatible heap writer (alignment, dedup, trailing-null trimming); append mode for path copying |
/// | ADBSignature.swift | SIG block v0: signed message = le32 schema, ver, alg(4 = SHA-512), key id, SHA-512(ADB payload) |
/// | ApkKey.swift | ECDSA P-256 (or RSA) keys via OpenSSL EVP; key id = SHA-512(i2d_PublicKey)[0..16] — the raw EC point, not the SPKI |
/// | ApkSchema.swift | field numbers of pkginfo, dependency, file, dir, acl, scripts, package, index |
/// | ApkDependency.swift | `[!]name[op]version` objects; `<V>~<vermagic>-r<R>` kernel versions |
/// | ApkPackageInfo.swift | pkginfo reader; path-copying edits (depends, file-size, hashes) |
/// | ApkPackage.swift | .apk v3 reader (metadata, scripts, file list, DATA checked against size + digest), kernel-dependency rewrite |
/// | ApkIndex.swift | packages.adb reader, `build` (as apk mkndx: hashes = SHA-256 of each package's ADB block payload), path-copying `rewriting`, `sign` |
/// | ApkInstalledDB.swift | /lib/apk/db/installed (text) and the installed kernel version |
/// | ApkFeed.swift | feed `detect`, `verify` (index signature + each package's size and hash), `rebase` |
///
/// `ApkIndex.build` lays the heap out as apk mkndx does: rebuilt from the stangri packages,
/// the ADB block is byte-identical to the published packages.adb (its signature verifies).
/// Rewrites never re-encode what they do not change: a package's DATA blocks are copied
/// byte-for-byte; changed values are appended to the heap and only the references on the path
/// to the root are re-written, so every unchanged heap byte stays where it was (the tests check
/// that the old heap is a prefix of the new one). The outer deflate stream is necessarily new.
/// ECDSA signatures use OpenSSL's random nonce (OpenSSL 3.0 has no deterministic ECDSA), so a
/// signature block differs between runs; every other output byte is deterministic.
///
/// Entry points for `ApkFamily` (PackageManagers, which detects the family), the CLI and
/// Rebase: `ApkFeed.detect(dir)`, `ApkFeed.verify(dir, keysDir:)`,
/// `ApkFeed.rebase(dir, kernelVersion:, outDir:, key:)`, `ApkIndex.build(packages:)`,
/// `ApkIndex.sign(with:)`, `ApkIndex.rewriting(_:)`, `ApkPackage.rewritingDependencies(_:key:)`
/// with `ApkPackageInfoEdit.kernel(version)`, `ApkInstalledDB(parsing: text)` / `.open(path)` and
/// `.kernelVersion`, `ApkKey.generateECDSA()`, `ApkKey(path:private:)`, `ApkKey.loadTrusted(directory:)`.
public enum ApkModule {}
