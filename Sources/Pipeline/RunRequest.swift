/// What `RunPipeline.run` runs: a scenario file with its overrides, the variants to simulate
/// side by side (one for `hedgesim run`, several for `hedgesim compare`) and where the report
/// and its exports go.
public struct RunRequest: Sendable, Hashable {
    /// The scenario file (YAML).
    public var scenarioPath: String
    /// `key=value` overrides applied to the scenario and every variant (`--set`).
    public var overrides: [String]
    /// The runs, in report order; at least one.
    public var variants: [RunVariant]
    /// Where the SQLite report goes; nil: the scenario's `report.path`.
    public var reportPath: String?
    /// A folder to export every table and view into as CSV, or nil.
    public var csvDirectory: String?
    /// A path to write the HTML report to, or nil.
    public var htmlPath: String?
    /// Simulations at a time; nil: all cores but one, which the report writer keeps
    /// (`Simulation.threadsBesideConsumer`).
    public var threads: Int?
    /// Wait for another hedgesim writing the same report instead of failing (`--wait`).
    public var wait: Bool

    public init(
        scenarioPath: String, overrides: [String] = [], variants: [RunVariant] = [.scenario], reportPath: String? = nil,
        csvDirectory: String? = nil, htmlPath: String? = nil, threads: Int? = nil, wait: Bool = false
    ) {
        self.scenarioPath = scenarioPath
        self.overrides = overrides
        self.variants = variants
        self.reportPath = reportPath
        self.csvDirectory = csvDirectory
        self.htmlPath = htmlPath
        self.threads = threads
        self.wait = wait
    }
}

extension RunRequest {
    /// The report and HTML outputs with their option names, for the same-file check.
    func outputs(reportPath: String) -> [(role: String, path: String)] {
        [("the report", reportPath)] + (htmlPath.map { [("the HTML report (--html)", $0)] } ?? [])
    }
}
