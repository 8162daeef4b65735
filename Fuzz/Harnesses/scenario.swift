import Foundation

@testable import Backtest

/// The scenario loader on the bytes as a scenario file: YAML (aliases, nesting, duplicate keys),
/// the schema's types and ranges, paths, and the settings derived from a loaded scenario; then
/// the bytes' first line as a `--set` override of `scenarios/quickstart.yaml`. Each must return
/// or throw, never trap. Run from the repository's root: the scenario's relative paths resolve
/// against `scenarios/` as the seeds' do.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ data: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: count)
    guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
    if let scenario = try? ScenarioLoader.load(text: text, file: "scenarios/fuzz.yaml") {
        _ = scenario.settingsJSON
        _ = Simulation.exchangeConfiguration(scenario)
        _ = Simulation.signalSettings(scenario)
        _ = Simulation.dispatchSettings(scenario)
    }
    let override = String(text.prefix { $0 != "\n" })
    if override.contains("=") {
        _ = try? ScenarioLoader.load(text: quickstart, file: "scenarios/quickstart.yaml", overrides: [override])
    }
    return 0
}

/// The scenario every `--set` line is applied to.
let quickstart = (try? String(contentsOfFile: "scenarios/quickstart.yaml", encoding: .utf8)) ?? "name: t\n"
