import ArgumentParser

/// `hedgesim data …`: inspect and verify market data files.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Inspect and verify kline, funding and rules files.",
        subcommands: [Inspect.self, Verify.self]
    )
}

/// Options shared by `data inspect` and `data verify`.
struct DataFileOptions: ParsableArguments {
    @Argument(help: "Kline, funding, exchangeInfo or leverage-bracket files (.csv, .json; plain, .zst or .zip).")
    var files: [String]

    @Option(
        name: .customLong("utc-offset"),
        help: "UTC offset of date-time labels in funding files, e.g. +03:00 (the labels minus it are UTC).")
    var utcOffset: String = "+00:00"

    @Option(name: .customLong("funding-grid-hours"), help: "Round funding times to this many hours.")
    var fundingGridHours: Int?

    /// The offset in seconds.
    func utcOffsetSeconds() throws -> Int {
        let text = Array(utcOffset.utf8)
        guard text.count == 6, text[0] == UInt8(ascii: "+") || text[0] == UInt8(ascii: "-"),
            text[3] == UInt8(ascii: ":"),
            let hours = Int(String(decoding: text[1...2], as: UTF8.self)),
            let minutes = Int(String(decoding: text[4...5], as: UTF8.self)), hours <= 23, minutes <= 59
        else {
            throw ValidationError("--utc-offset must look like +03:00 or -05:30 (got \(utcOffset))")
        }
        let seconds = hours * 3600 + minutes * 60
        return text[0] == UInt8(ascii: "-") ? -seconds : seconds
    }

    func validate() throws {
        _ = try utcOffsetSeconds()
        if let hours = fundingGridHours, !(1...24).contains(hours) {
            throw ValidationError("--funding-grid-hours must be 1…24")
        }
    }
}
