internal import Foundation

/// A user JWT with the seed of the user nkey it names: the content of a NATS `.creds` file.
///
/// The file holds two decorated blocks, the JWT first and the seed second:
///
/// ```
/// -----BEGIN NATS USER JWT-----
/// eyJ0eXAiOiJKV1QiLCJhbGciOiJlZDI1NTE5LW5rZXkifQ…
/// ------END NATS USER JWT------
///
/// -----BEGIN USER NKEY SEED-----
/// SUAM…
/// ------END USER NKEY SEED------
/// ```
///
/// At connect time the client sends the JWT and signs the server's nonce with the seed.
public struct NATSCredentials: Sendable, Equatable {
    /// The user JWT (three base64url parts joined by dots).
    public var jwt: String
    /// The user nkey seed (`SU…`).
    public var seed: String

    /// Credentials from their two parts.
    public init(jwt: String, seed: String) {
        self.jwt = jwt
        self.seed = seed
    }

    /// Parses the text of a `.creds` file.
    ///
    /// - Throws: ``NATSError/invalidCredentials(_:)`` naming what is missing or malformed.
    public init(parsing text: String) throws {
        let blocks = Self.decoratedBlocks(text)
        guard let jwt = blocks.first else {
            throw NATSError.invalidCredentials("no decorated user JWT block found")
        }
        guard jwt.split(separator: ".", omittingEmptySubsequences: false).count == 3 else {
            throw NATSError.invalidCredentials("user JWT is not three dot-separated parts (\(jwt.prefix(16))…)")
        }
        guard blocks.count >= 2 else {
            throw NATSError.invalidCredentials("no decorated nkey seed block found")
        }
        let seed = blocks[1]
        guard seed.hasPrefix("SU") else {
            throw NATSError.invalidCredentials("the nkey seed is not a user seed (\(seed.prefix(2))…)")
        }
        _ = try NKeyPair(seed: seed)
        self.init(jwt: jwt, seed: seed)
    }

    /// Reads and parses a `.creds` file.
    ///
    /// - Throws: ``NATSError/invalidCredentials(_:)`` with the path in front of the reason.
    public init(contentsOfFile path: String) throws {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw NATSError.invalidCredentials("\(path): cannot read the credentials file")
        }
        do {
            try self.init(parsing: text)
        } catch NATSError.invalidCredentials(let reason) {
            throw NATSError.invalidCredentials("\(path): \(reason)")
        } catch NATSError.invalidNKey(let reason) {
            throw NATSError.invalidCredentials("\(path): \(reason)")
        }
    }

    /// The text between each pair of `---…---` marker lines, in file order.
    private static func decoratedBlocks(_ text: String) -> [String] {
        func isMarker(_ line: Substring) -> Bool {
            line.hasPrefix("---") && line.hasSuffix("---")
        }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces)[...] }
        var blocks: [String] = []
        var index = 0
        while index + 2 < lines.count {
            if isMarker(lines[index]), !lines[index + 1].isEmpty, !isMarker(lines[index + 1]),
                isMarker(lines[index + 2])
            {
                blocks.append(String(lines[index + 1]))
                index += 3
            } else {
                index += 1
            }
        }
        return blocks
    }
}
