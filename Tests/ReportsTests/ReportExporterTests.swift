import Foundation
import Market
import Results
import Testing

@testable import Reports

@Suite struct ReportExporterTests {
    let folder = TemporaryFolder()
    let database: String

    init() throws {
        database = try SampleRuns.writeReport(folder)
    }

    /// Reads a CSV file with python3's csv module (an independent RFC 4180 parser).
    func pythonCSV(_ path: String) throws -> [[String]] {
        let python = try #require(which("python3"))
        let script =
            "import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))))"
        let result = try runProcess(python, ["-c", script, path])
        #expect(result.status == 0, "\(result.err)")
        let json = try JSONSerialization.jsonObject(with: Data(result.out.utf8))
        return try #require(json as? [[String]])
    }

    /// The export text a stored value must read back as: exact decimals from `_e8`, integers,
    /// text as is, NULL empty. REAL values without a companion are compared as doubles.
    func expectCell(_ cell: String, _ value: ReportValue, exact: ReportValue?, _ context: String) {
        if let exact, case .integer(let e8) = exact {
            #expect(cell == Money(raw: e8).description, "\(context)")
            return
        }
        switch value {
        case .null: #expect(cell == "", "\(context)")
        case .integer(let v): #expect(cell == String(v), "\(context)")
        case .text(let v): #expect(cell == v, "\(context)")
        case .real(let v):
            #expect(Double(cell) == v, "\(context): \(cell) vs \(v)")
            #expect(!cell.contains("e") && !cell.contains("E"), "\(context): exponent in \(cell)")
        }
    }

    @Test(arguments: ReportSchema.objectNames)
    func csvReadBackByPythonEqualsTheStoredRows(object: String) throws {
        let out = folder.file("csv")
        try ReportExporter.export(database: database, objects: [object], to: out)
        let parsed = try pythonCSV(out + "/\(object).csv")
        let db = try ReportDatabase(path: database)
        let order =
            ReportSchema.table(object)?.order ?? ReportSchema.views.first { $0.name == object }?.order ?? "run_id"
        let stored = try db.query("SELECT * FROM \(object) ORDER BY \(order)")
        let visible = stored.columns.filter {
            !($0.hasSuffix("_e8") && stored.columns.contains(String($0.dropLast(3))))
        }
        #expect(parsed.first == visible)
        #expect(parsed.count == stored.rows.count + 1, "\(object)")
        for (r, (cells, row)) in zip(parsed.dropFirst(), stored.rows).enumerated() {
            #expect(cells.count == visible.count, "\(object) row \(r + 1)")
            for (c, name) in visible.enumerated() where c < cells.count {
                let exact = stored.columns.firstIndex(of: name + "_e8").map { row[$0] }
                expectCell(
                    cells[c], row[stored.columns.firstIndex(of: name)!], exact: exact, "\(object) row \(r + 1) \(name)")
            }
        }
    }

    @Test func commaQuoteAndNewlineRoundTrip() throws {
        let out = folder.file("csv")
        try ReportExporter.export(database: database, objects: ["signal_decisions", "runs"], to: out)
        let decisions = try pythonCSV(out + "/signal_decisions.csv")
        let reason = try #require(decisions[0].firstIndex(of: "reason"))
        #expect(decisions[7][reason] == SampleRuns.awkwardText)
        let runs = try pythonCSV(out + "/runs.csv")
        let description = try #require(runs[0].firstIndex(of: "description"))
        #expect(runs[1][description] == "Two strategies, one \"shared\" leg\nand a second line")
        let raw = try #require(folder.contents("csv/signal_decisions.csv"))
        #expect(raw.contains("\"Confidence 0.55 below threshold 0.6, \"\"deterministic\"\"\nsecond line\""))
    }

    @Test func csvUsesCRLFAndKeepsNullApartFromEmptyText() throws {
        try ReportExporter.export(database: database, runIDs: [1], objects: ["strategy_positions"], to: folder.path)
        let raw = try #require(folder.contents("strategy_positions.csv"))
        #expect(
            raw.hasPrefix("run_id,seq,strategy_position_id,strategy_id,signal_id,decision_id,signal_seq,symbol,side,"))
        #expect(raw.components(separatedBy: "\r\n").count == 7)  // header, 5 rows, trailing empty
        #expect(!raw.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        // sp-000004 is open: exit columns are NULL, i.e. empty fields.
        let open = try #require(raw.components(separatedBy: "\r\n").first { $0.contains("sp-000004") })
        #expect(open.contains(",open,2,,,,,,0,"))

