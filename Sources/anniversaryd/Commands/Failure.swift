import AnniversaryConfig
import AnniversaryDaemon
import AnniversaryStore
import ArgumentParser
import Foundation

/// Exit codes, chosen once, here (sysexits.h).
enum Failure {
    static let usage = ExitCode(64)
    static let dataError = ExitCode(65)
    static let noInput = ExitCode(66)
    static let unavailable = ExitCode(69)
    static let ioError = ExitCode(74)
    static let configError = ExitCode(78)

    static func exitCode(for error: ConfigurationError) -> ExitCode {
        switch error.kind {
        case .missingFile: noInput
        case .unreadableFile: ioError
        case .invalid: configError
        }
    }

    static func exitCode(for error: StoreError) -> ExitCode {
        switch error {
        case .notADatabase, .newerSchema: dataError
        case .readOnly, .cannotOpen, .full, .ioFailure, .sqlite: ioError
        case .locked: unavailable
        case .eventExists, .eventNotFound, .eventFromFile, .deliveryNotFound: dataError
        case .fileEventsShadowCLIEvents: configError
        }
    }

    /// Runs `body`; on a known error prints it to standard error and exits with its code.
    static func exitOnError<T, E: Error>(_ body: () throws(E) -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw exit(with: error)
        }
    }

    /// Prints the error and returns the exit code to throw.
    static func exit(with error: any Error) -> any Error {
        switch error {
        case let error as ConfigurationError:
            printError(error.description)
            return exitCode(for: error)
        case let error as StoreError:
            printError("anniversaryd: \(error)")
            return exitCode(for: error)
        case let error as DaemonError:
            printError("anniversaryd: \(error)")
            return configError
        case let error as DataError:
            printError(error.description)
            return dataError
        default:
            return error
        }
    }
}

/// Bad input data (an import file), with its place.
struct DataError: Error, CustomStringConvertible {
    let description: String
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
