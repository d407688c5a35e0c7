package io.tlswatch.processors.decode.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.tlswatch.schemas.ServerCertificate;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server's leaf certificate, from the real captures and from hostile bytes. Expected values come from tshark
 * 4.0 ({@code -e tls.handshake.certificate}, the first certificate) read by OpenSSL 3
 * ({@code openssl x509 -inform DER -noout -subject -issuer -startdate -enddate -ext subjectAltName -fingerprint
 * -sha256}), not from this code.
 */
class CertificateReaderTest {
    /** g08 (and every gNN capture): the generated server's certificate. */
    static final String SERVER_TEST_SHA256 = "11773D417B81B815C54B4B9226912A2D551696F80A0C77386AC21174E1010BF3";

    private final Map<CertificateReader.Result, Integer> counts = new EnumMap<>(CertificateReader.Result.class);
    private final CertificateReader reader = new CertificateReader(r -> counts.merge(r, 1, Integer::sum));
    private final WireDecoder decoder = new WireDecoder();

    private LeafCertificate leafOf(byte[] head) {
        WireDecodeResult r = decoder.decode(head);
        assertThat(r).isInstanceOf(WireDecodeResult.Decoded.class);
        return ((WireDecodeResult.Decoded) r).facts().leafCertificate();
    }

    private static byte[] serverStream(String pcap) {
        return RealCapturesTest.stream(pcap, 0).serverToClient();
    }

    private static byte[] realDer() {
        LeafCertificate leaf = ((WireDecodeResult.Decoded) new WireDecoder()
                .decode(serverStream("g08-tls12-alert45-cert-expired.pcap"))).facts().leafCertificate();
        return leaf.der();
    }

    @Test
    void readsTheLeafOfATls12CaptureAsOpenSslDoes() {
        ServerCertificate c = reader.read(leafOf(serverStream("g08-tls12-alert45-cert-expired.pcap")));

        assertThat(c.notBefore()).isEqualTo("2026-11-27T08:28:19Z");
        assertThat(c.notAfter()).isEqualTo("2029-03-01T08:28:19Z");
        assertThat(c.subjectCommonNames()).containsExactly("server.test");
        assertThat(c.issuerCommonNames()).containsExactly("Research Test CA");
        assertThat(c.dnsNames()).containsExactly("server.test");
        assertThat(c.sha256()).isEqualTo(SERVER_TEST_SHA256);
        assertThat(counts).containsExactly(Map.entry(CertificateReader.Result.PARSED, 1));
        assertThat(c.summary()).isEqualTo(
                "CN=server.test issuer=Research Test CA not_after=2029-03-01T08:28:19Z sha256=11773D417B81B815");
    }

    @Test
    void readsPublicLeavesWithSeveralNamesOverIpv6AndThroughAConnectTunnel() {
        ServerCertificate cloudflare = reader.read(leafOf(serverStream("tls-alpn-h2.pcap")));
        assertThat(cloudflare.subjectCommonNames()).containsExactly("cloudflare.com");
        assertThat(cloudflare.issuerCommonNames()).containsExactly("DigiCert ECC Extended Validation Server CA");
        assertThat(cloudflare.dnsNames()).containsExactly("cloudflare.com", "www.cloudflare.com");
        assertThat(cloudflare.notBefore()).isEqualTo("2018-10-30T00:00:00Z");
        assertThat(cloudflare.notAfter()).isEqualTo("2020-11-03T12:00:00Z");
        assertThat(cloudflare.sha256()).isEqualTo("84694645CBD183BF9BE472CE702BD189246E1FCD1544FFEAD466D956A71690BF");

        // the TLS behind an HTTP CONNECT exchange: the proxy's response, then the server's flight
        ServerCertificate tunnelled = reader.read(leafOf(serverStream("https-connect.pcap")));
        assertThat(tunnelled.subjectCommonNames()).containsExactly("lfoup01-b.cloudsink.net");
        assertThat(tunnelled.issuerCommonNames()).containsExactly("DigiCert SHA2 High Assurance Server CA");
        assertThat(tunnelled.dnsNames()).containsExactly("lfoup01-b.cloudsink.net", "cloudsink.net",
                "ts01-b.cloudsink.net", "lfodown01-b.cloudsink.net");
        assertThat(tunnelled.notAfter()).isEqualTo("2020-05-29T12:00:00Z");
        assertThat(tunnelled.sha256()).isEqualTo("CCBF65109477CA7E3C984A72B764EE75A4AF86089A0B45B39CB5186666B6D0B8");
    }

