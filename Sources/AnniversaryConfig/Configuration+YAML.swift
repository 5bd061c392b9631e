import AnniversaryCore
import Foundation
import Yams

/// Loading the configuration file.
///
/// Keys, with their types and defaults (paths are relative to the file that names them):
///
/// | key | type | default |
/// | --- | --- | --- |
/// | `database` | path | `$STATE_DIRECTORY/calendar.sqlite`, else `./anniversaryd.sqlite` |
/// | `timezone` | IANA zone | the system's |
/// | `events` | list of paths or wildcards | none |
/// | `log_level` | trace … critical | info |
/// | `defaults.at` | HH:MM[:SS] | 09:00 |
/// | `defaults.remind` | list of leads | `[0d]` |
/// | `defaults.channels` | list of channel names | `[log]` |
/// | `defaults.leap_day` | feb28 \| mar1 | feb28 |
/// | `defaults.catch_up` | duration | 24h |
/// | `defaults.milestones` | list of years | 1, 5, 10, 15, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90, 100 |
/// | `channels.NAME` | mapping: `type`, `url`/`url_env`/`url_file`, `secret`/`secret_env`/`secret_file`, `template`, `timeout`, `retry`, `concurrency` | `log` exists always |
/// | `rules` | list of mappings: `tags` plus any of `at`, `timezone`, `remind`, `channels`, `leap_day`, `milestones` | none |
extension Configuration {
    static let topLevelKeys = ["database", "timezone", "events", "defaults", "channels", "rules", "log_level"]
    static let defaultsKeys = ["at", "remind", "channels", "leap_day", "catch_up", "milestones"]
    static let channelKeys = ["type", "url", "url_env", "url_file", "secret", "secret_env", "secret_file", "template", "timeout", "retry", "concurrency"]
    static let ruleKeys = ["tags", "at", "timezone", "remind", "channels", "leap_day", "milestones"]
    static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    /// Reads and validates the configuration file and the event files it names.
    ///
    /// - Parameters:
    ///   - path: The configuration file.
    ///   - environment: Where `url_env`, `secret_env` and `STATE_DIRECTORY` are looked up.
    ///   - checkingSecrets: Whether the variables and files that hold URLs and secrets must be
    ///     readable now: true for `run` and `check`; commands that send nothing need not see them.
    /// - Throws: ``ConfigurationError`` listing every problem found, each with file, line and column.
    public static func load(
        from path: String,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        checkingSecrets: Bool = true
    ) throws(ConfigurationError) -> Configuration {
        let collector = DiagnosticCollector()
        let loader = ConfigurationLoader(path: path, environment: environment, checkingSecrets: checkingSecrets, collector: collector)
        let configuration = loader.load()
        if let error = collector.error { throw error }
        return configuration!
    }
}

/// One load of a configuration file: state shared while its sections are read.
struct ConfigurationLoader {
    let path: String
    let environment: [String: String]
    let checkingSecrets: Bool
    let collector: DiagnosticCollector

    var directory: String { (path as NSString).deletingLastPathComponent }

    func load() -> Configuration? {
        guard let text = FileText.read(path, collector: collector) else { return nil }
        let reader = YAMLReader(file: path, collector: collector)
        guard let root = reader.root(of: text) else {
            if collector.diagnostics.isEmpty { reader.report("the configuration file is empty", at: nil) }
            return nil
        }
        guard let values = reader.mapping(root, named: "the configuration", keys: Configuration.topLevelKeys) else { return nil }

        var configuration = Configuration(
            path: path,
            databasePath: reader.string(values["database"], key: "database").map(resolve) ??
                Configuration.defaultDatabasePath(environment: environment)
        )
        if let level = reader.value(values["log_level"], key: "log_level", expecting: "use one of \(Configuration.logLevels.joined(separator: ", "))", { Configuration.logLevels.contains($0) ? $0 : nil }) {
            configuration.logLevel = level
        }
        configuration.policy.timeZone = reader.timeZone(values["timezone"]) ?? .current
        configuration.channels = channels(values["channels"], reader: reader)
        let channelNames = Set(configuration.channels.keys)
        if let defaults = values["defaults"] {
            readDefaults(defaults, into: &configuration, channelNames: channelNames, reader: reader)
        }
        if let rules = values["rules"] {
            configuration.policy.rules = self.rules(rules, channelNames: channelNames, reader: reader)
        }
        if let events = values["events"] {
            let files = eventFiles(events, reader: reader)
            configuration.eventFiles = files
            (configuration.events, configuration.eventPlaces) = EventFileLoader(channelNames: channelNames, collector: collector).load(files)
        }
        return configuration
    }

