/// The headers of a message (`HPUB`/`HMSG`): an ordered list of name/value fields, names
/// case-sensitive and repeatable, plus the optional inline ``NATSStatus`` of the `NATS/1.0` line.
public struct NATSHeaders: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    /// One header line.
    public struct Field: Sendable, Hashable {
        /// The header name, as sent (case preserved).
        public var name: String
        /// The value, without surrounding whitespace.
        public var value: String

        /// A field from its name and value.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The fields in wire order.
    public private(set) var fields: [Field]
    /// The inline status of a control message, nil for ordinary messages.
    public var status: NATSStatus?

    /// Empty headers.
    public init() {
        fields = []
    }

    /// Headers with the given fields in order.
    public init(_ fields: [Field], status: NATSStatus? = nil) {
        self.fields = fields
        self.status = status
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { Field(name: $0.0, value: $0.1) }
    }

    /// True when there is neither a field nor a status.
    public var isEmpty: Bool { fields.isEmpty && status == nil }

    /// The first value for a name (case-sensitive); setting replaces every value of the name.
    public subscript(name: String) -> String? {
        get { fields.first { $0.name == name }?.value }
        set {
            if let newValue {
                if let index = fields.firstIndex(where: { $0.name == name }) {
                    fields[index].value = newValue
                    fields = Array(fields[...index]) + fields[(index + 1)...].filter { $0.name != name }
                } else {
                    fields.append(Field(name: name, value: newValue))
                }
            } else {
                fields.removeAll { $0.name == name }
            }
        }
    }

    /// Every value for a name, in order.
    public func values(for name: String) -> [String] {
        fields.filter { $0.name == name }.map(\.value)
    }

    /// Adds a value without removing earlier ones.
    public mutating func append(_ value: String, for name: String) {
        fields.append(Field(name: name, value: value))
    }

    public func makeIterator() -> IndexingIterator<[Field]> {
        fields.makeIterator()
    }
}
