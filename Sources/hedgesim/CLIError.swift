import ArgumentParser
import Backtest
import Bench
import Feeds
import Foundation
import Pipeline
import ReferenceStrategies
import Reports
import TradeEngine

/// The exit codes every `hedgesim` command uses (the sysexits.h values), and which kind of
/// library error gets which: the libraries say what went wrong, only the command line decides
/// the code.
enum ExitStatus: Int32 {
    /// Success.
    case ok = 0
    /// Anything not covered below (I/O and SQLite failures among them).
    case failure = 1
    /// Bad command-line usage (argument-parser's validation errors use it too).
    case usage = 64
    /// Malformed or invalid input data.
    case badData = 65
    /// An input file does not exist.
    case missingFile = 66
    /// Interrupted (Ctrl-C); nothing was written.
    case interrupted = 130

    /// The code for an input-file error.
    init(_ error: FeedError) {
        switch error.kind {
        case .badData: self = .badData
        case .missingFile: self = .missingFile
        case .unreadable: self = .failure
        }
    }

    /// The code for a report error.
    init(_ error: ReportError) {
        switch error.kind {
        case .missingDatabase: self = .missingFile
        case .notAReport: self = .badData
        case .unknownObject, .unknownRun, .usage: self = .usage
        case .io, .sqlite: self = .failure
        }
    }

    /// The code for a scenario error: a bad `--set` is usage.
    init(_ error: ScenarioError) {
        switch error.kind {
        case .usage: self = .usage
        case .missingFile: self = .missingFile
        case .invalid: self = .badData
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

    /// Prints a data-loading error and returns its exit status.
    static func report(_ error: ScenarioDataError) -> ExitStatus {
        switch error {
        case .feed(let e):
            print(message(for: e))
            return ExitStatus(e)
        case .signal(let e):
            print(e.description)
            return .badData
        case .scenario(let e):
            print(e.description)
            return ExitStatus(e)
        }
    }

    /// Runs a command body and turns its errors into a printed message and an exit code.
    /// argument-parser's own errors (usage, `ExitCode`) pass through unchanged; a request the
    /// pipeline refuses is a usage error shown as argument-parser shows its own.
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as FeedError {
            print(message(for: error))
            throw ExitStatus(error).exitCode
        } catch let error as ReportError {
            print(error.message)
            throw ExitStatus(error).exitCode
        } catch let error as ScenarioError {
            print(error.description)
            throw ExitStatus(error).exitCode
        } catch let error as ScenarioDataError {
            throw report(error).exitCode
        } catch is SimulationCancelled {
            print("interrupted; no report written")
            throw ExitStatus.interrupted.exitCode
        } catch let error as RunRequestError {
            throw ValidationError(error.message)
        } catch let error as BenchmarkError where error.kind == .usage {
            throw ValidationError(error.message)
        } catch let error as SignalFileError {
            print(error.description)
            throw ExitStatus.failure.exitCode
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
