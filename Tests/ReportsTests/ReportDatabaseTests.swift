import Testing

@testable import Reports

@Suite struct ReportDatabaseTests {
    let folder = TemporaryFolder()

    @Test func selectsRunsByIDAndMode() throws {
        let db = try ReportDatabase(path: try SampleRuns.writeReport(folder))
        #expect(try db.selectRuns() == [1, 2])
        #expect(try db.selectRuns(ids: [2, 2]) == [2])
        #expect(try db.selectRuns(modes: ["strongest_wins"]) == [2])
        #expect(try db.selectRuns(ids: [2], modes: ["accumulate"]) == [1, 2])
        #expect(throws: ReportError.self) { try db.selectRuns(ids: [0]) }
    }

    @Test func suggestsTheNearestName() {
        #expect(ReportExporter.closest(to: "fils", among: ReportSchema.objectNames) == "fills")
        #expect(ReportExporter.closest(to: "V_MODE_COMPARISON", among: ReportSchema.objectNames) == "v_mode_comparison")
        #expect(ReportExporter.closest(to: "zzzzzzzz", among: ReportSchema.objectNames) == nil)
        #expect(ReportExporter.editDistance(Array("kitten".utf8), Array("sitting".utf8)) == 3)
        #expect(ReportExporter.editDistance([], Array("abc".utf8)) == 3)
    }
}
