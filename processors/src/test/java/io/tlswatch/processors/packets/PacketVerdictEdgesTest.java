package io.tlswatch.processors.packets;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.processors.siem.EcsMapper;
import io.tlswatch.schemas.EcsHandshake;
import io.tlswatch.schemas.HandshakeOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 1: only what the packets prove is a failure. A capture that starts inside a connection, or ends
 * (or drops it) before its handshake does, gives {@code unknown} with a reason; {@code timeout} needs a silence
 * the capture shows.
 */
class PacketVerdictEdgesTest {
    private static final byte[] CLIENT_HELLO_START = {22, 3, 1, 0, 60, 1, 0, 0, 56, 3, 3, 9, 9, 9};

    private static WireFlight flight(byte[] head, boolean syn, boolean fin, boolean rst, String reason) {
        return new WireFlight(head, 0, 1000, 1000, syn, fin, rst, 0, head.length, reason);
    }

    private static HandshakeOutcome judge(List<WireFlight> client, List<WireFlight> server) {
        HandshakeOutcome o = new PacketVerdict().judge(new WireConnection("tap/10.0.0.1:5->10.0.0.2:443", "tap",
                "tcp", "10.0.0.1", 5, "10.0.0.2", 443, null, client, server));
        assertValidRecord(o);
        assertValidRecord(EcsMapper.toEcs(o));
        return o;
    }

    @Test
    void theRealCaptureStartingInsideTwoConnectionsJudgesNeitherAsAFailure() throws IOException {
        List<HandshakeOutcome> all = PacketVerdictTest.judge("tls3.pcapng");

        for (int port : new int[] {60142, 62384}) {
            HandshakeOutcome o = all.stream().filter(x -> x.clientPort() == port).findFirst().orElseThrow();
            assertThat(o.outcome()).as("client port %d: %s", port, o.reason()).isEqualTo("unknown");
            assertThat(UnknownReason.of(o.reason())).isEqualTo(UnknownReason.MID_STREAM);
            EcsHandshake ecs = EcsMapper.toEcs(o);
            assertThat(ecs.event().outcome()).isEqualTo("unknown");
            assertThat(ecs.event().reason()).isEqualTo("mid_stream");
            assertThat(ecs.error()).isNull();
        }
    }

    @Test
    void bytesThatAreNotTlsProveNothingUnlessTheyOpenTheConnection() {
        byte[] notTls = "\u0000\u0001keep-alive".getBytes(StandardCharsets.ISO_8859_1);
        HandshakeOutcome midStream = judge(List.of(flight(notTls, false, false, false, "flight_complete")),
                List.of());
        assertThat(midStream.outcome()).isEqualTo("unknown");
        assertThat(midStream.reason()).startsWith("mid_stream: ");

        HandshakeOutcome atStart = judge(List.of(flight(notTls, true, false, false, "flight_complete")), List.of());
        assertThat(atStart.outcome()).isEqualTo("failure");
        assertThat(atStart.errorClass()).isEqualTo("not_tls");
    }

    @Test
    void encryptedRecordsWithoutASynAreTheMiddleOfAConnection() {
        byte[] appData = {23, 3, 3, 0, 3, 1, 2, 3};
        HandshakeOutcome o = judge(List.of(flight(appData, false, false, false, "end_of_capture")),
                List.of(flight(appData, false, false, false, "end_of_capture")));
        assertThat(o.outcome()).isEqualTo("unknown");
        assertThat(EcsMapper.toEcs(o).event().reason()).isEqualTo("mid_stream");
    }

    @Test
    void onlyTheServerSeenWithoutASynIsMidStreamNotTheServerSpeakingFirst() {
        byte[] appData = {23, 3, 3, 0, 3, 1, 2, 3};
        HandshakeOutcome o = judge(List.of(), List.of(flight(appData, false, false, false, "flight_complete")));
        assertThat(EcsMapper.toEcs(o).event().reason()).isEqualTo("mid_stream");
    }

    @Test
    void aHandshakeCutByTheCaptureIsIncompleteASilentOneTimesOutAClosedOneIsAborted() {
        HandshakeOutcome cut = judge(List.of(flight(CLIENT_HELLO_START, true, false, false, "end_of_capture")),
                List.of());
        assertThat(cut.outcome()).isEqualTo("unknown");
        assertThat(EcsMapper.toEcs(cut).event().reason()).isEqualTo("incomplete");

        HandshakeOutcome evicted = judge(List.of(flight(CLIENT_HELLO_START, true, false, false, "evicted")),
                List.of());
        assertThat(EcsMapper.toEcs(evicted).event().reason()).isEqualTo("incomplete");

        HandshakeOutcome silent = judge(List.of(flight(CLIENT_HELLO_START, true, false, false, "idle_timeout")),
                List.of());
        assertThat(silent.outcome()).isEqualTo("failure");
        assertThat(silent.errorClass()).isEqualTo("timeout");

        HandshakeOutcome reset = judge(List.of(flight(CLIENT_HELLO_START, true, false, false, "flight_complete")),
                List.of(flight(new byte[0], true, false, true, "rst")));
        assertThat(reset.errorClass()).isEqualTo("peer_abort");
    }

    @Test
    void aWarningAlertOnASuccessIsRecordedWithItsLevel() throws IOException {
        HandshakeOutcome o = PacketVerdictTest.judge("g11-tls12-warn112-unrecognized-name-then-success.pcap").get(0);
        EcsHandshake ecs = EcsMapper.toEcs(o);
        assertThat(ecs.event().outcome()).isEqualTo("success");
        assertThat(ecs.tlswatch().alert().code()).isEqualTo(112);
        assertThat(ecs.tlswatch().alert().sender()).isEqualTo("server");
        assertThat(ecs.tlswatch().alert().level()).isEqualTo("warning");
        assertThat(ecs.tlswatch().errorClass()).isNull();
    }
}
