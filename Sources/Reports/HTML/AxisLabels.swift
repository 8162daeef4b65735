/// Label layout without a browser: an estimate of a text's rendered width, and the thinning that
/// keeps axis labels from overlapping.
enum AxisLabels {
    /// An upper estimate of the width of `text` in a sans-serif font of `fontSize` pixels.
    ///
    /// Per-character widths (in em) are the larger of Helvetica/Arial, Liberation Sans and
    /// DejaVu Sans (the fonts a Linux browser falls back to), so labels laid out with it do not
    /// overlap in any of them.
    static func width(_ text: String, fontSize: Double) -> Double {
        var em = 0.0
        for scalar in text.unicodeScalars {
            em += characterWidth(scalar)
        }
        return em * fontSize
    }

    static func characterWidth(_ scalar: Unicode.Scalar) -> Double {
        switch scalar {
        case "0"..."9": 0.64
        case " ": 0.32
        case ".", ",", ":", ";", "'", "|", "!", "i", "j", "l", "I": 0.32
        case "f", "t", "r", "(", ")", "[", "]", "-", "/": 0.42
        case "m", "w", "M", "W", "%", "@": 0.98
        case "A"..."Z", "_", "#", "&": 0.74
        case "a"..."z": 0.62
        default: scalar.value < 0x80 ? 0.64 : (scalar.value >= 0x2E80 ? 1.0 : 0.7)
        }
    }

    /// The indices of the labels to keep: every k-th one from the first, with the smallest k for
    /// which no two kept labels overlap (`gap` pixels apart at least) and every kept label lies
    /// inside `bounds`. Labels are centred on their `positions` (ascending pixels).
    ///
    /// - Returns: The kept indices, ascending (empty when not even one label fits).
    static func thin(
        positions: [Double], widths: [Double], gap: Double, bounds: ClosedRange<Double>
    ) -> [Int] {
        precondition(positions.count == widths.count)
        let inside = positions.indices.filter { i in
            positions[i] - widths[i] / 2 >= bounds.lowerBound - 0.5
                && positions[i] + widths[i] / 2 <= bounds.upperBound + 0.5
        }
        guard !inside.isEmpty else { return [] }
        for k in 1...inside.count {
            let kept = stride(from: 0, to: inside.count, by: k).map { inside[$0] }
            var fits = true
            for (a, b) in zip(kept, kept.dropFirst())
            where positions[b] - positions[a] < (widths[a] + widths[b]) / 2 + gap {
                fits = false
                break
            }
            if fits { return kept }
        }
        return [inside[0]]
    }

    /// `text` shortened with `…` to fit `maxWidth` pixels (unchanged when it fits).
    static func truncate(_ text: String, maxWidth: Double, fontSize: Double) -> String {
        guard width(text, fontSize: fontSize) > maxWidth else { return text }
        var kept = ""
        var used = characterWidth("…") * fontSize
        for scalar in text.unicodeScalars {
            let w = characterWidth(scalar) * fontSize
            if used + w > maxWidth { break }
            used += w
            kept.unicodeScalars.append(scalar)
        }
        return kept + "…"
    }
}
