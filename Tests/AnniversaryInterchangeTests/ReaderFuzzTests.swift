import AnniversaryInterchange
import AnniversaryTesting
import Foundation
import Testing

/// The readers on damaged files: every mutation of the client fixtures either reads or is one
/// error at a line of the file, and never stops the process.
struct ReaderFuzzTests {
    /// Bytes that make and break structure: separators, escapes, folds, digits, signs.
    static let alphabet = Array(":;,=\"\\ \t\r\n-+T0129ZPWDHMS".utf8) + [0xC3, 0xA9, 0xFF]

    func mutations(of file: [UInt8], seed: UInt64, count: Int) -> [[UInt8]] {
        var random = SystemRandomNumberGenerator.Seeded(seed: seed)
        return (0..<count).map { _ in
            var bytes = file
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[index] = Self.alphabet.randomElement(using: &random)!
                case 1: bytes.remove(at: index)
                default: bytes.insert(Self.alphabet.randomElement(using: &random)!, at: index)
                }
            }
            return bytes
        }
    }

    func lineCount(_ bytes: [UInt8]) -> Int { bytes.count { $0 == UInt8(ascii: "\n") } + 1 }

    @Test func damagedCalendarsReadOrFailAtALine() {
        let importer = ICalendarImporter(now: Date(timeIntervalSince1970: 1_796_083_200))
        let files = [ClientExports.google, ClientExports.outlook, ClientExports.apple, ClientExports.thunderbird, ClientExports.nextcloud]
        var refused = 0
        for (index, file) in files.enumerated() {
            for bytes in mutations(of: file, seed: UInt64(index), count: 400) {
                do throws(InterchangeError) {
                    _ = try importer.read(bytes)
                } catch {
                    refused += 1
                    #expect((1...lineCount(bytes)).contains(error.line), "\(error)")
                }
            }
        }
        #expect(refused > 100, "mutations that break a file are refused")
    }

    @Test func damagedAddressBooksReadOrFailAtALine() {
        let files = [VCardImporterTests.google, VCardImporterTests.apple, VCardImporterTests.nextcloud]
        for (index, file) in files.enumerated() {
            for bytes in mutations(of: file, seed: UInt64(100 + index), count: 400) {
                do throws(InterchangeError) {
                    _ = try VCardImporter().read(bytes)
                } catch {
                    #expect((1...lineCount(bytes)).contains(error.line), "\(error)")
                }
            }
        }
    }
}
