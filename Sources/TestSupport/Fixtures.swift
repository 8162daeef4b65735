public import Market

/// Shared builders for tests: real-data paths and small value constructors.
public enum Fixtures {
    /// The repository root (found from this source file's path).
    public static let repositoryRoot: String = {
        var path = #filePath
        for _ in 0..<3 {
            if let slash = path.lastIndex(of: "/") { path = String(path[..<slash]) }
        }
        return path
    }()

    /// A path under the repository root.
    public static func path(_ relative: String) -> String { repositoryRoot + "/" + relative }

    /// A price from decimal text (traps on bad text: tests only).
    public static func price(_ text: String) -> Price { Price(text)! }
    /// A quantity from decimal text.
    public static func quantity(_ text: String) -> Quantity { Quantity(text)! }
    /// Money from decimal text.
    public static func money(_ text: String) -> Money { Money(text)! }
    /// A rate from decimal text.
    public static func rate(_ text: String) -> Rate { Rate(text)! }
}
