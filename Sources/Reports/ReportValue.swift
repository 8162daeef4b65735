/// One value read from a report database, as SQLite typed it.
public enum ReportValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    /// The value as an integer (REAL truncated), nil for NULL or text.
    public var int: Int64? {
        switch self {
        case .integer(let value): value
        case .real(let value): Int64(exactly: value.rounded(.towardZero))
        case .null, .text: nil
        }
    }

    /// The value as a double, nil for NULL or text.
    public var double: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .real(let value): value
        case .null, .text: nil
        }
    }

    /// The text of a TEXT value, nil otherwise.
    public var string: String? {
        if case .text(let value) = self { value } else { nil }
    }

    /// True for NULL.
    public var isNull: Bool { self == .null }
}
