package io.tlswatch.processors.decode.wire;

import static io.tlswatch.processors.decode.wire.TlsBytes.APPLICATION_DATA;
import static io.tlswatch.processors.decode.wire.TlsBytes.HANDSHAKE;
import static io.tlswatch.processors.decode.wire.TlsBytes.concat;
import static io.tlswatch.processors.decode.wire.TlsBytes.record;
import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.processors.packets.PacketVerdict;
import io.tlswatch.processors.packets.WireConnection;
import io.tlswatch.processors.packets.WireFlight;
import io.tlswatch.processors.siem.EcsMapper;
import io.tlswatch.schemas.EcsHandshake;
import io.tlswatch.schemas.HandshakeOutcome;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 11, item 3: a well-formed ServerHello of a TLS 1.3 draft ({@code 0x7fNN}) or of a version nobody knows
 * yet is TLS, not {@code not_tls}, and its version is reported as seen.
 */
class DraftAndWarningVerdictTest {

    private static WireFlight flight(byte[] head, long offset, long ms, String reason) {
        return new WireFlight(head, offset, ms, ms, true, false, false, 0, offset + head.length, reason);
    }

    @org.junit.jupiter.api.Test
    void aDraftServerHelloWithoutSessionIdIsTlsAndItsVersionIsShownAsSeen() {
        // draft 18 (0x7f12), as deployed in 2017: ServerHello = version, random, cipher_suite, extensions
        byte[] hello = record(HANDSHAKE, new TlsBytes.Client()
                .ext(TlsValues.EXT_SUPPORTED_VERSIONS, TlsBytes.versions(0x7f12, 0x0303)).message());
        TlsBytes.Out body = new TlsBytes.Out();
        body.u16(0x7f12);
        body.bytes(TlsBytes.filled(32, 0x33));
        body.u16(0x1301);
        body.bytes(TlsBytes.extensionsBlock(List.of(new TlsBytes.Ext(TlsValues.EXT_KEY_SHARE,
                concat(TlsBytes.u16(0x001d), TlsBytes.u16(32), TlsBytes.filled(32, 0x44))))));
        byte[] serverFlight = concat(record(HANDSHAKE, TlsBytes.handshake(2, body.toByteArray())),
                record(APPLICATION_DATA, TlsBytes.filled(900, 0x5a)));
        WireConnection c = new WireConnection("tap/10.0.0.1:5->10.0.0.2:443", "tap", "tcp", "10.0.0.1", 5,
                "10.0.0.2", 443, null,
                List.of(flight(hello, 0, 1000, "flight_complete"),
                        flight(record(APPLICATION_DATA, TlsBytes.filled(53, 0x6b)), hello.length, 1002, "fin")),
                List.of(flight(serverFlight, 0, 1001, "flight_complete")));

        HandshakeOutcome o = new PacketVerdict().judge(c);

        assertThat(o.outcome()).as(o.reason()).isEqualTo("success");
        assertThat(o.errorClass()).isNull();
        assertThat(o.wire().version()).isEqualTo("0x7f12");
        assertThat(o.wire().cipher()).isEqualTo("TLS_AES_128_GCM_SHA256");
        assertValidRecord(EcsMapper.toEcs(o));
    }

    @ParameterizedTest(name = "selected version 0x{0}")
    @CsvSource({"7f1c, 0x7f1c", "7f12, 0x7f12", "0305, 0x0305", "fb1a, 0xfb1a"})
    void aServerHelloOfADraftOrUnknownVersionIsTls(String hex, String shown) {
        int version = Integer.parseInt(hex, 16);
        byte[] hello = record(HANDSHAKE, new TlsBytes.Client()
                .ext(TlsValues.EXT_SERVER_NAME, TlsBytes.sni("draft.example"))
                .ext(TlsValues.EXT_SUPPORTED_VERSIONS, TlsBytes.versions(version, 0x0303)).message());
        TlsBytes.Server server = new TlsBytes.Server();
        server.cipher = 0x1301;
        server.ext(TlsValues.EXT_SUPPORTED_VERSIONS, TlsBytes.u16(version));
        // ServerHello, then the encrypted flight: records a draft server sends that no plaintext parser can read
        byte[] serverFlight = concat(record(HANDSHAKE, server.message()),
                record(APPLICATION_DATA, TlsBytes.filled(900, 0x5a)));
        byte[] clientFinished = record(APPLICATION_DATA, TlsBytes.filled(53, 0x6b));
        byte[] ticket = record(APPLICATION_DATA, TlsBytes.filled(240, 0x7c));
        WireConnection c = new WireConnection("tap/10.0.0.1:5->10.0.0.2:443", "tap", "tcp", "10.0.0.1", 5,
                "10.0.0.2", 443, null,
                List.of(flight(hello, 0, 1000, "flight_complete"),
                        flight(clientFinished, hello.length, 1002, "flight_complete")),
                List.of(flight(serverFlight, 0, 1001, "flight_complete"),
                        flight(ticket, serverFlight.length, 1003, "flight_complete")));

        HandshakeOutcome o = new PacketVerdict().judge(c);

        assertThat(o.outcome()).as(o.reason()).isEqualTo("success");
        assertThat(o.wire().version()).isEqualTo(shown);
        assertThat(o.wire().sni()).isEqualTo("draft.example");
        EcsHandshake ecs = EcsMapper.toEcs(o);
        assertValidRecord(ecs);
        assertThat(ecs.tls().version()).isEqualTo(shown);
    }
}
