package io.tlswatch.processors.decode.wire;

import static io.tlswatch.schemas.testing.QuicPackets.V1;
import static io.tlswatch.schemas.testing.QuicPackets.V2;
import static io.tlswatch.schemas.testing.QuicPackets.concat;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.schemas.testing.QuicPackets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Initials built as an endpoint protects them (QuicPackets, keys derived there from the RFC text) read back: both
 * versions, a hello over two Initials, coalesced packets, and the hostile shapes an endpoint survives by dropping
 * what does not verify.
 */
class QuicInitialDecoderTest {
    private static final byte[] ODCID = QuicPackets.hex("8394c8f03e515708");
    private static final byte[] CLIENT_CID = QuicPackets.hex("c1c1c1c1");
    private static final byte[] SERVER_CID = QuicPackets.hex("5e5e5e5e5e5e");

    private final QuicInitialDecoder decoder = new QuicInitialDecoder();

    private static byte[] clientInitial(int version, long pn, byte[] frames) {
        return QuicPackets.initial(version, true, ODCID, ODCID, CLIENT_CID, pn, frames, 1200);
    }

    private static byte[] serverInitial(int version, byte[] frames) {
        return QuicPackets.initial(version, false, ODCID, CLIENT_CID, SERVER_CID, 0, frames, 0);
    }

    @ParameterizedTest
    @ValueSource(ints = {V1, V2})
    void readsTheClientHelloOfEitherVersion(int version) {
        byte[] hello = QuicPackets.clientHello("quic.example", List.of("h3"), 32);
        QuicReading r = decoder.read(new byte[][] {clientInitial(version, 0, QuicPackets.crypto(0, hello))}, true,
                null);

        assertThat(r.version()).isEqualTo(version == V1 ? QuicVersion.V1 : QuicVersion.V2);
        assertThat(r.initialPackets()).isEqualTo(1);
        ClientHello ch = ((WireDecodeResult.Decoded) r.crypto()).facts().clientHello();
        assertThat(ch.serverName()).isEqualTo("quic.example");
        assertThat(ch.alpn()).containsExactly("h3");
        assertThat(new Fingerprints().ja4(ch, true)).startsWith("q13d0206h3_");
    }

    @Test
    void aPostQuantumHelloOverTwoInitialsIsReassembled() {
        byte[] hello = QuicPackets.clientHello("pq.example", List.of("h3"), 1216);
        assertThat(hello.length).isGreaterThan(1200);
        byte[] first = clientInitial(V1, 0, QuicPackets.crypto(0, Arrays.copyOf(hello, 900)));
        byte[] second = clientInitial(V1, 1, QuicPackets.crypto(900, Arrays.copyOfRange(hello, 900, hello.length)));

        assertThat(decoder.decode(new byte[][] {first}, true, null)).isInstanceOf(WireDecodeResult.Incomplete.class);
        // the second Initial first (reordered): offsets, not arrival, place the bytes
        WireDecodeResult r = decoder.decode(new byte[][] {second, first}, true, null);
        ClientHello ch = ((WireDecodeResult.Decoded) r).facts().clientHello();
        assertThat(ch.serverName()).isEqualTo("pq.example");
        assertThat(ch.keyShareGroups()).containsExactly(0x11ec);
    }

    @Test
    void aServerCloseCarryingATlsAlertIsRead() {
        QuicReading r = decoder.read(new byte[][] {serverInitial(V1, concat(QuicPackets.ack(),
                QuicPackets.tlsAlertClose(40)))}, false, ODCID);

        assertThat(r.initialPackets()).isEqualTo(1);
        assertThat(r.close().errorCode()).isEqualTo(0x128);
        assertThat(r.close().tlsAlert()).isEqualTo(40);
        assertThat(new QuicReading.Close(0x0a, false).tlsAlert()).as("PROTOCOL_VIOLATION is no alert").isEqualTo(-1);
    }

