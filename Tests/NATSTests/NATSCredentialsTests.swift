import Foundation
import Testing

@testable import NATS

@Suite struct NATSCredentialsTests {
    static let jwt =
        "eyJ0eXAiOiJqd3QiLCJhbGciOiJlZDI1NTE5LW5rZXkifQ.eyJzdWIiOiJVREU2V1RHTFRUUENSSlJKQ0tCSlJHVk5aVExJVlI3TEVFRUxSNENZV1dXQktKUzdYWUlLWERVVSJ9.c2ln"

    static let decorated = """
        -----BEGIN NATS USER JWT-----
        \(jwt)
        ------END NATS USER JWT------

        ************************* IMPORTANT *************************
        NKEY Seed printed below can be used to sign and prove identity.

        -----BEGIN USER NKEY SEED-----
        \(NKeyPairTests.knownSeed)
        ------END USER NKEY SEED------

        *************************************************************
        """

    @Test(arguments: ["\n", "\r\n"])
    func parsesDecoratedCredentials(lineEnding: String) throws {
        let text = Self.decorated.replacingOccurrences(of: "\n", with: lineEnding)
        let credentials = try NATSCredentials(parsing: text)
        #expect(credentials.jwt == Self.jwt)
        #expect(credentials.seed == NKeyPairTests.knownSeed)
    }

    @Test(arguments: [
        ("nothing here", "invalid NATS credentials: no decorated user JWT block found"),
        (
            "-----BEGIN NATS USER JWT-----\nabc.def.ghi\n------END NATS USER JWT------\n",
            "invalid NATS credentials: no decorated nkey seed block found"
        ),
        (
            "-----BEGIN NATS USER JWT-----\nabc\n------END NATS USER JWT------\n",
            "invalid NATS credentials: user JWT is not three dot-separated parts (abc…)"
        ),
        (
            "---BEGIN---\na.b.c\n---END---\n---BEGIN---\nSAAOTBNEUHZDFJT3\n---END---\n",
            "invalid NATS credentials: the nkey seed is not a user seed (SA…)"
        ),
        (
            "---BEGIN---\na.b.c\n---END---\n---BEGIN---\nSUAOTBNE\n---END---\n",
            "invalid nkey: seed has 5 bytes, expected 36"
        ),
    ])
    func rejectsBrokenCredentials(text: String, message: String) {
        #expect {
            _ = try NATSCredentials(parsing: text)
        } throws: { error in
            (error as? NATSError)?.description == message
        }
    }

    @Test func fileErrorsNameTheFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nats-\(UUID().uuidString).creds").path
        #expect(throws: NATSError.invalidCredentials("\(path): cannot read the credentials file")) {
            _ = try NATSCredentials(contentsOfFile: path)
        }
        try "garbage".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: NATSError.invalidCredentials("\(path): no decorated user JWT block found")) {
            _ = try NATSCredentials(contentsOfFile: path)
        }
    }
}
