import ArgumentParser
import BinaryIO
import FeedRewrite
import Platform

/// `imagetool key ...` — usign/signify key files.
struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key", abstract: "Create usign/signify Ed25519 keys (opkg feeds) or ECDSA P-256 keys (apk feeds).",
        subcommands: [KeyGenerate.self])
}

/// `imagetool key generate --secret FILE --public FILE [--comment TEXT]`.
struct KeyGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate an unencrypted usign key pair (like `usign -G` / `signify -G -n`).",
        discussion: "The public key file can be installed on a device as /etc/opkg/keys/<fingerprint>.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Secret key file to create (mode 0600).") var secret: String
    @Option(name: .long, help: "Public key file to create.") var `public`: String
    @Option(name: .long, help: "Comment line text (default: \"imagetool key <fingerprint>\").") var comment: String?
    @Flag(name: .long, help: "Overwrite existing key files.") var force = false
    @Flag(name: .long, help: "Make an ECDSA P-256 PEM key pair for apk v3 feeds (OpenWrt 25.x) instead of usign.") var ecdsa = false

    func run() throws {
        if ecdsa {
            var cmd = try ApkKeygen.parse(["--secret", secret, "--public", `public`] + (force ? ["--force"] : []) + global.arguments)
            try cmd.run()
            return
        }
        try CLI.run(global) { out in
            for p in [secret, `public`] where FS.exists(p) && !force {
                throw FormatError(.refused, context: "generate key", "\(p) exists (use --force to overwrite)", file: p)
            }
            var sk = try Usign.SecretKey.generate(comment: "")
            let base = comment ?? "imagetool key \(Usign.fingerprintName(sk.fingerprint))"
            sk.comment = comment ?? "\(base) secret key"
            let pk = sk.publicKeyFile(comment: comment ?? "\(base) public key")
            // Both or neither: a full disk never leaves a new secret beside an old public key.
            try FS.writeAtomically([(secret, sk.render(), 0o600), (`public`, pk.render(), 0o644)])
            struct R: Encodable { var fingerprint: String; var fingerprintName: String; var secret: String; var `public`: String }
            if global.json {
                try out.json(R(fingerprint: pk.fingerprintHex, fingerprintName: pk.fingerprintName, secret: secret, public: `public`))
            } else {
                out.line("fingerprint \(pk.fingerprintName)")
                out.line("secret key  \(secret)")
                out.line("public key  \(`public`)  (install as /etc/opkg/keys/\(pk.fingerprintName))")
            }
        }
    }
}