    @Test
    void tls13CertificatesAreEncryptedAndNeverTaken() {
        assertThat(leafOf(serverStream("g04-tls13-success-alpn.pcap"))).isNull();
        assertThat(reader.read(null)).isNull();
        assertThat(counts).isEmpty();
    }

    @Test
    void aClientCertificateIsTheClientDirectionsNotTheServers() {
        // g16: the client sends its own certificate (CN client.test) after the server's CertificateRequest
        PcapStreams.Stream s = RealCapturesTest.stream("g16-tls12-client-cert-untrusted-alert48.pcap", 0);
        assertThat(reader.read(leafOf(s.serverToClient())).subjectCommonNames()).containsExactly("server.test");
        assertThat(reader.read(leafOf(s.clientToServer())).subjectCommonNames()).containsExactly("client.test");
    }

    @Test
    void theSameLeafIsTakenWhereverTheRecordsSplitIt() {
        byte[] der = realDer();
        byte[] body = certificateBody(der);
        for (int split = 1; split < body.length + 4; split += split < 12 ? 1 : 97) {
            byte[] head = handshakeRecordsSplitAt(11, body, split);
            LeafCertificate leaf = leafOf(head);
            assertThat(leaf.der()).as("split at %d", split).isEqualTo(der);
        }
    }

    @Test
    void aHeadEndingInsideTheLeafIsTruncated() {
        byte[] stream = serverStream("g08-tls12-alert45-cert-expired.pcap");
        // the ServerHello record, then the Certificate record cut 100 bytes into the DER
        int certificateRecord = 5 + WireBytes.u16(stream, 3);
        byte[] cut = Arrays.copyOf(stream, certificateRecord + 5 + 4 + 6 + 100);

        assertThat(leafOf(cut).problem()).isEqualTo("truncated");
        assertThat(reader.read(leafOf(cut))).isNull();
        assertThat(counts).containsEntry(CertificateReader.Result.TRUNCATED, 1);
    }

    @Test
    void lyingLengthsAreRefusedBeforeAnythingIsAllocated() {
        byte[] der = realDer();
        // the list claims more than the message holds
        assertThat(problem(u24(der.length + 10), u24(der.length), der)).isEqualTo("lengths");
        // the certificate claims more than the list holds
        assertThat(problem(u24(der.length + 3), u24(der.length + 50), der)).isEqualTo("lengths");
        // a zero-length certificate
        assertThat(problem(u24(3), u24(0))).isEqualTo("lengths");
        // an empty list: the server sent no certificate
        assertThat(problem(u24(0))).isEqualTo("empty_list");
        // a message too short to hold a list length
        assertThat(leafOf(handshakeRecordsSplitAt(11, new byte[] {0, 0}, 1)).problem()).isEqualTo("lengths");
    }

    @Test
    void aHugeLeafIsRefusedByItsLengthAlone() {
        int huge = LeafCertificate.MAX_DER + 1;
        // only the header is sent: the claim is refused without waiting for (or buffering) the bytes
        byte[] header = concat(u24(huge + 3), u24(huge));
        byte[] message = concat(new byte[] {11}, u24(huge + 6), header);
        // a ServerHelloDone first, so that the head holds one whole message
        byte[] head = concat(record(22, new byte[] {14, 0, 0, 0}), record(22, message));

        assertThat(leafOf(head).problem()).isEqualTo("too_large");
        reader.read(leafOf(head));
        assertThat(counts).containsExactly(Map.entry(CertificateReader.Result.TOO_LARGE, 1));
    }

