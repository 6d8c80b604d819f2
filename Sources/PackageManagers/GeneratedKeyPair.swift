/// A signing key pair written by `PackageFamily.generateKeyPair`.
public struct GeneratedKeyPair: Sendable {
    /// The family the key signs for.
    public var manager: PackageManager
    /// The secret key file.
    public var secret: String
    /// The public key file.
    public var `public`: String
    /// The key's identity in hex: the usign fingerprint, or apk's key id.
    public var keyID: String
    /// usign only: the fingerprint as the file name under /etc/opkg/keys.
    public var fingerprintName: String?
}
