/// What `RunPipeline.run` reports while it works, in this order: `loaded` once, `progress`
/// many times, `lastSimulationEnded` and `allRunsWritten` once each.
public enum RunEvent: Sendable, Hashable {
    /// The scenario and its data are loaded (on the calling thread); `bars` bar steps will be
    /// simulated over all variants.
    case loaded(scenario: String, bars: Int)
    /// Bar steps simulated so far over all variants (from the simulation threads, every few
    /// thousand bars).
    case progress(done: Int, total: Int)
    /// The last simulation has ended (on its thread); earlier runs may still be being written.
    case lastSimulationEnded
    /// Every run is in the report (on the calling thread); the report is finished, exported
    /// and summarised next.
    case allRunsWritten
}
