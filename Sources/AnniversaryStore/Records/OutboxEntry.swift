import AnniversaryCore
import Foundation
import GRDB

/// An outbox row: a reminder and how its delivery stands.
public struct OutboxEntry: Hashable, Sendable {
    public var reminder: ChannelReminder
    public var status: DeliveryStatus
    public var attempts: Int
    public var lastError: String?
    public var updatedAt: Date
    /// For a pending row, when it is next to be sent.
    public var nextAttemptAt: Date?

    /// Where a page of the channel's queue that ends with this row stops.
    public var cursor: QueueCursor? {
        nextAttemptAt.map { QueueCursor(nextAttemptAt: $0, id: reminder.id) }
    }

    static let columns = "id, event_id, channel, occurrence_date, lead, due_at, late_by, context, status, attempts, last_error, updated_at, next_attempt_at"

    init(row: Row) {
        let context = ContextJSON.decode(row[7])
        reminder = ChannelReminder(
            id: row[0], eventID: row[1], channel: row[2],
            occurrenceDate: LocalDate(row[3] as String) ?? LocalDate(daysSinceEpoch: 0),
            lead: Lead(row[4] as String) ?? .onTheDay,
            dueAt: Date(timeIntervalSince1970: row[5]),
            lateBy: (row[6] as Double?).map { .milliseconds(Int64($0 * 1000)) },
            context: context
        )
        status = DeliveryStatus(rawValue: row[8]) ?? .pending
        attempts = row[9]
        lastError = row[10]
        updatedAt = Date(timeIntervalSince1970: row[11])
        nextAttemptAt = (row[12] as Double?).map(Date.init(timeIntervalSince1970:))
    }
}
