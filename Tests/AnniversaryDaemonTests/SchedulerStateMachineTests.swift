import AnniversaryDaemon
import Foundation
import Testing

struct SchedulerStateMachineTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: [
        (nil, SchedulerStateMachine.Action.idle),
        (now, .fire),
        (now.addingTimeInterval(-3600), .fire),
        (now.addingTimeInterval(0.25), .arm(at: now.addingTimeInterval(0.25))),
        (now.addingTimeInterval(86_400 * 365), .arm(at: now.addingTimeInterval(86_400 * 365))),
    ] as [(Date?, SchedulerStateMachine.Action)])
    func decides(nextFire: Date?, expected: SchedulerStateMachine.Action) {
        var machine = SchedulerStateMachine()
        #expect(machine.next(now: Self.now, nextFire: nextFire) == expected)
        #expect(machine.armedDeadline == (expected == .arm(at: nextFire ?? .distantPast) ? nextFire : nil))
    }
}
