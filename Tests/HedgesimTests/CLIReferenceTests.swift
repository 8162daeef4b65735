import Foundation
import TestSupport
import Testing

/// docs/cli.md documents every command the program has, with every argument and option, as the
/// program itself describes them (`hedgesim --experimental-dump-help`).
@Suite struct CLIReferenceTests {
    /// A command without subcommands: its path under `hedgesim`, its long option names (without
    /// `--help` and `--version`) and its positional arguments.
    struct Command {
        var path: [String]
        var options: [String]
        var arguments: [String]
    }

    /// Every leaf command of `hedgesim`, in the order the program lists them.
    static func commands() throws -> [Command] {
        let out = CLI.run(["--experimental-dump-help"])
        guard out.status == 0 else { throw DumpError(message: out.stderr) }
        let root = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
        guard let command = root?["command"] as? [String: Any] else { throw DumpError(message: "no command") }
        var leaves: [Command] = []
        func walk(_ node: [String: Any], _ path: [String]) {
            let subcommands = (node["subcommands"] as? [[String: Any]] ?? []).filter {
                ($0["commandName"] as? String) != "help"
            }
            if subcommands.isEmpty {
                var options: [String] = []
                var arguments: [String] = []
                for argument in node["arguments"] as? [[String: Any]] ?? [] {
                    guard argument["shouldDisplay"] as? Bool != false else { continue }
                    if argument["kind"] as? String == "positional" {
                        arguments.append(argument["valueName"] as? String ?? "")
                        continue
                    }
                    for name in argument["names"] as? [[String: Any]] ?? [] where name["kind"] as? String == "long" {
                        let long = name["name"] as? String ?? ""
                        if long != "help" && long != "version" { options.append("--" + long) }
                    }
                }
                leaves.append(Command(path: path, options: options, arguments: arguments))
            }
            for sub in subcommands { walk(sub, path + [sub["commandName"] as? String ?? ""]) }
        }
        walk(command, [])
        return leaves
    }

    struct DumpError: Error {
        var message: String
    }

    @Test func everyCommandHasASectionWithEveryOption() throws {
        let doc = MarkdownDocument("docs/cli.md")
        let commands = try Self.commands()
        #expect(commands.count >= 14)
        for command in commands {
            let name = "hedgesim " + command.path.joined(separator: " ")
            let section = doc.section("`\(name)`").joined(separator: "\n")
            #expect(!section.isEmpty, "docs/cli.md has no section `\(name)`")
            for option in command.options {
                #expect(section.contains("`\(option)"), "docs/cli.md, `\(name)`: \(option) is not documented")
            }
            for argument in command.arguments {
                #expect(section.contains("`<\(argument)>`"), "docs/cli.md, `\(name)`: <\(argument)> is not documented")
            }
        }
        let documented = doc.headings.filter { $0.level == 2 && $0.text.hasPrefix("`hedgesim ") }.count
        #expect(
            documented == commands.count, "docs/cli.md documents \(documented) commands, hedgesim has \(commands.count)"
        )
    }

    /// The exit codes the page lists are the ones `CLITests.errorKindsGiveTheDocumentedExitCodes`
    /// checks the program for.
    @Test func listsTheExitCodes() {
        let rows = MarkdownDocument.tableRows(MarkdownDocument("docs/cli.md").section("Exit codes"))
        #expect(rows.map { $0[0] } == ["0", "1", "64", "65", "66", "69", "73", "75", "77", "130", "143"])
    }
}
