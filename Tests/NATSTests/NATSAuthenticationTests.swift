import Foundation
import NATS
import TestSupport
import Testing

/// Credentials and TLS against a real server configured for each method.
@Suite(.enabled(if: NATSTestServer.isAvailable, "nats-server not found (install the Debian package nats-server)"))
struct NATSAuthenticationTests {
    private func connect(_ url: String, _ configure: (inout NATSOptions) -> Void) async throws -> NATSClient {
        var options = NATSTestSupport.options(url)
        configure(&options)
        return try await NATSClient.connect(options)
    }

    /// Connects, publishes and receives one message: the credentials work end to end.
    private func expectWorking(_ client: NATSClient) async throws {
        let subscription = try await client.subscribe(to: "auth.check")
        try await client.publish("ok", to: "auth.check")
        let message = try await subscription.next(timeout: .seconds(5))
        #expect(message?.payloadString == "ok")
        await client.close()
    }

    private func expectRefused(
        _ server: NATSTestServer, _ configure: (inout NATSOptions) -> Void, url: String? = nil
    ) async {
        await #expect(
            throws: NATSError.authorizationViolation(
                server: "127.0.0.1:\(server.port)", message: "Authorization Violation")
        ) {
            _ = try await connect(url ?? server.url, configure)
        }
    }

    @Test func userAndPassword() async throws {
        let config = try NATSTestSupport.configFile("authorization { user: alice, password: \"s3cret\" }\n")
        try await NATSTestSupport.withServer(["-c", config]) { server in
            try await expectWorking(
                try await connect(server.url) { $0.authentication = .userPassword(user: "alice", password: "s3cret") })
            try await expectWorking(try await connect("nats://alice:s3cret@127.0.0.1:\(server.port)") { _ in })
            await expectRefused(server) { $0.authentication = .userPassword(user: "alice", password: "wrong") }
            await expectRefused(server) { _ in }
        }
        #expect(
            NATSError.authorizationViolation(server: "127.0.0.1:4222", message: "Authorization Violation").description
                == "NATS server 127.0.0.1:4222 refused the credentials (Authorization Violation)")
    }

    @Test func token() async throws {
        let config = try NATSTestSupport.configFile("authorization { token: \"t0ken\" }\n")
        try await NATSTestSupport.withServer(["-c", config]) { server in
            try await expectWorking(try await connect(server.url) { $0.authentication = .token("t0ken") })
            try await expectWorking(try await connect("nats://t0ken@127.0.0.1:\(server.port)") { _ in })
            await expectRefused(server) { $0.authentication = .token("nope") }
        }
    }

    @Test func nkeySignsTheNonce() async throws {
        let user = NKeyPair.generate(kind: .user)
        let other = NKeyPair.generate(kind: .user)
        let config = try NATSTestSupport.configFile("authorization { users = [ { nkey: \(user.publicKey) } ] }\n")
        try await NATSTestSupport.withServer(["-c", config]) { server in
            try await expectWorking(try await connect(server.url) { $0.authentication = .nkey(seed: user.seed) })
            await expectRefused(server) { $0.authentication = .nkey(seed: other.seed) }
        }
    }

    @Test func jwtCredentialsFileInOperatorMode() async throws {
        let operatorKey = NKeyPair.generate(kind: .operator)
        let accountKey = NKeyPair.generate(kind: .account)
        let userKey = NKeyPair.generate(kind: .user)
        let strangerAccount = NKeyPair.generate(kind: .account)
        let operatorJWT = JWTFactory.operatorJWT(operatorKey)
        let accountJWT = JWTFactory.accountJWT(accountKey, signedBy: operatorKey)
        let config = try NATSTestSupport.configFile(
            """
            operator: \(operatorJWT)
            resolver: MEMORY
            resolver_preload: {
              \(accountKey.publicKey): \(accountJWT)
            }
            """)
        let directory = try NATSTestSupport.temporaryDirectory()
        let goodCreds = directory.appendingPathComponent("user.creds").path
        try JWTFactory.credsFile(jwt: JWTFactory.userJWT(userKey, signedBy: accountKey), seed: userKey.seed)
            .write(toFile: goodCreds, atomically: true, encoding: .utf8)
        let badCreds = directory.appendingPathComponent("stranger.creds").path
        try JWTFactory.credsFile(jwt: JWTFactory.userJWT(userKey, signedBy: strangerAccount), seed: userKey.seed)
            .write(toFile: badCreds, atomically: true, encoding: .utf8)
        try await NATSTestSupport.withServer(["-c", config]) { server in
            try await expectWorking(
                try await connect(server.url) { $0.authentication = .credentialsFile(path: goodCreds) })
            let parsed = try NATSCredentials(contentsOfFile: goodCreds)
            try await expectWorking(try await connect(server.url) { $0.authentication = .credentials(parsed) })
            await expectRefused(server) { $0.authentication = .credentialsFile(path: badCreds) }
            let missing = directory.appendingPathComponent("missing.creds").path
            await #expect(throws: NATSError.invalidCredentials("\(missing): cannot read the credentials file")) {
                _ = try await connect(server.url) { $0.authentication = .credentialsFile(path: missing) }
            }
        }
    }

    private func tlsConfig(verifyClients: Bool = false) throws -> String {
        let cert = try NATSTestSupport.fixture("server.pem")
        let key = try NATSTestSupport.fixture("server-key.pem")
        let ca = try NATSTestSupport.fixture("ca.pem")
        return try NATSTestSupport.configFile(
            """
            tls {
              cert_file: "\(cert)"
              key_file: "\(key)"
              ca_file: "\(ca)"
              verify: \(verifyClients)
              timeout: 2
            }
            """)
    }

    @Test func tlsRequiredByTheServerVerifiedAgainstTheCA() async throws {
        let ca = try NATSTestSupport.fixture("ca.pem")
        let otherCA = try NATSTestSupport.fixture("other-ca.pem")
        try await NATSTestSupport.withServer(["-c", try tlsConfig()]) { server in
            try await expectWorking(
                try await connect(server.url) { $0.tls = NATSTLSOptions(caFile: ca, required: false) })
            try await expectWorking(
                try await connect("tls://localhost:\(server.port)") { $0.tls = NATSTLSOptions(caFile: ca) })
            try await expectWorking(
                try await connect(server.url) {
                    $0.tls = NATSTLSOptions(caFile: ca, serverName: "localhost")
                })
            await #expect {
                _ = try await connect(server.url) { $0.tls = NATSTLSOptions(caFile: otherCA) }
            } throws: { error in
                guard case .tlsFailure(let reason) = error as? NATSError else { return false }
                return reason.contains("CERTIFICATE_VERIFY_FAILED") || reason.contains("certificate")
            }
        }
    }

    @Test func mutualTLSWithAClientCertificate() async throws {
        let ca = try NATSTestSupport.fixture("ca.pem")
        let cert = try NATSTestSupport.fixture("client.pem")
        let key = try NATSTestSupport.fixture("client-key.pem")
        try await NATSTestSupport.withServer(["-c", try tlsConfig(verifyClients: true)]) { server in
            try await expectWorking(
                try await connect(server.url) {
                    $0.tls = NATSTLSOptions(caFile: ca, certificateFile: cert, keyFile: key)
                })
            await #expect(throws: NATSError.self) {
                _ = try await connect(server.url) { $0.tls = NATSTLSOptions(caFile: ca) }
            }
        }
    }

    @Test func tlsURLAgainstAPlainServerIsAMismatch() async throws {
        try await NATSTestSupport.withServer { server in
            await #expect(
                throws: NATSError.tlsMismatch(
                    server: "127.0.0.1:\(server.port)", reason: "the server does not offer TLS")
            ) {
                _ = try await connect("tls://127.0.0.1:\(server.port)") { _ in }
            }
        }
    }
}

