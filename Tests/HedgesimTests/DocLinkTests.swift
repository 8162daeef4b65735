import Foundation
import TestSupport
import Testing

/// Every relative link in README.md and docs/ leads somewhere: the file exists, and an anchor
/// names a heading of the file it points into.
@Suite struct DocLinkTests {
    /// README.md, data/README.md and every Markdown file under docs/, relative to the root.
    static func documents() -> [String] {
        var paths = ["README.md", "data/README.md"]
        let docs = Fixtures.path("docs")
        for case let file as String in FileManager.default.enumerator(atPath: docs)?.allObjects ?? []
        where file.hasSuffix(".md") {
            paths.append("docs/" + file)
        }
        return paths.sorted()
    }

    @Test func everyRelativeLinkAndAnchorResolves() {
        let documents = Self.documents()
        #expect(documents.count >= 14)
        var checked = 0
        for path in documents {
            let doc = MarkdownDocument(path)
            let folder = (path as NSString).deletingLastPathComponent
            for link in doc.links where !link.target.contains("://") && !link.target.hasPrefix("mailto:") {
                checked += 1
                let parts = link.target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let file = String(parts[0])
                let absolute = URL(fileURLWithPath: Fixtures.path(folder)).appendingPathComponent(file).standardized
                    .path
                let target = file.isEmpty ? path : String(absolute.dropFirst(Fixtures.repositoryRoot.count + 1))
                let origin = "\(path):\(link.line): \(link.target)"
                #expect(FileManager.default.fileExists(atPath: Fixtures.path(target)), "\(origin): no such file")
                if parts.count == 2 {
                    let anchor = String(parts[1])
                    let headings = MarkdownDocument(target).headings.map(\.anchor)
                    #expect(headings.contains(anchor), "\(origin): no heading with this anchor")
                }
            }
        }
        #expect(checked > 100)
    }

    @Test func anchorsFollowGitHub() {
        #expect(MarkdownDocument.slug("`hedgesim bench run`") == "hedgesim-bench-run")
        #expect(MarkdownDocument.slug("The bar's price path") == "the-bars-price-path")
        #expect(MarkdownDocument.slug("Library API (module `Reports`)") == "library-api-module-reports")
        #expect(
            MarkdownDocument.slug("A regression figure without timing: `scripts/instructions-per-bar.sh`")
                == "a-regression-figure-without-timing-scriptsinstructions-per-barsh")
        #expect(MarkdownDocument.slug("Set-up: two commands") == "set-up-two-commands")
    }
}
