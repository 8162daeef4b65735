import Market

/// A plain-text table for terminal summaries: a header, a dashed rule, columns separated by two
/// spaces, text left-aligned and numbers right-aligned, optional rules before chosen rows.
struct TextTable {
    enum Alignment { case left, right }

    struct Column {
        var title: String
        var alignment: Alignment
    }

    var columns: [Column]
    var rows: [[String]] = []
    /// Row indices preceded by a rule (a totals row).
    var rulesBefore: [Int] = []
    /// False for a two-column key/value block without a header.
    var showsHeader = true

    init(_ columns: [(String, Alignment)]) {
        self.columns = columns.map { Column(title: $0.0, alignment: $0.1) }
    }

    mutating func add(_ row: [String]) { rows.append(row.map(Self.printable)) }

    mutating func addTotals(_ row: [String]) {
        rulesBefore.append(rows.count)
        add(row)
    }

    /// The cell on one line, safe for a terminal: control characters (CR, LF and tab among them)
    /// escaped as `\r`, `\n`, `\t`, `\e`, `\u{…}` (`TerminalText`).
    static func printable(_ cell: String) -> String { TerminalText.escaped(cell) }

    /// The table with every line prefixed by `indent` and ended by a newline.
    func render(indent: String = "") -> String {
        var widths = columns.map(\.title.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (index, column) in columns.enumerated() {
                let cell = index < cells.count ? cells[index] : ""
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                parts.append(column.alignment == .right ? pad + cell : cell + pad)
            }
            var text = indent + parts.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text + "\n"
        }
        let rule = indent + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        var out = showsHeader ? line(columns.map(\.title)) + rule : ""
        for (index, row) in rows.enumerated() {
            if rulesBefore.contains(index) { out += rule }
            out += line(row)
        }
        return out
    }
}