/// Builds operator, account and user JWTs (NATS JWT v2, `ed25519-nkey`) signed with nkeys.
enum JWTFactory {
    private static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    private static func encode(claims: [String: Any], signer: NKeyPair) -> String {
        let header = base64URL(Array(#"{"typ":"JWT","alg":"ed25519-nkey"}"#.utf8))
        let body = try! JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys])
        let signingInput = header + "." + base64URL(Array(body))
        return signingInput + "." + base64URL(signer.sign(Array(signingInput.utf8)))
    }

    private static func claims(subject: NKeyPair, issuer: NKeyPair, name: String, nats: [String: Any]) -> [String: Any]
    {
        [
            "jti": UUID().uuidString, "iat": 1_700_000_000, "iss": issuer.publicKey, "sub": subject.publicKey,
            "name": name, "nats": nats,
        ]
    }

    static func operatorJWT(_ key: NKeyPair) -> String {
        encode(
            claims: claims(subject: key, issuer: key, name: "test-operator", nats: ["type": "operator", "version": 2]),
            signer: key)
    }

    static func accountJWT(_ key: NKeyPair, signedBy issuer: NKeyPair) -> String {
        let limits: [String: Any] = [
            "subs": -1, "data": -1, "payload": -1, "imports": -1, "exports": -1, "wildcards": true, "conn": -1,
            "leaf": -1,
        ]
        let nats: [String: Any] = ["limits": limits, "type": "account", "version": 2]
        return encode(claims: claims(subject: key, issuer: issuer, name: "test-account", nats: nats), signer: issuer)
    }

    static func userJWT(_ key: NKeyPair, signedBy issuer: NKeyPair) -> String {
        let nats: [String: Any] = [
            "pub": [:], "sub": [:], "subs": -1, "data": -1, "payload": -1, "type": "user", "version": 2,
        ]
        return encode(claims: claims(subject: key, issuer: issuer, name: "test-user", nats: nats), signer: issuer)
    }

    static func credsFile(jwt: String, seed: String) -> String {
        """
        -----BEGIN NATS USER JWT-----
        \(jwt)
        ------END NATS USER JWT------

        ************************* IMPORTANT *************************
        NKEY Seed printed below can be used to sign and prove identity.
        NKEYs are sensitive and should be treated as secrets.

        -----BEGIN USER NKEY SEED-----
        \(seed)
        ------END USER NKEY SEED------

        *************************************************************

        """
    }
}
