package io.tlswatch.processors.packets;

import static io.tlswatch.schemas.testing.QuicPackets.V1;
import static io.tlswatch.schemas.testing.QuicPackets.V2;
import static io.tlswatch.schemas.testing.QuicPackets.concat;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.schemas.DatagramHead;
import io.tlswatch.schemas.HandshakeOutcome;
import io.tlswatch.schemas.testing.QuicPackets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** QUIC connections ({@code transport = udp}) judged from their Initial packets (QuicVerdict's rules). */
class QuicVerdictTest {
    private static final byte[] ODCID = QuicPackets.hex("0011223344556677");
    private static final byte[] CLIENT_CID = QuicPackets.hex("c1c1c1c1");
    private static final byte[] SERVER_CID = QuicPackets.hex("5e5e5e5e");
    private static final byte[] HELLO = QuicPackets.clientHello("h3.example", List.of("h3"), 32);

    private final PacketVerdict verdict = new PacketVerdict();

    private static byte[] clientInitial(int version) {
        return QuicPackets.initial(version, true, ODCID, ODCID, CLIENT_CID, 0, QuicPackets.crypto(0, HELLO), 1200);
    }

    private static byte[] serverInitial(int version, byte[] frames) {
        return QuicPackets.initial(version, false, ODCID, CLIENT_CID, SERVER_CID, 0, frames, 0);
    }

    private static WireFlight flight(String reason, byte[]... datagrams) {
        byte[] head = DatagramHead.of(List.of(datagrams));
        return new WireFlight(head, 0, 1_000, 1_000, false, false, false, 0, head.length, reason);
    }

    private HandshakeOutcome judge(List<WireFlight> client, List<WireFlight> server) {
        return verdict.judge(new WireConnection("tap/10.0.0.1:50000->10.0.0.2:443", "tap", "udp", "10.0.0.1", 50000,
                "10.0.0.2", 443, null, client, server));
    }

    @ParameterizedTest
    @ValueSource(ints = {V1, V2})
    void aServerInitialWithItsServerHelloIsASuccess(int version) {
        HandshakeOutcome o = judge(List.of(flight("flight_complete", clientInitial(version))),
                List.of(flight("flight_complete", serverInitial(version, concat(QuicPackets.ack(),
                        QuicPackets.crypto(0, QuicPackets.serverHello()))))));

        assertThat(o.outcome()).isEqualTo("success");
        assertThat(o.transport()).isEqualTo("udp");
        assertThat(o.wire().sni()).isEqualTo("h3.example");
        assertThat(o.wire().offeredAlpn()).containsExactly("h3");
        assertThat(o.wire().ja4()).startsWith("q13d0206h3_");
        assertThat(o.wire().version()).isEqualTo("1.3");
        assertThat(o.wire().cipher()).isEqualTo("TLS_AES_128_GCM_SHA256");
        assertThat(o.wire().communityId()).startsWith("1:");
    }

    @Test
    void aServerCloseWithAlert40BeforeAnyServerHelloIsNoSharedCipher() {
        HandshakeOutcome o = judge(List.of(flight("flight_complete", clientInitial(V1))),
                List.of(flight("flight_complete", serverInitial(V1, QuicPackets.tlsAlertClose(40)))));

        assertThat(o.outcome()).isEqualTo("failure");
        assertThat(o.errorClass()).isEqualTo("no_shared_cipher");
        assertThat(o.alertCode()).isEqualTo(40);
        assertThat(o.alertSender()).isEqualTo("server");
        assertThat(o.reason()).contains("CONNECTION_CLOSE").contains("0x128");
    }

    @Test
    void aServerCloseWithAlert70IsProtocolVersion() {
        HandshakeOutcome o = judge(List.of(flight("flight_complete", clientInitial(V2))),
                List.of(flight("flight_complete", serverInitial(V2, QuicPackets.tlsAlertClose(70)))));

        assertThat(o.errorClass()).isEqualTo("protocol_version");
        assertThat(o.alertCode()).isEqualTo(70);
    }

    /** The class of a TLS alert in a CONNECTION_CLOSE is the class the same alert record gets over TCP. */
    @Test
    void everyAlertNumberGetsTheClassItGetsOverTcp() {
        byte[] tcpHello = concat(new byte[] {22, 3, 1, (byte) (HELLO.length >>> 8), (byte) HELLO.length}, HELLO);
        List<String> mismatches = new ArrayList<>();
        for (int alert = 0; alert < 256; alert++) {
            HandshakeOutcome quic = judge(List.of(flight("flight_complete", clientInitial(V1))),
                    List.of(flight("flight_complete", serverInitial(V1, QuicPackets.tlsAlertClose(alert)))));
            HandshakeOutcome tcp = verdict.judge(new WireConnection("tap/10.0.0.1:50000->10.0.0.2:443", "tap",
                    "tcp", "10.0.0.1", 50000, "10.0.0.2", 443, null,
                    List.of(new WireFlight(tcpHello, 0, 1_000, 1_000, true, false, false, 0, tcpHello.length, null)),
                    List.of(new WireFlight(new byte[] {21, 3, 3, 0, 2, 2, (byte) alert}, 0, 1_001, 1_001, true, true,
                            false, 0, 7, "fin"))));
            assertThat(tcp.outcome()).isEqualTo("failure");
            if (!quic.errorClass().equals(tcp.errorClass()) || !quic.alertCode().equals(tcp.alertCode())) {
                mismatches.add(alert + ": quic " + quic.errorClass() + ", tcp " + tcp.errorClass());
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void aClientCloseWithAnAlertIsTheClientsFailure() {
        byte[] close = QuicPackets.initial(V1, true, ODCID, SERVER_CID, CLIENT_CID, 1, concat(QuicPackets.ack(),
                QuicPackets.tlsAlertClose(47)), 1200);
        HandshakeOutcome o = judge(List.of(flight("flight_complete", clientInitial(V1), close)), List.of(flight("flight_complete", serverInitial(V1, QuicPackets.crypto(0,
                        QuicPackets.serverHello())))));

        assertThat(o.outcome()).isEqualTo("failure");
        assertThat(o.alertCode()).isEqualTo(47);
        assertThat(o.alertSender()).isEqualTo("client");
    }

    @Test
    void aTransportErrorCloseIsAPeerAbort() {
        HandshakeOutcome o = judge(List.of(flight("flight_complete", clientInitial(V1))),
                List.of(flight("flight_complete", serverInitial(V1, QuicPackets.connectionClose(0x02)))));

        assertThat(o.errorClass()).isEqualTo("peer_abort");
        assertThat(o.alertCode()).isNull();
        assertThat(o.reason()).contains("transport error 0x2");
    }

    @Test
    void aRetryIsProgress() {
        HandshakeOutcome o = judge(List.of(flight("flight_complete", clientInitial(V1))),
                List.of(flight("flight_complete", QuicPackets.retry(V1, CLIENT_CID, SERVER_CID, new byte[20]))));

        assertThat(o.outcome()).isEqualTo("success");
    }

    @Test
    void versionNegotiationIsProtocolVersion() {
        HandshakeOutcome o = judge(List.of(flight("flight_complete", clientInitial(V2))),
                List.of(flight("flight_complete", QuicPackets.versionNegotiation(CLIENT_CID, ODCID, V1))));

        assertThat(o.errorClass()).isEqualTo("protocol_version");
        assertThat(o.reason()).contains("Version Negotiation").contains("V2");
    }

    @Test
    void silenceIsJudgedAsOverTcp() {
        HandshakeOutcome stalled = judge(List.of(flight("idle_timeout", clientInitial(V1))), List.of());
        assertThat(stalled.outcome()).isEqualTo("failure");
        assertThat(stalled.errorClass()).isEqualTo("timeout");
        assertThat(stalled.wire().sni()).isEqualTo("h3.example");

        HandshakeOutcome cut = judge(List.of(flight("end_of_capture", clientInitial(V1))), List.of());
        assertThat(cut.outcome()).isEqualTo("unknown");
        assertThat(UnknownReason.of(cut.reason())).isEqualTo(UnknownReason.INCOMPLETE);
    }

    @Test
    void anInitialThatDoesNotDecryptIsNotTls() {
        byte[] forged = clientInitial(V1);
        forged[forged.length - 1] ^= 1;
        HandshakeOutcome o = judge(List.of(flight("idle_timeout", forged)), List.of());

        assertThat(o.errorClass()).isEqualTo("not_tls");
    }

    @Test
    void headsThatAreNotDatagramsNeverThrow() {
        byte[] raw = clientInitial(V1); // not framed: its first two bytes announce more than there is
        HandshakeOutcome o = judge(List.of(new WireFlight(raw, 0, 1, 1, false, false, false, 0, raw.length, null)),
                List.of());
        assertThat(o.outcome()).isEqualTo("unknown");
        assertThat(UnknownReason.of(o.reason())).isEqualTo(UnknownReason.NO_PAYLOAD);
    }
}
