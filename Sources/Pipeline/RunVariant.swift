/// One run of a request: the scenario with extra overrides, under a label.
public struct RunVariant: Sendable, Hashable {
    /// The run's label in the report; nil: the scenario's name.
    public var label: String?
    /// Overrides on top of the request's.
    public var overrides: [String]

    public init(label: String? = nil, overrides: [String] = []) {
        self.label = label
        self.overrides = overrides
    }

    /// The scenario as it is, labelled with its name (`hedgesim run`).
    public static let scenario = RunVariant()

    /// The same-direction modes, in the order `hedgesim compare` runs them by default.
    public static let sameDirectionModes = ["accumulate", "strongest_wins", "reject_duplicates"]

    /// The protection models.
    public static let protectionModels = ["per_strategy", "live_compat"]

    /// The variants of `hedgesim compare`: every mode (default: all three) or, with
    /// `protection`, every protection model, or each mode × model pair when both are given;
    /// labelled `mode`, `model` or `mode/model`.
    ///
    /// - Throws: `RunRequestError` for an unknown mode or model, or when nothing is left to
    ///   compare.
    public static func comparison(modes: [String]?, protection: [String]?) throws(RunRequestError) -> [RunVariant] {
        for mode in modes ?? [] where !sameDirectionModes.contains(mode) {
            throw RunRequestError(
                "--modes: unknown mode \(mode); use \(sameDirectionModes.joined(separator: ", "))")
        }
        var variants: [RunVariant] = []
        if let protection {
            for model in protection where !protectionModels.contains(model) {
                throw RunRequestError(
                    "--protection: unknown model \(model); use \(protectionModels.joined(separator: ", "))")
            }
            if let modes {
                for mode in modes {
                    for model in protection {
                        variants.append(
                            RunVariant(
                                label: "\(mode)/\(model)",
                                overrides: ["engine.same_direction=\(mode)", "protection=\(model)"]))
                    }
                }
            } else {
                variants = protection.map { RunVariant(label: $0, overrides: ["protection=\($0)"]) }
            }
        } else {
            variants = (modes ?? sameDirectionModes).map {
                RunVariant(label: $0, overrides: ["engine.same_direction=\($0)"])
            }
        }
        guard !variants.isEmpty else { throw RunRequestError("nothing to compare") }
        return variants
    }
}

/// A request that cannot run as given (a usage error): an unknown mode or model, no variants.
public struct RunRequestError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, naming the option (`--modes: unknown mode x; use …`).
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
