/// The sweep page's heat map: a point figure over any two varied keys, picked in the page.
///
/// The page has no script, so every map is drawn in advance and radio buttons pick one with CSS:
/// each map carries a class per choice it answers (`x0`, `y1`, `m-delta`, `o-fixed`, `v2-0` or
/// `v2-any`), and one rule per radio button hides the maps without its class while it is checked
/// (`:has()`). A browser without `:has()` shows every map, each with its caption.
extension SweepHTMLBuilder {
    /// The figure a cell shows.
    enum HeatMetric: CaseIterable {
        case delta, net, equity

        var id: String {
            switch self {
            case .delta: "delta"
            case .net: "net"
            case .equity: "equity"
            }
        }

        var title: String {
            switch self {
            case .delta: "Δ net vs baseline"
            case .net: "net PnL"
            case .equity: "equity change"
            }
        }

        func value(_ point: Point) -> Double? {
            switch self {
            case .delta: point.isBaseline ? 0 : point.delta
            case .net: point.net
            case .equity: point.equityChange
            }
        }
    }

    /// How the keys on neither axis are handled.
    enum HeatMode: CaseIterable {
        /// Each at one value picked in the page (default: the baseline's).
        case fixed
        /// The mean over every combination of their values.
        case mean
        /// The highest value over every combination of their values.
        case best

        var id: String {
            switch self {
            case .fixed: "fixed"
            case .mean: "mean"
            case .best: "best"
            }
        }

        var title: String {
            switch self {
            case .fixed: "fixed at the values below"
            case .mean: "mean over their values"
            case .best: "best (highest) of their values"
            }
        }
    }

    /// Cells of the fixed maps at most; a larger grid draws only the baseline's values of the
    /// other keys.
    static let maxFixedCells = 60_000

    /// True when the fixed maps cover every combination of the other keys' values.
    var heatSlicesComplete: Bool {
        let k = variedKeys.count
        return HeatMetric.allCases.count * k * (k - 1) * points.count <= Self.maxFixedCells
    }

    var heatModes: [HeatMode] { variedKeys.count >= 3 ? HeatMode.allCases : [.fixed] }

    /// The value index of the baseline (or the first point) for a varied key.
    func baselineIndex(_ key: Key) -> Int {
        let value = (baseline ?? points.first)?.values[key.position] ?? ""
        return key.values.firstIndex(of: value) ?? 0
    }

    func heatMapSection() -> HTMLReportBuilder.Section {
        let title = "Heat map"
        let varied = variedKeys
        var body = HTMLReportBuilder.paragraph(
            "Each cell is a point's whole-range figure for one value of the key across and one of the key down. Pick "
                + "the two keys, the figure (Δ net vs baseline, net PnL or equity change) and how the other keys are "
                + "handled: each fixed at one value (default: the baseline's), or the mean or the best (highest) "
                + "figure over all their values. Blue above 0, red below, white at 0, on one scale per figure (± the "
                + "largest absolute value in the sweep). Outlined: the baseline; dashed outline: the cell whose "
                + "points include the baseline (mean and best). Hover a cell for the point and its statistics.")
        guard varied.count >= 2 else {
            body += HTMLReportBuilder.paragraph(
                "The heat map needs two keys with more than one value; this sweep varies \(varied.count). "
                    + "The ranking and the Δ chart show every point.")
            return HTMLReportBuilder.Section(id: "heatmap", title: title, body: body)
        }
        if !heatSlicesComplete && varied.count >= 3 {
            body += HTMLReportBuilder.paragraph(
                "This grid has too many combinations to draw every map: with “fixed”, the keys on neither axis stay "
                    + "at the baseline's values.", className: "note")
        }
        body += "<div class=\"heat-controls\">\n"
        body += radioGroup(
            legend: "Across (columns)", name: "heat-x",
            options: varied.indices.map { ("heat-x-\($0)", varied[$0].name) },
            checked: 0)
        body += radioGroup(
            legend: "Down (rows)", name: "heat-y", options: varied.indices.map { ("heat-y-\($0)", varied[$0].name) },
            checked: 1)
        body += radioGroup(
            legend: "Cells", name: "heat-m", options: HeatMetric.allCases.map { ("heat-m-\($0.id)", $0.title) },
            checked: 0)
        if heatModes.count > 1 {
            body += radioGroup(
                legend: "Other keys", name: "heat-o", options: heatModes.map { ("heat-o-\($0.id)", $0.title) },
                checked: 0)
        }
        body += "</div>\n"
        if varied.count >= 3 && heatSlicesComplete {
            body += "<div class=\"heat-controls heat-values\">\n"
            for (k, key) in varied.enumerated() {
                body += radioGroup(
                    legend: key.name + " (when fixed)", name: "heat-v-\(k)",
                    options: key.values.indices.map { ("heat-v-\(k)-\($0)", key.values[$0]) },
                    checked: baselineIndex(key), className: "heat-v-\(k)")
            }
            body += "</div>\n"
        }
        body += "<p class=\"heat-same note\">Pick two different keys across and down.</p>\n"
        body += "<div class=\"heat-maps\">\n"
        var lookup: [String: Point] = [:]
        for point in points { lookup[point.values.joined(separator: "\u{1F}")] = point }
        for a in varied.indices {
            for b in varied.indices where b != a {
                for metric in HeatMetric.allCases {
                    for mode in heatModes {
                        body += heatMaps(x: a, y: b, metric: metric, mode: mode, lookup: lookup)
                    }
                }
            }
        }
        body += "</div>\n"
        return HTMLReportBuilder.Section(id: "heatmap", title: title, body: body)
    }

