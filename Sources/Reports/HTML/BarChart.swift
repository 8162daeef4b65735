/// A horizontal grouped bar chart: one group per category (names on the left, where long
/// strategy names fit), one bar per series in each group, values printed at the bar ends, nice
/// ticks below, negative values to the left of a zero line.
struct BarChart {
    /// How values are printed.
    enum ValueFormat {
        /// One decimal and `%`.
        case percent
        /// Two decimals.
        case money
        /// A whole number.
        case count

        func text(_ value: Double) -> String {
            switch self {
            case .percent: HTMLText.percent(value) + "%"
            case .money: HTMLText.money(value)
            case .count: HTMLText.fixed(value, decimals: 0)
            }
        }

        var suffix: String { self == .percent ? "%" : "" }
    }

    struct Series {
        var name: String
        var color: String
        /// One value per category; nil prints `n/a` (e.g. a rate without trades).
        var values: [Double?]
    }

    static let barHeight = 14.0
    static let barGap = 2.0
    static let groupGap = 12.0
    static let fontSize = 11.0
    static let maxCategoryWidth = 220.0

    var id: String
    var title: String
    var categories: [String]
    var series: [Series]
    var format: ValueFormat
    var width = 1160.0
    /// Values the axis must include besides the data and 0 (e.g. 100 for percentages).
    var include: [Double] = []

    init(id: String, title: String, categories: [String], series: [Series], format: ValueFormat) {
        self.id = id
        self.title = title
        self.categories = categories
        self.series = series
        self.format = format
    }

    /// The height the chart needs for its categories and series.
    var height: Double {
        let legendHeight = series.count > 1 ? legend.height(width: width - 40) + 8 : 0
        let group = Double(series.count) * (Self.barHeight + Self.barGap) - Self.barGap
        return 10 + legendHeight + Double(categories.count) * (group + Self.groupGap) + 30
    }

    private var legend: ChartLegend {
        ChartLegend(items: series.map { ChartLegend.Item(name: $0.name, color: $0.color, swatch: .box) })
    }

    func svg() -> String {
        var canvas = SVGCanvas(width: width, height: height)
        let all = series.flatMap { $0.values.compactMap { $0 } }
        let labelTexts = series.flatMap { $0.values.map { $0.map(format.text) ?? "n/a" } }
        let categoryWidth = min(
            Self.maxCategoryWidth, categories.map { AxisLabels.width($0, fontSize: Self.fontSize) }.max() ?? 0)
        let negativeLabels = zip(series.flatMap(\.values), labelTexts).filter { ($0.0 ?? 0) < 0 }.map { $0.1 }
        let positiveLabels = zip(series.flatMap(\.values), labelTexts).filter { ($0.0 ?? 0) >= 0 }.map { $0.1 }
        let padLeft = negativeLabels.map { AxisLabels.width($0, fontSize: Self.fontSize) }.max().map { $0 + 6 } ?? 0
        let padRight = positiveLabels.map { AxisLabels.width($0, fontSize: Self.fontSize) }.max().map { $0 + 6 } ?? 0

        let legendHeight = series.count > 1 ? legend.height(width: width - 40) + 8 : 0
        let plot = PlotArea(
            left: 12 + categoryWidth + 10 + padLeft, top: 10 + legendHeight, right: width - 12 - padRight,
            bottom: height - 30)
        if series.count > 1 { legend.draw(on: &canvas, x: 12 + categoryWidth + 10, y: 8, width: plot.width) }

        let lower = min(0, all.min() ?? 0, include.min() ?? 0)
        var upper = max(0, all.max() ?? 0, include.max() ?? 0)
        if lower == 0 && upper == 0 { upper = 1 }
        var maxCount = max(2, Int(plot.width / 90))
        // Whole numbers get whole steps.
        if format == .count { maxCount = max(1, min(maxCount, Int((upper - lower).rounded(.up)))) }
        let ticks = NiceTicks(lower: lower, upper: upper, maxCount: maxCount)
        let x = LinearScale(domain: ticks.domain, range: (plot.left, plot.right))
        ChartAxes.drawHorizontalValueAxis(on: &canvas, ticks: ticks, scale: x, plot: plot, suffix: format.suffix)

        let group = Double(series.count) * (Self.barHeight + Self.barGap) - Self.barGap
        let zero = x(0)
        for (c, category) in categories.enumerated() {
            let groupTop = plot.top + Self.groupGap / 2 + Double(c) * (group + Self.groupGap)
            let name = AxisLabels.truncate(category, maxWidth: Self.maxCategoryWidth, fontSize: Self.fontSize)
            canvas.text(name, 12 + categoryWidth, groupTop + group / 2 + 4, anchor: .end, className: "category")
            for (s, one) in series.enumerated() {
                let top = groupTop + Double(s) * (Self.barHeight + Self.barGap)
                let middle = top + Self.barHeight / 2 + 4
                guard c < one.values.count, let value = one.values[c] else {
                    canvas.text("n/a", zero + 4, middle, className: "value muted")
                    continue
                }
                let end = x(value)
                let text = format.text(value)
                canvas.rect(
                    min(zero, end), top, abs(end - zero), Self.barHeight, fill: one.color, className: "bar",
                    title: "\(category) · \(one.name): \(text)")
                if value < 0 {
                    canvas.text(text, end - 4, middle, anchor: .end, className: "value")
                } else {
                    canvas.text(text, end + 4, middle, className: "value")
                }
            }
        }
        canvas.line(zero, plot.top, zero, plot.bottom, className: "zero")
        return canvas.svg(id: id, title: title)
    }
}
