import ArgumentParser
import Bench

/// `hedgesim bench read FILE… [--runs N]`: kline parsing speed against bare decompression.
struct BenchReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Time kline reading of .csv and .csv.zst files against `zstd -dc` (median of N runs).",
        discussion: """
            For a .csv.zst file the content is also decompressed to a temporary .csv, so both forms \
            are timed. The ratio compares parsing the .csv.zst with `zstd -dc FILE > /dev/null` \
            (a process, measured in the same run) and with decompression alone in this process.
            """)

    @Argument(help: "Kline files (.csv, .csv.zst, .zip).")
    var files: [String]

    @Option(help: "Timed runs per measurement; the median is printed.")
    var runs = 5

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
    }

    func run() throws {
        try CLIError.run {
            #if DEBUG
            CLIError.print("warning: debug build; measure with `swift build -c release`")
            #endif
            let benchmark = ReadBenchmark(runs: runs)
            for (index, path) in files.enumerated() {
                if index > 0 { print("") }
                try benchmark.run(path) { print($0) }
            }
        }
    }
}
