import Testing

/// docs/scenarios.md's key table is exactly what `hedgesim scenario keys` prints from the loader's
/// schema: every row, in order, nothing more.
@Suite struct ScenarioKeysDocTests {
    @Test func keyTableIsTheCommandsOutput() {
        let out = CLI.run(["scenario", "keys"])
        #expect(out.status == 0)
        let printed = out.stdout.split(separator: "\n").map(String.init)
        #expect(printed.count > 50)
        let doc = MarkdownDocument("docs/scenarios.md")
        let table = doc.section("Every key").filter { $0.hasPrefix("|") }
        #expect(table == printed, "docs/scenarios.md differs from `hedgesim scenario keys`: regenerate the table")
    }
}
