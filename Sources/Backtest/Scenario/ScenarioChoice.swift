public import Exchange
public import Market
public import Results
public import TradeEngine

/// A scenario setting with a fixed set of values: an enum of the engine or the exchange, spelled
/// in scenario files as `scenarioName`. The schema lists `scenarioNames` and the loader parses
/// them, so the spellings live in one place.
public protocol ScenarioChoice: Hashable, Sendable {
    /// Every value, in the order the schema and the loader's errors list them.
    static var scenarioValues: [Self] { get }
    /// The value's spelling in scenario files.
    var scenarioName: String { get }
}

extension ScenarioChoice {
    /// The spellings of `scenarioValues`, in their order.
    public static var scenarioNames: [String] { scenarioValues.map(\.scenarioName) }

    /// The value spelled `name`, nil for any other text.
    public init?(scenarioName name: String) {
        guard let value = Self.scenarioValues.first(where: { $0.scenarioName == name }) else { return nil }
        self = value
    }
}

/// Enums whose raw values are their scenario spellings, listed in declaration order.
extension ScenarioChoice where Self: CaseIterable & RawRepresentable<String> {
    public static var scenarioValues: [Self] { Array(allCases) }
    public var scenarioName: String { rawValue }
}

extension PricePathPolicy: ScenarioChoice {}
extension MarketFillReference: ScenarioChoice {}
extension MarginMode: ScenarioChoice {}
extension ProtectionModel: ScenarioChoice {}
extension LiveOcoOutcome: ScenarioChoice {}
extension SignalSettings.PositionMode: ScenarioChoice {}
extension SignalSettings.SameDirectionPolicy: ScenarioChoice {}
extension ReportIndexes: ScenarioChoice {}

/// Scenario files spell working types in lower case, the mark price first (the default).
extension WorkingType: ScenarioChoice {
    public static var scenarioValues: [WorkingType] { [.markPrice, .contractPrice] }

    public var scenarioName: String {
        switch self {
        case .markPrice: "mark_price"
        case .contractPrice: "contract_price"
        }
    }
}
