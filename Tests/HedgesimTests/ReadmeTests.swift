import Foundation
import TestSupport
import Testing

/// README stays true: it names every scenario key and every command.
@Suite struct ReadmeTests {
    static let readme = (try? String(contentsOfFile: Fixtures.path("README.md"), encoding: .utf8)) ?? ""

    @Test func documentsEveryScenarioKey() {
        let keys = CLI.run(["scenario", "keys"]).stdout
        #expect(!keys.isEmpty)
        for line in keys.split(separator: "\n").dropFirst(2) {
            #expect(Self.readme.contains(String(line)), "README lacks: \(line)")
        }
    }

    @Test func namesTheTwoSetUpCommandsAndEveryCommand() {
        #expect(Self.readme.contains("make demo"))
        #expect(Self.readme.contains("make test"))
        for command in ["run", "compare", "report", "export", "scenario", "signals", "data", "bench"] {
            #expect(Self.readme.contains("hedgesim \(command)"), "\(command)")
        }
    }
}
