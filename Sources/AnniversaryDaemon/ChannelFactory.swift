import AnniversaryConfig
import AnniversaryCore
import AnniversaryDelivery
import Foundation
import Logging

/// Turns channel configurations into channels, reading URLs and secrets from where they live.
struct ChannelFactory {
    let environment: [String: String]
    /// Where HTTP channels get the process's client; `nil` to build none (for `check`).
    let http: HTTPClientHolder?
    let logger: Logger

    func makeChannels(_ configurations: some Sequence<ChannelConfiguration>) throws(DaemonError) -> [String: any DeliveryChannel] {
        var channels: [String: any DeliveryChannel] = [:]
        for configuration in configurations {
            channels[configuration.name] = try makeChannel(configuration)
        }
        return channels
    }

    func makeChannel(_ configuration: ChannelConfiguration) throws(DaemonError) -> any DeliveryChannel {
        guard let endpoint = try endpoint(of: configuration) else {
            return LogChannel(name: configuration.name, template: configuration.template, logger: logger)
        }
        guard let http else { preconditionFailure("an HTTP channel needs the daemon's HTTP client") }
        return HTTPChannel(
            name: configuration.name, url: endpoint.url, format: endpoint.format, template: configuration.template,
            signer: endpoint.signer, timeout: configuration.timeout, client: http.client
        )
    }

    /// Where and how an HTTP channel sends, with its URL and secrets read; `nil` for the log.
    ///
    /// - Throws: ``DaemonError`` when a URL or secret cannot be read or used. `check` calls this
    ///   alone, to find such problems without building a client.
    func endpoint(of configuration: ChannelConfiguration) throws(DaemonError) -> (url: URL, format: PayloadFormat, signer: WebhookSigner?)? {
        let name = configuration.name
        guard configuration.kind != .log else { return nil }
        guard let source = configuration.url, let text = source.value(environment: environment),
              let url = URL(string: text.trimmingCharacters(in: .whitespacesAndNewlines)),
              let endpoint = HTTPChannel.endpoint(for: configuration.kind.rawValue, url: url)
        else { throw .unreadableURL(channel: name) }
        var signer: WebhookSigner?
        if let secretSource = configuration.secret {
            // The configuration has checked it in words at its place already (`checkingSecrets`).
            guard let secrets = secretSource.value(environment: environment) else { throw .unreadableSecret(channel: name, reason: "it cannot be read") }
            do {
                signer = try WebhookSigner(secrets: secrets.split(whereSeparator: \.isWhitespace).map(String.init))
            } catch {
                throw .unreadableSecret(channel: name, reason: error.description)
            }
        }
        return (endpoint.url, endpoint.format, signer)
    }
}
