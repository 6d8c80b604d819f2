import BinaryIO
import CArchive
import Platform

/// Reads tar (ustar, GNU, PAX) and ar archives, optionally gzip-compressed, through
/// libarchive, from memory. Every member name is checked with `SafePath` (no absolute
/// names, no `..`), every declared size is limited before anything is allocated, and a
/// libarchive failure becomes one `FormatError` with the header offset.
public enum ArchiveReader {
    /// Largest member the readers accept (512 MiB; OpenWrt packages are far smaller).
    public static let defaultMemberLimit: Int64 = 512 << 20

    /// All members of `bytes`. With `readData: false` only headers are read (file lists).
    /// `context` names what is read (e.g. "read data.tar.gz").
    public static func read(_ bytes: [UInt8], context: String, readData: Bool = true,
                            memberLimit: Int64 = defaultMemberLimit, maxMembers: Int = 1_000_000) throws -> [TarMember] {
        guard let a = archive_read_new() else { throw FormatError(.io, context: context, "libarchive: out of memory") }
        defer { archive_read_free(a) }
        archive_read_support_filter_gzip(a)
        archive_read_support_format_tar(a)
        archive_read_support_format_gnutar(a)
        archive_read_support_format_ar(a)
        func fail(_ kind: FormatError.Kind, _ what: String) -> FormatError {
            let msg = archive_error_string(a).map { String(cString: $0) } ?? what
            let pos = archive_read_header_position(a)
            return FormatError(kind, offset: pos >= 0 ? UInt64(pos) : nil, context: context, "\(what): \(msg)")
        }
        var members: [TarMember] = []
        return try bytes.withUnsafeBytes { buf -> [TarMember] in
            guard archive_read_open_memory(a, buf.baseAddress, buf.count) == ARCHIVE_OK else {
                throw fail(.invalid, "not a readable archive")
            }
            var entry: OpaquePointer?
            while true {
                let rc = archive_read_next_header(a, &entry)
                if rc == ARCHIVE_EOF { break }
                guard rc == ARCHIVE_OK || rc == ARCHIVE_WARN, let e = entry else {
                    throw fail(.truncated, "bad archive header")
                }
                guard members.count < maxMembers else {
                    throw FormatError(.tooLarge, context: context, "more than \(maxMembers) members")
                }
                let offset = UInt64(max(0, archive_read_header_position(a)))
                let name = archive_entry_pathname(e).map { String(cString: $0) } ?? ""
                do { _ = try SafePath.components(name, context: context) } catch var err as FormatError {
                    err.offset = offset
                    throw err
                }
                let ft = UInt32(archive_entry_filetype(e))
                // ar members written in deterministic mode carry mode "644" without S_IFREG
                let kind: TarMember.Kind = ft == SHIM_AE_IFREG || ft == 0 ? .file : ft == SHIM_AE_IFDIR ? .directory : ft == SHIM_AE_IFLNK ? .symlink : .other
                let size = archive_entry_size_is_set(e) != 0 ? archive_entry_size(e) : 0
                guard size >= 0, size <= memberLimit else {
                    throw FormatError(.tooLarge, offset: offset, context: context,
                                      "member \(name.debugDescription) declares \(size) bytes, limit \(memberLimit)")
                }
                var m = TarMember(name: name, kind: kind, mode: UInt32(archive_entry_perm(e)),
                                  uid: UInt32(truncatingIfNeeded: archive_entry_uid(e)),
                                  gid: UInt32(truncatingIfNeeded: archive_entry_gid(e)),
                                  uname: archive_entry_uname(e).map { String(cString: $0) } ?? "",
                                  gname: archive_entry_gname(e).map { String(cString: $0) } ?? "",
                                  mtime: Int64(archive_entry_mtime(e)),
                                  linkTarget: archive_entry_symlink(e).map { String(cString: $0) } ?? "")
                m.size = size
                m.hardLinkTarget = archive_entry_hardlink(e).map { String(cString: $0) } ?? ""
                if readData && kind == .file && size > 0 {
                    var failure: FormatError? = nil
                    m.data = [UInt8](unsafeUninitializedCapacity: Int(size)) { d, initialized in
                        var got = 0
                        while got < d.count {
                            let n = archive_read_data(a, d.baseAddress! + got, d.count - got)
                            if n <= 0 {
                                failure = n < 0 ? fail(.invalid, "read member \(name.debugDescription)")
                                    : FormatError(.truncated, offset: offset, context: context,
                                                  "member \(name.debugDescription) ends after \(got) of \(size) bytes")
                                break
                            }
                            got += n
                        }
                        initialized = got
                    }
                    if let failure { throw failure }
                } else {
                    if archive_read_data_skip(a) != ARCHIVE_OK { throw fail(.truncated, "skip member \(name.debugDescription)") }
                }
                members.append(m)
            }
            return members
        }
    }
}
