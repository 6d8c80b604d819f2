import ArgumentParser
import BinaryIO
import FeedRewrite
import PackageManagers
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

    /// The family the --ecdsa flag selects.
    var manager: PackageManager { ecdsa ? .apk : .opkg }

    func run() throws {
        try CLI.run(global) { out in
            let k = try manager.family.generateKeyPair(secret: secret, public: `public`, comment: comment, force: force)
            guard let name = k.fingerprintName else { return try ApkKeygen.render(k, out: out) }
            struct R: Encodable { var fingerprint: String; var fingerprintName: String; var secret: String; var `public`: String }
            if global.json {
                try out.json(R(fingerprint: k.keyID, fingerprintName: name, secret: k.secret, public: k.public))
            } else {
                out.line("fingerprint \(name)")
                out.line("secret key  \(k.secret)")
                out.line("public key  \(k.public)  (install as \(OpkgFamily.trustedKeysDirectory)/\(name))")
            }
        }
    }
}
