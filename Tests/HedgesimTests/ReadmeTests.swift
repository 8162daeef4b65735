import Foundation
import TestSupport
import Testing

/// README stays short and true: the two set-up commands, every command in its table, the pinned
/// quickstart digest in its example, and a module table that matches `Package.swift`.
@Suite struct ReadmeTests {
    static let readme = MarkdownDocument("README.md")

    @Test func staysWithinThreeHundredLines() {
        #expect(Self.readme.exists)
        #expect(Self.readme.lines.count <= 300, "README.md has \(Self.readme.lines.count) lines")
    }

    @Test func namesTheTwoSetUpCommands() throws {
        let text = try String(contentsOfFile: Fixtures.path("README.md"), encoding: .utf8)
        #expect(text.contains("make demo"))
        #expect(text.contains("make test"))
    }

    @Test func listsEveryCommandWithItsReference() throws {
        let commands = try CLIReferenceTests.commands()
        #expect(commands.count >= 14)
        let rows = MarkdownDocument.tableRows(Self.readme.section("Commands"))
        let listed = rows.map { $0[0] }
        for command in commands {
            let name = "hedgesim " + command.path.joined(separator: " ")
            let anchor = MarkdownDocument.slug("`\(name)`")
            #expect(listed.contains("[`\(name)`](docs/cli.md#\(anchor))"), "README's command table lacks \(name)")
        }
        #expect(rows.count == commands.count, "README lists \(rows.count) commands, hedgesim has \(commands.count)")
    }

    /// The example output carries the digest `CLITests` pins: when behaviour changes on purpose,
    /// README's quickstart output is rerun with it.
    @Test func quickstartExampleIsThePinnedRun() throws {
        let text = try String(contentsOfFile: Fixtures.path("README.md"), encoding: .utf8)
        #expect(text.contains("digest    result \(CLITests.quickstartDigest)"))
    }

    /// Every target of `Package.swift` has one row in README's module table, naming exactly the
    /// targets it depends on.
    @Test func moduleTableMatchesThePackage() throws {
        let targets = try Self.packageTargets()
        #expect(targets.count >= 14)
        var documented: [String: [String]] = [:]
        for row in MarkdownDocument.tableRows(Self.readme.section("Modules")) where row.count == 3 {
            let uses = MarkdownDocument.codeSpans(row[1])
            for name in MarkdownDocument.codeSpans(row[0]) {
                #expect(documented[name] == nil, "\(name) has two rows")
                documented[name] = uses
            }
        }
        for (name, dependencies) in targets {
            #expect(documented[name].map(Set.init) == Set(dependencies), "README's module table: \(name)")
        }
        #expect(Set(documented.keys) == Set(targets.map(\.name)))
    }

    /// The non-test targets of `Package.swift` with their dependencies on other targets
    /// (products of other packages left out), read from the manifest's text.
    static func packageTargets() throws -> [(name: String, dependencies: [String])] {
        let text = try String(contentsOfFile: Fixtures.path("Package.swift"), encoding: .utf8)
        var targets: [(name: String, dependencies: [String])] = []
        let kinds = [".target(", ".executableTarget(", ".systemLibrary("]
        var rest = Substring(text)
        while let start = kinds.compactMap({ rest.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) {
            rest = rest[start.upperBound...]
            // The target's declaration ends at the parenthesis that closes the opening one.
            var depth = 1
            var end = rest.startIndex
            while end < rest.endIndex && depth > 0 {
                if rest[end] == "(" { depth += 1 }
                if rest[end] == ")" { depth -= 1 }
                end = rest.index(after: end)
            }
            let declaration = rest[..<end]
            rest = rest[end...]
            let strings = quotedStrings(String(declaration))
            guard let name = strings.first else { continue }
            var dependencies: [String] = []
            if let list = declaration.range(of: "dependencies: [") {
                let close = declaration[list.upperBound...].firstIndex(of: "]") ?? declaration.endIndex
                let inside = String(declaration[list.upperBound..<close])
                // `.product(name: "X", package: "Y")` belongs to another package.
                let ownTargets = inside.replacingOccurrences(
                    of: #"\.product\([^)]*\)"#, with: "", options: .regularExpression)
                dependencies = quotedStrings(ownTargets)
            }
            targets.append((name, dependencies))
        }
        return targets
    }

    /// The string literals in Swift source text, in order.
    static func quotedStrings(_ source: String) -> [String] {
        source.split(separator: "\"", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }
}
