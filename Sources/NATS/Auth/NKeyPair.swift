internal import Crypto

/// An Ed25519 key pair in the NATS nkey encoding: the identity of a user, account, operator,
/// server or cluster.
///
/// A seed is text such as `SUAM…`: base32 (RFC 4648, no padding) of two prefix bytes (the seed
/// marker `S` and the key's kind), the 32-byte Ed25519 seed and a CRC-16/XMODEM checksum in little
/// endian. The public key (`U…` for users, `A…` accounts, `O…` operators) is the kind byte, the
/// 32-byte Ed25519 public key and the checksum, base32 again.
///
/// The client signs the server's connect nonce with a user key; ``NATSCredentials`` carries one
/// together with its JWT.
public struct NKeyPair: Sendable {
    /// What an nkey identifies; the raw value is the prefix byte of its encoding.
    public enum Kind: UInt8, Sendable, CaseIterable {
        /// `O…` public keys, `SO…` seeds.
        case `operator` = 112
        /// `N…` public keys.
        case server = 104
        /// `C…` public keys.
        case cluster = 16
        /// `A…` public keys, `SA…` seeds.
        case account = 0
        /// `U…` public keys, `SU…` seeds.
        case user = 160
    }

    private static let seedPrefix: UInt8 = 18 << 3

    /// The kind this key pair identifies.
    public let kind: Kind
    private let rawSeed: [UInt8]
    private let privateKey: Curve25519.Signing.PrivateKey

    /// Decodes an nkey seed (`SU…`, `SA…`, `SO…`, …).
    ///
    /// - Throws: ``NATSError/invalidNKey(_:)`` when the text is not base32, the checksum does not
    ///   match, the prefix is not a seed prefix or the key length is wrong.
    public init(seed: String) throws {
        let text = seed.trimmingASCIIWhitespace()
        guard let raw = Base32.decode(text) else {
            throw NATSError.invalidNKey("seed is not base32")
        }
        guard raw.count == 36 else {
            throw NATSError.invalidNKey("seed has \(raw.count) bytes, expected 36")
        }
        let body = raw[0..<34]
        let stored = UInt16(raw[34]) | UInt16(raw[35]) << 8
        guard CRC16.checksum(body) == stored else {
            throw NATSError.invalidNKey("seed checksum does not match")
        }
        guard raw[0] & 0xF8 == Self.seedPrefix else {
            throw NATSError.invalidNKey("not a seed (prefix \(text.prefix(1)))")
        }
        let kindByte = (raw[0] & 7) << 5 | (raw[1] & 0xF8) >> 3
        guard let kind = Kind(rawValue: kindByte) else {
            throw NATSError.invalidNKey("unknown key kind in seed (prefix \(text.prefix(2)))")
        }
        try self.init(kind: kind, rawSeed: Array(raw[2..<34]))
    }

    /// Makes a key pair from a raw 32-byte Ed25519 seed.
    ///
    /// - Throws: ``NATSError/invalidNKey(_:)`` when the seed is not 32 bytes.
    public init(kind: Kind, rawSeed: [UInt8]) throws {
        guard rawSeed.count == 32 else {
            throw NATSError.invalidNKey("raw seed has \(rawSeed.count) bytes, expected 32")
        }
        do {
            privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: rawSeed)
        } catch {
            throw NATSError.invalidNKey("Ed25519 rejected the seed")
        }
        self.kind = kind
        self.rawSeed = rawSeed
    }

    /// A new random key pair of the given kind.
    public static func generate(kind: Kind) -> NKeyPair {
        let key = Curve25519.Signing.PrivateKey()
        // A fresh key's 32-byte representation is always accepted.
        return try! NKeyPair(kind: kind, rawSeed: Array(key.rawRepresentation))
    }

    /// The seed in its text form (`SU…` for a user).
    public var seed: String {
        let b1 = Self.seedPrefix | kind.rawValue >> 5
        let b2 = (kind.rawValue & 31) << 3
        return Self.encode([b1, b2] + rawSeed)
    }

    /// The public key in its text form (`U…` for a user).
    public var publicKey: String {
        Self.encode([kind.rawValue] + Array(privateKey.publicKey.rawRepresentation))
    }

    /// Signs bytes with the private key (64-byte Ed25519 signature).
    public func sign(_ bytes: [UInt8]) -> [UInt8] {
        // Signing with a valid key and in-memory bytes has no failure path in BoringSSL.
        Array(try! privateKey.signature(for: bytes))
    }

    /// Checks an Ed25519 signature against an encoded public key (`U…`, `A…`, …).
    public static func verify(signature: [UInt8], of bytes: [UInt8], publicKey: String) -> Bool {
        guard let raw = Base32.decode(publicKey), raw.count == 35,
            CRC16.checksum(raw[0..<33]) == UInt16(raw[33]) | UInt16(raw[34]) << 8,
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw[1..<33])
        else { return false }
        return key.isValidSignature(signature, for: bytes)
    }

    private static func encode(_ body: [UInt8]) -> String {
        let crc = CRC16.checksum(body)
        return Base32.encode(body + [UInt8(crc & 0xFF), UInt8(crc >> 8)])
    }
}
