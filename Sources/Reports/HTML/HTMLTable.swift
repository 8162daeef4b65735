/// An HTML data table: a header row, text cells left-aligned, numbers right-aligned (class
/// `num`, tabular figures), negative numbers marked `neg`, optional totals row and background
/// colours (for heat maps). Every text is escaped.
struct HTMLTable {
    /// One cell.
    struct Cell {
        var text: String
        var isNumber = false
        var isNegative = false
        /// A background colour (`#rrggbb`) and whether the text should be light on it.
        var background: String?
        var lightText = false
        var className: String?
        /// A tooltip.
        var title: String?

        /// A text cell.
        static func text(_ text: String, className: String? = nil) -> Cell { Cell(text: text, className: className) }

        /// A number cell; `value` decides the `neg` mark.
        static func number(_ text: String, value: Double? = nil) -> Cell {
            Cell(text: text, isNumber: true, isNegative: (value ?? 0) < 0 && text != "0.00" && text != "-0.00")
        }

        /// Money to two decimals, `-` for nil.
        static func money(_ value: Double?) -> Cell {
            guard let value else { return number("-") }
            return number(HTMLText.money(value), value: value)
        }

        /// A percentage to one decimal, `-` for nil.
        static func percent(_ value: Double?) -> Cell {
            guard let value else { return number("-") }
            return number(HTMLText.percent(value), value: value)
        }

        /// A whole number, `-` for nil.
        static func count(_ value: Int64?) -> Cell {
            guard let value else { return number("-") }
            return number(HTMLText.fixed(Double(value), decimals: 0), value: Double(value))
        }
    }

    var id: String
    var columns: [(title: String, isNumber: Bool)]
    var rows: [[Cell]] = []
    /// A class for some rows (`rowClassNames[i]` for `rows[i]`; none past its end).
    var rowClassNames: [String?] = []
    /// Rows drawn as totals (a rule above, bold).
    var totals: [[Cell]] = []
    var className = "data"
    var caption: String?

    init(id: String, columns: [(String, Bool)]) {
        self.id = id
        self.columns = columns.map { (title: $0.0, isNumber: $0.1) }
    }

    func html() -> String {
        var out = "<div class=\"scroll\"><table id=\"\(HTMLText.escape(id))\" class=\"\(className)\">"
        if let caption { out += "<caption>\(HTMLText.escape(caption))</caption>" }
        out += "\n<thead><tr>"
        for column in columns {
            out += column.isNumber ? "<th class=\"num\" scope=\"col\">" : "<th scope=\"col\">"
            out += HTMLText.escape(column.title) + "</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for (index, row) in rows.enumerated() {
            out += Self.row(row, header: true, className: index < rowClassNames.count ? rowClassNames[index] : nil)
        }
        out += "</tbody>\n"
        if !totals.isEmpty {
            out += "<tfoot>\n"
            for row in totals { out += Self.row(row, header: true) }
            out += "</tfoot>\n"
        }
        return out + "</table></div>\n"
    }

    /// A `<tr>` (with `className`, if any); the first cell is a row header when `header` is true.
    static func row(_ cells: [Cell], header: Bool, className: String? = nil) -> String {
        var out = className.map { "<tr class=\"\($0)\">" } ?? "<tr>"
        for (index, cell) in cells.enumerated() {
            let tag = header && index == 0 ? "th" : "td"
            var classes: [String] = []
            if cell.isNumber { classes.append("num") }
            if cell.isNegative { classes.append("neg") }
            if cell.lightText { classes.append("on-dark") }
            if let extra = cell.className { classes.append(extra) }
            out += "<\(tag)"
            if tag == "th" { out += " scope=\"row\"" }
            if !classes.isEmpty { out += " class=\"\(classes.joined(separator: " "))\"" }
            if let background = cell.background { out += " style=\"background:\(background)\"" }
            if let title = cell.title { out += " title=\"\(HTMLText.escape(title))\"" }
            out += ">" + HTMLText.escape(cell.text) + "</\(tag)>"
        }
        return out + "</tr>\n"
    }
}

/// A square strategy × strategy table whose cells are shaded by value (white to blue), with the
/// counts printed in them; the diagonal is shown unshaded.
struct HeatmapTable {
    var id: String
    var names: [String]
    /// `values[i][j]`, symmetric.
    var values: [[Int64]]
    /// The diagonal's text (e.g. each strategy's own total), `—` when nil.
    var diagonal: [Int64]?
    var corner: String

    func html() -> String {
        let maximum =
            values.enumerated().flatMap { i, row in row.enumerated().filter { $0.offset != i }.map(\.element) }
            .max() ?? 0
        // Columns are numbered (S1, S2, …) so ten long strategy names still fit; rows carry the names.
        var table = HTMLTable(id: id, columns: [(corner, false)] + names.indices.map { ("S\($0 + 1)", true) })
        table.className = "data heatmap"
        for (i, name) in names.enumerated() {
            var cells: [HTMLTable.Cell] = [.text("S\(i + 1) \(name)")]
            for j in names.indices {
                if i == j {
                    var cell = HTMLTable.Cell.number(diagonal.map { HTMLText.fixed(Double($0[i]), decimals: 0) } ?? "—")
                    cell.className = "diagonal"
                    cells.append(cell)
                    continue
                }
                let value = values[i][j]
                let fraction = maximum > 0 ? Double(value) / Double(maximum) : 0
                var cell = HTMLTable.Cell.number(HTMLText.fixed(Double(value), decimals: 0))
                cell.background = ChartPalette.heat(fraction)
                cell.lightText = fraction > 0.55
                cell.title = "\(name) × \(names[j]): \(value)"
                cells.append(cell)
            }
            table.rows.append(cells)
        }
        return table.html()
    }
}
