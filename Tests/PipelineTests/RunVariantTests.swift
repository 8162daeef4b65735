import Pipeline
import Testing

@Suite struct RunVariantTests {
    @Test func compareRunsEveryModeByDefault() throws {
        let variants = try RunVariant.comparison(modes: nil, protection: nil)
        #expect(variants.map(\.label) == ["accumulate", "strongest_wins", "reject_duplicates"])
        #expect(
            variants.map(\.overrides) == [
                ["engine.same_direction=accumulate"], ["engine.same_direction=strongest_wins"],
                ["engine.same_direction=reject_duplicates"],
            ])
    }

    @Test func protectionModelsAloneOrCrossedWithModes() throws {
        let models = try RunVariant.comparison(modes: nil, protection: ["per_strategy", "live_compat"])
        #expect(
            models == [
                RunVariant(label: "per_strategy", overrides: ["protection=per_strategy"]),
                RunVariant(label: "live_compat", overrides: ["protection=live_compat"]),
            ])
        let crossed = try RunVariant.comparison(modes: ["accumulate", "strongest_wins"], protection: ["live_compat"])
        #expect(
            crossed == [
                RunVariant(
                    label: "accumulate/live_compat",
                    overrides: ["engine.same_direction=accumulate", "protection=live_compat"]),
                RunVariant(
                    label: "strongest_wins/live_compat",
                    overrides: ["engine.same_direction=strongest_wins", "protection=live_compat"]),
            ])
    }

    @Test func unknownNamesAndEmptyListsAreUsageErrors() {
        #expect(throws: RunRequestError("--modes: unknown mode foo; use accumulate, strongest_wins, reject_duplicates"))
        {
            try RunVariant.comparison(modes: ["accumulate", "foo"], protection: nil)
        }
        #expect(throws: RunRequestError("--protection: unknown model foo; use per_strategy, live_compat")) {
            try RunVariant.comparison(modes: nil, protection: ["foo"])
        }
        #expect(throws: RunRequestError("nothing to compare")) {
            try RunVariant.comparison(modes: [], protection: nil)
        }
        #expect(throws: RunRequestError("nothing to compare")) {
            try RunVariant.comparison(modes: nil, protection: [])
        }
    }
}