    /// A path relative to the configuration file's directory.
    func resolve(_ relative: String) -> String {
        if relative.hasPrefix("/") || directory.isEmpty { return relative }
        return directory + "/" + relative
    }

    // MARK: - Sections

    func readDefaults(_ node: Node, into configuration: inout Configuration, channelNames: Set<String>, reader: YAMLReader) {
        guard let values = reader.mapping(node, named: "defaults", keys: Configuration.defaultsKeys) else { return }
        configuration.policy.time = reader.timeOfDay(values["at"]) ?? configuration.policy.time
        configuration.policy.leads = reader.leads(values["remind"]) ?? configuration.policy.leads
        configuration.policy.leapDay = reader.leapDay(values["leap_day"]) ?? configuration.policy.leapDay
        configuration.policy.milestones = reader.milestones(values["milestones"]) ?? configuration.policy.milestones
        configuration.catchUp = reader.duration(values["catch_up"], key: "catch_up") ?? configuration.catchUp
        configuration.policy.channels = channelReferences(values["channels"], known: channelNames, reader: reader) ?? configuration.policy.channels
    }

    func channels(_ node: Node?, reader: YAMLReader) -> [String: ChannelConfiguration] {
        var channels = ["log": ChannelConfiguration(name: "log", kind: .log)]
        guard let node else { return channels }
        for (name, keyNode, value) in reader.entries(node, named: "channels") {
            guard EventDefinition.isValidID(name) else {
                reader.report("invalid channel name \"\(name)\"; use letters, digits, '.', '_' and '-'", at: keyNode)
                continue
            }
            if let channel = channel(named: name, value, reader: reader) { channels[name] = channel }
        }
        return channels
    }

    func channel(named name: String, _ node: Node, reader: YAMLReader) -> ChannelConfiguration? {
        let what = "channel \"\(name)\""
        guard let values = reader.mapping(node, named: what, keys: Configuration.channelKeys),
              let typeText = reader.requiredString(values, key: "type", in: what, at: node)
        else { return nil }
        guard let kind = ChannelConfiguration.Kind(rawValue: typeText) else {
            let kinds = ChannelConfiguration.Kind.allCases.map(\.rawValue)
            var message = "unknown channel type \"\(typeText)\"; use one of \(kinds.joined(separator: ", "))"
            if let suggestion = Suggestion.closest(to: typeText, among: kinds) { message += " (did you mean \"\(suggestion)\"?)" }
            reader.report(message, at: values["type"])
            return nil
        }
        var channel = ChannelConfiguration(name: name, kind: kind)
        channel.template = reader.template(values["template"], key: "template")
        channel.timeout = reader.duration(values["timeout"], key: "timeout") ?? channel.timeout
        channel.concurrency = reader.integer(values["concurrency"], key: "concurrency", in: 1...256) ?? channel.concurrency
        if let retry = values["retry"], let retryValues = reader.mapping(retry, named: "retry", keys: ["attempts", "max_age"]) {
            channel.retry.attempts = reader.integer(retryValues["attempts"], key: "attempts", in: 1...100) ?? channel.retry.attempts
            channel.retry.maxAge = reader.duration(retryValues["max_age"], key: "max_age") ?? channel.retry.maxAge
        }
        let url = secretSource(values, base: "url", reader: reader, in: what, at: node)
        let secret = secretSource(values, base: "secret", reader: reader, in: what, at: node)
        if kind == .log {
            for key in ["url", "url_env", "url_file", "secret", "secret_env", "secret_file"] where values[key] != nil {
                reader.report("a log channel takes no \"\(key)\"", at: values[key])
            }
            return channel
        }
        if secret != nil, kind != .webhook {
            reader.report("only webhook channels are signed; remove the secret from \(kind.rawValue) channel \"\(name)\"", at: node)
        }
        if checkingSecrets, let secret, let key = ["secret", "secret_env", "secret_file"].first(where: { values[$0] != nil }) {
            if let value = secret.value(environment: environment) {
                if let problem = ChannelConfiguration.secretProblem(value) { reader.report("\(what): its secret cannot sign: \(problem)", at: values[key]) }
            } else {
                reader.report("\(what): its secret, named by \"\(key)\", is not UTF-8 text", at: values[key])
            }
        }
        guard let url else {
            if !["url", "url_env", "url_file"].contains(where: { values[$0] != nil }) {
                reader.report("\(what) needs one of \"url\", \"url_env\" or \"url_file\"", at: node)
            }
            return nil
        }
        if case .literal(let text) = url, !Self.isHTTPURL(text) {
            reader.report("\(what): \"url\" must be an http:// or https:// URL", at: values["url"])
        }
        channel.url = url
        channel.secret = secret
        return channel
    }

