/// Builds one inline `<svg>` element as text: shapes with coordinates rounded to 0.1 px, every
/// text and attribute value escaped. Styling comes from the page's stylesheet (classes) plus
/// explicit series colours, so the chart reads without scripts.
struct SVGCanvas {
    /// How a text is anchored at its point.
    enum Anchor: String {
        case start, middle, end
    }

    let width: Double
    let height: Double
    private(set) var body = ""

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// The finished element, with `title` as its accessible name and tooltip.
    func svg(id: String, title: String, className: String = "chart-svg") -> String {
        let w = HTMLText.coordinate(width)
        let h = HTMLText.coordinate(height)
        return "<svg id=\"\(HTMLText.escape(id))\" class=\"\(className)\" "
            + "viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\" role=\"img\" "
            + "preserveAspectRatio=\"xMinYMin meet\">"
            + "<title>\(HTMLText.escape(title))</title>\n" + body + "</svg>"
    }

    /// Appends pre-built markup.
    mutating func raw(_ markup: String) { body += markup }

    mutating func line(
        _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, className: String, stroke: String? = nil
    ) {
        body += "<line class=\"\(className)\" x1=\"\(c(x1))\" y1=\"\(c(y1))\" x2=\"\(c(x2))\" y2=\"\(c(y2))\""
        if let stroke { body += " stroke=\"\(stroke)\"" }
        body += "/>\n"
    }

    mutating func rect(
        _ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String? = nil, className: String? = nil,
        title: String? = nil
    ) {
        body += "<rect"
        if let className { body += " class=\"\(className)\"" }
        body += " x=\"\(c(x))\" y=\"\(c(y))\" width=\"\(c(max(0, w)))\" height=\"\(c(max(0, h)))\""
        if let fill { body += " fill=\"\(fill)\"" }
        if let title {
            body += "><title>\(HTMLText.escape(title))</title></rect>\n"
        } else {
            body += "/>\n"
        }
    }

    /// A circle with an optional fill, outline colour and tooltip.
    mutating func circle(
        _ cx: Double, _ cy: Double, radius: Double, fill: String, stroke: String? = nil, className: String,
        title: String? = nil
    ) {
        body += "<circle class=\"\(className)\" cx=\"\(c(cx))\" cy=\"\(c(cy))\" r=\"\(c(radius))\" fill=\"\(fill)\""
        if let stroke { body += " stroke=\"\(stroke)\"" }
        if let title {
            body += "><title>\(HTMLText.escape(title))</title></circle>\n"
        } else {
            body += "/>\n"
        }
    }

    /// A `<path>`; `attributes` is pre-escaped markup such as ` stroke="#4e79a7"`.
    mutating func path(_ d: String, className: String, attributes: String = "", title: String? = nil) {
        guard !d.isEmpty else { return }
        body += "<path class=\"\(className)\" d=\"\(d)\"\(attributes)"
        if let title {
            body += "><title>\(HTMLText.escape(title))</title></path>\n"
        } else {
            body += "/>\n"
        }
    }

    mutating func text(
        _ text: String, _ x: Double, _ y: Double, anchor: Anchor = .start, className: String = "label",
        rotate: Double? = nil, fill: String? = nil
    ) {
        body += "<text class=\"\(className)\" x=\"\(c(x))\" y=\"\(c(y))\""
        if anchor != .start { body += " text-anchor=\"\(anchor.rawValue)\"" }
        if let rotate { body += " transform=\"rotate(\(c(rotate)) \(c(x)) \(c(y)))\"" }
        if let fill { body += " fill=\"\(fill)\"" }
        body += ">\(HTMLText.escape(text))</text>\n"
    }

    private func c(_ value: Double) -> String { HTMLText.coordinate(value) }
}

/// The `d` of an SVG path, built from absolute moves and lines.
struct PathBuilder {
    private(set) var d = ""
    private var last: (String, String)?

    mutating func move(_ x: Double, _ y: Double) {
        let p = (HTMLText.coordinate(x), HTMLText.coordinate(y))
        d += "M" + p.0 + " " + p.1
        last = p
    }

    /// A line to (x, y); skipped when it rounds to the current point.
    mutating func line(_ x: Double, _ y: Double) {
        let p = (HTMLText.coordinate(x), HTMLText.coordinate(y))
        if let last, last == p { return }
        d += "L" + p.0 + " " + p.1
        last = p
    }

    mutating func close() { d += "Z" }
}
