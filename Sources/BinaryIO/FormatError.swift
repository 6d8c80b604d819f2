/// The one error type of imagetool's libraries: what kind of problem, where in which file,
/// and what was being read when it happened. The CLI renders it once as
/// `imagetool: <file>: <context>: <message>`.
public struct FormatError: Error, Sendable, CustomStringConvertible, Equatable {
    /// Broad classes of failure; the CLI maps them to exit codes.
    public enum Kind: String, Sendable, Codable {
        /// Input ended before a structure did.
        case truncated
        /// A seek, offset or reference points outside its allowed range.
        case outOfBounds
        /// A size computed from input fields overflows.
        case overflow
        /// A field holds a value the format does not allow.
        case invalid
        /// A valid but unsupported variant (e.g. squashfs v3).
        case unsupported
        /// A checksum, digest or signature does not verify.
        case checksum
        /// A declared size or count exceeds what imagetool accepts.
        case tooLarge
        /// A path would escape the output folder or is otherwise unsafe.
        case unsafePath
        /// An operating-system call failed.
        case io
        /// The operation was refused because it is unsafe (exit code 3).
        case refused
        /// Wrong use of an API or command (exit code 2).
        case usage
    }

    public var kind: Kind
    /// Absolute byte offset in the file where the problem was found, if known.
    public var offset: UInt64?
    /// What was being read or done, e.g. "read inode table".
    public var context: String
    /// What was wrong.
    public var message: String
    /// The file concerned, if known.
    public var file: String?

    public init(_ kind: Kind, offset: UInt64? = nil, context: String, _ message: String, file: String? = nil) {
        self.kind = kind
        self.offset = offset
        self.context = context
        self.message = message
        self.file = file
    }

    /// The same error, attributed to `file` unless a file is already named.
    public func inFile(_ path: String) -> FormatError {
        var e = self
        if e.file == nil { e.file = path }
        return e
    }

    /// The same error with `outer` prefixed to its context ("open image: read superblock").
    public func within(_ outer: String) -> FormatError {
        var e = self
        e.context = e.context.isEmpty ? outer : "\(outer): \(e.context)"
        return e
    }

    /// `file: context: offset 0x..: message` — one line, no trailing newline.
    public var description: String {
        (file.map { $0 + ": " } ?? "") + located
    }

    /// `context: offset 0x..: message`, without the file (for a line that names it already).
    public var located: String {
        var parts: [String] = []
        if !context.isEmpty { parts.append(context) }
        if let offset {
            parts.append("offset 0x\(String(offset, radix: 16)): \(message)")
        } else {
            parts.append(message)
        }
        return parts.joined(separator: ": ").replacingNewlines()
    }
}

extension String {
    func replacingNewlines() -> String {
        String(self.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}

/// Runs `body`, attributing any `FormatError` it throws to `file` and wrapping other errors.
public func withFile<T>(_ file: String, _ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as FormatError { throw e.inFile(file) }
}
