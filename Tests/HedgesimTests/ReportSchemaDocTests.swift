import Foundation
import Testing

/// docs/reports.md lists every table and view of a real report with exactly its columns, in order:
/// the tables with their SQL types (*decimal* is a REAL column and its INTEGER `_e8` companion),
/// the views by name after `run_id`.
@Suite struct ReportSchemaDocTests {
    static let doc = MarkdownDocument("docs/reports.md")

    /// A small real report written by the command line (nil when the run failed).
    static let report: String? = {
        let db = CLI.temporaryFolder("schema") + "/xrp.sqlite"
        let out = CLI.run(["run", "scenarios/funding-xrp.yaml", "--out", db, "-q"])
        return out.status == 0 ? db : nil
    }()

    /// `name:TYPE` of every column of a table or view, in order.
    static func columns(_ object: String, in db: String) -> [String] {
        CLI.sqlite(db, "SELECT name || ':' || type FROM pragma_table_info('\(object)')")
            .split(separator: "\n").map(String.init)
    }

    static func objects(_ type: String, in db: String) -> [String] {
        CLI.sqlite(db, "SELECT name FROM sqlite_master WHERE type = '\(type)' ORDER BY name")
            .split(separator: "\n").map(String.init)
    }

    /// The documented columns of a table: each row's names with its type, or with one type per
    /// name when the cell lists several.
    static func documentedColumns(_ table: String) -> [String] {
        var columns: [String] = []
        for row in MarkdownDocument.tableRows(doc.section("`\(table)`")) where row.count >= 2 {
            let names = MarkdownDocument.codeSpans(row[0])
            let types = row[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            for (index, name) in names.enumerated() {
                let type = types.count == names.count ? types[index] : types.first ?? ""
                if type == "decimal" {
                    columns += ["\(name):REAL", "\(name)_e8:INTEGER"]
                } else {
                    columns.append("\(name):\(type)")
                }
            }
        }
        return columns
    }

    @Test func everyTableIsDocumentedColumnByColumn() throws {
        let db = try #require(Self.report)
        let tables = Self.objects("table", in: db)
        #expect(tables.count >= 12)
        for table in tables {
            #expect(Self.documentedColumns(table) == Self.columns(table, in: db), "docs/reports.md, table `\(table)`")
        }
        let documented = Self.doc.section("Tables").compactMap { line -> String? in
            guard line.hasPrefix("### ") else { return nil }
            return MarkdownDocument.codeSpans(line).first
        }
        #expect(documented.sorted() == tables)
    }

    @Test func everyViewIsDocumentedColumnByColumn() throws {
        let db = try #require(Self.report)
        let views = Self.objects("view", in: db)
        #expect(views.count >= 20)
        var documented: [String: [String]] = [:]
        for row in MarkdownDocument.tableRows(Self.doc.section("Views")) where row.count == 4 {
            if let name = MarkdownDocument.codeSpans(row[0]).first {
                documented[name] = MarkdownDocument.codeSpans(row[2])
            }
        }
        for view in views {
            let columns = Self.columns(view, in: db).map { String($0.prefix { $0 != ":" }) }
            #expect(documented[view].map { ["run_id"] + $0 } == columns, "docs/reports.md, view `\(view)`")
        }
        #expect(documented.keys.sorted() == views)
    }
}
