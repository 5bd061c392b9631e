import AnniversaryDelivery
import Foundation
import Testing

struct RetryPolicyTests {
    let due = Date(timeIntervalSince1970: 1_800_000_000)
    let retryable = DeliveryError.retryable(reason: "HTTP 503", retryAfter: nil)

    /// Without jitter (random 0.5) the delays follow the schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h.
    @Test(arguments: zip(1...7, [5, 300, 1800, 7200, 18_000, 36_000, 36_000]))
    func followsTheSchedule(attempt: Int, seconds: Int) {
        let policy = RetryPolicy(attempts: 100, maxAge: .seconds(10 * 86_400))
        #expect(policy.decide(after: retryable, attempt: attempt, dueAt: due, now: due, random: 0.5) == .retry(at: due.addingTimeInterval(TimeInterval(seconds))))
    }

    @Test(arguments: [0.0, 0.999])
    func jitterStaysWithinTwentyPercent(random: Double) throws {
        guard case .retry(let at) = RetryPolicy().decide(after: retryable, attempt: 2, dueAt: due, now: due, random: random) else {
            Issue.record("expected a retry")
            return
        }
        let delay = at.timeIntervalSince(due)
        #expect(delay >= 240 && delay <= 360)
    }

    @Test func honoursALongerRetryAfter() {
        let error = DeliveryError.retryable(reason: "HTTP 429", retryAfter: .seconds(120))
        #expect(RetryPolicy().decide(after: error, attempt: 1, dueAt: due, now: due, random: 0.5) == .retry(at: due.addingTimeInterval(120)))
    }

    @Test func permanentFailuresAreNotRetried() {
        #expect(RetryPolicy().decide(after: .permanent(reason: "HTTP 404"), attempt: 1, dueAt: due, now: due, random: 0.5) == .giveUp(reason: "HTTP 404"))
    }

    @Test func givesUpAfterTheLastAttemptOrPastTheMaximumAge() {
        let policy = RetryPolicy(attempts: 3, maxAge: .seconds(3600))
        guard case .giveUp = policy.decide(after: retryable, attempt: 3, dueAt: due, now: due, random: 0.5) else {
            Issue.record("expected to give up after 3 attempts")
            return
        }
        // The fourth delay (2 h) would end past the one-hour age bound.
        guard case .giveUp = RetryPolicy(attempts: 10, maxAge: .seconds(3600)).decide(after: retryable, attempt: 4, dueAt: due, now: due, random: 0.5) else {
            Issue.record("expected to give up past the maximum age")
            return
        }
    }

    @Test(arguments: [
        (200, nil as String?, nil as DeliveryError?), (204, nil, nil),
        (301, nil, .retryable(reason: "HTTP 301", retryAfter: nil)),
        (400, nil, .permanent(reason: "HTTP 400")), (404, nil, .permanent(reason: "HTTP 404")), (410, nil, .permanent(reason: "HTTP 410")),
        (408, nil, .retryable(reason: "HTTP 408", retryAfter: nil)),
        (429, "120", .retryable(reason: "HTTP 429", retryAfter: .seconds(120))),
        (503, "Thu, 15 Jan 2027 08:00:30 GMT", .retryable(reason: "HTTP 503", retryAfter: .seconds(30))),
        (500, "soon", .retryable(reason: "HTTP 500", retryAfter: nil)),
    ])
    func classifiesHTTPStatuses(status: Int, retryAfter: String?, expected: DeliveryError?) {
        let now = try! Date("2027-01-15T08:00:00Z", strategy: .iso8601)
        #expect(HTTPStatusClassification.error(status: status, retryAfter: retryAfter, now: now) == expected)
    }
}