    /// A fieldset of radio buttons with their labels.
    func radioGroup(
        legend: String, name: String, options: [(id: String, label: String)], checked: Int, className: String? = nil
    ) -> String {
        var out = "<fieldset" + (className.map { " class=\"\($0)\"" } ?? "") + ">"
        out += "<legend>\(HTMLText.escape(legend))</legend>"
        for (index, option) in options.enumerated() {
            out += "<input type=\"radio\" name=\"\(name)\" id=\"\(option.id)\"\(index == checked ? " checked" : "")>"
            out += "<label for=\"\(option.id)\">\(HTMLText.escape(option.label))</label>"
        }
        return out + "</fieldset>\n"
    }

    /// The maps of one pair of keys, figure and mode: one per combination of the other keys'
    /// values for `fixed`, one otherwise.
    func heatMaps(x a: Int, y b: Int, metric: HeatMetric, mode: HeatMode, lookup: [String: Point]) -> String {
        let varied = variedKeys
        let others = varied.indices.filter { $0 != a && $0 != b }
        let scale = max(points.compactMap(metric.value).map(abs).max() ?? 0, 1e-9)
        var slices: [[Int]] = [[]]
        if mode == .fixed {
            if heatSlicesComplete {
                for k in others {
                    slices = slices.flatMap { slice in varied[k].values.indices.map { slice + [$0] } }
                }
            } else {
                slices = [others.map { baselineIndex(varied[$0]) }]
            }
        }
        let (xKey, yKey) = (varied[a], varied[b])
        var out = ""
        for slice in slices {
            var classes = ["hm", "x\(a)", "y\(b)", "m-\(metric.id)"]
            if heatModes.count > 1 { classes.append("o-\(mode.id)") }
            var suffix = "x\(a)-y\(b)-\(metric.id)-\(mode.id)"
            for k in varied.indices {
                if mode == .fixed, let o = others.firstIndex(of: k), heatSlicesComplete {
                    classes.append("v\(k)-\(slice[o])")
                    suffix += "-v\(k)-\(slice[o])"
                } else {
                    classes.append("v\(k)-any")
                }
            }
            var caption = "\(metric.title) (USDT): \(xKey.name) across, \(yKey.name) down"
            switch mode {
            case .fixed:
                let fixed = zip(others, slice).map { "\(varied[$0].name) = \(varied[$0].values[$1])" }
                if !fixed.isEmpty { caption += "; " + fixed.joined(separator: ", ") }
            case .mean, .best:
                let names = others.map { varied[$0].name }.joined(separator: ", ")
                caption += mode == .mean ? "; mean over \(names)" : "; best (highest) over \(names)"
            }
            var table = HTMLTable(
                id: "table-heatmap-" + suffix,
                columns: [("\(yKey.name) ↓ · \(xKey.name) →", false)] + xKey.values.map { ($0, true) })
            table.className = "data heatmap"
            table.caption = caption
            for (j, yValue) in yKey.values.enumerated() {
                var cells: [HTMLTable.Cell] = [.text(yValue)]
                for (i, xValue) in xKey.values.enumerated() {
                    var cell: HTMLTable.Cell
                    switch mode {
                    case .fixed:
                        var values = keys.map { $0.values.first ?? "" }
                        if let baseline { values = baseline.values }
                        values[xKey.position] = xKey.values[i]
                        values[yKey.position] = yKey.values[j]
                        for (o, k) in others.enumerated() {
                            values[varied[k].position] = varied[k].values[slice[o]]
                        }
                        guard let point = lookup[values.joined(separator: "\u{1F}")] else {
                            cells.append(HTMLTable.Cell(text: "–", isNumber: true))
                            continue
                        }
                        cell = heatCell(metric.value(point), scale: scale)
                        cell.title = Self.tooltip(point)
                        if point.isBaseline { cell.className = "baseline" }
                    case .mean, .best:
                        let group = points.filter {
                            $0.values[xKey.position] == xValue && $0.values[yKey.position] == yValue
                        }
                        let figures = group.compactMap(metric.value)
                        let value =
                            figures.isEmpty
                            ? nil : mode == .mean ? figures.reduce(0, +) / Double(figures.count) : figures.max()
                        cell = heatCell(value, scale: scale)
                        var title = "\(xKey.name)=\(xValue) \(yKey.name)=\(yValue): \(metric.title) "
                        title += mode == .mean ? "mean of \(figures.count) points" : "best of \(figures.count) points"
                        if mode == .best, let value, let top = group.first(where: { metric.value($0) == value }) {
                            title += "\nbest: " + Self.tooltip(top)
                        }
                        cell.title = title
                        if group.contains(where: \.isBaseline) { cell.className = "has-baseline" }
                    }
                    cells.append(cell)
                }
                table.rows.append(cells)
            }
            out += "<div class=\"\(classes.joined(separator: " "))\">\n" + table.html() + "</div>\n"
        }
        return out
    }

