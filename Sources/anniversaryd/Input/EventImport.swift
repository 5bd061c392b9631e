import AnniversaryCore
import Foundation

/// Reading event lists, every problem reported with its place.
enum EventImport {
    static func csv(_ data: Data, file: String, channels: Set<String>) throws(DataError) -> [EventDefinition] {
        guard String(validating: data, as: UTF8.self) != nil else { throw DataError(description: "\(file): not UTF-8 text") }
        let records: [[CSV.Field]]
        do {
            records = try CSV.parse(data)
        } catch {
            throw DataError(description: "\(file):\(error.line):\(error.column): \(error.message)")
        }
        guard let header = records.first else { throw DataError(description: "\(file): the file is empty") }
        let names = header.map { $0.value.trimmingCharacters(in: .whitespaces).lowercased() }
        for (name, field) in zip(names, header) where !EventFields.names.contains(name) {
            throw DataError(description: "\(file):\(field.line):\(field.column): unknown column \"\(name)\"; columns are \(EventFields.names.joined(separator: ", "))")
        }
        var seen: [String: Int] = [:]
        var definitions: [EventDefinition] = []
        definitions.reserveCapacity(records.count - 1)
        for record in records.dropFirst() {
            guard record.count == names.count else {
                throw DataError(description: "\(file):\(record[0].line):1: \(record.count) fields where the header has \(names.count)")
            }
            let fields = EventFields(values: Dictionary(uniqueKeysWithValues: zip(names, record.map(\.value))))
            do throws(EventFields.Problem) {
                let definition = try fields.definition(channels: channels)
                if let first = seen[definition.id] {
                    throw EventFields.Problem(field: "id", message: "duplicate id \"\(definition.id)\"; first on line \(first)")
                }
                seen[definition.id] = record[0].line
                definitions.append(definition)
            } catch {
                let field = names.firstIndex(of: error.field).map { record[$0] } ?? record[0]
                throw DataError(description: "\(file):\(field.line):\(field.column): \(error.message)")
            }
        }
        return definitions
    }

    static func json(_ data: Data, file: String, channels: Set<String>) throws(DataError) -> [EventDefinition] {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw DataError(description: "\(file): not valid JSON: \((error as NSError).userInfo[NSDebugDescriptionErrorKey] ?? error)")
        }
        guard let objects = root as? [Any] else { throw DataError(description: "\(file): expected an array of event objects") }
        var seen = Set<String>()
        var definitions: [EventDefinition] = []
        for (index, item) in objects.enumerated() {
            let place = "\(file): event \(index + 1)"
            guard let object = item as? [String: Any] else { throw DataError(description: "\(place): expected an object") }
            var values: [String: String] = [:]
            for (key, value) in object {
                guard EventFields.names.contains(key) else {
                    throw DataError(description: "\(place): unknown key \"\(key)\"; keys are \(EventFields.names.joined(separator: ", "))")
                }
                switch value {
                case let text as String: values[key] = text
                case let list as [String]: values[key] = list.joined(separator: ";")
                case is NSNull: continue
                default: throw DataError(description: "\(place): \"\(key)\" must be a string\(["tags", "remind", "channels"].contains(key) ? " or a list of strings" : "")")
                }
            }
            do throws(EventFields.Problem) {
                let definition = try EventFields(values: values).definition(channels: channels)
                guard seen.insert(definition.id).inserted else {
                    throw EventFields.Problem(field: "id", message: "duplicate id \"\(definition.id)\"")
                }
                definitions.append(definition)
            } catch {
                throw DataError(description: "\(place) (\"\(error.field)\"): \(error.message)")
            }
        }
        return definitions
    }
}