    /// `<base>`, `<base>_env` or `<base>_file`: exactly one, its source checked now so that `run`
    /// does not start with a secret it cannot read. Values never appear in messages.
    func secretSource(_ values: [String: Node], base: String, reader: YAMLReader, in what: String, at parent: Node) -> ChannelConfiguration.SecretSource? {
        let keys = [base, base + "_env", base + "_file"].filter { values[$0] != nil }
        guard let key = keys.first else { return nil }
        if keys.count > 1 {
            reader.report("\(what) has both \"\(keys[0])\" and \"\(keys[1])\"; keep one", at: values[keys[1]])
            return nil
        }
        guard let node = values[key], let text = reader.string(node, key: key) else { return nil }
        switch key {
        case base:
            return .literal(text)
        case base + "_env":
            guard !checkingSecrets || !(environment[text] ?? "").isEmpty else {
                reader.report("environment variable \(text), named by \"\(key)\", is not set", at: node)
                return nil
            }
            return .environment(text)
        default:
            let file = resolve(text)
            guard !checkingSecrets || FileManager.default.isReadableFile(atPath: file) else {
                reader.report("cannot read \(file), named by \"\(key)\"", at: node)
                return nil
            }
            return .file(file)
        }
    }

    static func isHTTPURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), url.host?.isEmpty == false else { return false }
        return scheme == "http" || scheme == "https"
    }

    func rules(_ node: Node, channelNames: Set<String>, reader: YAMLReader) -> [SchedulePolicy.Rule] {
        guard case .sequence(let sequence) = node else {
            reader.report("\"rules\" must be a list", at: node)
            return []
        }
        return sequence.compactMap { item in
            guard let values = reader.mapping(item, named: "a rule", keys: Configuration.ruleKeys) else { return nil }
            guard let tags = reader.stringList(values["tags"], key: "tags"), !tags.isEmpty else {
                reader.report("a rule needs \"tags\": the events it applies to", at: item)
                return nil
            }
            let settings = SchedulePolicy.Settings(
                time: reader.timeOfDay(values["at"]),
                timeZone: reader.timeZone(values["timezone"]),
                leads: reader.leads(values["remind"]),
                channels: channelReferences(values["channels"], known: channelNames, reader: reader),
                leapDay: reader.leapDay(values["leap_day"]),
                milestones: reader.milestones(values["milestones"])
            )
            return SchedulePolicy.Rule(tags: Set(tags.map(\.value)), settings: settings)
        }
    }

    func channelReferences(_ node: Node?, known: Set<String>, reader: YAMLReader) -> [String]? {
        EventFileLoader.channelReferences(node, known: known, reader: reader)
    }

    func eventFiles(_ node: Node, reader: YAMLReader) -> [String] {
        var files: [String] = []
        for (pattern, item) in reader.stringList(node, key: "events") ?? [] {
            let resolved = resolve(pattern)
            if FileGlob.hasWildcards(pattern) {
                files += FileGlob.expand(resolved)
            } else if FileManager.default.fileExists(atPath: resolved) {
                files.append(resolved)
            } else {
                reader.report("event file \(resolved) does not exist", at: item)
            }
        }
        // A wildcard beside the configuration file would otherwise match the file itself.
        var seen: Set<String> = [URL(fileURLWithPath: path).standardizedFileURL.path]
        return files.filter { seen.insert(URL(fileURLWithPath: $0).standardizedFileURL.path).inserted }
    }
}

/// Reading a whole file as UTF-8 text, reporting why when it cannot be read.
enum FileText {
    static func read(_ path: String, collector: DiagnosticCollector) -> String? {
        guard FileManager.default.fileExists(atPath: path) else {
            collector.reportFile("no such file", file: path, kind: .missingFile)
            return nil
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            collector.reportFile("cannot read the file (permission denied or not a regular file)", file: path, kind: .unreadableFile)
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            collector.reportFile("the file is not UTF-8 text", file: path, kind: .invalid)
            return nil
        }
        return text
    }
}
