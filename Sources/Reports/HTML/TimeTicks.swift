import Market

/// Ticks for a UTC time axis: the finest calendar step (minutes, hours, days, weeks, months or
/// years) that gives at most `maxCount` ticks, aligned to the calendar (hours on multiples of the
/// step, days at midnight, weeks on Mondays, months on the 1st, years on 1 January), with labels
/// that suit the step: `06:00` inside a day (`Feb 3 06:00` on the first tick), `Feb 3` at midnight
/// and for days and weeks, `Feb` for months (`Jan 2027` at a new year and on the first tick),
/// `2026` for years.
struct TimeTicks: Sendable, Hashable {
    /// A calendar unit of a step.
    enum Unit: Sendable, Hashable {
        case minute, hour, day, week, month, year
    }

    /// A tick step: `count` × `unit`.
    struct Step: Sendable, Hashable, CustomStringConvertible {
        var unit: Unit
        var count: Int

        /// Its approximate length in milliseconds (months 30.44 days, years 365.25 days).
        var approximateMilliseconds: Int64 {
            let n = Int64(count)
            return switch unit {
            case .minute: n * 60_000
            case .hour: n * 3_600_000
            case .day: n * 86_400_000
            case .week: n * 7 * 86_400_000
            case .month: n * 2_629_746_000
            case .year: n * 31_556_952_000
            }
        }

        var description: String {
            let name =
                switch unit {
                case .minute: "m"
                case .hour: "h"
                case .day: "d"
                case .week: "w"
                case .month: "mo"
                case .year: "y"
                }
            return "\(count)\(name)"
        }
    }

    /// The steps tried, finest first; years continue as 2, 5, 10, 20, 50, … when needed.
    static let steps: [Step] = [
        Step(unit: .minute, count: 1), Step(unit: .minute, count: 5), Step(unit: .minute, count: 15),
        Step(unit: .minute, count: 30), Step(unit: .hour, count: 1), Step(unit: .hour, count: 3),
        Step(unit: .hour, count: 6), Step(unit: .hour, count: 12), Step(unit: .day, count: 1),
        Step(unit: .day, count: 2), Step(unit: .week, count: 1), Step(unit: .month, count: 1),
        Step(unit: .month, count: 3), Step(unit: .month, count: 6), Step(unit: .year, count: 1),
    ]

    /// The chosen step.
    var step: Step
    /// The tick times (milliseconds since the epoch), inside the range, ascending.
    var values: [Int64]

    /// Ticks inside `lower...upper` (milliseconds), at most `maxCount` of them (at least one
    /// step's worth is always attempted, so a very short range may get a single tick or none).
    init(lower: Int64, upper: Int64, maxCount: Int) {
        let lo = min(lower, upper)
        let hi = max(lower, upper)
        let span = hi - lo
        let limit = Int64(max(1, maxCount))
        var chosen = Self.steps.first { span / $0.approximateMilliseconds + 1 <= limit }
        if chosen == nil {
            var years = 1
            var candidates: [Int] = []
            while candidates.count < 40 {
                candidates.append(contentsOf: [2 * years, 5 * years, 10 * years])
                years *= 10
            }
            let found = candidates.first { span / Step(unit: .year, count: $0).approximateMilliseconds + 1 <= limit }
            chosen = Step(unit: .year, count: found ?? candidates.last!)
        }
        let step = chosen!
        self.step = step
        var values = Self.ticks(from: lo, to: hi, step: step)
        // The approximate lengths may let one tick too many through; drop alternate ones.
        while values.count > Int(limit) && values.count > 1 {
            values = values.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        }
        self.values = values
    }