    /// A shaded number cell: blue above 0, red below, deeper with |value| / `scale`.
    func heatCell(_ value: Double?, scale: Double) -> HTMLTable.Cell {
        guard let value else { return HTMLTable.Cell(text: "-", isNumber: true) }
        let fraction = value / scale
        var cell = HTMLTable.Cell(text: HTMLText.money(value), isNumber: true)
        cell.background = ChartPalette.diverging(fraction)
        cell.lightText = abs(fraction) > 0.55
        return cell
    }

    /// The rules that show the picked map: each checked radio button hides the maps without its
    /// class; two equal keys show a note instead.
    func heatMapCSS() -> String {
        let varied = variedKeys
        guard varied.count >= 2 else { return "" }
        var out = ""
        func hide(_ radio: String, unless classes: [String]) {
            out += "#heatmap:has(#\(radio):checked) .hm" + classes.map { ":not(.\($0))" }.joined()
            out += " { display: none; }\n"
        }
        for k in varied.indices {
            hide("heat-x-\(k)", unless: ["x\(k)"])
            hide("heat-y-\(k)", unless: ["y\(k)"])
            out += "#heatmap:has(#heat-x-\(k):checked):has(#heat-y-\(k):checked) .heat-same { display: block; }\n"
            out += "#heatmap:has(#heat-x-\(k):checked) .heat-v-\(k), #heatmap:has(#heat-y-\(k):checked) "
            out += ".heat-v-\(k) { opacity: 0.45; }\n"
        }
        for metric in HeatMetric.allCases { hide("heat-m-\(metric.id)", unless: ["m-\(metric.id)"]) }
        if heatModes.count > 1 {
            for mode in heatModes {
                hide("heat-o-\(mode.id)", unless: ["o-\(mode.id)"])
                if mode != .fixed {
                    out += "#heatmap:has(#heat-o-\(mode.id):checked) .heat-values { opacity: 0.45; }\n"
                }
            }
        }
        if varied.count >= 3 && heatSlicesComplete {
            for (k, key) in varied.enumerated() {
                for j in key.values.indices { hide("heat-v-\(k)-\(j)", unless: ["v\(k)-\(j)", "v\(k)-any"]) }
            }
        }
        return out
    }
}
