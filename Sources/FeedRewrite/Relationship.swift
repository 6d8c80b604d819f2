import BinaryIO

/// A relationship field (Depends, Conflicts, Provides, Replaces, Recommends...) as opkg
/// reads it (openwrt/opkg-lede libopkg/pkg_depends.c parseDepends / str_to_constraint):
/// comma-separated groups, `|` between alternatives, each term `name` or
/// `name (op version)`; ops `=`, `<<`, `<=`, `>=`, `>>` and the deprecated bare `<`
/// (meaning `<=`) and `>` (meaning `>=`). Spacing variants such as `kernel(=1)`,
/// `kernel (= 1)` and `kernel ( >= 1 )` parse.
///
/// Every term remembers its byte range in the field text, so one term can be replaced
/// without reformatting the others.
public struct Relationship: Sendable, Equatable {
    /// A version constraint operator.
    public enum Op: String, Sendable, Codable, CaseIterable {
        case equal = "=", earlier = "<<", earlierEqual = "<=", laterEqual = ">=", later = ">>"
        /// Deprecated `<`, which opkg treats as `<=`.
        case legacyEarlier = "<"
        /// Deprecated `>`, which opkg treats as `>=`.
        case legacyLater = ">"

        /// Whether a comparison result (`OpkgVersion.compare(candidate, constraint)`) satisfies this op.
        public func accepts(_ comparison: Int) -> Bool {
            switch self {
            case .equal: return comparison == 0
            case .earlier: return comparison < 0
            case .earlierEqual, .legacyEarlier: return comparison <= 0
            case .laterEqual, .legacyLater: return comparison >= 0
            case .later: return comparison > 0
            }
        }
    }

    /// One term `name (op version)`.
    public struct Term: Sendable, Equatable {
        /// Package name.
        public var name: String
        /// Operator, nil for an unversioned term.
        public var op: Op?
        /// Version text, nil for an unversioned term.
        public var version: String?
        /// Index of the comma-separated group.
        public var group: Int
        /// Index of the alternative inside its group.
        public var alternative: Int
        /// UTF-8 byte range of the term (name through `)`), excluding surrounding blanks.
        public var range: Range<Int>

        /// Creates a term (range and position are filled in when parsed).
        public init(name: String, op: Op? = nil, version: String? = nil) {
            self.name = name; self.op = op; self.version = version
            group = 0; alternative = 0; range = 0 ..< 0
        }

        /// Canonical text as OpenWrt writes it: `name` or `name (=version)`.
        public func render() -> String {
            guard let op, let version else { return name }
            return "\(name) (\(op.rawValue)\(version))"
        }

        /// Whether `candidate` (name and version) satisfies this term.
        public func isSatisfied(by candidateName: String, version candidate: String) -> Bool {
            guard candidateName == name else { return false }
            guard let op, let version else { return true }
            return op.accepts(OpkgVersion.compare(OpkgVersion(candidate), OpkgVersion(version)))
        }
    }

    /// The field text as given (without the field name).
    public let text: String
    /// Terms in order, each with its group / alternative index.
    public let terms: [Term]

    /// Terms grouped by comma-separated group.
    public var groups: [[Term]] {
        var out: [[Term]] = []
        for t in terms {
            while out.count <= t.group { out.append([]) }
            out[t.group].append(t)
        }
        return out
    }

    /// Parses a field value.
    public init(parsing text: String, context: String = "parse relationship") throws {
        self.text = text
        let b = Array(text.utf8)
        var terms: [Term] = []
        var i = 0, group = 0, alt = 0
        func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0a || c == 0x0d }
        func skipBlanks() { while i < b.count, isBlank(b[i]) { i += 1 } }
        func fail(_ m: String) -> FormatError { FormatError(.invalid, offset: UInt64(i), context: context, "\(m) in \(text.debugDescription)") }
        skipBlanks()
        if i == b.count { self.terms = []; return }
        while true {
            skipBlanks()
            let start = i
            while i < b.count, !isBlank(b[i]), b[i] != 0x28, b[i] != 0x2c, b[i] != 0x7c, b[i] != 0x29 { i += 1 }
            guard i > start else { throw fail("missing package name") }
            var term = Term(name: String(decoding: b[start ..< i], as: UTF8.self))
            var end = i
            skipBlanks()
            if i < b.count, b[i] == 0x28 {  // (
                i += 1
                skipBlanks()
                var opText = ""
                for cand in ["<<", "<=", ">=", ">>", "=", "<", ">"] {
                    let u = Array(cand.utf8)
                    if i + u.count <= b.count, Array(b[i ..< i + u.count]) == u { opText = cand; i += u.count; break }
                }
                guard let op = Op(rawValue: opText) else { throw fail("missing version operator") }
                skipBlanks()
                let vs = i
                while i < b.count, !isBlank(b[i]), b[i] != 0x29 { i += 1 }
                guard i > vs else { throw fail("missing version") }
                let version = String(decoding: b[vs ..< i], as: UTF8.self)
                skipBlanks()
                guard i < b.count, b[i] == 0x29 else { throw fail("missing )") }
                i += 1
                end = i
                term.op = op
                term.version = version
                skipBlanks()
            }
            term.group = group
            term.alternative = alt
            term.range = start ..< end
            terms.append(term)
            if i == b.count { break }
            if b[i] == 0x2c { group += 1; alt = 0 } else if b[i] == 0x7c { alt += 1 } else { throw fail("unexpected character") }
            i += 1
        }
        self.terms = terms
    }

    /// The field text with the byte range of `term` replaced by `replacement`; every other
    /// byte (spacing, other terms) is kept.
    public func replacing(_ term: Term, with replacement: String) -> String {
        var b = Array(text.utf8)
        b.replaceSubrange(term.range, with: Array(replacement.utf8))
        return String(decoding: b, as: UTF8.self)
    }

    /// The field text with every term matching `predicate` replaced by `transform(term)`.
    public func replacingTerms(where predicate: (Term) -> Bool, with transform: (Term) -> String) -> String {
        var b = Array(text.utf8)
        for t in terms.reversed() where predicate(t) {
            b.replaceSubrange(t.range, with: Array(transform(t).utf8))
        }
        return String(decoding: b, as: UTF8.self)
    }
}
