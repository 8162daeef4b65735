/// What a run's report row says about the scenario it ran: names, settings and the modes the
/// views group by. The simulator fills it from the scenario (with the run's overrides applied).
public struct RunHeader: Sendable, Hashable {
    /// The scenario's name, file (as given) and description.
    public var scenario: String
    public var scenarioFile: String
    public var description: String?
    /// The resolved settings as canonical JSON (sorted keys).
    public var settingsJSON: String
    /// `settingsJSON` with every file named by its last path component: what the result digest
    /// hashes, so that it does not depend on the folder a run was started from.
    public var portableSettingsJSON: String
    public var sameDirection: String
    public var protection: String
    public var positionMode: String
    public var pricePath: String
    public var fillReference: String
    /// The kline interval (`1m`).
    public var interval: String
    /// The simulated symbols, in scenario order.
    public var symbols: [String]

    public init(
        scenario: String, scenarioFile: String, description: String?, settingsJSON: String,
        portableSettingsJSON: String, sameDirection: String, protection: String, positionMode: String,
        pricePath: String, fillReference: String, interval: String, symbols: [String]
    ) {
        self.scenario = scenario
        self.scenarioFile = scenarioFile
        self.description = description
        self.settingsJSON = settingsJSON
        self.portableSettingsJSON = portableSettingsJSON
        self.sameDirection = sameDirection
        self.protection = protection
        self.positionMode = positionMode
        self.pricePath = pricePath
        self.fillReference = fillReference
        self.interval = interval
        self.symbols = symbols
    }
}
