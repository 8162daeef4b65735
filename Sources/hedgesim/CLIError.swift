import ArgumentParser
import Backtest
import Bench
import Feeds
import Foundation
import Market
import Pipeline
import ReferenceStrategies
import Reports
import Sweep
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
    /// An input file does not exist, or a path is a loop of symbolic links.
    case missingFile = 66
    /// An output path is not a regular file (a device, FIFO, socket or folder): not written.
    case cannotCreate = 73
    /// The output is in use by another hedgesim (its lock is held); `--wait` waits for it.
    case inUse = 75
    /// Interrupted (Ctrl-C, SIGINT); outputs not yet in place were left as they were.
    case interrupted = 130
    /// Terminated (SIGTERM); as `interrupted`.
    case terminated = 143

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
        case .unsupportedVersion: self = .badData
        case .unknownObject, .unknownRun, .usage: self = .usage
        case .io, .sqlite: self = .failure
        case .output(let kind): self.init(kind)
        }
    }

    /// The code for a refused or failed output file.
    init(_ kind: OutputFileError.Kind) {
        switch kind {
        case .notARegularFile: self = .cannotCreate
        case .symlinkLoop: self = .missingFile
        case .sameFile: self = .usage
        case .inUse: self = .inUse
        case .cancelled: self = Interrupt.status
        case .io: self = .failure
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
    /// Writes `hedgesim: <message>` to standard error, as one line with control characters
    /// escaped (`TerminalText`): messages quote file contents and names.
    static func print(_ message: String) {
        FileHandle.standardError.write(Data("hedgesim: \(TerminalText.escaped(message))\n".utf8))
    }

    /// Prints what an interruption left and returns its exit status.
    static func interrupted(reportPath: String? = nil) -> ExitCode {
        if let reportPath {
            print(
                "interrupted (\(Interrupt.name)); the report \(reportPath) is complete, later outputs were not written")
        } else {
            print("interrupted (\(Interrupt.name)); nothing was replaced and no temporary file is left")
        }
        return Interrupt.status.exitCode
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

    /// Runs a command body and turns its errors into a printed message and an exit code; a
    /// signal that arrived after the body finished its last output still exits 130 or 143.
    /// argument-parser's own errors (usage, `ExitCode`) pass through unchanged; a request the
    /// pipeline refuses is a usage error shown as argument-parser shows its own.
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
            if Interrupt.isRequested {
                print("interrupted (\(Interrupt.name)) after every output was written")
                throw Interrupt.status.exitCode
            }
        } catch let error as FeedError {
            print(message(for: error))
            throw ExitStatus(error).exitCode
        } catch let error as ReportError {
            if error.kind == .output(.cancelled) { throw interrupted() }
            print(error.message)
            throw ExitStatus(error).exitCode
        } catch let error as OutputFileError {
            if error.kind == .cancelled { throw interrupted() }
            print(error.message)
            throw ExitStatus(error.kind).exitCode
        } catch let error as ScenarioError {
            print(error.description)
            throw ExitStatus(error).exitCode
        } catch let error as ScenarioDataError {
            throw report(error).exitCode
        } catch let error as SweepShardError {
            if error.kind == .usage { throw ValidationError(error.message) }
            print(error.message)
            throw ExitStatus.badData.exitCode
        } catch is SimulationCancelled {
            throw interrupted()
        } catch let error as RunInterrupted {
            throw interrupted(reportPath: error.reportPath)
        } catch let error as RunRequestError {
            throw ValidationError(error.message)
        } catch let error as BenchmarkError where error.kind == .usage {
            throw ValidationError(error.message)
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
