import Market
public import Results

extension RunHeader {
    /// The header of a run of `scenario` (with the run's overrides applied).
    public init(_ scenario: Scenario) {
        self.init(
            scenario: scenario.name, scenarioFile: scenario.file, description: scenario.description,
            settingsJSON: scenario.settingsJSON, portableSettingsJSON: scenario.portableSettingsJSON,
            sameDirection: scenario.engine.sameDirection.scenarioName, protection: scenario.protection.scenarioName,
            positionMode: scenario.engine.positionMode.scenarioName,
            pricePath: scenario.exchange.pricePath.scenarioName,
            fillReference: scenario.exchange.fillReference.scenarioName, interval: scenario.data.interval.rawValue,
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
