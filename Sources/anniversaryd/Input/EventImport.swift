import AnniversaryCore
import Foundation

/// Reading event lists, every problem reported with its place.
enum EventImport {
    /// The events of a CSV file, read a batch at a time.
    struct CSVRows {
        private var reader: CSV.Reader
        private let columns: [EventFields.Name]
        private let file: String
        private let channels: Set<String>
        /// The line each id was first seen on.
        private var seen: [String: Int] = [:]

        /// Reads the header row.
        ///
        /// - Parameters:
        ///   - channels: The configured channel names.
        ///   - expectedCount: About how many rows the file has.
        init(_ bytes: [UInt8], file: String, channels: Set<String>, expectedCount: Int) throws(DataError) {
            reader = CSV.Reader(bytes)
            seen.reserveCapacity(expectedCount)
            self.file = file
            self.channels = channels
            guard try Self.read(&reader, file: file) else { throw DataError(description: "\(file): the file is empty") }
            var columns: [EventFields.Name] = []
            for field in reader.record {
                let name = field.value.trimmingCharacters(in: .whitespaces).lowercased()
                guard let column = EventFields.Name(name) else {
                    throw DataError(description: "\(file):\(field.line):\(field.column): unknown column \"\(name)\"; columns are \(EventFields.names.joined(separator: ", "))")
                }
                columns.append(column)
            }
            self.columns = columns
        }

        /// Up to `limit` more events; nil at the end of the file.
        ///
        /// - Throws: The first bad row's problem, with its file:line:column.
        mutating func next(limit: Int) throws(DataError) -> [EventDefinition]? {
            var definitions: [EventDefinition] = []
            definitions.reserveCapacity(limit)
            var fields = EventFields()
            while definitions.count < limit, try Self.read(&reader, file: file) {
                let record = reader.record
                guard record.count == columns.count else {
                    throw DataError(description: "\(file):\(record[0].line):1: \(record.count) fields where the header has \(columns.count)")
                }
                fields.removeAll()
                for (column, field) in zip(columns, record) { fields[column] = field.value }
                do throws(EventFields.Problem) {
                    let definition = try fields.definition(channels: channels, checkingText: false)  // the reader checked the text
                    if let first = seen.updateValue(record[0].line, forKey: definition.id) {
                        throw EventFields.Problem(field: .id, message: "duplicate id \"\(definition.id)\"; first on line \(first)")
                    }
                    definitions.append(definition)
                } catch {
                    let field = columns.firstIndex(of: error.field).map { record[$0] } ?? record[0]
                    throw DataError(description: "\(file):\(field.line):\(field.column): \(error.message)")
                }
            }
            return definitions.isEmpty ? nil : definitions
        }

        private static func read(_ reader: inout CSV.Reader, file: String) throws(DataError) -> Bool {
            do {
                return try reader.next()
            } catch {
                throw DataError(description: "\(file):\(error.line):\(error.column): \(error.message)")
            }
        }
    }

    static func json(_ data: Data, file: String, channels: Set<String>) throws(DataError) -> [EventDefinition] {
        let data = data.starts(with: TextCheck.byteOrderMark) ? data.dropFirst(TextCheck.byteOrderMark.count) : data
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            // Said at its place, in words, rather than as the parser's character count.
            let bytes = Array(data)
            if let problem = TextCheck.firstProblem(in: bytes) {
                let place = TextCheck.position(of: problem.offset, in: bytes, textStart: 0)
                throw DataError(description: "\(file):\(place.line):\(place.column): \(problem.message)")
            }
            throw DataError(description: "\(file): not valid JSON: \((error as NSError).userInfo[NSDebugDescriptionErrorKey] ?? error)")
        }
        guard let objects = root as? [Any] else { throw DataError(description: "\(file): expected an array of event objects") }
        var seen = Set<String>()
        var definitions: [EventDefinition] = []
        for (index, item) in objects.enumerated() {
            let place = "\(file): event \(index + 1)"
            guard let object = item as? [String: Any] else { throw DataError(description: "\(place): expected an object") }
            var fields = EventFields()
            for (key, value) in object {
                guard let name = EventFields.Name(key) else {
                    throw DataError(description: "\(place): unknown key \"\(key)\"; keys are \(EventFields.names.joined(separator: ", "))")
                }
                switch value {
                case let text as String: fields[name] = text
                case let list as [String]: fields[name] = list.joined(separator: ";")
                case is NSNull: continue
                default: throw DataError(description: "\(place): \"\(key)\" must be a string\([.tags, .remind, .channels].contains(name) ? " or a list of strings" : "")")
                }
            }
            do throws(EventFields.Problem) {
                let definition = try fields.definition(channels: channels)
                guard seen.insert(definition.id).inserted else {
                    throw EventFields.Problem(field: .id, message: "duplicate id \"\(definition.id)\"")
                }
                definitions.append(definition)
            } catch {
                throw DataError(description: "\(place) (\"\(error.field.text)\"): \(error.message)")
            }
        }
        return definitions
    }
}
