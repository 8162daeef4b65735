/// A price chart with trade markers: candles when there are at least `candleMinWidth` pixels per
/// bar, otherwise the high–low range as a band with the close as a line; entries and exits drawn
/// on top as markers coloured by strategy and shaped by side (entries) or close reason (exits).
/// Candles and the band are grey (hollow up, filled down) so only the markers carry colour.
struct PriceChart {
    /// One bar of OHLC prices.
    struct Bar: Hashable {
        /// The bar's start (milliseconds since the epoch).
        var time: Int64
        var open: Double
        var high: Double
        var low: Double
        var close: Double
    }

    /// An entry or exit.
    struct Marker: Hashable {
        var time: Int64
        var price: Double
        var color: String
        var shape: MarkerShape
        /// The tooltip.
        var title: String
    }

    /// Pixels per bar from which bars are drawn as candles.
    static let candleMinWidth = 3.0

    var id: String
    var title: String
    var bars: [Bar]
    /// The bars' interval in milliseconds (a candle's width).
    var interval: Int64
    var markers: [Marker]
    /// Strategy names and colours for the legend.
    var strategies: [(name: String, color: String)]
    var valueTitle: String
    var timeDomain: ClosedRange<Int64>
    var width = 1160.0
    var height = 460.0

    /// True when this chart draws candles rather than a band and a close line.
    var drawsCandles: Bool {
        let span = Double(timeDomain.upperBound - timeDomain.lowerBound + interval)
        guard span > 0 else { return true }
        return (width - 100) * Double(interval) / span >= Self.candleMinWidth
    }

    func svg() -> String {
        var canvas = SVGCanvas(width: width, height: height)
        var items = strategies.map { ChartLegend.Item(name: $0.name, color: $0.color, swatch: .box) }
        let shapes: [(MarkerShape, String)] = [
            (.longEntry, "long entry"), (.shortEntry, "short entry"), (.takeProfit, "take-profit exit"),
            (.stopLoss, "stop-loss exit"), (.otherExit, "other exit"),
        ]
        items += shapes.map { ChartLegend.Item(name: $0.1, color: "#57606a", swatch: .marker($0.0)) }
        let legend = ChartLegend(items: items)
        let legendHeight = legend.height(width: width - 80)
        let top = 10 + legendHeight + 8
        let bottom = height - 28

        let prices = bars.flatMap { [$0.high, $0.low] } + markers.map(\.price)
        let ticks = NiceTicks(
            lower: prices.min() ?? 0, upper: prices.max() ?? 1, maxCount: max(2, Int((bottom - top) / 44)))
        let plot = PlotArea(left: ChartAxes.leftMargin(ticks), top: top, right: width - 16, bottom: bottom)
        legend.draw(on: &canvas, x: plot.left, y: 8, width: plot.width)
        let y = LinearScale(domain: ticks.domain, range: (plot.bottom, plot.top))
        let x = LinearScale(
            domain: Double(timeDomain.lowerBound)...Double(timeDomain.upperBound + interval),
            range: (plot.left, plot.right))
        ChartAxes.drawValueAxis(on: &canvas, ticks: ticks, scale: y, plot: plot)
        ChartAxes.drawValueTitle(on: &canvas, valueTitle, plot: plot)
        let timeTicks = TimeTicks(
            lower: timeDomain.lowerBound, upper: timeDomain.upperBound + interval,
            maxCount: ChartAxes.timeTickLimit(width: plot.width))
        ChartAxes.drawTimeAxis(on: &canvas, ticks: timeTicks, scale: x, plot: plot)

        if drawsCandles {
            let barWidth = max(1, (x(Double(interval)) - x(0)) * 0.7)
            var up = PathBuilder()
            var down = PathBuilder()
            var wicks = PathBuilder()
            for bar in bars {
                let middle = x(Double(bar.time) + Double(interval) / 2)
                wicks.move(middle, y(bar.high))
                wicks.line(middle, y(bar.low))
                let top = y(max(bar.open, bar.close))
                let bottom = max(y(min(bar.open, bar.close)), top + 1)
                var body = bar.close >= bar.open ? up : down
                body.move(middle - barWidth / 2, top)
                body.line(middle + barWidth / 2, top)
                body.line(middle + barWidth / 2, bottom)
                body.line(middle - barWidth / 2, bottom)
                body.close()
                if bar.close >= bar.open { up = body } else { down = body }
            }
            canvas.path(wicks.d, className: "wick")
            canvas.path(up.d, className: "candle up")
            canvas.path(down.d, className: "candle down")
        } else {
            var band = PathBuilder()
            var close = PathBuilder()
            for (index, bar) in bars.enumerated() {
                let middle = x(Double(bar.time) + Double(interval) / 2)
                if index == 0 { band.move(middle, y(bar.high)) } else { band.line(middle, y(bar.high)) }
                if index == 0 { close.move(middle, y(bar.close)) } else { close.line(middle, y(bar.close)) }
            }
            for bar in bars.reversed() {
                band.line(x(Double(bar.time) + Double(interval) / 2), y(bar.low))
            }
            if !bars.isEmpty { band.close() }
            canvas.path(band.d, className: "range-band")
            canvas.path(close.d, className: "close-line")
        }

        // Smaller markers when they crowd (more than one per two pixels of width).
        let size = Double(markers.count) > plot.width / 2 ? 3.6 : 4.5
        for marker in markers {
            canvas.path(
                marker.shape.path(x: x(Double(marker.time)), y: y(marker.price), size: size),
                className: marker.shape.className, attributes: marker.shape.colorAttributes(marker.color),
                title: marker.title)
        }
        return canvas.svg(id: id, title: title)
    }
}
