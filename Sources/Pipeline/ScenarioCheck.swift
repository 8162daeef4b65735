import Backtest
import Market
import Results

/// `hedgesim scenario check`: a scenario validated and its data loaded, without simulating.
public enum ScenarioCheck {
    /// Loads the scenario and its data and says in one line what a run would simulate: name,
    /// symbols, bars, signals (in range, outside it, on unknown symbols), protection model and
    /// same-direction mode.
    ///
    /// - Throws: `ScenarioError` for the scenario file or an override, `ScenarioDataError` for
    ///   its data.
    public static func describe(scenarioPath: String, overrides: [String] = []) throws -> String {
        let s = try ScenarioLoader.load(path: scenarioPath, overrides: overrides)
        let data = try ScenarioData.load(s, streaming: true)
        return "\(s.name): \(s.symbols.map(\.name).joined(separator: ", ")) · \(data.barCount) bars · "
            + "\(data.counts.total) signals (\(data.counts.decided) in range, \(data.counts.outsideRange) outside, "
            + "\(data.counts.unknownSymbol) on unknown symbols) · protection \(s.protection.scenarioName) · "
            + "same_direction \(s.engine.sameDirection.scenarioName)"
    }
}
