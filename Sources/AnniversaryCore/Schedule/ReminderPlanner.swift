import Foundation

/// Turns due reminder instants into channel reminders: the decision `run`, `simulate` and
/// catch-up share.
///
/// A reminder handled within `grace` of its instant is on time; one up to `catchUp` late is sent
/// marked late; an older one is missed: recorded, never sent.
public struct ReminderPlanner: Sendable {
    /// How late a reminder may be and still be sent. Default: 24 hours.
    public var catchUp: Duration
    /// Lateness that still counts as on time (timer slack, a busy machine). Default: 60 seconds.
    public var grace: Duration

    public init(catchUp: Duration = .seconds(86_400), grace: Duration = .seconds(60)) {
        self.catchUp = catchUp
        self.grace = grace
    }

    public struct Plan: Sendable {
        /// To send.
        public var due: [ChannelReminder] = []
        /// Too late to send: to record as missed.
        public var missed: [ChannelReminder] = []
    }

    /// The reminders of `event` that fire in `(mark, end]`, one per channel.
    ///
    /// - Parameter now: When the reminders are handled, for lateness; `nil` handles each at its
    ///   own instant, as a daemon that never stopped would (what `simulate` shows).
    public func plan(_ event: Event, after mark: Date, through end: Date, now: Date? = nil) -> Plan {
        var plan = Plan()
        for instant in event.reminders(after: mark, through: end) {
            let late = Duration.seconds((now ?? instant.instant).timeIntervalSince(instant.instant))
            let lateBy = late > grace ? late : nil
            var context = TemplateContext(event: event, reminder: instant, lateBy: lateBy)
            context.values["message"] = event.message.flatMap { try? MessageTemplate($0) }?.render(context) ?? context.defaultMessage
            let values = context.values
            for channel in event.channels {
                let reminder = ChannelReminder(
                    id: instant.deliveryID(channel: channel), eventID: event.id, channel: channel,
                    occurrenceDate: instant.occurrence.date, lead: instant.lead, dueAt: instant.instant,
                    lateBy: lateBy, context: values
                )
                if late > catchUp {
                    plan.missed.append(reminder)
                } else {
                    plan.due.append(reminder)
                }
            }
        }
        return plan
    }
}
