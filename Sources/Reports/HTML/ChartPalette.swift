/// The series colours: Tableau 10 (Tableau's 2016 default palette), ten hues chosen to stay
/// distinguishable from each other, on white, and for the common colour-vision deficiencies
/// better than a rainbow. Series past the tenth reuse the colours with a dashed line.
enum ChartPalette {
    static let colors = [
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
        "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
    ]

    /// The colour of series `index` (0-based).
    static func color(_ index: Int) -> String { colors[((index % colors.count) + colors.count) % colors.count] }

    /// True when series `index` repeats a colour and is drawn dashed to tell it apart.
    static func isDashed(_ index: Int) -> Bool { index >= colors.count }

    /// A darker shade of a `#rrggbb` colour (`factor` 0…1 of the original brightness), for
    /// outlines and text on a coloured fill.
    static func darker(_ hex: String, factor: Double) -> String {
        guard let rgb = components(hex) else { return hex }
        return Self.hex(rgb.map { Int((Double($0) * factor).rounded()) })
    }

    /// The colour of a heat-map cell: white at 0 to `#2b5c8a` at 1.
    static func heat(_ fraction: Double) -> String {
        let f = min(1, max(0, fraction.isFinite ? fraction : 0))
        let low = [255, 255, 255]
        let high = [0x2B, 0x5C, 0x8A]
        return hex(zip(low, high).map { Int((Double($0) + (Double($1) - Double($0)) * f).rounded()) })
    }

    /// The colour of a signed heat-map cell: `#b42318` (red) at −1, white at 0, `#2b5c8a` (blue)
    /// at +1; values outside −1…1 are clamped.
    static func diverging(_ fraction: Double) -> String {
        let f = min(1, max(-1, fraction.isFinite ? fraction : 0))
        let low = [255, 255, 255]
        let high = f < 0 ? [0xB4, 0x23, 0x18] : [0x2B, 0x5C, 0x8A]
        return hex(zip(low, high).map { Int((Double($0) + (Double($1) - Double($0)) * abs(f)).rounded()) })
    }

    static func components(_ hex: String) -> [Int]? {
        let digits = Array(hex.utf8.dropFirst())
        guard hex.hasPrefix("#"), digits.count == 6 else { return nil }
        var out: [Int] = []
        for i in stride(from: 0, to: 6, by: 2) {
            guard let value = Int(String(decoding: digits[i..<i + 2], as: UTF8.self), radix: 16) else { return nil }
            out.append(value)
        }
        return out
    }

    static func hex(_ rgb: [Int]) -> String {
        let table = Array("0123456789abcdef")
        var out = "#"
        for value in rgb {
            let v = max(0, min(255, value))
            out.append(table[v / 16])
            out.append(table[v % 16])
        }
        return out
    }
}
