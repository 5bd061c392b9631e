import AnniversaryCore
import Foundation

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

        /// The value, trimmed; `nil` when the variable is unset or the file unreadable or not text.
        public func value(environment: [String: String]) -> String? {
            switch self {
            case .literal(let value): value
            case .environment(let name): environment[name]
            case .file(let path): (try? String(contentsOfFile: path, encoding: .utf8)).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            }
        }
    }

    /// Why a `secret` value cannot sign, in words; `nil` when it can. Several secrets, separated
    /// by spaces or lines, sign at once (rotation); each is `whsec_` and base64, as Standard
    /// Webhooks gives them (bare base64 is taken too).
    public static func secretProblem(_ value: String) -> String? {
        let secrets = value.split(whereSeparator: \.isWhitespace)
        guard !secrets.isEmpty else { return "it is empty" }
        for (position, secret) in secrets.enumerated() {
            let which = secrets.count > 1 ? "secret \(position + 1)" : "the secret"
            let hasPrefix = secret.hasPrefix("whsec_")
            guard let key = Data(base64Encoded: String(hasPrefix ? secret.dropFirst("whsec_".count) : secret)), !key.isEmpty else {
                return hasPrefix
                    ? "\(which) has \"whsec_\" but what follows is not base64"
                    : "\(which) does not start with \"whsec_\" (nor is it base64)"
            }
        }
        return nil
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
