/// A problem with a scenario file or a `--set` override. Its description is
/// `file:line: message (value)`; `line` is 0 for problems without one (a `--set`).
public struct ScenarioError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem, for the command's exit code.
    public enum Kind: Sendable, Hashable {
        /// The scenario (or a value in it) is wrong: exit 65.
        case invalid
        /// A file the scenario names does not exist: exit 66.
        case missingFile
        /// A `--set` argument is malformed: exit 64.
        case usage
    }

    public var kind: Kind
    public var file: String
    public var line: Int
    public var message: String
    public var value: String?

    public init(_ kind: Kind = .invalid, file: String, line: Int, message: String, value: String? = nil) {
        self.kind = kind
        self.file = file
        self.line = line
        self.message = message
        self.value = value
    }

    public var description: String {
        let location = line > 0 ? "\(file):\(line)" : file
        return value.map { "\(location): \(message) (\($0))" } ?? "\(location): \(message)"
    }
}
