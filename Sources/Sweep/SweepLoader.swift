public import Backtest
import Foundation

/// Reads and validates sweep files, strictly as `ScenarioLoader` reads scenarios: an unknown key
/// is an error with a did-you-mean suggestion, and every error names the file, the line and
/// the value (`file:line: message (value)`, a `ScenarioError`).
public enum SweepLoader {
    /// The keys of a sweep file, dotted; `grid` and `baseline` hold scenario keys.
    public static let keys = [
        "scenario", "grid", "strategies", "strategies.leave_one_out", "windows", "windows.length", "windows.step",
        "baseline", "statistics", "statistics.bootstrap", "statistics.bootstrap.resamples",
        "statistics.bootstrap.block", "statistics.bootstrap.seed", "report", "report.path", "report.detail",
    ]

    /// Loads a sweep file.
    public static func load(path: String) throws(ScenarioError) -> SweepSpec {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ScenarioError(.missingFile, file: path, line: 0, message: "no such file")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw ScenarioError(file: path, line: 0, message: "not readable as UTF-8 text")
        }
        return try load(text: text, file: path)
    }

    /// Loads sweep text; `file` names it in errors and relative paths resolve against its folder.
    public static func load(text: String, file: String) throws(ScenarioError) -> SweepSpec {
        let root = try YAMLValue.parse(text, file: file)
        let folder = directory(of: file)
        let top = try pairs(root, section: "", file: file)
        guard let scenario = top.first(where: { $0.key == "scenario" }) else {
            throw ScenarioError(file: file, line: root.line, message: "`scenario` is required")
        }
        var spec = SweepSpec(file: file, scenarioPath: resolve(try self.text(scenario.value, "scenario", file), folder))
        spec.sourceText = text
        var baselineValues: [(key: String, line: Int, value: String)] = []
        for pair in top {
            switch pair.key {
            case "grid":
                guard case .mapping(let axes, _) = pair.value, !axes.isEmpty else {
                    throw error(
                        file, pair.value, "`grid` must map scenario keys to lists of values", pair.value.display)
                }
                for axis in axes {
                    try checkScenarioKey(axis.key, line: axis.keyLine, section: "grid", file: file)
                    let values: [YAMLValue]
                    if case .sequence(let items, _) = axis.value { values = items } else { values = [axis.value] }
                    guard !values.isEmpty else {
                        throw error(file, axis.value, "`grid.\(axis.key)` has no values", axis.value.display)
                    }
                    var texts: [String] = []
                    for value in values {
                        guard case .scalar(let text, _, _) = value else {
                            throw error(file, value, "`grid.\(axis.key)`: each value must be a scalar", value.display)
                        }
                        guard !texts.contains(text) else {
                            throw error(file, value, "`grid.\(axis.key)`: duplicate value", text)
                        }
                        texts.append(text)
                    }
                    spec.grid.append(SweepSpec.Axis(key: axis.key, values: texts, line: axis.keyLine))
                }
            case "strategies":
                for entry in try pairs(pair.value, section: "strategies", file: file) {
                    spec.leaveOneOut = try bool(entry.value, "strategies.leave_one_out", file)
                }
            case "windows":
                var length: Int64?
                var step: Int64?
                for entry in try pairs(pair.value, section: "windows", file: file) {
                    let ms = try duration(entry.value, "windows.\(entry.key)", file)
                    guard ms > 0, ms % 86_400_000 == 0 else {
                        throw error(
                            file, entry.value, "`windows.\(entry.key)` must be a whole number of days (7d)",
                            entry.value.display)
                    }
                    if entry.key == "length" { length = ms } else { step = ms }
                }
                guard let length else {
                    throw error(file, pair.value, "`windows.length` is required")
                }
                spec.windows = SweepSpec.Windows(lengthMilliseconds: length, stepMilliseconds: step ?? length)
            case "baseline":
                guard case .mapping(let entries, _) = pair.value else {
                    throw error(file, pair.value, "`baseline` must map grid keys to one value each", pair.value.display)
                }
                for entry in entries {
                    guard case .scalar(let text, _, _) = entry.value else {
                        throw error(file, entry.value, "`baseline.\(entry.key)` must be a scalar", entry.value.display)
                    }
                    baselineValues.append((entry.key, entry.keyLine, text))
                }
            case "statistics":
                for section in try pairs(pair.value, section: "statistics", file: file) {
                    for entry in try pairs(section.value, section: "statistics.bootstrap", file: file) {
                        let path = "statistics.bootstrap.\(entry.key)"
                        switch entry.key {
                        case "resamples":
                            spec.bootstrap.resamples = try integer(entry.value, path, file, min: 100, max: 1_000_000)
                        case "seed":
                            spec.bootstrap.seed = UInt64(try integer(entry.value, path, file, min: 0, max: Int.max))
                        default:
                            let ms = try duration(entry.value, path, file)
                            guard ms > 0, ms % 86_400_000 == 0 else {
                                throw error(
                                    file, entry.value, "`\(path)` must be a whole number of days (1d)",
                                    entry.value.display)
                            }
                            spec.bootstrap.blockDays = Int(ms / 86_400_000)
                        }
                    }
                }
            case "report":
                for entry in try pairs(pair.value, section: "report", file: file) {
                    if entry.key == "path" {
                        spec.reportPath = resolve(try self.text(entry.value, "report.path", file), folder)
                    } else {
                        let detail = try self.text(entry.value, "report.detail", file)
                        guard detail == "summary" else {
                            throw error(
                                file, entry.value,
                                "`report.detail` must be summary (full is not supported yet)", detail)
                        }
                    }
                }
            default: break
            }
        }
        spec.baseline = Array(repeating: 0, count: spec.grid.count)
        for entry in baselineValues {
            guard let axis = spec.grid.firstIndex(where: { $0.key == entry.key }) else {
                var message = "`baseline.\(entry.key)` is not a grid key"
                if let hint = ScenarioSchema.suggestion(for: entry.key, among: spec.grid.map(\.key)) {
                    message += "; did you mean `\(hint)`?"
                }
                throw ScenarioError(file: file, line: entry.line, message: message)
            }
            guard let index = spec.grid[axis].values.firstIndex(of: entry.value) else {
                throw ScenarioError(
                    file: file, line: entry.line,
                    message:
                        "`baseline.\(entry.key)` must be one of the grid's values "
                        + spec.grid[axis].values.joined(separator: ", "),
                    value: entry.value)
            }
            spec.baseline[axis] = index
        }
        return spec
    }

    // MARK: Values

    private static func error(
        _ file: String, _ value: YAMLValue, _ message: String, _ shown: String? = nil
    )
        -> ScenarioError
    {
        ScenarioError(file: file, line: value.line, message: message, value: shown)
    }

    /// The pairs of a mapping, after checking every key against the sweep keys.
    private static func pairs(
        _ value: YAMLValue, section: String, file: String
    ) throws(ScenarioError) -> [(key: String, keyLine: Int, value: YAMLValue)] {
        guard case .mapping(let pairs, _) = value else {
            throw error(file, value, "`\(section.isEmpty ? "sweep" : section)` must be a mapping", value.display)
        }
        let known = keys.compactMap { key -> String? in
            let parts = key.split(separator: ".")
            guard parts.dropLast().joined(separator: ".") == section else { return nil }
            return String(parts.last!)
        }
        for pair in pairs where !known.contains(pair.key) {
            let path = section.isEmpty ? pair.key : section + "." + pair.key
            var message = "unknown key `\(path)`"
            if let hint = ScenarioSchema.suggestion(for: pair.key, among: known) {
                message += "; did you mean `\(section.isEmpty ? hint : section + "." + hint)`?"
            }
            throw ScenarioError(file: file, line: pair.keyLine, message: message)
        }
        return pairs
    }

    /// A grid key must be a scenario key `--set` accepts.
    private static func checkScenarioKey(_ key: String, line: Int, section: String, file: String) throws(ScenarioError)
    {
        guard let known = ScenarioSchema.key(key), known.kind != .section else {
            var message = "unknown scenario key `\(section).\(key)`"
            let paths = ScenarioSchema.keys.filter { $0.kind != .section }.map(\.path)
            if let hint = ScenarioSchema.suggestion(for: key, among: paths) {
                message += "; did you mean `\(section).\(hint)`?"
            }
            throw ScenarioError(file: file, line: line, message: message)
        }
    }

    private static func text(_ value: YAMLValue, _ path: String, _ file: String) throws(ScenarioError) -> String {
        guard case .scalar(let text, _, _) = value else {
            throw error(file, value, "`\(path)` must be text", value.display)
        }
        return text
    }

    private static func bool(_ value: YAMLValue, _ path: String, _ file: String) throws(ScenarioError) -> Bool {
        switch try text(value, path, file).lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(file, value, "`\(path)` must be true or false", value.display)
        }
    }

    private static func integer(
        _ value: YAMLValue, _ path: String, _ file: String, min: Int, max: Int
    ) throws(ScenarioError) -> Int {
        guard let number = Int(try text(value, path, file).replacingOccurrences(of: "_", with: "")) else {
            throw error(file, value, "`\(path)` must be an integer", value.display)
        }
        guard number >= min && number <= max else {
            throw error(file, value, "`\(path)` must be between \(min) and \(max)", value.display)
        }
        return number
    }

    private static func duration(_ value: YAMLValue, _ path: String, _ file: String) throws(ScenarioError) -> Int64 {
        let text = try text(value, path, file).trimmingCharacters(in: .whitespaces)
        guard let ms = parseDuration(text), ms >= 0 else {
            throw error(file, value, "`\(path)` must be a duration such as 7d", text)
        }
        return ms
    }

    /// `7d`, `12h`, `30m`, `10s`, `250ms`.
    static func parseDuration(_ text: String) -> Int64? {
        for (suffix, factor) in [("ms", 1), ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1000)]
            as [(String, Int64)]
        where text.hasSuffix(suffix) {
            if let value = Int64(text.dropLast(suffix.count)) { return value * factor }
        }
        return nil
    }

    static func directory(of file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "." }
        return slash == file.startIndex ? "/" : String(file[..<slash])
    }

    private static func resolve(_ path: String, _ folder: String) -> String {
        path.hasPrefix("/") || folder == "." ? path : folder + "/" + path
    }
}