    @Test
    void coalescedServerInitialAndHandshakeShowBoth() {
        byte[] datagram = concat(serverInitial(V2, concat(QuicPackets.ack(), QuicPackets.crypto(0,
                QuicPackets.serverHello()))), QuicPackets.handshake(V2, CLIENT_CID, SERVER_CID, 600));
        QuicReading r = decoder.read(new byte[][] {datagram}, false, ODCID);

        assertThat(r.initialPackets()).isEqualTo(1);
        assertThat(r.handshakePackets()).isEqualTo(1);
        assertThat(r.beyondInitial()).isTrue();
        ServerHello sh = ((WireDecodeResult.Decoded) r.crypto()).facts().serverHello();
        assertThat(sh.cipherSuite()).isEqualTo(0x1301);
        assertThat(sh.version()).isEqualTo(0x0304);
    }

    @Test
    void garbageAfterAValidPacketCostsOnlyItsOwnBytes() {
        byte[] hello = QuicPackets.clientHello("ok.example", List.of("h3"), 32);
        byte[] good = QuicPackets.initial(V1, true, ODCID, ODCID, CLIENT_CID, 0, QuicPackets.crypto(0, hello), 0);
        byte[] garbage = new byte[300];
        Arrays.fill(garbage, (byte) 0xff); // a long header of version 0xffffffff, then nonsense
        QuicReading r = decoder.read(new byte[][] {concat(good, garbage)}, true, null);

        assertThat(r.malformedPackets()).isEqualTo(1);
        assertThat(((WireDecodeResult.Decoded) r.crypto()).facts().clientHello().serverName()).isEqualTo("ok.example");
    }

    @Test
    void aForgedInitialThatDoesNotVerifyIsDroppedLikeAnEndpointDoes() {
        byte[] hello = QuicPackets.clientHello("ok.example", List.of("h3"), 32);
        byte[] good = clientInitial(V1, 0, QuicPackets.crypto(0, hello));
        byte[] forged = good.clone();
        forged[forged.length - 1] ^= 1; // the AEAD tag no longer verifies
        QuicReading r = decoder.read(new byte[][] {forged, good}, true, null);

        assertThat(r.undecryptablePackets()).isEqualTo(1);
        assertThat(((WireDecodeResult.Decoded) r.crypto()).facts().clientHello().serverName()).isEqualTo("ok.example");
        // nothing but the forgery: malformed, at the packet
        assertThat(decoder.read(new byte[][] {forged}, true, null).crypto())
                .isEqualTo(new WireDecodeResult.Malformed(MalformedReason.QUIC, 0));
    }

    @Test
    void lyingLengthsAndTruncatedInitialsAreMalformedNeverThrown() {
        byte[] good = clientInitial(V1, 0, QuicPackets.crypto(0, QuicPackets.clientHello("a.example",
                List.of("h3"), 32)));
        for (int cut = 0; cut < good.length; cut += 37) {
            QuicReading r = decoder.read(new byte[][] {Arrays.copyOf(good, cut)}, true, null);
            assertThat(r.initialPackets()).as("cut at %d", cut).isZero();
            assertThat(r.crypto()).isNotInstanceOf(WireDecodeResult.Decoded.class);
        }
        byte[] lying = good.clone();
        lying[5] = 21; // a connection ID over 20 bytes (RFC 9000 §17.2)
        assertThat(decoder.read(new byte[][] {lying}, true, null).crypto())
                .isEqualTo(new WireDecodeResult.Malformed(MalformedReason.QUIC, 5));
    }

    @Test
    void retryAndVersionNegotiationAreNoted() {
        assertThat(decoder.read(new byte[][] {QuicPackets.retry(V1, CLIENT_CID, SERVER_CID, new byte[24])}, false,
                ODCID).retry()).isTrue();
        assertThat(decoder.read(new byte[][] {QuicPackets.retry(V2, CLIENT_CID, SERVER_CID, new byte[24])}, false,
                ODCID).retry()).isTrue();
        QuicReading vn = decoder.read(new byte[][] {QuicPackets.versionNegotiation(CLIENT_CID, ODCID, 0x1a2a3a4a)},
                false, ODCID);
        assertThat(vn.versionNegotiation()).isTrue();
        assertThat(vn.version()).isNull();
    }
}
