import Testing

@testable import NATS

@Suite struct NKeyPairTests {
    /// The user seed and public key of the nkeys repository's decorated-credentials test.
    static let knownSeed = "SUAOTBNEUHZDFJT3EUMELT7MQTP24JF3XVCXQNDSCU74G5IU6VAJBKH5LI"
    static let knownPublicKey = "UDE6WTGLTTPCRJRJCKBJRGVNZTLIVR7LEEELR4CYWWWBKJS7XYIKXDUU"
    /// Ed25519 signature of "Hello World" with that seed, computed independently (Python
    /// `cryptography`), base64url without padding.
    static let knownSignature = "CL9-_QWLWv7goZ04-5U3iFqeNfmPFwWwWX07MoNFHWdKFjP0QulkWuK1yH9ISb_b8oNlT09sypsx12d1DEgpDA"

    @Test func seedGivesThePublishedPublicKey() throws {
        let pair = try NKeyPair(seed: Self.knownSeed)
        #expect(pair.kind == .user)
        #expect(pair.publicKey == Self.knownPublicKey)
        #expect(pair.seed == Self.knownSeed)
    }

    @Test func signatureMatchesAnIndependentImplementation() throws {
        let pair = try NKeyPair(seed: Self.knownSeed)
        let message = Array("Hello World".utf8)
        let signature = pair.sign(message)
        #expect(signature.count == 64)
        #expect(NKeyPair.verify(signature: signature, of: message, publicKey: Self.knownPublicKey))
        #expect(!NKeyPair.verify(signature: signature, of: Array("Hello World!".utf8), publicKey: Self.knownPublicKey))
        #if !canImport(Darwin)
        #expect(ConnectionCore.base64URL(signature) == Self.knownSignature)
        #endif
    }

    @Test(arguments: NKeyPair.Kind.allCases)
    func generatedKeysRoundTripThroughTheirSeed(kind: NKeyPair.Kind) throws {
        let pair = NKeyPair.generate(kind: kind)
        let again = try NKeyPair(seed: pair.seed)
        #expect(again.kind == kind)
        #expect(again.publicKey == pair.publicKey)
        let expectedPrefix: Character =
            switch kind {
            case .operator: "O"
            case .server: "N"
            case .cluster: "C"
            case .account: "A"
            case .user: "U"
            }
        #expect(pair.publicKey.first == expectedPrefix)
        #expect(pair.seed.hasPrefix("S\(expectedPrefix)"))
    }

    @Test(arguments: [
        ("not base32!", "invalid nkey: seed is not base32"),
        ("SUAOTBNE", "invalid nkey: seed has 5 bytes, expected 36"),
        ("SUAOTBNEUHZDFJT3EUMELT7MQTP24JF3XVCXQNDSCU74G5IU6VAJBKH5LA", "invalid nkey: seed checksum does not match"),
        ("UDE6WTGLTTPCRJRJCKBJRGVNZTLIVR7LEEELR4CYWWWBKJS7XYIKXDUU", "invalid nkey: seed has 35 bytes, expected 36"),
    ])
    func rejectsBadSeeds(seed: String, message: String) {
        #expect {
            _ = try NKeyPair(seed: seed)
        } throws: { error in
            (error as? NATSError)?.description == message
        }
    }

    @Test func base32RoundTripsEveryLength() {
        for length in 0..<40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            #expect(Base32.decode(Base32.encode(bytes)) == bytes)
        }
        #expect(Base32.encode(Array("foobar".utf8)) == "MZXW6YTBOI")
    }

    @Test func crc16IsXmodem() {
        #expect(CRC16.checksum(Array("123456789".utf8)) == 0x31C3)
    }
}
