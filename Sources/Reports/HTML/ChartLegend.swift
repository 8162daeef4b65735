/// A chart legend laid out in rows across the chart's width: a swatch (a line, a box or a
/// marker shape) and the series name per item, wrapped to a new row when the next item would not
/// fit.
struct ChartLegend {
    /// What an item's swatch looks like.
    enum Swatch: Hashable {
        case line(dashed: Bool)
        case box
        case marker(MarkerShape)
    }

    struct Item: Hashable {
        var name: String
        var color: String
        var swatch: Swatch
    }

    static let fontSize = 12.0
    static let rowHeight = 18.0
    static let swatchWidth = 18.0
    static let itemGap = 18.0

    var items: [Item]

    /// Items with their x offset, per row, for a legend `width` pixels wide.
    func rows(width: Double) -> [[(item: Item, x: Double)]] {
        var rows: [[(item: Item, x: Double)]] = []
        var row: [(item: Item, x: Double)] = []
        var x = 0.0
        for item in items {
            let w = Self.swatchWidth + 6 + AxisLabels.width(item.name, fontSize: Self.fontSize)
            if !row.isEmpty && x + w > width {
                rows.append(row)
                row = []
                x = 0
            }
            row.append((item, x))
            x += w + Self.itemGap
        }
        if !row.isEmpty { rows.append(row) }
        return rows
    }

    /// The height the legend takes (0 without items).
    func height(width: Double) -> Double { Double(rows(width: width).count) * Self.rowHeight }

    /// Draws the legend with its top-left corner at (x, y); returns its height.
    @discardableResult
    func draw(on canvas: inout SVGCanvas, x: Double, y: Double, width: Double) -> Double {
        let rows = rows(width: width)
        for (index, row) in rows.enumerated() {
            let middle = y + Double(index) * Self.rowHeight + Self.rowHeight / 2
            for (item, offset) in row {
                let left = x + offset
                switch item.swatch {
                case .line(let dashed):
                    canvas.line(
                        left, middle, left + Self.swatchWidth, middle,
                        className: dashed ? "legend-line dashed" : "legend-line", stroke: item.color)
                case .box:
                    canvas.rect(left + 3, middle - 6, 12, 12, fill: item.color, className: "legend-box")
                case .marker(let shape):
                    canvas.path(
                        shape.path(x: left + Self.swatchWidth / 2, y: middle, size: 5), className: shape.className,
                        attributes: shape.colorAttributes(item.color))
                }
                canvas.text(item.name, left + Self.swatchWidth + 6, middle + 4, className: "legend-label")
            }
        }
        return Double(rows.count) * Self.rowHeight
    }
}

/// The shape of a trade marker on the price chart.
enum MarkerShape: Hashable, CaseIterable {
    /// An entry of a long position: a triangle pointing up.
    case longEntry
    /// An entry of a short position: a triangle pointing down.
    case shortEntry
    /// An exit at the take-profit: a filled circle.
    case takeProfit
    /// An exit at the stop-loss: a cross.
    case stopLoss
    /// Any other exit (close signal, manual, liquidation, …): a hollow square.
    case otherExit

    var className: String {
        switch self {
        case .longEntry, .shortEntry: "marker entry"
        case .takeProfit: "marker tp"
        case .stopLoss: "marker sl"
        case .otherExit: "marker exit"
        }
    }

    /// Fill and stroke attributes in a series colour.
    func colorAttributes(_ color: String) -> String {
        switch self {
        case .longEntry, .shortEntry, .takeProfit:
            " fill=\"\(color)\" stroke=\"\(ChartPalette.darker(color, factor: 0.6))\""
        case .stopLoss: " stroke=\"\(color)\""
        case .otherExit: " stroke=\"\(color)\""
        }
    }

    /// The path of the shape centred at (x, y), `size` pixels from the centre to a corner.
    func path(x: Double, y: Double, size s: Double) -> String {
        var p = PathBuilder()
        switch self {
        case .longEntry:
            p.move(x, y - s)
            p.line(x + s, y + s * 0.8)
            p.line(x - s, y + s * 0.8)
            p.close()
        case .shortEntry:
            p.move(x, y + s)
            p.line(x + s, y - s * 0.8)
            p.line(x - s, y - s * 0.8)
            p.close()
        case .takeProfit:
            // A circle as two arcs keeps every marker a <path>.
            let r = HTMLText.coordinate(s * 0.8)
            return
                "M\(HTMLText.coordinate(x - s * 0.8)) \(HTMLText.coordinate(y))a\(r) \(r) 0 1 0 \(HTMLText.coordinate(s * 1.6)) 0"
                + "a\(r) \(r) 0 1 0 -\(HTMLText.coordinate(s * 1.6)) 0Z"
        case .stopLoss:
            let a = s * 0.75
            p.move(x - a, y - a)
            p.line(x + a, y + a)
            p.move(x - a, y + a)
            p.line(x + a, y - a)
        case .otherExit:
            let a = s * 0.7
            p.move(x - a, y - a)
            p.line(x + a, y - a)
            p.line(x + a, y + a)
            p.line(x - a, y + a)
            p.close()
        }
        return p.d
    }
}
