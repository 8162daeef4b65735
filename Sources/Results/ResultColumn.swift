public import Market

/// One column of a result table, as its record type's column list declares it: its name and
/// whether it is stored in the report, hashed into the result digest, or both.
///
/// A string literal is a column stored and hashed at its place (`"trade_id"`). The result digest
/// takes the hashed columns in list order, except a column with `digestAfter`, which it takes
/// right after the named one.
public struct ResultColumn: Sendable, Hashable, ExpressibleByStringLiteral {
    /// Where a column's value goes.
    public enum Use: Sendable, Hashable {
        /// A report column that is also part of the result digest.
        case reportAndDigest
        /// A report column left out of the digest (derived, descriptive or path-dependent).
        case report
        /// A digest field with no report column.
        case digest
    }

    public var name: String
    public var use: Use
    /// The column the digest takes this one right after, when it is not taken at its place.
    public var digestAfter: String?

    @inlinable public init(_ name: String, _ use: Use = .reportAndDigest, digestAfter: String? = nil) {
        self.name = name
        self.use = use
        self.digestAfter = digestAfter
    }

    @inlinable public init(stringLiteral name: String) { self.init(name) }

    /// A report column left out of the digest.
    @inlinable public static func report(_ name: String) -> Self { Self(name, .report) }

    /// A digest field with no report column.
    @inlinable public static func digest(_ name: String) -> Self { Self(name, .digest) }

    /// True when the report stores the column.
    @inlinable public var inReport: Bool { use != .digest }

    /// True when the result digest hashes the column.
    @inlinable public var inDigest: Bool { use != .report }
}

/// The kind of a column's value: its SQL declaration in the report and its text in the digest.
public enum ResultColumnKind: Sendable, Hashable {
    /// `INTEGER`; decimal digits in the digest.
    case integer
    /// `REAL` (NaN and infinities stored as NULL); Swift's `String(Double)` in the digest.
    case real
    /// `TEXT`, as is.
    case text
    /// `TEXT`: ISO-8601 UTC with milliseconds (`2026-02-01T00:00:00.000Z`), which sorts as time
    /// does.
    case time
    /// `INTEGER` 0 or 1; `true` or `false` in the digest.
    case flag
    /// A fixed-point value: `name REAL` for analytics plus `name_e8 INTEGER`, the exact count of
    /// 10⁻⁸ units; the shortest exact decimal in the digest (`12.5`, `-0.00000001`).
    case decimal

    /// The SQL column declarations a column of this kind expands to.
    public func declarations(_ name: String) -> [String] {
        switch self {
        case .integer, .flag: ["\(name) INTEGER"]
        case .real: ["\(name) REAL"]
        case .text, .time: ["\(name) TEXT"]
        case .decimal: ["\(name) REAL", "\(name)_e8 INTEGER"]
        }
    }
}

/// A declared column with its kind (what a table's column list yields when it is only described).
public struct ResultColumnDefinition: Sendable, Hashable {
    public var column: ResultColumn
    public var kind: ResultColumnKind

    public var name: String { column.name }
}

/// What a value accessor sees besides its record: where the row sits and the run's final marks.
public struct RowContext: Sendable {
    /// The row's 1-based position in its table, or in its parent's for a child row
    /// (`funding_shares.funding_seq`).
    public var seq: Int
    /// The last mark price of each symbol, sorted by symbol.
    public var finalMarks: [SymbolPrice]

    public init(seq: Int = 1, finalMarks: [SymbolPrice] = []) {
        self.seq = seq
        self.finalMarks = finalMarks
    }

    /// The final mark of a symbol.
    @inlinable public func mark(_ symbol: Symbol) -> Price? { finalMarks.first { $0.symbol == symbol }?.price }
}
