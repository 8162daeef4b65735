/// Streaming technical indicators over `Double` closes, for the reference signal generators
/// (statistics, not money: DESIGN.md §2 allows floating point here).
struct RollingWindow {
    private var values: [Double]
    private var next = 0
    private(set) var count = 0
    private(set) var sum = 0.0
    private(set) var sumOfSquares = 0.0

    init(length: Int) { values = [Double](repeating: 0, count: length) }

    var isFull: Bool { count == values.count }
    var mean: Double { count == 0 ? 0 : sum / Double(count) }
    var standardDeviation: Double {
        guard count > 1 else { return 0 }
        let m = mean
        return (max(0, sumOfSquares / Double(count) - m * m)).squareRoot()
    }
    var maximum: Double { values.prefix(count).max() ?? 0 }
    var minimum: Double { values.prefix(count).min() ?? 0 }

    mutating func push(_ value: Double) {
        if isFull {
            let old = values[next]
            sum -= old
            sumOfSquares -= old * old
        } else {
            count += 1
        }
        values[next] = value
        sum += value
        sumOfSquares += value * value
        next = (next + 1) % values.count
    }
}

/// Wilder's RSI.
struct RSI {
    let length: Int
    private var previous: Double? = nil
    private var averageGain = 0.0
    private var averageLoss = 0.0
    private var seen = 0

    init(length: Int) { self.length = length }

    /// The RSI after this close, nil while warming up.
    mutating func update(_ close: Double) -> Double? {
        defer { previous = close }
        guard let previous else { return nil }
        let change = close - previous
        let gain = max(change, 0), loss = max(-change, 0)
        seen += 1
        if seen <= length {
            averageGain += gain / Double(length)
            averageLoss += loss / Double(length)
            if seen < length { return nil }
        } else {
            averageGain = (averageGain * Double(length - 1) + gain) / Double(length)
            averageLoss = (averageLoss * Double(length - 1) + loss) / Double(length)
        }
        if averageLoss == 0 { return 100 }
        return 100 - 100 / (1 + averageGain / averageLoss)
    }
}

/// Wilder's average true range.
struct ATR {
    let length: Int
    private var previousClose: Double? = nil
    private var value = 0.0
    private var seen = 0

    init(length: Int) { self.length = length }

    mutating func update(high: Double, low: Double, close: Double) -> Double? {
        let tr = previousClose.map { max(high - low, abs(high - $0), abs(low - $0)) } ?? (high - low)
        previousClose = close
        seen += 1
        if seen <= length {
            value += tr / Double(length)
            return seen == length ? value : nil
        }
        value = (value * Double(length - 1) + tr) / Double(length)
        return value
    }
}

/// Exponential moving average.
struct EMA {
    let alpha: Double
    private(set) var value: Double? = nil

    init(length: Int) { alpha = 2 / (Double(length) + 1) }

    mutating func update(_ x: Double) -> Double {
        let next = value.map { $0 + alpha * (x - $0) } ?? x
        value = next
        return next
    }
}