        var out: [UInt8] = []
        CSVWriter.appendRecord(["", nil, "a"], to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "\"\",,a\r\n")
    }

    @Test func exactDecimalsWithoutFloatNoise() throws {
        try ReportExporter.export(database: database, to: folder.path)
        let comparison = try pythonCSV(folder.file("v_mode_comparison.csv"))
        let header = comparison[0]
        func value(_ row: Int, _ column: String) -> String { comparison[row][header.firstIndex(of: column)!] }
        #expect(value(1, "fees") == "9.845")
        #expect(value(1, "funding") == "-0.3637")
        #expect(value(1, "net_pnl") == "94.7913")
        #expect(value(1, "final_equity") == "10197.2913")
        #expect(value(2, "fees") == "8.9975")
        #expect(value(1, "win_rate_pct") == "66.66666666666667")
        let fills = try pythonCSV(folder.file("fills.csv"))
        let commission = fills[0].firstIndex(of: "commission")!
        #expect(fills.dropFirst().map { $0[commission] }.contains("0.515"))
        let byMode = try pythonCSV(folder.file("v_strategy_by_mode.csv"))
        #expect(byMode[2][byMode[0].firstIndex(of: "net_pnl")!] == "120.5253")
        // No money column of a view carries binary-float artefacts (0.30000000000000004, 9.8449999).
        let money = [
            "fees", "funding", "commission", "total_profit", "total_loss", "best_trade", "worst_trade",
            "max_drawdown", "liquidation_fees", "liquidation_fee", "equity_change", "final_equity", "daily_pnl",
        ]
        for view in ReportSchema.views {
            let rows = try pythonCSV(folder.file(view.name + ".csv"))
            for (c, name) in rows[0].enumerated()
            where (name.contains("pnl") || money.contains(name)) && !name.hasSuffix("_pct") && !name.hasPrefix("avg_") {
                for row in rows.dropFirst() {
                    #expect(
                        row[c].range(of: #"\.\d*(0000000\d|9999999)"#, options: .regularExpression) == nil,
                        "\(view.name).\(name) = \(row[c])")
                }
            }
        }
    }

    @Test func exportsEveryTableAndViewByDefault() throws {
        let files = try ReportExporter.export(database: database, to: folder.file("all"))
        #expect(files.map { ($0 as NSString).lastPathComponent } == ReportSchema.objectNames.map { $0 + ".csv" })
        // 12 run tables, compare_vs_first, 20 views.
        #expect(files.count == 12 + 1 + 20)
        #expect(Set(TemporaryFolder.names(in: folder.file("all"))) == Set(ReportSchema.objectNames.map { $0 + ".csv" }))
    }

    @Test func jsonLinesCarryTypedValues() throws {
        try ReportExporter.export(
            database: database, runIDs: [1], objects: ["signal_decisions", "v_mode_comparison"], to: folder.path,
            format: .jsonl)
        let lines = try #require(folder.contents("signal_decisions.jsonl")).split(separator: "\n")
        #expect(lines.count == 9)
        let rows = try lines.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(rows[6]["reason"] as? String == SampleRuns.awkwardText)
        #expect(rows[0]["quantity"] as? Double == 0.01)
        #expect(rows[5]["quantity"] is NSNull)
        #expect(rows[0]["seq"] as? Int == 1)
        #expect(lines[0].hasPrefix("{\"run_id\":1,\"seq\":1,\"file\":\"signals.jsonl\""))
        let comparison = try #require(folder.contents("v_mode_comparison.jsonl"))
        #expect(comparison.contains("\"fees\":9.845,\"funding\":-0.3637"))
        #expect(comparison.hasSuffix("}\n"))
    }

    @Test func filtersByRunAndMode() throws {
        for (runIDs, modes, expected) in [
            ([Int64(2)], [String](), ["2"]), ([], ["strongest_wins"], ["2"]), ([], ["accumulate"], ["1"]),
            ([], [], ["1", "2"]), ([1, 2], [], ["1", "2"]),
        ] {
            let out = folder.file("f\(runIDs)\(modes)")
            try ReportExporter.export(
                database: database, runIDs: runIDs, modes: modes, objects: ["runs", "fills"], to: out)
            let runs = try pythonCSV(out + "/runs.csv")
            #expect(runs.dropFirst().map { $0[0] } == expected)
            let fills = try pythonCSV(out + "/fills.csv")
            #expect(Set(fills.dropFirst().map { $0[0] }) == Set(expected))
        }
    }

    @Test func missingDatabaseExits66() throws {
        let path = folder.file("nope.sqlite")
        #expect(throws: ReportError(.missingDatabase, "\(path): no such report database")) {
            try ReportExporter.export(database: path, to: folder.path)
        }
    }

    @Test func unknownTableExits64WithASuggestion() throws {
        do {
            try ReportExporter.export(database: database, objects: ["fils"], to: folder.file("x"))
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .unknownObject)
            #expect(error.message.hasPrefix("\(database): no table or view `fils`; did you mean `fills`?"))
            #expect(error.message.contains("v_mode_comparison"))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.file("x")))
    }

    @Test func unknownRunOrModeExits64() throws {
        do {
            try ReportExporter.export(database: database, runIDs: [7], to: folder.file("x"))
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .unknownRun)
            #expect(error.message == "\(database): no run 7; runs: 1 (accumulate), 2 (strongest_wins)")
        }
        do {
            try ReportExporter.export(database: database, modes: ["mystery"], to: folder.file("x"))
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .unknownRun)
            #expect(error.message.contains("no run with label or same_direction `mystery`"))
        }
    }

    @Test func fileThatIsNotAReportExits65() throws {
        let path = folder.file("other.sqlite")
        _ = FileManager.default.createFile(atPath: path, contents: Data("not a database at all".utf8))
        do {
            try ReportExporter.export(database: path, to: folder.file("x"))
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .notAReport)
            #expect(error.message.hasPrefix("\(path): not a hedgesim report"))
        }
    }
}

extension TemporaryFolder {
    static func names(in path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }
}
