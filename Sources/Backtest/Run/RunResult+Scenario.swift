import Market
public import Results

extension RunHeader {
    /// The header of a run of `scenario` (with the run's overrides applied).
    public init(_ scenario: Scenario) {
        self.init(
            scenario: scenario.name, scenarioFile: scenario.file, description: scenario.description,
            settingsJSON: scenario.settingsJSON, portableSettingsJSON: scenario.portableSettingsJSON,
            sameDirection: scenario.engine.sameDirection, protection: scenario.protection.rawValue,
            positionMode: scenario.engine.positionMode, pricePath: scenario.exchange.pricePath.rawValue,
            fillReference: scenario.exchange.fillReference.rawValue, interval: scenario.data.interval.rawValue,
            symbols: scenario.symbols.map(\.name))
    }
}

extension RunResult {
    /// An empty result of a run of `scenario`, labelled `label`.
    public init(scenario: Scenario, label: String, engineVersion: String = HedgesimVersion.current) {
        self.init(
            header: RunHeader(scenario), label: label, engineVersion: engineVersion,
            initialBalance: scenario.account.initialBalance)
    }
}
