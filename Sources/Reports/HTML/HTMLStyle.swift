/// The page's stylesheet: system fonts only (nothing to download), charts styled by class, tables
/// with right-aligned tabular numbers, and a print stylesheet that keeps each chart and table on
/// one page where it fits.
enum HTMLStyle {
    static var css: String {
        var out = base
        for (index, color) in ChartPalette.colors.enumerated() {
            out += ".swatch-\(index)::before { background: \(color); }\n"
        }
        return out + print
    }

    static let base = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #fff; color: #1f2328;
          font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans",
            "DejaVu Sans", sans-serif; }
        header, nav, main, footer { max-width: 1200px; margin: 0 auto; padding: 0 20px; }
        header { padding-top: 20px; }
        h1 { font-size: 24px; margin: 0 0 4px; }
        h2 { font-size: 19px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 1px solid #d0d7de; }
        h3 { font-size: 15px; margin: 22px 0 6px; }
        h4 { font-size: 13px; margin: 12px 0 4px; color: #57606a; }
        p { margin: 6px 0 10px; max-width: 900px; }
        .subtitle { color: #57606a; margin: 0; }
        .note { color: #57606a; font-style: italic; }
        nav ol { display: flex; flex-wrap: wrap; gap: 4px 18px; list-style: none; margin: 14px 0 0; padding: 8px 0;
          border-top: 1px solid #d0d7de; border-bottom: 1px solid #d0d7de; font-size: 13px; }
        nav a { color: #0969da; text-decoration: none; }
        footer { margin-top: 40px; padding-bottom: 30px; color: #57606a; font-size: 12px; }
        figure.chart { margin: 8px 0 22px; }
        figure.chart svg { display: block; width: 100%; max-width: 1160px; height: auto; }
        figcaption { font-size: 12px; color: #57606a; margin-top: 2px; }
        .scroll { overflow-x: auto; }
        .pair { display: flex; flex-wrap: wrap; gap: 8px 32px; align-items: flex-start; }
        table.data { border-collapse: collapse; font-size: 12.5px; margin: 6px 0 16px;
          font-variant-numeric: tabular-nums; }
        table.data th, table.data td { padding: 3px 9px; border-bottom: 1px solid #eaeef2; text-align: left;
          white-space: nowrap; }
        table.data thead th { background: #f6f8fa; border-bottom: 1px solid #d0d7de; font-weight: 600; }
        table.data tbody th, table.data tfoot th { font-weight: 500; }
        table.data tfoot th, table.data tfoot td { border-top: 1px solid #8c959f; font-weight: 600; }
        table.data .num { text-align: right; }
        table.data td.wrap { white-space: normal; min-width: 160px; }
        table.data .neg { color: #b42318; }
        table.data .mono, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono",
          "DejaVu Sans Mono", monospace; font-size: 12px; }
        table.heatmap td { min-width: 52px; }
        table.heatmap td.on-dark { color: #fff; }
        table.heatmap td.diagonal { background: #f6f8fa; color: #57606a; font-style: italic; }
        [class^="swatch-"]::before, [class*=" swatch-"]::before { content: ""; display: inline-block; width: 10px;
          height: 10px; margin-right: 6px; border-radius: 2px; vertical-align: -1px; }
        svg text { font-size: 11px; fill: #1f2328; }
        svg .tick { fill: #57606a; }
        svg .axis-title { font-size: 11px; fill: #57606a; }
        svg .legend-label { font-size: 12px; }
        svg .category { font-size: 11px; }
        svg .value { font-size: 10.5px; fill: #424a53; }
        svg .muted { fill: #8c959f; }
        svg .grid { stroke: #eaeef2; stroke-width: 1; }
        svg .zero { stroke: #8c959f; stroke-width: 1; }
        svg .axis { stroke: #8c959f; stroke-width: 1; }
        svg .reference { stroke: #57606a; stroke-width: 1; stroke-dasharray: 4 4; }
        svg .reference-label { font-size: 10.5px; fill: #57606a; }
        svg .series { fill: none; stroke-width: 1.6; stroke-linejoin: round; }
        svg .dashed { stroke-dasharray: 6 3; }
        svg .legend-line { stroke-width: 2.5; }
        svg .wick { stroke: #6e7781; stroke-width: 1; fill: none; }
        svg .candle.up { fill: #fff; stroke: #57606a; stroke-width: 1; }
        svg .candle.down { fill: #6e7781; stroke: #424a53; stroke-width: 1; }
        svg .range-band { fill: #afb8c1; fill-opacity: 0.55; stroke: none; }
        svg .close-line { fill: none; stroke: #424a53; stroke-width: 1; }
        svg .marker { stroke-width: 0.8; fill-opacity: 0.85; }
        svg .marker.sl { fill: none; stroke-width: 2; }
        svg .marker.exit { fill: #fff; stroke-width: 1.6; }

        """

    static let print = """
        @page { margin: 12mm; }
        @media print {
          body { font-size: 11px; }
          header, nav, main, footer { max-width: none; padding: 0; }
          nav { display: none; }
          h2 { break-after: avoid; page-break-after: avoid; margin-top: 18px; }
          h3, h4 { break-after: avoid; page-break-after: avoid; }
          figure.chart, table.data, .pair > div { break-inside: avoid; page-break-inside: avoid; }
          figure.chart svg { max-width: 100%; }
          .scroll { overflow: visible; }
          table.data { font-size: 10px; }
          a { color: inherit; text-decoration: none; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }

        """
}
