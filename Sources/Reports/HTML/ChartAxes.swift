/// The plot rectangle of a chart, in SVG pixels.
struct PlotArea: Hashable {
    var left: Double
    var top: Double
    var right: Double
    var bottom: Double

    var width: Double { right - left }
    var height: Double { bottom - top }
}

/// Axes and grid lines shared by the charts.
enum ChartAxes {
    static let fontSize = 11.0
    /// Pixels between neighbouring tick labels at least.
    static let labelGap = 14.0

    /// The widest label of `ticks` (for the left margin).
    static func labelWidth(_ ticks: NiceTicks) -> Double {
        ticks.values.map { AxisLabels.width(ticks.label($0), fontSize: fontSize) }.max() ?? 0
    }

    /// The left margin of a chart with a value axis: room for the rotated title and the widest
    /// label, at least 76 px so stacked charts usually share their left edge.
    static func leftMargin(_ ticks: NiceTicks) -> Double { max(76, 30 + labelWidth(ticks)) }

    /// A vertical value axis at the plot's left: horizontal grid lines and labels, thinned so they
    /// do not overlap; the line at zero drawn stronger when zero is inside.
    static func drawValueAxis(
        on canvas: inout SVGCanvas, ticks: NiceTicks, scale: LinearScale, plot: PlotArea
    ) {
        let values = ticks.values
        let positions = values.map { scale($0) }
        // Vertical thinning: labels are one line high.
        let kept = AxisLabels.thin(
            positions: positions.reversed(), widths: Array(repeating: fontSize + 2, count: values.count), gap: 4,
            bounds: (plot.top - fontSize)...(plot.bottom + fontSize)
        ).map { values.count - 1 - $0 }
        for (index, value) in values.enumerated() {
            let y = positions[index]
            canvas.line(plot.left, y, plot.right, y, className: value == 0 ? "zero" : "grid")
            if kept.contains(index) {
                canvas.text(ticks.label(value), plot.left - 6, y + 4, anchor: .end, className: "tick")
            }
        }
    }

    /// A horizontal value axis below the plot (for horizontal bars): vertical grid lines and
    /// thinned labels.
    static func drawHorizontalValueAxis(
        on canvas: inout SVGCanvas, ticks: NiceTicks, scale: LinearScale, plot: PlotArea, suffix: String = ""
    ) {
        let values = ticks.values
        let labels = values.map { ticks.label($0) + suffix }
        let positions = values.map { scale($0) }
        let kept = AxisLabels.thin(
            positions: positions, widths: labels.map { AxisLabels.width($0, fontSize: fontSize) }, gap: labelGap,
            bounds: 0...canvas.width)
        for (index, value) in values.enumerated() {
            let x = positions[index]
            canvas.line(x, plot.top, x, plot.bottom, className: value == 0 ? "zero" : "grid")
            if kept.contains(index) {
                canvas.text(labels[index], x, plot.bottom + 15, anchor: .middle, className: "tick")
            }
        }
    }

    /// The most ticks a time axis of `width` pixels can label without crowding.
    static func timeTickLimit(width: Double) -> Int {
        let typical = AxisLabels.width("Feb 28", fontSize: fontSize) + 2 * labelGap
        return max(2, Int(width / typical))
    }

    /// A UTC time axis below the plot: vertical grid lines at the ticks, thinned labels, and the
    /// plot's baseline.
    static func drawTimeAxis(on canvas: inout SVGCanvas, ticks: TimeTicks, scale: LinearScale, plot: PlotArea) {
        let labels = ticks.labels
        let positions = ticks.values.map { scale(Double($0)) }
        let kept = AxisLabels.thin(
            positions: positions, widths: labels.map { AxisLabels.width($0, fontSize: fontSize) }, gap: labelGap,
            bounds: 0...canvas.width)
        for (index, x) in positions.enumerated() {
            canvas.line(x, plot.top, x, plot.bottom, className: "grid")
            if kept.contains(index) {
                canvas.line(x, plot.bottom, x, plot.bottom + 4, className: "axis")
                canvas.text(labels[index], x, plot.bottom + 16, anchor: .middle, className: "tick")
            }
        }
        canvas.line(plot.left, plot.bottom, plot.right, plot.bottom, className: "axis")
    }

    /// A rotated title along the left edge.
    static func drawValueTitle(on canvas: inout SVGCanvas, _ title: String, plot: PlotArea) {
        canvas.text(title, 13, (plot.top + plot.bottom) / 2, anchor: .middle, className: "axis-title", rotate: -90)
    }
}
