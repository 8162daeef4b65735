import Foundation
import Market
import Testing

@testable import Reports

/// The SVG chart kit: nice ticks, time ticks, label thinning, escaping, the palette, number text
/// and deterministic output.
@Suite struct HTMLChartKitTests {
    // MARK: Nice ticks

    struct NiceCase: Sendable, CustomTestStringConvertible {
        var lower: Double
        var upper: Double
        var maxCount: Int
        var step: Double
        var labels: [String]
        var testDescription: String { "\(lower)…\(upper) /\(maxCount)" }
    }

    @Test(arguments: [
        NiceCase(
            lower: 0, upper: 100, maxCount: 5, step: 20, labels: ["0", "20", "40", "60", "80", "100"]),
        NiceCase(lower: -3.2, upper: 7.9, maxCount: 5, step: 5, labels: ["-5", "0", "5", "10"]),
        NiceCase(
            lower: 9_012.5, upper: 10_187, maxCount: 6, step: 200,
            labels: ["9,000", "9,200", "9,400", "9,600", "9,800", "10,000", "10,200"]),
        NiceCase(lower: 0, upper: 0.3, maxCount: 3, step: 0.1, labels: ["0.0", "0.1", "0.2", "0.3"]),
        NiceCase(
            lower: 0.001, upper: 0.0042, maxCount: 4, step: 0.001,
            labels: ["0.001", "0.002", "0.003", "0.004", "0.005"]),
        NiceCase(lower: 1.099, upper: 1.752, maxCount: 8, step: 0.1, labels: (10...18).map { "1.\($0 - 10)" }),
        NiceCase(lower: -412, upper: 0, maxCount: 4, step: 200, labels: ["-600", "-400", "-200", "0"]),
    ])
    func niceTicks(_ c: NiceCase) {
        let ticks = NiceTicks(lower: c.lower, upper: c.upper, maxCount: c.maxCount)
        #expect(ticks.step == c.step)
        #expect(ticks.values.map(ticks.label) == c.labels)
        #expect(ticks.domain.lowerBound <= c.lower && ticks.domain.upperBound >= c.upper)
    }

    @Test func niceTicksAreOneTwoOrFiveTimesAPowerOfTen() {
        var x = 0.37
        for count in 2...12 {
            for _ in 0..<40 {
                // A deterministic spread of ranges over many magnitudes.
                x = (x * 7.13).truncatingRemainder(dividingBy: 1)
                let lower = (x - 0.5) * Double(count * count * 1_000)
                let upper = lower + x * 10_000 / Double(count * count) + 0.001
                let ticks = NiceTicks(lower: lower, upper: upper, maxCount: count)
                #expect([1, 2, 5].contains(ticks.mantissa))
                #expect(ticks.domain.lowerBound <= lower && ticks.domain.upperBound >= upper)
                #expect(ticks.values.count - 1 <= count + 2, "\(lower)…\(upper) /\(count)")
                #expect(ticks.values.count >= 2)
                // A smaller nice step would have needed more than maxCount parts.
                #expect((upper - lower) / ticks.step <= Double(count) * (1 + 1e-9))
            }
        }
    }

    @Test func degenerateRangesStillGetTicks() {
        let flat = NiceTicks(lower: 5, upper: 5, maxCount: 4)
        #expect(flat.domain.lowerBound < 5 && flat.domain.upperBound > 5)
        let zero = NiceTicks(lower: 0, upper: 0, maxCount: 4)
        #expect(zero.domain == -1...1)
        let bad = NiceTicks(lower: .nan, upper: .infinity, maxCount: 4)
        #expect(bad.domain == 0...1)
    }

    @Test func linearScaleMapsAndInverts() {
        let y = LinearScale(domain: 0...100, range: (300, 100))
        #expect(y(0) == 300)
        #expect(y(100) == 100)
        #expect(y(25) == 250)
        #expect(LinearScale(domain: 5...5, range: (0, 10))(5) == 5)
    }

    // MARK: Time ticks

    static func ms(_ text: String) -> Int64 { Timestamp(iso8601: text)!.milliseconds }

    struct TimeCase: Sendable, CustomTestStringConvertible {
        var from: String
        var to: String
        var maxCount: Int
        var step: String
        var labels: [String]
        var testDescription: String { "\(from)…\(to) /\(maxCount)" }
    }

