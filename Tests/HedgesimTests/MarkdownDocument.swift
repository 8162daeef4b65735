import Foundation
import TestSupport

/// A Markdown file of the repository, read for the documentation tests: its headings and their
/// anchors, its sections, tables and links. Fenced code blocks are skipped.
struct MarkdownDocument {
    /// A heading: its level (1 for `#`), its text and the anchor GitHub gives it.
    struct Heading {
        var level: Int
        var text: String
        var anchor: String
        /// Index of the heading's line in `lines`.
        var line: Int
    }

    /// A link target written as `[text](target)`, with the line it is on (1-based).
    struct Link {
        var target: String
        var line: Int
    }

    /// The path relative to the repository root.
    let path: String
    /// The file's lines; lines inside fenced code blocks are empty strings here.
    let lines: [String]
    let headings: [Heading]

    init(_ relativePath: String) {
        path = relativePath
        let text = (try? String(contentsOfFile: Fixtures.path(relativePath), encoding: .utf8)) ?? ""
        var lines: [String] = []
        var inFence = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inFence.toggle()
                lines.append("")
            } else {
                lines.append(inFence ? "" : String(line))
            }
        }
        self.lines = lines
        var headings: [Heading] = []
        var seen: [String: Int] = [:]
        for (index, line) in lines.enumerated() {
            let level = line.prefix { $0 == "#" }.count
            guard level > 0, level <= 6, line.dropFirst(level).first == " " else { continue }
            let title = String(line.dropFirst(level + 1))
            var anchor = Self.slug(title)
            if let count = seen[anchor] {
                seen[anchor] = count + 1
                anchor += "-\(count + 1)"
            } else {
                seen[anchor] = 0
            }
            headings.append(Heading(level: level, text: title, anchor: anchor, line: index))
        }
        self.headings = headings
    }

    /// True when the file was found and is not empty.
    var exists: Bool { lines.contains { !$0.isEmpty } }

    /// GitHub's anchor for a heading: lower case, every character other than a letter, a digit,
    /// `-`, `_` or a space dropped, spaces turned into `-`.
    static func slug(_ heading: String) -> String {
        var out = ""
        for character in heading.lowercased() {
            if character == " " {
                out.append("-")
            } else if character == "-" || character == "_" || character.isLetter || character.isNumber {
                out.append(character)
            }
        }
        return out
    }

    /// The lines under the first heading whose text is `title`, up to the next heading of the
    /// same or a higher level (empty when there is no such heading).
    func section(_ title: String) -> [String] {
        guard let index = headings.firstIndex(where: { $0.text == title }) else { return [] }
        let heading = headings[index]
        let end = headings[(index + 1)...].first { $0.level <= heading.level }?.line ?? lines.count
        return Array(lines[(heading.line + 1)..<end])
    }

    /// The rows of the Markdown tables in `lines` (header and separator rows left out), each
    /// split into its cells. A `\|` inside a cell does not split it.
    static func tableRows(_ lines: [String]) -> [[String]] {
        var rows: [[String]] = []
        var headerPending = true
        for line in lines {
            guard line.hasPrefix("|") else {
                headerPending = true
                continue
            }
            let cells = cells(line)
            if headerPending {
                headerPending = false
                continue
            }
            if cells.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0 == "-" || $0 == ":" } }) { continue }
            rows.append(cells)
        }
        return rows
    }

    /// The cells of one table row, trimmed.
    static func cells(_ line: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var previous: Character = " "
        for character in line.dropFirst() {
            if character == "|" && previous != "\\" {
                cells.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
            previous = character
        }
        return cells
    }

    /// The texts between backticks in `text`, in order.
    static func codeSpans(_ text: String) -> [String] {
        text.split(separator: "`", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    /// Every `[text](target)` link outside code blocks and code spans.
    var links: [Link] {
        var links: [Link] = []
        for (index, line) in lines.enumerated() {
            // Code spans can hold brackets and parentheses that are not links.
            let prose = line.split(separator: "`", omittingEmptySubsequences: false).enumerated()
                .filter { $0.offset % 2 == 0 }.map(\.element).joined(separator: " ")
            var rest = Substring(prose)
            while let close = rest.range(of: "](") {
                let after = rest[close.upperBound...]
                guard let end = after.firstIndex(of: ")") else { break }
                links.append(Link(target: String(after[..<end]), line: index + 1))
                rest = after[end...]
            }
        }
        return links
    }
}
