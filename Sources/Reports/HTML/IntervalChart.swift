/// A horizontal interval chart (a forest plot): one row per item, a dot at its value and a
/// whisker over its interval on a common value axis with a zero line, the item's name on the
/// left and a note (e.g. its p-value) on the right. Used for Δ net against a baseline with its
/// 95 % confidence interval.
///
/// A row's colour says where its interval lies: blue wholly above 0, red wholly below, grey
/// across 0 (or without an interval). A reference row (the baseline) is a hollow dot at its value
/// without a whisker.
struct IntervalChart {
    /// One row.
    struct Row {
        var name: String
        /// The dot; nil draws nothing but the name and the note.
        var value: Double?
        var low: Double?
        var high: Double?
        /// Text right of the plot.
        var note: String
        /// The tooltip of the dot and the whisker.
        var tooltip: String
        /// The baseline: drawn hollow, without a whisker.
        var isReference = false
    }

    static let rowHeight = 18.0
    static let fontSize = 11.0
    static let maxNameWidth = 420.0
    static let above = "#2b5c8a"
    static let below = "#b42318"
    static let across = "#6e7781"

    var id: String
    var title: String
    var rows: [Row]
    /// The axis title below the plot.
    var valueTitle: String
    var width = 1160.0

    var height: Double { 10 + Double(max(rows.count, 1)) * Self.rowHeight + 44 }

    /// The colour of a row: where its interval lies against 0.
    static func color(_ row: Row) -> String {
        guard !row.isReference, let low = row.low, let high = row.high else { return across }
        if low > 0 { return above }
        if high < 0 { return below }
        return across
    }

    func svg() -> String {
        var canvas = SVGCanvas(width: width, height: height)
        let nameWidth = min(
            Self.maxNameWidth, rows.map { AxisLabels.width($0.name, fontSize: Self.fontSize) }.max() ?? 0)
        let noteWidth = rows.map { AxisLabels.width($0.note, fontSize: Self.fontSize) }.max() ?? 0
        let plot = PlotArea(
            left: 12 + nameWidth + 12, top: 10, right: width - 16 - noteWidth - (noteWidth > 0 ? 10 : 0),
            bottom: height - 44)
        var values: [Double] = [0]
        for row in rows {
            values += [row.value, row.low, row.high].compactMap { $0 }.filter(\.isFinite)
        }
        let ticks = NiceTicks(
            lower: values.min() ?? 0, upper: values.max() ?? 0, maxCount: max(2, Int(plot.width / 90)))
        let x = LinearScale(domain: ticks.domain, range: (plot.left, plot.right))
        ChartAxes.drawHorizontalValueAxis(on: &canvas, ticks: ticks, scale: x, plot: plot)
        canvas.text(valueTitle, (plot.left + plot.right) / 2, height - 8, anchor: .middle, className: "axis-title")
        for (index, row) in rows.enumerated() {
            let y = plot.top + (Double(index) + 0.5) * Self.rowHeight
            let name = AxisLabels.truncate(row.name, maxWidth: Self.maxNameWidth, fontSize: Self.fontSize)
            canvas.text(name, 12 + nameWidth, y + 4, anchor: .end, className: "category")
            let color = Self.color(row)
            if !row.isReference, let low = row.low, let high = row.high, low.isFinite, high.isFinite {
                let l = x(Swift.min(low, high))
                let h = x(Swift.max(low, high))
                canvas.rect(
                    l, y - 1, h - l, 2, fill: color, className: "whisker",
                    title: row.tooltip)
                canvas.line(l, y - 4, l, y + 4, className: "whisker-cap", stroke: color)
                canvas.line(h, y - 4, h, y + 4, className: "whisker-cap", stroke: color)
            }
            if let value = row.value, value.isFinite {
                canvas.circle(
                    x(value), y, radius: 4, fill: row.isReference ? "#fff" : color, stroke: color,
                    className: row.isReference ? "point reference-point" : "point", title: row.tooltip)
            }
            canvas.text(row.note, plot.right + 10, y + 4, className: "value")
        }
        canvas.line(x(0), plot.top, x(0), plot.bottom, className: "zero")
        return canvas.svg(id: id, title: title)
    }
}
