import AnniversaryConfig
@testable import AnniversaryDaemon
import Foundation
import Logging
import Testing

struct SchedulerHealthTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func asleepIsHealthyUntilTheDeadlineIsLongPast() {
        var health = SchedulerHealth()
        health.asleep(until: now.addingTimeInterval(3600))
        #expect(health.isHealthy(now: now, tolerance: .seconds(30)))
        health.asleep(until: now.addingTimeInterval(-10))
        #expect(health.isHealthy(now: now, tolerance: .seconds(30)))
        health.asleep(until: now.addingTimeInterval(-31))
        #expect(!health.isHealthy(now: now, tolerance: .seconds(30)))
    }

    @Test func awakeIsHealthyForAWhile() {
        var health = SchedulerHealth()
        #expect(health.isHealthy(now: now, tolerance: .seconds(30)))
        health.awake(at: now)
        health.awake(at: now.addingTimeInterval(20))  // still the same wake-up
        #expect(health.isHealthy(now: now.addingTimeInterval(29), tolerance: .seconds(30)))
        #expect(!health.isHealthy(now: now.addingTimeInterval(31), tolerance: .seconds(30)))
        health.asleep(until: now.addingTimeInterval(100))
        health.awake(at: now.addingTimeInterval(100))
        #expect(health.isHealthy(now: now.addingTimeInterval(110), tolerance: .seconds(30)))
    }

    /// Planning a large backlog keeps the loop awake for long; each part done counts as alive.
    @Test func progressKeepsALongWakeUpHealthy() {
        var health = SchedulerHealth()
        health.awake(at: now)
        for second in stride(from: 20, through: 200, by: 20) {
            health.progressed(at: now.addingTimeInterval(Double(second)))
            #expect(health.isHealthy(now: now.addingTimeInterval(Double(second) + 25), tolerance: .seconds(30)))
        }
        #expect(!health.isHealthy(now: now.addingTimeInterval(231), tolerance: .seconds(30)))
    }
}

struct StopTimeoutTests {
    static func configuration(webhookTimeouts: [Duration]) -> Configuration {
        var channels = ["log": ChannelConfiguration(name: "log", kind: .log)]
        for (index, timeout) in webhookTimeouts.enumerated() {
            var channel = ChannelConfiguration(name: "hook\(index)", kind: .webhook)
            channel.timeout = timeout
            channels[channel.name] = channel
        }
        return Configuration(path: "anniversaryd.yaml", databasePath: "calendar.sqlite", channels: channels)
    }

    /// The log channel's timeout bounds nothing: it writes at once.
    @Test func theLongestWebhookTimeoutAndTwoSeconds() {
        #expect(StopTimeout(Self.configuration(webhookTimeouts: [])).current == .seconds(2))
        var onlyLog = Self.configuration(webhookTimeouts: [])
        onlyLog.channels["log"]?.timeout = .seconds(30)
        #expect(StopTimeout(onlyLog).current == .seconds(2))
        #expect(StopTimeout(Self.configuration(webhookTimeouts: [.seconds(5), .seconds(25), .seconds(1)])).current == .seconds(27))
    }

    /// Requests started before a reload keep their timeouts, so a reload never lowers the bound.
    @Test func aReloadRaisesTheBoundButNeverLowersIt() {
        let timeout = StopTimeout(Self.configuration(webhookTimeouts: [.seconds(1)]))
        timeout.raise(for: Self.configuration(webhookTimeouts: [.seconds(8)]))
        #expect(timeout.current == .seconds(10))
        timeout.raise(for: Self.configuration(webhookTimeouts: [.seconds(1)]))
        #expect(timeout.current == .seconds(10))
    }

    @Test func theStopEndsAtTheTimeoutWithoutASecondSignal() async {
        let (signals, continuation) = AsyncStream.makeStream(of: SignalReceiver.Signal.self)
        continuation.yield(.hangup)
        let cause = await Daemon.firstOf(stopSignalIn: signals, orTimeout: .milliseconds(50))
        #expect(cause == "stop timeout of 0.05 seconds passed")
    }

    @Test func aSecondStopSignalEndsTheStopBeforeTheTimeout() async {
        let (signals, continuation) = AsyncStream.makeStream(of: SignalReceiver.Signal.self)
        continuation.yield(.hangup)
        continuation.yield(.interrupt)
        let cause = await Daemon.firstOf(stopSignalIn: signals, orTimeout: .seconds(600))
        #expect(cause == "second stop signal")
    }

    /// Cancelled when the graceful stop ends by itself: no cause, so nothing is logged.
    @Test func aCancelledWaitHasNoCause() async {
        let (signals, _) = AsyncStream.makeStream(of: SignalReceiver.Signal.self)
        let waiting = Task { await Daemon.firstOf(stopSignalIn: signals, orTimeout: .seconds(600)) }
        waiting.cancel()
        #expect(await waiting.value == nil)
    }
}

struct WatchdogTests {
    @Test(arguments: [
        (["WATCHDOG_USEC": "60000000"], Duration?.some(.seconds(30))),
        (["WATCHDOG_USEC": "60000000", "WATCHDOG_PID": "42"], .seconds(30)),
        (["WATCHDOG_USEC": "60000000", "WATCHDOG_PID": "43"], nil),
        (["WATCHDOG_USEC": "0"], nil),
        (["WATCHDOG_USEC": "soon"], nil),
        ([:], nil),
    ])
    func intervalIsHalfTheTimeoutForThisProcess(environment: [String: String], interval: Duration?) {
        #expect(Watchdog.interval(environment: environment, pid: 42) == interval)
    }
}

struct SystemdNotifierTests {
    @Test func silentWithoutASocket() {
        #expect(!SystemdNotifier(environment: [:]).isEnabled)
        #expect(!SystemdNotifier(environment: ["NOTIFY_SOCKET": "vsock:2:1"]).isEnabled)
        #expect(SystemdNotifier(environment: ["NOTIFY_SOCKET": "@abstract"]).isEnabled)
        #expect(SystemdNotifier(environment: ["NOTIFY_SOCKET": "/run/systemd/notify"]).isEnabled)
    }
}

struct DaemonLogHandlerTests {
    @Test(arguments: [
        (Logger.Level.trace, 7), (.debug, 7), (.info, 6), (.notice, 5), (.warning, 4), (.error, 3), (.critical, 2),
    ])
    func journalPriorities(level: Logger.Level, priority: Int) {
        #expect(DaemonLogHandler.priority(level) == priority)
    }

    @Test(arguments: [
        ("plain", "plain"), ("two words", "\"two words\""), ("", "\"\""), ("say \"hi\"", "\"say \\\"hi\\\"\""),
        ("a\nb", "\"a\\nb\""), ("k=v", "\"k=v\""),
    ])
    func valuesAreQuotedWhenTheyWouldBreakTheLine(value: String, written: String) {
        #expect(DaemonLogHandler.quoted(value) == written)
    }

    @Test func plainWithoutAJournal() {
        #expect(DaemonLogHandler.format(environment: [:]) == .plain)
        #expect(DaemonLogHandler.format(environment: ["JOURNAL_STREAM": "0:0"]) == .plain)
    }
}
