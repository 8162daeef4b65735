import Foundation
import Reports
import TestSupport
import Testing

/// An expected cell: an integer must come back as INTEGER, a float literal as a bit-identical
/// REAL (money: an exact integer sum divided once by 1e8), `.approx` as a REAL within 1e-12
/// relative (statistics), text as TEXT, nil as NULL.
enum Cell: Equatable, CustomStringConvertible, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByStringLiteral, ExpressibleByNilLiteral
{
    case int(Int64)
    case exact(Double)
    case approx(Double)
    case text(String)
    case null

    init(integerLiteral value: Int64) { self = .int(value) }
    init(floatLiteral value: Double) { self = .exact(value) }
    init(stringLiteral value: String) { self = .text(value) }
    init(nilLiteral: ()) { self = .null }

    func matches(_ value: ReportValue) -> Bool {
        switch (self, value) {
        case (.int(let a), .integer(let b)): a == b
        case (.exact(let a), .real(let b)): a == b
        case (.approx(let a), .real(let b)): abs(a - b) <= 1e-12 * max(1, abs(a))
        case (.text(let a), .text(let b)): a == b
        case (.null, .null): true
        default: false
        }
    }

    var description: String {
        switch self {
        case .int(let v): "\(v)"
        case .exact(let v): "\(v)"
        case .approx(let v): "≈\(v)"
        case .text(let v): "\"\(v)\""
        case .null: "NULL"
        }
    }
}

/// A statistic compared within 1e-12.
func approx(_ value: Double) -> Cell { .approx(value) }

/// Runs `sql` and expects exactly `expected` rows (cells in the selected column order).
func expectRows(
    _ db: ReportDatabase, _ sql: String, _ expected: [[Cell]], sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let result = try db.query(sql)
    #expect(
        result.rows.count == expected.count, "\(sql): \(result.rows.count) rows, expected \(expected.count)",
        sourceLocation: sourceLocation)
    for (index, (row, want)) in zip(result.rows, expected).enumerated() {
        let ok = row.count == want.count && zip(want, row).allSatisfy { $0.matches($1) }
        #expect(
            ok, "\(sql) row \(index + 1): got \(row.map(describe)), expected \(want)", sourceLocation: sourceLocation)
    }
}

func describe(_ value: ReportValue) -> String {
    switch value {
    case .integer(let v): "\(v)"
    case .real(let v): "\(v) (REAL)"
    case .text(let v): "\"\(v)\""
    case .null: "NULL"
    }
}

/// Runs a subprocess and returns its exit status, standard output and standard error.
func runProcess(_ executable: String, _ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let (outData, errData) = PipeOutput.readBoth(out, err)
    process.waitUntilExit()
    return (
        process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self)
    )
}

/// The path of a program on PATH.
func which(_ name: String) -> String? {
    for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
        let path = "\(directory)/\(name)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}
