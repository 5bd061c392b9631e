import AnniversaryCore
import Foundation

/// Events as the `event` table's column values, with their schedules, packed into flat buffers.
///
/// A bulk import packs each batch on the thread that parses it, and the thread that inserts binds
/// the values straight from the buffers. Binding from definitions instead cost the inserting
/// thread (the import's critical path) a third of its time: copies and reference counting of
/// every field, strings built per row, and a million small arrays freed.
public struct EventRows: Sendable {
    /// Where a text value lies in ``bytes``; a negative count stands for NULL.
    struct TextSpan {
        let start: Int32
        let count: Int32
    }

    /// A row's other values.
    struct Numbers {
        let originYear: Int?
        let leadSpanDays: Int
        let nextFireAt: Double?
        /// The month-day its key starts with (and which holds its origin's month and day).
        let monthDay: Int
    }

    /// Text values per row, in ``EventColumns/all`` order: the definition's text columns.
    static let textColumnCount = 17

    private(set) var bytes: [UInt8] = []
    private(set) var spans: [TextSpan] = []
    private(set) var numbers: [Numbers] = []

    public var count: Int { numbers.count }

    /// The definitions' rows, grouped by month-day, the table's key order, and in their own order
    /// within a day: a bulk insert then appends to one part of the table at a time.
    public init(_ definitions: [EventDefinition], preparer: inout EventPreparer) {
        guard definitions.count > 1000 else {
            for definition in definitions { append(definition, preparer.schedule(for: definition)) }
            return
        }
        var days = [[Int]](repeating: [], count: EventKey.monthDaySlots)
        for index in definitions.indices { days[definitions[index].monthDay].append(index) }
        for day in days {
            for index in day { append(definitions[index], preparer.schedule(for: definitions[index])) }
        }
    }

    init(_ definition: EventDefinition, _ schedule: EventSchedule) {
        append(definition, schedule)
    }

    private mutating func append(_ definition: EventDefinition, _ schedule: EventSchedule) {
        append(definition.id)
        append(definition.title)
        append(definition.recurrence.description)
        append(definition.until?.description)
        append(definition.tags.count == 1 ? definition.tags[0] : definition.tags.joined(separator: String(listSeparator)))
        append(definition.message)
        append(definition.time?.description)
        append(definition.timeZoneIdentifier)
        append(definition.leads?.map(\.description).joined(separator: ","))
        append(definition.channels?.joined(separator: String(listSeparator)))
        append(definition.leapDay?.rawValue)
        append(EventDefinition.text(definition.exdates))
        append(EventDefinition.text(definition.rdates))
        append(definition.recurrence.rule == nil ? nil : definition.origin.localDate?.description)
        append(schedule.nextOccurrence?.description)
        append(schedule.occursFrom?.description)
        append(definition.notes)
        numbers.append(Numbers(
            originYear: definition.origin.year, leadSpanDays: schedule.leadSpanDays, nextFireAt: schedule.nextFireAt?.timeIntervalSince1970,
            monthDay: definition.monthDay
        ))
    }

    /// The id of row `row`.
    func id(at row: Int) -> String {
        let span = spans[row * Self.textColumnCount]
        return String(decoding: bytes[Int(span.start)..<Int(span.start + span.count)], as: UTF8.self)
    }

    private mutating func append(_ text: String?) {
        guard var text else {
            spans.append(TextSpan(start: 0, count: -1))
            return
        }
        text.withUTF8 { utf8 in
            precondition(bytes.count + utf8.count <= Int32.max, "more than 2 GiB of text in one batch of events")
            spans.append(TextSpan(start: Int32(bytes.count), count: Int32(utf8.count)))
            bytes.append(contentsOf: utf8)
        }
    }
}
