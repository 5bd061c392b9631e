import AnniversaryDelivery
import AnniversaryTesting
import Foundation
import Testing

struct WebhookSignerTests {
    /// The Standard Webhooks specification's published example.
    @Test func reproducesTheSpecificationsTestVector() throws {
        let signer = try WebhookSigner(secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])
        let signature = signer.signature(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: Data(#"{"test": 2432232314}"#.utf8))
        #expect(signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    @Test func signsWithEverySecretForRotation() throws {
        let signer = try WebhookSigner(secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "c2Vjb25kLXNlY3JldA=="])
        let parts = signer.signature(id: "id", timestamp: 1, body: Data("{}".utf8)).split(separator: " ")
        #expect(parts.count == 2)
        #expect(parts.allSatisfy { $0.hasPrefix("v1,") })
        #expect(parts[0] != parts[1])
    }

    @Test(arguments: ["whsec_not base64!", "whsec_", ""])
    func rejectsMalformedSecretsWithoutPrintingThem(secret: String) {
        #expect(throws: WebhookSigner.InvalidSecret(position: 0)) { try WebhookSigner(secrets: [secret]) }
        #expect(!WebhookSigner.InvalidSecret(position: 0).description.contains("whsec_n"))
    }

    /// The reference implementation, Python's `standardwebhooks`, accepts what we sign.
    @Test func theReferenceLibraryVerifiesOurSignatures() throws {
        guard TestPeer.require(pythonModule: "standardwebhooks") else { return }
        let directory = TemporaryDirectory()
        let secret = "whsec_" + Data((0..<32).map { UInt8($0 * 7 % 256) }).base64EncodedString()
        let body = Data(#"{"title":"U.S.–Mongolia \"40\"\n<!channel>"}"#.utf8)
        let now = Date()
        let headers = try WebhookSigner(secrets: [secret]).headers(id: "us-mn/2027-01-27/7d/hooks", timestamp: now, body: body)
        try body.write(to: directory.url("body"))
        let script = """
            import json, sys
            from standardwebhooks.webhooks import Webhook
            headers = json.loads(sys.argv[2])
            Webhook(sys.argv[1]).verify(open(sys.argv[3], "rb").read(), headers)
            print("verified")
            """
        let headerJSON = String(decoding: try JSONSerialization.data(withJSONObject: Dictionary(uniqueKeysWithValues: headers.map { ($0.name, $0.value) })), as: UTF8.self)
        let output = try Python.run(script, arguments: [secret, headerJSON, directory.file("body")])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("verified"))
    }
}
