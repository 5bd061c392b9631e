/// English ordinals: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 101st, 111th.
public enum Ordinal {
    public static func string(for number: Int) -> String {
        let suffix: String
        switch (number % 100, number % 10) {
        case (11...13, _): suffix = "th"
        case (_, 1): suffix = "st"
        case (_, 2): suffix = "nd"
        case (_, 3): suffix = "rd"
        default: suffix = "th"
        }
        return "\(number)\(suffix)"
    }
}
