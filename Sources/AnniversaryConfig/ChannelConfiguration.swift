import AnniversaryCore

/// One named destination for reminders, as the configuration describes it.
public struct ChannelConfiguration: Hashable, Sendable {
    /// The kinds of channel; each has its own payload format.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case log, webhook, slack, discord, ntfy, teams
    }

    /// Where a secret value comes from, so that secrets need not sit in the file.
    public enum SecretSource: Hashable, Sendable {
        /// Written in the file itself.
        case literal(String)
        /// Read from an environment variable when the daemon starts.
        case environment(String)
        /// Read from a file, such as a systemd credential under `$CREDENTIALS_DIRECTORY`.
        case file(String)
    }

    /// Retry bounds: at most `attempts` tries, and none once the reminder is `maxAge` old.
    public struct Retry: Hashable, Sendable {
        public var attempts: Int = 8
        public var maxAge: Duration = .seconds(86_400)

        public init(attempts: Int = 8, maxAge: Duration = .seconds(86_400)) {
            self.attempts = attempts
            self.maxAge = maxAge
        }
    }

    public var name: String
    public var kind: Kind
    /// The endpoint; `nil` only for `log`.
    public var url: SecretSource?
    public var secret: SecretSource?
    public var template: MessageTemplate?
    public var timeout: Duration = .seconds(10)
    public var retry = Retry()
    /// How many deliveries to this channel may be in flight at once.
    public var concurrency = Self.defaultConcurrency
    public static let defaultConcurrency = 4

    public init(name: String, kind: Kind, url: SecretSource? = nil, secret: SecretSource? = nil, template: MessageTemplate? = nil) {
        self.name = name
        self.kind = kind
        self.url = url
        self.secret = secret
        self.template = template
    }
}
