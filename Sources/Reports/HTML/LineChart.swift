/// A line chart over UTC time: one or more series overlaid, a legend above, nice value ticks on
/// the left, calendar ticks below, an optional dashed reference line.
///
/// Series with more points than the plot has pixels are reduced per pixel column to the first,
/// lowest, highest and last point, which draws the same picture with a bounded path size.
struct LineChart {
    /// One point of a series.
    struct Point: Hashable {
        /// Milliseconds since the epoch.
        var time: Int64
        var value: Double
    }

    struct Series {
        var name: String
        var color: String
        var points: [Point]
        var dashed = false
        /// Drawn as steps (the value holds until the next point), as cumulative sums are.
        var stepped = false
    }

    var id: String
    var title: String
    var series: [Series]
    var valueTitle: String
    var width = 1160.0
    var height = 320.0
    /// Values the value axis must include besides the data (e.g. 0).
    var include: [Double] = []
    /// The time range shown (default: the data's).
    var timeDomain: ClosedRange<Int64>?
    /// A dashed horizontal line with a label at its right end.
    var reference: (value: Double, label: String)?
    /// Shows the legend even for a single series.
    var alwaysShowLegend = false

    init(id: String, title: String, series: [Series], valueTitle: String) {
        self.id = id
        self.title = title
        self.series = series
        self.valueTitle = valueTitle
    }

    func svg() -> String {
        var canvas = SVGCanvas(width: width, height: height)
        let values = series.flatMap { $0.points.map(\.value) } + include + (reference.map { [$0.value] } ?? [])
        let times = series.flatMap { $0.points.map(\.time) }
        let lo = values.min() ?? 0
        let hi = values.max() ?? 1
        let timeDomain = timeDomain ?? ((times.min() ?? 0)...(times.max() ?? 1))

        let legend = ChartLegend(
            items: series.count > 1 || alwaysShowLegend
                ? series.map { ChartLegend.Item(name: $0.name, color: $0.color, swatch: .line(dashed: $0.dashed)) }
                : [])
        let legendHeight = legend.height(width: width - 60)
        let top = 10 + legendHeight + (legendHeight > 0 ? 8 : 0)
        let bottom = height - 28
        let ticks = NiceTicks(lower: lo, upper: hi, maxCount: max(2, Int((bottom - top) / 34)))
        let plot = PlotArea(left: ChartAxes.leftMargin(ticks), top: top, right: width - 16, bottom: bottom)
        legend.draw(on: &canvas, x: plot.left, y: 8, width: plot.width)

        let y = LinearScale(domain: ticks.domain, range: (plot.bottom, plot.top))
        let x = LinearScale(
            domain: Double(timeDomain.lowerBound)...Double(timeDomain.upperBound), range: (plot.left, plot.right))
        ChartAxes.drawValueAxis(on: &canvas, ticks: ticks, scale: y, plot: plot)
        ChartAxes.drawValueTitle(on: &canvas, valueTitle, plot: plot)
        let timeTicks = TimeTicks(
            lower: timeDomain.lowerBound, upper: timeDomain.upperBound,
            maxCount: ChartAxes.timeTickLimit(width: plot.width))
        ChartAxes.drawTimeAxis(on: &canvas, ticks: timeTicks, scale: x, plot: plot)

        if let reference {
            let ry = y(reference.value)
            canvas.line(plot.left, ry, plot.right, ry, className: "reference")
            canvas.text(reference.label, plot.right - 4, ry - 4, anchor: .end, className: "reference-label")
        }
        for s in series {
            let points = Self.reduce(s.points.filter { timeDomain.contains($0.time) }, columns: Int(plot.width))
            var path = PathBuilder()
            for (index, point) in points.enumerated() {
                let px = x(Double(point.time))
                let py = y(point.value)
                if index == 0 {
                    path.move(px, py)
                } else {
                    if s.stepped { path.line(px, y(points[index - 1].value)) }
                    path.line(px, py)
                }
            }
            if points.count == 1 {
                // A lone point still shows.
                let px = x(Double(points[0].time))
                path.line(px + 0.5, y(points[0].value))
            }
            canvas.path(
                path.d, className: s.dashed ? "series dashed" : "series", attributes: " stroke=\"\(s.color)\"",
                title: s.name)
        }
        return canvas.svg(id: id, title: title)
    }

    /// At most four points per pixel column (first, lowest, highest, last, in time order) when
    /// there are more than four times as many points as columns.
    static func reduce(_ points: [Point], columns: Int) -> [Point] {
        guard columns > 0, points.count > 4 * columns, let first = points.first, let last = points.last,
            last.time > first.time
        else { return points }
        let span = Double(last.time - first.time)
        var out: [Point] = []
        var bucket: [Point] = []
        var current = -1
        func flush() {
            guard !bucket.isEmpty else { return }
            var lowest = bucket[0]
            var highest = bucket[0]
            var lowIndex = 0
            var highIndex = 0
            for (i, p) in bucket.enumerated() {
                if p.value < lowest.value {
                    lowest = p
                    lowIndex = i
                }
                if p.value > highest.value {
                    highest = p
                    highIndex = i
                }
            }
            var indices = [0, lowIndex, highIndex, bucket.count - 1]
            indices.sort()
            var previous = -1
            for i in indices where i != previous {
                out.append(bucket[i])
                previous = i
            }
            bucket.removeAll(keepingCapacity: true)
        }
        for p in points {
            let column = min(columns - 1, Int(Double(p.time - first.time) / span * Double(columns)))
            if column != current {
                flush()
                current = column
            }
            bucket.append(p)
        }
        flush()
        return out
    }
}
