/// # FeedRewrite — opkg feeds, .ipk packages, usign
///
/// Library API (all errors are `FormatError` with file, offset and context):
///
/// | concept | type / call | source followed |
/// |---|---|---|
/// | control stanza | `ControlStanza(parsing:)` (a slice: one stanza; `[UInt8]` with optional `file:`: a whole control file, `Package:` required), `.parseDocument`, `[name]`, `set`, `insert(before:)`, `render()` (unchanged stanzas render byte-identical) | opkg-lede pkg_parse.c, package-pack.mk |
/// | relationship | `Relationship(parsing:)` → `terms` (name, op, version, group, alternative, byte range), `replacing(term, with:)`, `Term.render()`, `Term.isSatisfied(by:version:)`; `ControlStanza.rewriteRelationship("Depends", where:with:)` | opkg-lede pkg_depends.c |
/// | version | `OpkgVersion("6.6.110~h-r1")`, `OpkgVersion.compare(a, b)` (`<`, `==`) | opkg-lede pkg.c verrevcmp |
/// | tar | `ArchiveReader.read(bytes, context:)` (libarchive; tar/GNU/PAX/ar, gzip filter, SafePath, size limits), `GNUTar.write(members)` (GNU format, never PAX) | GNU tar as used by ipkg-build |
/// | .ipk | `IPK.open(_:)` / `IPK(parsing:path:)` (gzip'd tar, old ar), `.control`, `.controlMembers`, `.dataArchive`, `dataFiles()`, `rewritingControl(_:mtime:)` → new bytes | scripts/ipkg-build |
/// | index | `PackagesIndex.build(directory:)`, `.entry(ipkBytes:filename:)`, `renderManifest()`, `packages(fromManifest:)` (field filter + usign padding), `gzip(_:)`; `IndexJSON` (v1 and v2 forms) | ipkg-make-index.sh, package/Makefile, make-index-json.py |
/// | usign | `Usign.PublicKey/SecretKey/Signature` `load`, `init(parsing:)`, `render()`, `SecretKey.generate`, `sign`, `PublicKey.verify`, `fingerprintName` (usign's `%PRIx64`, no leading zeros = /etc/opkg/keys file name); `Ed25519` over OpenSSL EVP | usign main.c, signify |
/// | feed | `Feed.open(dir)` (stanzas, ipk files), `check(stanza)`, `requireIntact(name)`, `Feed.verify(dir, keys: .key(pub) / .directory(dir) / .keys([pub]))` → `VerifyReport` (signature, Packages.gz == Packages, every Size/SHA256sum) | opkg_download.c / opkg_install.c |
/// | write | `FeedIndexWriter.write(dir, key:)`; `FeedRewriter.rewrite(input:output:edits:key:mtime:)` (integrity check first, temp folder, atomic swap) | package/Makefile `index` |
///
/// ## Byte-exactness decisions
///
/// - `data.tar.gz` is always copied as stored; it is never decompressed on a rewrite.
/// - control.tar.gz and the outer tar are written by `GNUTar` with each member's original
///   mode, uid/gid, owner names (old feeds have `root/root`, new ones `--numeric-owner`
///   empty names) and mtime; GNU tar's own output for the same files is identical
///   (`IPKTests.testGNUTarHeaderMatchesGNUTar`).
/// - gzip: zlib (`Deflate.deflate`, `gzip -n` header `1f8b 0800 00000000 00 03`). Measured on
///   the 791 real ipks in ../shared/realdata: zlib level 6 equals GNU `gzip -n` for every
///   control.tar.gz and for 623 of 791 outer files; the others (all with an uncompressed outer tar of
///   20 KiB or more) differ from the first deflate block on, because GNU gzip's deflate
///   implementation makes different block/match choices than zlib's.
///   So `rewritingControl` keeps the original compressed control.tar.gz when `./control` is
///   unchanged, and returns the input bytes when the rebuilt outer tar is byte-identical to
///   the input's. The fixture feed reproduces byte for byte even without that reuse
///   (`IPKTests.testFixtureRewriteReproducesInputByteForByte`, `reuseCompressed: false`).
/// - Packages.gz: an existing Packages.gz that already decompresses to the new Packages is
///   kept; otherwise zlib level 9 writes it (content identical, bytes may differ from GNU
///   `gzip -9n`, which matters to nobody: opkg checks the signature of the uncompressed
///   Packages).
/// - Packages.sig: Ed25519 is deterministic, so our signature bytes equal signify-openbsd's
///   for the same key and message; only the comment line differs (`signed by key <fp>`, as usign writes).
public enum FeedRewriteModule {}
