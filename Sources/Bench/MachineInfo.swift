import Foundation

/// The machine a benchmark ran on, for its printout: cores, CPU model and load averages.
public struct MachineInfo: Sendable, Hashable {
    /// Active processors.
    public var cores: Int
    /// The CPU model name (`/proc/cpuinfo`), or "unknown".
    public var model: String
    /// The 1, 5 and 15 minute load averages (`/proc/loadavg`), empty where unavailable.
    public var load: [Double]

    /// The current machine.
    public static func current() -> MachineInfo {
        var model = "unknown"
        if let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
            let colon = line.firstIndex(of: ":")
        {
            model = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return MachineInfo(cores: ProcessInfo.processInfo.activeProcessorCount, model: model, load: loadAverages())
    }

    /// The load averages now.
    public static func loadAverages() -> [Double] {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return [] }
        return text.split(separator: " ").prefix(3).compactMap { Double($0) }
    }

    /// This process's peak resident set size so far in kilobytes (`VmHWM` of
    /// `/proc/self/status`), 0 where unavailable.
    public static func peakResidentKilobytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}
