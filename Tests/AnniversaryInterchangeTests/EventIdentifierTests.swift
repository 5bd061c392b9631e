import AnniversaryCore
import AnniversaryInterchange
import AnniversaryTesting
import Testing

/// UIDs as event ids: valid, readable, stable, and never two UIDs to one id.
struct EventIdentifierTests {
    @Test(arguments: [
        ("7kukuqrfedlm2f9t8fvd6iugtc@google.com", "7kukuqrfedlm2f9t8fvd6iugtc_40google.com"),
        ("040000008200E00074C5B7101A82E008", "0_3040000008200E00074C5B7101A82E008"),
        ("{A1B2-C3}", "0_7BA1B2-C3_7D"),
        ("my_event", "my_5Fevent"),
        ("-dash", "0_2Ddash"),
        ("Dorj Bat", "Dorj_20Bat"),
        ("", "0_"),
    ])
    func uidsBecomeValidIDs(uid: String, id: String) {
        #expect(EventIdentifier.make(uid: uid) == id)
        #expect(EventDefinition.isValidID(id))
        #expect(EventIdentifier.uid(from: id) == uid)
    }

    @Test func randomUIDsMapOneToOne() {
        var generator = SystemRandomNumberGenerator.Seeded(seed: 14)
        let alphabet = Array("aZ09._-@{}/: _0é€") + ["\u{1F600}"]
        var ids: [String: String] = [:]
        for _ in 0..<20_000 {
            let uid = String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let id = EventIdentifier.make(uid: uid)
            #expect(EventDefinition.isValidID(id), "\(uid) → \(id)")
            #expect(EventIdentifier.uid(from: id) == uid)
            if let other = ids.updateValue(uid, forKey: id) { #expect(other == uid, "\(other) and \(uid) both → \(id)") }
        }
    }

    @Test func longUIDsAreShortenedWithAStableHash() {
        let long = String(repeating: "x", count: 182) + "@" + String(repeating: "y", count: 100)
        let id = EventIdentifier.make(uid: long)
        #expect(id.utf8.count <= EventIdentifier.maximumLength)
        #expect(EventDefinition.isValidID(id))
        #expect(id.hasPrefix(String(repeating: "x", count: 182) + "-"), "the escape of @ is not cut in half: \(id)")
        #expect(id == EventIdentifier.make(uid: long))
        #expect(id != EventIdentifier.make(uid: long + "z"))
    }
}
