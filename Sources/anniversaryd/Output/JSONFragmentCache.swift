import AnniversaryCore

/// Encoded JSON of values a listing repeats many times (the same reminder times for every event
/// on a date), each encoded once.
struct JSONFragmentCache<Key: Hashable> {
    private var fragments: [Key: [UInt8]] = [:]

    mutating func value(for key: Key, _ make: () -> JSONValue) -> JSONValue {
        if let bytes = fragments[key] { return .encoded(bytes) }
        var bytes: [UInt8] = []
        make().write(to: &bytes)
        fragments[key] = bytes
        return .encoded(bytes)
    }
}