    @Test
    void bytesThatAreNoDerCertificateAreCountedNotThrown() {
        byte[] der = realDer();
        byte[] pem = ("-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END CERTIFICATE-----\n").getBytes(StandardCharsets.US_ASCII);
        byte[] trailing = Arrays.copyOf(der, der.length + 1);
        byte[] shortSequence = {0x30, 0x03, 0x02, 0x01, 0x05};
        byte[] indefinite = {0x30, (byte) 0x80, 0x00, 0x00};

        // the JDK would read PEM text; a TLS Certificate carries DER only
        assertThat(reader.read(LeafCertificate.of(pem))).isNull();
        assertThat(reader.read(LeafCertificate.of(trailing))).isNull();
        assertThat(reader.read(LeafCertificate.of(shortSequence))).isNull();
        assertThat(reader.read(LeafCertificate.of(indefinite))).isNull();
        assertThat(reader.read(LeafCertificate.of(new byte[] {0x30}))).isNull();

        assertThat(counts).containsEntry(CertificateReader.Result.NOT_DER, 3)
                .containsEntry(CertificateReader.Result.LENGTHS, 1)
                .containsEntry(CertificateReader.Result.UNPARSEABLE, 1);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void mutatedAndCutLeavesNeverThrow(long seed) {
        byte[] der = realDer();
        Random random = new Random(seed);
        for (int i = 0; i < 400; i++) {
            byte[] bad = der.clone();
            int flips = 1 + random.nextInt(8);
            for (int f = 0; f < flips; f++) {
                bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            }
            if (random.nextBoolean()) {
                bad = Arrays.copyOf(bad, random.nextInt(bad.length + 1));
            }
            byte[] mutated = bad;
            assertThatCode(() -> {
                ServerCertificate c = reader.read(LeafCertificate.of(mutated));
                if (c != null) {
                    assertThat(c.sha256()).matches("[0-9A-F]{64}");
                    assertThat(c.subjectCommonNames().size()).isLessThanOrEqualTo(CertificateReader.MAX_NAMES);
                }
            }).doesNotThrowAnyException();
            // a whole stream around the mutated leaf: the decoder never throws either
            byte[] head = handshakeRecordsSplitAt(11, certificateBody(mutated), 1 + random.nextInt(40));
            assertThatCode(() -> decoder.decode(head)).doesNotThrowAnyException();
        }
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(400);
    }

    @Test
    void derShapeNeedsOneSequenceCoveringExactlyTheBytes() {
        assertThat(CertificateReader.derShape(new byte[] {0x30, 0x00})).isEqualTo(CertificateReader.Result.PARSED);
        assertThat(CertificateReader.derShape(new byte[] {0x30, (byte) 0x81, 0x01, 0x00}))
                .isEqualTo(CertificateReader.Result.PARSED);
        assertThat(CertificateReader.derShape(new byte[] {0x30, (byte) 0x84, 1, 0, 0, 0}))
                .isEqualTo(CertificateReader.Result.LENGTHS);
        assertThat(CertificateReader.derShape(new byte[] {0x31, 0x00})).isEqualTo(CertificateReader.Result.NOT_DER);
        assertThat(CertificateReader.derShape(new byte[] {0x30, (byte) 0x82, 0x01}))
                .isEqualTo(CertificateReader.Result.LENGTHS);
    }

    @Test
    void theSameLeafIsParsedOnceAndServedFromTheCache() {
        byte[] der = realDer();
        ServerCertificate first = reader.read(LeafCertificate.of(der));
        ServerCertificate again = reader.read(LeafCertificate.of(der.clone()));

        assertThat(again).isSameAs(first);
        assertThat(counts).containsExactly(Map.entry(CertificateReader.Result.PARSED, 2));
    }

    // ---- building Certificate messages ----

    private String problem(byte[]... parts) {
        return leafOf(handshakeRecordsSplitAt(11, concat(parts), 1 << 20)).problem();
    }

    /** A TLS 1.2 Certificate body holding one certificate. */
    static byte[] certificateBody(byte[] der) {
        return concat(u24(der.length + 3), u24(der.length), der);
    }

    /** One handshake message of {@code type}, in handshake records split after {@code split} bytes. */
    static byte[] handshakeRecordsSplitAt(int type, byte[] body, int split) {
        byte[] message = concat(new byte[] {(byte) type}, u24(body.length), body);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int p = 0; p < message.length; ) {
            int n = Math.min(split, Math.min(message.length - p, WireDecoder.MAX_PLAINTEXT_RECORD));
            out.writeBytes(record(22, Arrays.copyOfRange(message, p, p + n)));
            p += n;
        }
        return out.toByteArray();
    }

    static byte[] record(int type, byte[] fragment) {
        return concat(new byte[] {(byte) type, 3, 3, (byte) (fragment.length >> 8), (byte) fragment.length}, fragment);
    }

    static byte[] u24(int v) {
        return new byte[] {(byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void theFixturesAreWhatTheyClaim() {
        // the split helper keeps every byte, in order
        byte[] body = new byte[40];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        byte[] records = handshakeRecordsSplitAt(11, body, 7);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int p = 0; p < records.length; ) {
            int len = WireBytes.u16(records, p + 3);
            joined.write(records, p + 5, len);
            p += 5 + len;
        }
        assertThat(joined.toByteArray()).isEqualTo(concat(new byte[] {11}, u24(40), body));
        assertThat(List.of(records.length)).containsExactly(44 + 7 * 5);
    }
}
