/// Durations written as a number and a unit: `30s`, `10m`, `24h`, `2d`, `1w`.
public enum DurationText {
    public static func parse(_ text: String) -> Duration? {
        guard let unit = text.last, let amount = Int(text.dropLast()), amount >= 0, text.count <= 12 else { return nil }
        let seconds: Int
        switch unit {
        case "s": seconds = amount
        case "m": seconds = amount * 60
        case "h": seconds = amount * 3600
        case "d": seconds = amount * 86_400
        case "w": seconds = amount * 604_800
        default: return nil
        }
        return .seconds(seconds)
    }

    /// The shortest exact text: `86400s` prints as `1d`.
    public static func format(_ duration: Duration) -> String {
        let seconds = Int(duration.components.seconds)
        for (unit, size) in [("w", 604_800), ("d", 86_400), ("h", 3600), ("m", 60)] where seconds != 0 && seconds % size == 0 {
            return "\(seconds / size)\(unit)"
        }
        return "\(seconds)s"
    }
}
