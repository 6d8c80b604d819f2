/// apk version ordering: `digit{.digit}...{letter}{_suffix{#}}...{~hash}{-r#}`. Tokens are
/// compared in turn: numbers numerically (string order when either has a leading zero),
/// letters by byte, suffixes by rank (alpha < beta < pre < rc < none < cvs < svn < git < hg
/// < p), commit hashes as strings; when one version runs out first it is older unless the
/// other continues with a pre-release suffix [alpinelinux/apk-tools: src/version.c
/// apk_version_compare_fuzzy, token_next, token_cmp; src/apk_version.h].
public enum ApkVersion {
    enum Token: Int, Comparable {
        case initialDigit = 0, digit, letter, suffix, suffixNumber, commitHash, revision, end, invalid
        static func < (a: Token, b: Token) -> Bool { a.rawValue < b.rawValue }
    }

    /// Suffix ranks; `none` (5) is the pivot between pre- and post-release suffixes.
    static let suffixRank: [String: Int] = ["alpha": 1, "beta": 2, "pre": 3, "rc": 4, "cvs": 6, "svn": 7, "git": 8, "hg": 9, "p": 10]
    static let noSuffix = 5

    struct State {
        var token = Token.initialDigit
        var text: ArraySlice<UInt8> = []
        var number: UInt64 = 0
        var suffix = 0
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    static func isLower(_ c: UInt8) -> Bool { c >= 97 && c <= 122 }
    static func isHex(_ c: UInt8) -> Bool { isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) }

    /// Reads a run of digits at `i` into `s` (invalid when there is none).
    static func digits(_ u: [UInt8], _ i: inout Int, _ s: inout State) {
        let start = i
        var n: UInt64 = 0
        while i < u.count, isDigit(u[i]) {
            n = n &* 10 &+ UInt64(u[i] - 48)
            i += 1
        }
        s.text = u[start ..< i]
        s.number = n
        if i == start { s.token = .invalid }
    }

    /// Advances `s` to the next token, checking that it may follow the previous one.
    static func next(_ u: [UInt8], _ i: inout Int, _ s: inout State) {
        guard i < u.count else { s.token = .end; return }
        let c = u[i]
        if isLower(c) {
            guard s.token <= .digit else { s.token = .invalid; return }
            s.text = u[i ..< i + 1]
            s.token = .letter
            i += 1
        } else if c == UInt8(ascii: ".") || isDigit(c) {
            if c == UInt8(ascii: ".") {
                guard s.token <= .digit else { s.token = .invalid; return }
                i += 1
            }
            switch s.token {
            case .initialDigit, .digit: s.token = .digit
            case .suffix: s.token = .suffixNumber
            default: s.token = .invalid; return
            }
            digits(u, &i, &s)
        } else if c == UInt8(ascii: "_") {
            guard s.token <= .suffixNumber else { s.token = .invalid; return }
            i += 1
            let start = i
            while i < u.count, isLower(u[i]) { i += 1 }
            s.text = u[start ..< i]
            guard let rank = suffixRank[String(decoding: s.text, as: UTF8.self)] else { s.token = .invalid; return }
            s.suffix = rank
            s.token = .suffix
        } else if c == UInt8(ascii: "~") {
            guard s.token < .commitHash else { s.token = .invalid; return }
            i += 1
            let start = i
            while i < u.count, isHex(u[i]) { i += 1 }
            s.text = u[start ..< i]
            s.token = s.text.isEmpty ? .invalid : .commitHash
        } else if c == UInt8(ascii: "-") {
            guard s.token < .revision, i + 1 < u.count, u[i + 1] == UInt8(ascii: "r") else { s.token = .invalid; return }
            i += 2
            s.token = .revision
            digits(u, &i, &s)
        } else {
            s.token = .invalid
        }
    }

    /// -1, 0 or 1 for two tokens of the same type.
    static func compareToken(_ a: State, _ b: State) -> Int {
        func order<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x > y ? 1 : 0) }
        switch a.token {
        case .digit where a.text.first == 48 || b.text.first == 48:
            return a.text.lexicographicallyPrecedes(b.text) ? -1 : (b.text.lexicographicallyPrecedes(a.text) ? 1 : 0)
        case .initialDigit, .digit, .suffixNumber, .revision: return order(a.number, b.number)
        case .letter: return order(a.text.first ?? 0, b.text.first ?? 0)
        case .suffix: return order(a.suffix, b.suffix)
        default: return a.text.lexicographicallyPrecedes(b.text) ? -1 : (b.text.lexicographicallyPrecedes(a.text) ? 1 : 0)
        }
    }

    /// Compares two versions: -1 when `a` is older, 1 when newer, 0 when equal.
    public static func compare(_ a: String, _ b: String) -> Int {
        let ua = Array(a.utf8), ub = Array(b.utf8)
        var ia = 0, ib = 0
        var sa = State(), sb = State()
        digits(ua, &ia, &sa)
        digits(ub, &ib, &sb)
        while sa.token == sb.token && sa.token < .end {
            let r = compareToken(sa, sb)
            if r != 0 { return r }
            next(ua, &ia, &sa)
            next(ub, &ib, &sb)
        }
        if sa.token == sb.token { return 0 }
        if sa.token == .suffix && sa.suffix < noSuffix { return -1 }
        if sb.token == .suffix && sb.suffix < noSuffix { return 1 }
        return sa.token > sb.token ? -1 : 1
    }

    /// Whether `v` is a valid apk version.
    public static func isValid(_ v: String) -> Bool {
        let u = Array(v.utf8)
        var i = 0
        var s = State()
        digits(u, &i, &s)
        while s.token < .end { next(u, &i, &s) }
        return s.token == .end
    }
}
