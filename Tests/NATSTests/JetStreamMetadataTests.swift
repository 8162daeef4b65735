import Foundation
import Testing

@testable import NATS

@Suite struct JetStreamMetadataTests {
    @Test func parsesTheOlderNineTokenLayout() throws {
        let metadata = try JetStreamMetadata(ackSubject: "$JS.ACK.SIGNALS.rec.1.42.7.1700000000123456789.3")
        #expect(metadata.domain == nil)
        #expect(metadata.accountHash == nil)
        #expect(metadata.stream == "SIGNALS")
        #expect(metadata.consumer == "rec")
        #expect(metadata.delivered == 1)
        #expect(metadata.streamSequence == 42)
        #expect(metadata.consumerSequence == 7)
        #expect(metadata.timestamp == 1_700_000_000_123_456_789)
        #expect(metadata.pending == 3)
        #expect(abs(metadata.date.timeIntervalSince1970 - 1_700_000_000.123456789) < 1e-6)
    }

    @Test func parsesTheNewerLayoutWithDomainAndAccountHash() throws {
        let withToken = try JetStreamMetadata(ackSubject: "$JS.ACK.hub.ACCHASH.S.C.2.10.5.1700000000000000000.0.RANDOM")
        #expect(withToken.domain == "hub")
        #expect(withToken.accountHash == "ACCHASH")
        #expect(withToken.stream == "S")
        #expect(withToken.consumer == "C")
        #expect(withToken.delivered == 2)
        #expect(withToken.streamSequence == 10)
        #expect(withToken.consumerSequence == 5)
        let noDomain = try JetStreamMetadata(ackSubject: "$JS.ACK._.H.S.C.1.1.1.1.0")
        #expect(noDomain.domain == nil)
        #expect(noDomain.streamSequence == 1)
    }

    @Test(arguments: [
        "$JS.ACK.S.C.1.2.3.4",
        "$JS.ACK.S.C.1.2.3.4.5.6",
        "$JS.NAK.S.C.1.2.3.4.5",
        "$JS.ACK.S.C.1.x.3.4.5",
        "$JS.ACK.S.C.1.2.3.-4.5",
        "$JS.ACK..C.1.2.3.4.5",
        "_INBOX.abc.1",
    ])
    func rejectsOtherSubjects(subject: String) {
        #expect(throws: JetStreamError.invalidAckSubject(subject)) {
            _ = try JetStreamMetadata(ackSubject: subject)
        }
    }
}
