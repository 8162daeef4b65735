import CYaml
import Yams

/// A YAML document reduced to what a scenario needs: scalars (as text, with whether they were
/// quoted), mappings in file order and sequences, each with its line.
public indirect enum YAMLValue: Sendable, Hashable {
    case scalar(String, line: Int, quoted: Bool)
    case mapping([(key: String, keyLine: Int, value: YAMLValue)], line: Int)
    case sequence([YAMLValue], line: Int)
    case null(line: Int)

    public static func == (lhs: YAMLValue, rhs: YAMLValue) -> Bool {
        switch (lhs, rhs) {
        case (.scalar(let a, _, let qa), .scalar(let b, _, let qb)): a == b && qa == qb
        case (.null, .null): true
        case (.sequence(let a, _), .sequence(let b, _)): a == b
        case (.mapping(let a, _), .mapping(let b, _)):
            a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .scalar(let text, _, let quoted):
            hasher.combine(0)
            hasher.combine(text)
            hasher.combine(quoted)
        case .null: hasher.combine(1)
        case .sequence(let items, _):
            hasher.combine(2)
            hasher.combine(items)
        case .mapping(let pairs, _):
            hasher.combine(3)
            for pair in pairs {
                hasher.combine(pair.key)
                hasher.combine(pair.value)
            }
        }
    }

    /// The line the value starts on (1-based; 0 when it came from `--set`).
    public var line: Int {
        switch self {
        case .scalar(_, let line, _), .mapping(_, let line), .sequence(_, let line), .null(let line): line
        }
    }

    /// A short rendering of the value for error messages.
    public var display: String {
        switch self {
        case .scalar(let text, _, _): text
        case .null: "null"
        case .sequence(let items, _): "[" + items.map(\.display).joined(separator: ", ") + "]"
        case .mapping(let pairs, _): "{" + pairs.map { "\($0.key): \($0.value.display)" }.joined(separator: ", ") + "}"
        }
    }

    /// The most values a document may hold once its aliases are expanded (scenarios hold a few
    /// hundred); a billion-laughs document stops here instead of exhausting memory.
    public static let valueLimit = 10_000

    /// The deepest nesting of mappings and sequences a document may have (scenarios and sweeps
    /// nest five levels): a document of a million `[` stops here instead of overflowing the stack
    /// of the recursive composer.
    public static let depthLimit = 64

    /// Parses YAML text.
    /// - Throws: `ScenarioError` naming the line of a syntax error, of the collection that passes
    ///   `depthLimit` levels, or of the value where the document (its aliases expanded) passes
    ///   `valueLimit` values.
    public static func parse(_ text: String, file: String) throws(ScenarioError) -> YAMLValue {
        try checkDepth(text, file: file)
        do {
            guard let node = try Yams.compose(yaml: text) else { return .mapping([], line: 1) }
            var count = 0
            return try convert(node, file: file, count: &count, within: 0, depth: 0)
        } catch let error as ScenarioError {
            throw error
        } catch let error as YamlError {
            throw ScenarioError(
                file: file, line: Self.line(of: error), message: "invalid YAML: \(Self.problem(of: error))")
        } catch {
            throw ScenarioError(file: file, line: 0, message: "invalid YAML: \(error)")
        }
    }

    /// Scans the document's events (libyaml's parser keeps its own stack, it does not recurse)
    /// and throws at the first collection nested deeper than `depthLimit`. Another syntax error
    /// ends the scan: the composer then reports it with its line.
    static func checkDepth(_ text: String, file: String) throws(ScenarioError) {
        var bytes = Array(text.utf8)
        bytes.append(0)
        var tooDeepLine: Int?
        bytes.withUnsafeBufferPointer { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count - 1)
            var depth = 0
            var event = yaml_event_t()
            defer {
                // libyaml's scanner stops a flow collection past its own limit (1000 levels)
                // before the events reach this one: the same error.
                if tooDeepLine == nil, let problem = parser.problem, String(cString: problem).contains("nesting level")
                {
                    tooDeepLine = Int(parser.problem_mark.line) + 1
                }
            }
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    depth += 1
                    if depth > depthLimit {
                        tooDeepLine = Int(event.start_mark.line) + 1
                        return
                    }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    depth -= 1
                case YAML_STREAM_END_EVENT:
                    return
                default:
                    break
                }
            }
        }
        if let line = tooDeepLine {
            throw nestingError(file: file, line: line)
        }
    }

    private static func nestingError(file: String, line: Int) -> ScenarioError {
        ScenarioError(
            file: file, line: line, message: "nested more than \(depthLimit) levels deep",
            value: nestingLimitName)
    }

    /// The value the nesting error carries, naming the limit.
    static let nestingLimitName = "YAML nesting limit"

    private static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: 0
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
        case .reader(let problem, _, _, _): problem
        default: "\(error)"
        }
    }

    /// Converts `node`; `within` is the last line among its enclosing nodes: an alias repeats
    /// nodes from earlier lines, so the limit error names the line where the alias is used.
    /// `depth` counts the collections around `node`: aliases can nest a collection deeper than
    /// it stands in the text, so the limit is checked here too.
    private static func convert(
        _ node: Node, file: String, count: inout Int, within: Int, depth: Int
    ) throws -> YAMLValue {
        let line = node.mark?.line ?? 0
        let place = max(within, line)
        count += 1
        switch node {
        case .sequence, .mapping:
            guard depth < depthLimit else { throw nestingError(file: file, line: place) }
        default:
            break
        }
        guard count <= valueLimit else {
            throw ScenarioError(
                file: file, line: place,
                message: "more than \(valueLimit) values once aliases are expanded",
                value: "YAML alias limit")
        }
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain && (scalar.string == "" || scalar.string == "~" || scalar.string == "null") {
                return .null(line: line)
            }
            return .scalar(scalar.string, line: line, quoted: scalar.style != .plain)
        case .sequence(let sequence):
            var items: [YAMLValue] = []
            for item in sequence {
                items.append(try convert(item, file: file, count: &count, within: place, depth: depth + 1))
            }
            return .sequence(items, line: line)
        case .mapping(let mapping):
            var pairs: [(key: String, keyLine: Int, value: YAMLValue)] = []
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw ScenarioError(
                        file: file, line: key.mark?.line ?? line, message: "mapping keys must be plain text")
                }
                if pairs.contains(where: { $0.key == keyScalar.string }) {
                    throw ScenarioError(
                        file: file, line: key.mark?.line ?? line, message: "duplicate key", value: keyScalar.string)
                }
                pairs.append(
                    (
                        keyScalar.string, key.mark?.line ?? line,
                        try convert(value, file: file, count: &count, within: place, depth: depth + 1)
                    ))
            }
            return .mapping(pairs, line: line)
        case .alias:
            throw ScenarioError(file: file, line: line, message: "YAML aliases are not supported in scenarios")
        }
    }

    /// Sets `value` at a dotted path, creating mappings on the way (for `--set`).
    public func setting(_ path: [String], to value: YAMLValue) -> YAMLValue {
        guard let head = path.first else { return value }
        var pairs: [(key: String, keyLine: Int, value: YAMLValue)] = []
        var line = 0
        if case .mapping(let existing, let l) = self {
            pairs = existing
            line = l
        }
        if let index = pairs.firstIndex(where: { $0.key == head }) {
            pairs[index].value = pairs[index].value.setting(Array(path.dropFirst()), to: value)
        } else {
            pairs.append((head, 0, YAMLValue.null(line: 0).setting(Array(path.dropFirst()), to: value)))
        }
        return .mapping(pairs, line: line)
    }
}
