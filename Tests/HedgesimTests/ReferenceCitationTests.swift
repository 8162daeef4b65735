import Foundation
import TestSupport
import Testing

/// Every `§` citation that names a reference document — in the code, the tests and the docs —
/// points at a heading or a numbered item that exists in that document under docs/reference/.
@Suite struct ReferenceCitationTests {
    /// The documents and the names citations use for them.
    static let documents: [(pattern: String, file: String)] = [
        ("DESIGN(?:\\.md)?", "docs/reference/DESIGN.md"),
        ("petrosa-tradeengine(?:\\.md)?|reference", "docs/reference/petrosa-tradeengine.md"),
        ("binance-usdm(?:\\.md)?", "docs/reference/binance-usdm.md"),
    ]

    /// A citation: the document, the sections (two for a range `§a–b`) and where it was found.
    struct Citation {
        var file: String
        var sections: [String]
        var origin: String
    }

    static func citations() throws -> [Citation] {
        var sources: [String] = ["README.md", "data/README.md"]
        for folder in ["Sources", "Tests", "docs"] {
            for case let file as String in FileManager.default.enumerator(atPath: Fixtures.path(folder))?.allObjects
                ?? []
            where (file.hasSuffix(".swift") || file.hasSuffix(".md")) && !file.hasPrefix("reference/") {
                sources.append(folder + "/" + file)
            }
        }
        var citations: [Citation] = []
        for (pattern, file) in documents {
            // The name, an optional Markdown link after it, then `§a` or `§a–b`.
            let regex = try NSRegularExpression(
                pattern:
                    "(?:^|[^A-Za-z-])(?:\(pattern))(?:\\]\\([^)]*\\))? §(\\d+(?:\\.\\d+)?)(?:[–-]§?(\\d+(?:\\.\\d+)?))?"
            )
            for source in sources {
                guard let text = try? String(contentsOfFile: Fixtures.path(source), encoding: .utf8) else { continue }
                for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let line = String(line)
                    let range = NSRange(line.startIndex..., in: line)
                    for match in regex.matches(in: line, range: range) {
                        var sections: [String] = []
                        for group in 1...2 {
                            if let r = Range(match.range(at: group), in: line) { sections.append(String(line[r])) }
                        }
                        // A range may leave the section out of its end (6.6–6.10): put it back.
                        if sections.count == 2, !sections[1].contains("."), let dot = sections[0].firstIndex(of: ".") {
                            sections[1] = sections[0][..<dot] + "." + sections[1]
                        }
                        citations.append(Citation(file: file, sections: sections, origin: "\(source):\(index + 1)"))
                    }
                }
            }
        }
        return citations
    }

    /// True when `document` has a heading numbered `section` (`## 5. …`, `### 5.5 …`), or when
    /// `section` is `a.b` and section `a` has a numbered list item `b.`.
    static func resolves(_ section: String, in document: MarkdownDocument) -> Bool {
        func number(_ heading: MarkdownDocument.Heading) -> String {
            var digits = String(heading.text.prefix { $0.isNumber || $0 == "." })
            if digits.hasSuffix(".") { digits.removeLast() }
            return digits
        }
        if document.headings.contains(where: { number($0) == section }) { return true }
        let parts = section.split(separator: ".")
        guard parts.count == 2, let heading = document.headings.first(where: { number($0) == parts[0] }) else {
            return false
        }
        return document.section(heading.text).contains { $0.hasPrefix("\(parts[1]). ") }
    }

    @Test func everyNamedCitationResolves() throws {
        let citations = try Self.citations()
        #expect(citations.count > 30)
        var documents: [String: MarkdownDocument] = [:]
        for citation in citations {
            let document = documents[citation.file] ?? MarkdownDocument(citation.file)
            documents[citation.file] = document
            #expect(document.exists, "\(citation.file) is missing")
            for section in citation.sections {
                #expect(
                    Self.resolves(section, in: document), "\(citation.origin): §\(section) is not in \(citation.file)")
            }
        }
    }

    @Test func resolvesHeadingsAndListItems() {
        let design = MarkdownDocument("docs/reference/DESIGN.md")
        #expect(Self.resolves("3", in: design))
        #expect(Self.resolves("2.4", in: design))
        #expect(!Self.resolves("2.9", in: design))
        let live = MarkdownDocument("docs/reference/petrosa-tradeengine.md")
        #expect(Self.resolves("5.5", in: live))
        #expect(Self.resolves("9.26", in: live))
        #expect(!Self.resolves("12", in: live))
    }
}
