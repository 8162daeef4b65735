import ArgumentParser
import Backtest
import Feeds
import Foundation
import Reports
import TradeEngine

/// The exit codes every `hedgesim` command uses (the sysexits.h values).
enum ExitStatus: Int32 {
    /// Success.
    case ok = 0
    /// Anything not covered below.
    case failure = 1
    /// Bad command-line usage (argument-parser's validation errors use it too).
    case usage = 64
    /// Malformed or invalid input data.
    case badData = 65
    /// An input file does not exist.
    case missingFile = 66

    /// The code for an input-file error.
    init(_ error: FeedError) {
        switch error.kind {
        case .badData: self = .badData
        case .missingFile: self = .missingFile
        case .unreadable: self = .failure
        }
    }

    /// As argument-parser's `ExitCode`.
    var exitCode: ExitCode { ExitCode(rawValue) }
}

/// Reporting errors to the user: one `hedgesim: <message>` line on standard error, no stack trace.
enum CLIError {
    /// Writes `hedgesim: <message>` to standard error.
    static func print(_ message: String) {
        FileHandle.standardError.write(Data("hedgesim: \(message)\n".utf8))
    }

    /// The user-facing text of an error: `path:line: message (value)` for data errors, a plain
    /// sentence for a missing file.
    static func message(for error: FeedError) -> String {
        switch error.kind {
        case .missingFile: "no such file: \(error.file)"
        case .unreadable where error.line == 0: "cannot read \(error.file): \(error.message) (\(error.value))"
        default: error.description
        }
    }

    /// Prints a report error and returns the exit code for it: 64, 65 and 66 as the error says,
    /// 1 for SQLite and I/O failures.
    static func exit(_ error: ReportError) -> ExitCode {
        print(error.message)
        switch error.exitCode {
        case 64, 65, 66: return ExitCode(error.exitCode)
        default: return ExitStatus.failure.exitCode
        }
    }

    /// Prints a scenario error and returns its exit code: 64 for a bad `--set`, 66 for a
    /// missing file, 65 otherwise.
    static func exit(_ error: ScenarioError) -> ExitCode {
        print(error.description)
        switch error.kind {
        case .usage: return ExitStatus.usage.exitCode
        case .missingFile: return ExitStatus.missingFile.exitCode
        case .invalid: return ExitStatus.badData.exitCode
        }
    }

    /// Prints a data-loading error and returns its exit code.
    static func exit(_ error: ScenarioDataError) -> ExitCode {
        switch error {
        case .feed(let e):
            print(message(for: e))
            return ExitStatus(e).exitCode
        case .signal(let e):
            print(e.description)
            return ExitStatus.badData.exitCode
        case .scenario(let e):
            return exit(e)
        }
    }

    /// Runs a command body and turns its errors into a printed message and an exit code.
    /// argument-parser's own errors (usage, `ExitCode`) pass through unchanged.
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as FeedError {
            print(message(for: error))
            throw ExitStatus(error).exitCode
        } catch let error as ReportError {
            throw exit(error)
        } catch let error as ScenarioError {
            throw exit(error)
        } catch let error as ScenarioDataError {
            throw exit(error)
        } catch let error as ExitCode {
            throw error
        } catch let error as ValidationError {
            throw error
        } catch let error as CleanExit {
            throw error
        } catch {
            print("\(error)")
            throw ExitStatus.failure.exitCode
        }
    }
}