    @Test(arguments: [
        TimeCase(
            from: "2026-02-03T10:00", to: "2026-02-03T11:30", maxCount: 10, step: "15m",
            labels: ["Feb 3 10:00", "10:15", "10:30", "10:45", "11:00", "11:15", "11:30"]),
        TimeCase(
            from: "2026-02-03T00:00", to: "2026-02-03T06:00", maxCount: 10, step: "1h",
            labels: ["Feb 3", "01:00", "02:00", "03:00", "04:00", "05:00", "06:00"]),
        TimeCase(
            from: "2026-02-01T00:00", to: "2026-02-04T00:00", maxCount: 10, step: "12h",
            labels: ["Feb 1", "12:00", "Feb 2", "12:00", "Feb 3", "12:00", "Feb 4"]),
        TimeCase(
            from: "2026-02-01T00:00", to: "2026-03-01T00:00", maxCount: 15, step: "2d",
            labels: [
                "Feb 1", "Feb 3", "Feb 5", "Feb 7", "Feb 9", "Feb 11", "Feb 13", "Feb 15", "Feb 17", "Feb 19",
                "Feb 21", "Feb 23", "Feb 25", "Feb 27", "Mar 1",
            ]),
        TimeCase(
            from: "2026-01-01T00:00", to: "2026-03-01T00:00", maxCount: 10, step: "1w",
            labels: ["Jan 5", "Jan 12", "Jan 19", "Jan 26", "Feb 2", "Feb 9", "Feb 16", "Feb 23"]),
        TimeCase(
            from: "2025-11-15T00:00", to: "2026-12-31T00:00", maxCount: 6, step: "3mo",
            labels: ["Jan 2026", "Apr", "Jul", "Oct"]),
        TimeCase(
            from: "2025-07-10T00:00", to: "2026-01-20T00:00", maxCount: 8, step: "1mo",
            labels: ["Aug 2025", "Sep", "Oct", "Nov", "Dec", "Jan 2026"]),
        TimeCase(
            from: "2020-01-01T00:00", to: "2030-01-01T00:00", maxCount: 8, step: "2y",
            labels: ["2020", "2022", "2024", "2026", "2028", "2030"]),
    ])
    func timeTicks(_ c: TimeCase) {
        let lower = Self.ms(c.from)
        let upper = Self.ms(c.to)
        let ticks = TimeTicks(lower: lower, upper: upper, maxCount: c.maxCount)
        #expect(ticks.step.description == c.step)
        #expect(ticks.labels == c.labels)
        #expect(ticks.values.count <= c.maxCount)
        #expect(ticks.values.allSatisfy { (lower...upper).contains($0) })
        #expect(ticks.values == ticks.values.sorted())
    }

    @Test func weekTicksFallOnMondaysAtMidnight() {
        let ticks = TimeTicks(lower: Self.ms("2026-03-04T07:00"), upper: Self.ms("2026-05-01T00:00"), maxCount: 10)
        #expect(ticks.step.unit == .week)
        for t in ticks.values {
            #expect(t % 86_400_000 == 0)
            #expect((t / 86_400_000 + 3) % 7 == 0, "\(Timestamp(milliseconds: t))")
        }
    }

    @Test(arguments: [60_000, 3_600_000, 86_400_000, 30 * 86_400_000, 400 * 86_400_000] as [Int64])
    func timeTicksNeverExceedTheLimit(_ span: Int64) {
        let start = Self.ms("2026-02-01T00:00")
        for limit in 2...20 {
            let ticks = TimeTicks(lower: start, upper: start + span, maxCount: limit)
            #expect(ticks.values.count <= limit, "span \(span) limit \(limit)")
        }
    }

    // MARK: Labels