    /// The aligned tick times of `step` inside `lo...hi`.
    static func ticks(from lo: Int64, to hi: Int64, step: Step) -> [Int64] {
        var out: [Int64] = []
        switch step.unit {
        case .minute, .hour:
            let size = step.approximateMilliseconds
            var t = floorDiv(lo, size) * size
            if t < lo { t += size }
            while t <= hi {
                out.append(t)
                t += size
            }
        case .day:
            var day = floorDiv(lo, 86_400_000)
            if day * 86_400_000 < lo { day += 1 }
            while day * 86_400_000 <= hi {
                let civil = CivilTime(Timestamp(milliseconds: day * 86_400_000))
                if (civil.day - 1) % step.count == 0 && (step.count == 1 || civil.day < 31) {
                    out.append(day * 86_400_000)
                }
                day += 1
            }
        case .week:
            var day = floorDiv(lo, 86_400_000)
            if day * 86_400_000 < lo { day += 1 }
            // 1970-01-05 (day 4) was a Monday.
            day += (7 - floorMod(day - 4, 7)) % 7
            while day * 86_400_000 <= hi {
                out.append(day * 86_400_000)
                day += Int64(7 * step.count)
            }
        case .month, .year:
            let start = CivilTime(Timestamp(milliseconds: lo))
            var year = start.year
            var month = start.month
            let months = step.unit == .month ? step.count : 12 * step.count
            // Align to the step: months on multiples from January, years on multiples of the count.
            while true {
                let t = Timestamp(year: year, month: month, day: 1).milliseconds
                let aligned =
                    step.unit == .month
                    ? (month - 1) % step.count == 0 : month == 1 && floorMod(Int64(year), Int64(step.count)) == 0
                if t > hi { break }
                if t >= lo && aligned {
                    out.append(t)
                    (year, month) = Self.add(months: months, year: year, month: month)
                } else {
                    (year, month) = Self.add(months: 1, year: year, month: month)
                }
            }
        }
        return out
    }

    /// The label of a tick at `time`: see the type's summary. `isFirst` adds the date to a time
    /// of day and the year to a month.
    func label(_ time: Int64, isFirst: Bool = false) -> String {
        let c = CivilTime(Timestamp(milliseconds: time))
        let month = Self.monthNames[c.month - 1]
        switch step.unit {
        case .minute, .hour:
            if c.hour == 0 && c.minute == 0 { return "\(month) \(c.day)" }
            let time = Self.twoDigits(c.hour) + ":" + Self.twoDigits(c.minute)
            return isFirst ? "\(month) \(c.day) \(time)" : time
        case .day, .week:
            return "\(month) \(c.day)"
        case .month:
            return c.month == 1 || isFirst ? "\(month) \(c.year)" : month
        case .year:
            return String(c.year)
        }
    }

    /// Every tick's label, in order.
    var labels: [String] { values.enumerated().map { label($0.element, isFirst: $0.offset == 0) } }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

    static func add(months: Int, year: Int, month: Int) -> (Int, Int) {
        let index = year * 12 + (month - 1) + months
        return (index / 12, index % 12 + 1)
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }

    static func floorMod(_ a: Int64, _ b: Int64) -> Int64 { a - floorDiv(a, b) * b }
}

/// Date and time text for captions and tooltips, cut from the ISO-8601 text: `2026-02-03 14:00`
/// UTC.
enum TimeText {
    /// `2026-02-03 14:00` (minutes; seconds when not zero).
    static func minute(_ milliseconds: Int64) -> String {
        let iso = Timestamp(milliseconds: milliseconds).iso8601  // 2026-02-03T14:00:05.000Z
        guard let separator = iso.firstIndex(of: "T") else { return iso }
        let time = iso[iso.index(after: separator)...]
        let seconds = time.dropFirst(6).prefix(2)
        return iso[..<separator] + " " + time.prefix(5) + (seconds == "00" ? "" : ":" + seconds)
    }

    /// `2026-02-03`.
    static func day(_ milliseconds: Int64) -> String {
        let iso = Timestamp(milliseconds: milliseconds).iso8601
        return String(iso.prefix { $0 != "T" })
    }
}