    @Test func thinningKeepsEveryKthLabelThatFits() {
        let positions = (0...10).map { Double($0) * 10 }
        let widths = [Double](repeating: 15, count: 11)
        #expect(
            AxisLabels.thin(positions: positions, widths: widths, gap: 4, bounds: -100...200) == [0, 2, 4, 6, 8, 10])
        #expect(AxisLabels.thin(positions: positions, widths: widths, gap: 26, bounds: -100...200) == [0, 5, 10])
        let wide = positions.map { $0 * 5 }
        #expect(AxisLabels.thin(positions: wide, widths: widths, gap: 4, bounds: -100...600) == Array(0...10))
        // Labels that would stick out of the bounds are dropped.
        #expect(AxisLabels.thin(positions: wide, widths: widths, gap: 4, bounds: 0...480) == Array(1...9))
    }

    @Test func timeAxisLabelsDoNotOverlap() throws {
        for width in [320.0, 500, 800, 1160] {
            var chart = LineChart(
                id: "c", title: "t",
                series: [
                    LineChart.Series(
                        name: "s", color: ChartPalette.color(0),
                        points: (0..<672).map {
                            LineChart.Point(
                                time: Self.ms("2026-02-01T00:00") + Int64($0) * 3_600_000, value: Double($0 % 50))
                        })
                ], valueTitle: "v")
            chart.width = width
            let svg = chart.svg()
            let ticks = Self.textElements(svg, className: "tick").filter { $0.anchor == "middle" }
            #expect(ticks.count >= (width >= 500 ? 3 : 1), "width \(width)")
            for (a, b) in zip(ticks, ticks.dropFirst()) {
                let room = (AxisLabels.width(a.text, fontSize: 11) + AxisLabels.width(b.text, fontSize: 11)) / 2
                #expect(b.x - a.x >= room, "\(a.text) and \(b.text) overlap at width \(width)")
            }
            #expect(ticks.allSatisfy { $0.x - AxisLabels.width($0.text, fontSize: 11) / 2 >= 0 })
            #expect(ticks.allSatisfy { $0.x + AxisLabels.width($0.text, fontSize: 11) / 2 <= width })
        }
    }

    /// `<text class="…" x="…" …>label</text>` elements of a class, in document order.
    static func textElements(_ svg: String, className: String) -> [(x: Double, anchor: String, text: String)] {
        var out: [(x: Double, anchor: String, text: String)] = []
        for part in svg.components(separatedBy: "<text class=\"\(className)\"").dropFirst() {
            guard let close = part.range(of: ">"), let end = part.range(of: "</text>") else { continue }
            let attributes = String(part[..<close.lowerBound])
            func attribute(_ name: String) -> String? {
                guard let start = attributes.range(of: " \(name)=\"") else { return nil }
                let rest = attributes[start.upperBound...]
                return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
            }
            out.append(
                (
                    x: Double(attribute("x") ?? "") ?? .nan, anchor: attribute("text-anchor") ?? "start",
                    text: String(part[close.upperBound..<end.lowerBound])
                ))
        }
        return out
    }

    @Test func truncationAddsAnEllipsisOnlyWhenNeeded() {
        #expect(AxisLabels.truncate("momentum", maxWidth: 200, fontSize: 11) == "momentum")
        let short = AxisLabels.truncate(
            String(repeating: "volume_surge_breakout_", count: 4), maxWidth: 120, fontSize: 11)
        #expect(short.hasSuffix("…"))
        #expect(AxisLabels.width(short, fontSize: 11) <= 120)
    }

    // MARK: Escaping and text

    @Test func escapingCoversMarkupQuotesAndControls() {
        #expect(
            HTMLText.escape("<a href=\"x\">Tom & Jerry's</a>")
                == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
        #expect(HTMLText.escape("a\u{0}b\u{1B}c\td\ne") == "abc\td\ne")
        #expect(HTMLText.escape("Δ € ✕") == "Δ € ✕")
    }

    @Test func chartsEscapeEveryText() {
        let name = "<script>alert(\"x\")</script> & co"
        let bars = BarChart(
            id: "b\"", title: name, categories: [name],
            series: [BarChart.Series(name: name, color: ChartPalette.color(0), values: [1.5])], format: .money
        ).svg()
        let line = LineChart(
            id: "l", title: name,
            series: [LineChart.Series(name: name, color: "#000000", points: [LineChart.Point(time: 0, value: 1)])],
            valueTitle: name
        ).svg()
        var table = HTMLTable(id: "t", columns: [(name, false)])
        table.rows = [[.text(name)]]
        for markup in [bars, line, table.html()] {
            #expect(!markup.contains("<script"))
            #expect(!markup.contains("\"x\""))
            #expect(markup.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co"))
        }
        #expect(bars.contains("id=\"b&quot;\""))
    }

    @Test(arguments: [
        (1.25, "1.3"), (-0.04, "0"), (-0.06, "-0.1"), (12, "12"), (1160, "1160"), (-3.56, "-3.6"),
        (Double.nan, "0"),
    ])
    func coordinates(_ value: Double, _ text: String) {
        #expect(HTMLText.coordinate(value) == text)
    }

    @Test(arguments: [
        (1_234_567.891, 2, "1,234,567.89"), (-0.004, 2, "0.00"), (-1234.5, 0, "-1,235"), (0.5, 1, "0.5"),
        (999.999, 2, "1,000.00"), (-12.346, 2, "-12.35"), (100, 0, "100"),
    ])
    func fixedDecimals(_ value: Double, _ decimals: Int, _ text: String) {
        #expect(HTMLText.fixed(value, decimals: decimals) == text)
    }

    @Test func slugsAreIdentifiers() {
        #expect(HTMLText.slug("strongest_wins/live_compat") == "strongest-wins-live-compat")
        #expect(HTMLText.slug("  ") == "x")
    }

    // MARK: Palette

    @Test func paletteHasTenDistinctReadableColours() throws {
        #expect(ChartPalette.colors.count == 10)
        #expect(Set(ChartPalette.colors).count == 10)
        let rgb = try ChartPalette.colors.map { try #require(ChartPalette.components($0)) }
        for i in rgb.indices {
            for j in rgb.indices where j > i {
                let distance = zip(rgb[i], rgb[j]).map { Double(($0 - $1) * ($0 - $1)) }.reduce(0, +).squareRoot()
                #expect(distance > 50, "\(ChartPalette.colors[i]) vs \(ChartPalette.colors[j])")
            }
            // Not too light on white.
            #expect(rgb[i].reduce(0, +) < 3 * 215, "\(ChartPalette.colors[i])")
        }
        #expect(ChartPalette.color(10) == ChartPalette.color(0))
        #expect(!ChartPalette.isDashed(9) && ChartPalette.isDashed(10))
        #expect(ChartPalette.heat(0) == "#ffffff")
        #expect(ChartPalette.heat(1) == "#2b5c8a")
        #expect(ChartPalette.darker("#ffffff", factor: 0.5) == "#808080")
    }

    // MARK: Determinism and shapes

    @Test func chartsAreByteForByteDeterministic() {
        func make() -> String {
            let points = (0..<500).map {
                LineChart.Point(
                    time: Self.ms("2026-02-01T00:00") + Int64($0) * 60_000, value: Double($0 * 37 % 101) / 7)
            }
            var line = LineChart(
                id: "x", title: "x",
                series: [
                    LineChart.Series(name: "a", color: ChartPalette.color(0), points: points),
                    LineChart.Series(name: "b", color: ChartPalette.color(1), points: points.reversed(), stepped: true),
                ], valueTitle: "v")
            line.reference = (3, "ref")
            let bars = BarChart(
                id: "y", title: "y", categories: ["p", "q"],
                series: [BarChart.Series(name: "a", color: ChartPalette.color(0), values: [-1.5, nil])],
                format: .percent)
            let price = PriceChart(
                id: "z", title: "z",
                bars: (0..<30).map {
                    PriceChart.Bar(
                        time: Int64($0) * 3_600_000, open: 10, high: 11, low: 9, close: $0 % 2 == 0 ? 10.5 : 9.5)
                }, interval: 3_600_000,
                markers: MarkerShape.allCases.enumerated().map {
                    PriceChart.Marker(
                        time: Int64($0.offset) * 7_200_000, price: 10, color: ChartPalette.color($0.offset),
                        shape: $0.element,
                        title: "m")
                }, strategies: [(name: "a", color: ChartPalette.color(0))], valueTitle: "p",
                timeDomain: 0...(29 * 3_600_000))
            return line.svg() + bars.svg() + price.svg()
        }
        let first = make()
        #expect(first == make())
        #expect(first.contains("<svg id=\"x\""))
    }

    @Test func lineReductionKeepsTheExtremes() {
        let points = (0..<10_000).map {
            LineChart.Point(time: Int64($0), value: $0 == 4_321 ? 99 : ($0 == 777 ? -99 : 0))
        }
        let reduced = LineChart.reduce(points, columns: 100)
        #expect(reduced.count <= 400)
        #expect(reduced.contains { $0.value == 99 })
        #expect(reduced.contains { $0.value == -99 })
        #expect(reduced.first == points.first && reduced.last == points.last)
        #expect(reduced.map(\.time) == reduced.map(\.time).sorted())
    }

    @Test func priceChartSwitchesFromCandlesToABandWhenDense() {
        func chart(hours: Int) -> PriceChart {
            PriceChart(
                id: "p", title: "p",
                bars: (0..<hours).map {
                    PriceChart.Bar(time: Int64($0) * 3_600_000, open: 1, high: 2, low: 0.5, close: 1.5)
                },
                interval: 3_600_000, markers: [], strategies: [], valueTitle: "p",
                timeDomain: 0...(Int64(hours - 1) * 3_600_000))
        }
        #expect(chart(hours: 72).drawsCandles)
        #expect(chart(hours: 72).svg().contains("class=\"candle up\""))
        #expect(!chart(hours: 672).drawsCandles)
        #expect(chart(hours: 672).svg().contains("class=\"range-band\""))
    }
}
