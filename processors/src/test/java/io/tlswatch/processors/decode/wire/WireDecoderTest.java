package io.tlswatch.processors.decode.wire;

import static io.tlswatch.processors.decode.wire.TlsBytes.HANDSHAKE;
import static io.tlswatch.processors.decode.wire.TlsBytes.alert;
import static io.tlswatch.processors.decode.wire.TlsBytes.changeCipherSpec;
import static io.tlswatch.processors.decode.wire.TlsBytes.concat;
import static io.tlswatch.processors.decode.wire.TlsBytes.record;
import static io.tlswatch.processors.decode.wire.TlsBytes.records;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hand-built hellos, records, alerts and framings (RFC 8446 / 5246, PROXY protocol, SSLv2). */
class WireDecoderTest {
    private final WireDecoder decoder = new WireDecoder();
    private final Fingerprints fp = new Fingerprints();

    /** A Chrome-like TLS 1.3 ClientHello with GREASE everywhere GREASE goes. */
    static TlsBytes.Client browser() {
        TlsBytes.Client c = new TlsBytes.Client().ciphers(0x1a1a, 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f);
        c.ext(0x3a3a, new byte[0])
                .ext(0x0000, TlsBytes.sni("www.example.com"))
                .ext(0x0017, new byte[0])
                .ext(0xff01, new byte[] {0})
                .ext(0x000a, TlsBytes.u16List(0x4a4a, 0x001d, 0x0017, 0x0018))
                .ext(0x000b, TlsBytes.pointFormats(0))
                .ext(0x0010, TlsBytes.alpn("h2", "http/1.1"))
                .ext(0x000d, TlsBytes.u16List(0x0403, 0x0804, 0x0401))
                .ext(0x0033, TlsBytes.keyShares(0x4a4a, 0x001d))
                .ext(0x002b, TlsBytes.versions(0x5a5a, 0x0304, 0x0303))
                .ext(0x0032, TlsBytes.u16List(0x0601))
                .ext(0xfe0d, new byte[] {0, 0, 1})
                .ext(0x6a6a, new byte[] {0});
        return c;
    }

    private HandshakeFacts decoded(byte[] head) {
        WireDecodeResult r = decoder.decode(head);
        assertThat(r).isInstanceOf(WireDecodeResult.Decoded.class);
        return ((WireDecodeResult.Decoded) r).facts();
    }

    @Test
    void clientHelloFields() {
        byte[] head = record(HANDSHAKE, 0x0301, browser().message());
        HandshakeFacts f = decoded(head);
        assertThat(f.kind()).isEqualTo(StreamKind.TLS);
        assertThat(f.truncated()).isFalse();
        assertThat(f.bytesRead()).isEqualTo(head.length);
        ClientHello ch = f.clientHello();
        assertThat(ch.legacyVersion()).isEqualTo(0x0303);
        assertThat(ch.sessionIdLength()).isEqualTo(32);
        assertThat(ch.cipherSuites()).containsExactly(0x1a1a, 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f);
        assertThat(ch.compressionMethods()).containsExactly(0);
        assertThat(ch.extensions()).containsExactly(0x3a3a, 0x0000, 0x0017, 0xff01, 0x000a, 0x000b, 0x0010, 0x000d,
                0x0033, 0x002b, 0x0032, 0xfe0d, 0x6a6a);
        assertThat(ch.serverName()).isEqualTo("www.example.com");
        assertThat(ch.alpn()).containsExactly("h2", "http/1.1");
        assertThat(ch.supportedGroups()).containsExactly(0x4a4a, 0x001d, 0x0017, 0x0018);
        assertThat(ch.ecPointFormats()).containsExactly(0);
        assertThat(ch.signatureAlgorithms()).containsExactly(0x0403, 0x0804, 0x0401);
        assertThat(ch.signatureAlgorithmsCert()).containsExactly(0x0601);
        assertThat(ch.supportedVersions()).containsExactly(0x5a5a, 0x0304, 0x0303);
        assertThat(ch.keyShareGroups()).containsExactly(0x4a4a, 0x001d);
        assertThat(ch.ech()).isTrue();
        assertThat(ch.highestVersion()).isEqualTo(0x0304);
        assertThat(ch.offset()).isEqualTo(5);
    }

    @Test
    void alpnListsOfEverySize() {
        assertThat(alpnOf(new byte[] {0, 0})).isEmpty(); // an empty list, accepted as before
        assertThat(alpnOf(TlsBytes.alpn("h2"))).containsExactly("h2");
        assertThat(alpnOf(TlsBytes.alpn("http/1.1", "spdy/3.1"))).containsExactly("http/1.1", "spdy/3.1");
        assertThat(alpnOf(TlsBytes.alpn("h3", "h2", "http/1.1", "http/1.0", "x"))).containsExactly("h3", "h2", "http/1.1",
                "http/1.0", "x");
        assertThat(alpnOf(TlsBytes.alpn("h2c"))).containsExactly("h2c"); // a prefix of no known name
    }

    private java.util.List<String> alpnOf(byte[] data) {
        return decoded(record(HANDSHAKE, new TlsBytes.Client().ciphers(0x1301).ext(0x0010, data).message()))
                .clientHello().alpn();
    }

    @Test
    void fingerprintsDropGrease() {
        ClientHello ch = decoded(record(HANDSHAKE, browser().message())).clientHello();
        assertThat(fp.ja3String(ch)).isEqualTo("771,4865-4866-4867-49195-49199,0-23-65281-10-11-16-13-51-43-50-65037,29-23-24,0");
        assertThat(fp.ja4r(ch, false)).isEqualTo(
                "t13d0511h2_1301,1302,1303,c02b,c02f_000a,000b,000d,0017,002b,0032,0033,fe0d,ff01_0403,0804,0401");
        assertThat(fp.ja4(ch)).startsWith("t13d0511h2_").hasSize(36);
        assertThat(fp.ja4(ch, true)).startsWith("q13d0511h2_");
    }

    @Test
    void decimalDigitsOfEveryUint16() {
        byte[] b = new byte[16];
        for (int v = 0; v <= 0xffff; v++) {
            int end = Fingerprints.decimal(b, 3, v);
            assertThat(new String(b, 3, end - 3, StandardCharsets.US_ASCII)).isEqualTo(Integer.toString(v));
        }
        assertThat(new String(b, 0, Fingerprints.decimal(b, 0, 123_456), StandardCharsets.US_ASCII)).isEqualTo("123456");
    }

    /** The packed JA3 list entries the fingerprints write 8 bytes at a time, for every 16-bit value. */
    @Test
    void packedListEntriesOfEveryUint16() {
        for (int v = 0; v <= 0xffff; v++) {
            long dash = Fingerprints.dashDecimal(v);
            String expected = "-" + v;
            assertThat((int) (dash >>> 56)).as("length of %d", v).isEqualTo(expected.length());
            assertThat(ascii(dash, expected.length())).isEqualTo(expected);
        }
    }

    /** A hello built by hand may hold any int: the JA3 text is still exact and nothing overruns. */
    @Test
    void ja3OfValuesOutsideSixteenBits() {
        int[] many = new int[400];
        Arrays.fill(many, Integer.MIN_VALUE);
        ClientHello hand = new ClientHello(false, Integer.MIN_VALUE, 0, many, new int[] {0}, many, null, List.of(),
                many, many, new int[0], new int[0], new int[0], new int[0], false, 0);
        String text = new Fingerprints(0).ja3String(hand);
        String list = String.join("-", Collections.nCopies(400, Integer.toString(Integer.MIN_VALUE)));
        assertThat(text).isEqualTo(Integer.MIN_VALUE + "," + list + "," + list + "," + list + "," + list);
        assertThat(new Fingerprints(0).ja3(hand)).matches("[0-9a-f]{32}");
    }

    private static String ascii(long littleEndian, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append((char) (littleEndian >>> (8 * i) & 0xff));
        }
        return sb.toString();
    }

    /** The example of the JA3 README (salesforce/ja3). */
    @Test
    void ja3PublishedExample() {
        TlsBytes.Client c = new TlsBytes.Client();
        c.legacyVersion = 0x0301;
        c.ciphers(47, 53, 5, 10, 49161, 49162, 49171, 49172, 50, 56, 19, 4)
                .ext(0, TlsBytes.sni("example.com"))
                .ext(10, TlsBytes.u16List(23, 24, 25))
                .ext(11, TlsBytes.pointFormats(0));
        ClientHello ch = decoded(record(HANDSHAKE, c.message())).clientHello();
        assertThat(fp.ja3String(ch)).isEqualTo("769,47-53-5-10-49161-49162-49171-49172-50-56-19-4,0-10-11,23-24-25,0");
        assertThat(fp.ja3(ch)).isEqualTo("ada70206e40642a3e4461f35503241d5");
    }

    /** The example of FoxIO's JA4 technical details: the cipher and extension lists behind t13d1516h2_8daaf6152771_e5627efa2ab1. */
    static TlsBytes.Client ja4SpecExample(byte[] firstAlpn) {
        TlsBytes.Client c = new TlsBytes.Client().ciphers(0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9,
                0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035);
        int[] exts = {0x0000, 0x0017, 0xff01, 0x000a, 0x000b, 0x0023, 0x0010, 0x0005, 0x000d, 0x0012, 0x0033, 0x002d,
                0x002b, 0x001b, 0x4469, 0x0015};
        for (int e : exts) {
            byte[] data = switch (e) {
                case 0x0000 -> TlsBytes.sni("example.com");
                case 0x0010 -> TlsBytes.alpnRaw(firstAlpn, "http/1.1".getBytes(StandardCharsets.US_ASCII));
                case 0x000d -> TlsBytes.u16List(0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601);
                case 0x002b -> TlsBytes.versions(0x0304, 0x0303);
                case 0x000a -> TlsBytes.u16List(0x001d, 0x0017);
                case 0x000b -> TlsBytes.pointFormats(0);
                case 0x0033 -> TlsBytes.keyShares(0x001d);
                default -> new byte[0];
            };
            c.ext(e, data);
        }
        return c;
    }

    @Test
    void ja4SpecificationExample() {
        ClientHello ch = decoded(record(HANDSHAKE, ja4SpecExample("h2".getBytes(StandardCharsets.US_ASCII)).message())).clientHello();
        assertThat(fp.ja4(ch)).isEqualTo("t13d1516h2_8daaf6152771_e5627efa2ab1");
    }

    /** DESIGN §6: a non-alphanumeric first or last ALPN character gives hex digits (0xBA 0xAD -> "bd"), not FoxIO's "99". */
    @Test
    void ja4NonAlphanumericAlpn() {
        ClientHello ch = decoded(record(HANDSHAKE, ja4SpecExample(new byte[] {(byte) 0xBA, (byte) 0xAD}).message())).clientHello();
        assertThat(fp.ja4(ch)).isEqualTo("t13d1516bd_8daaf6152771_e5627efa2ab1");
        ClientHello dash = decoded(record(HANDSHAKE, ja4SpecExample("h2-".getBytes(StandardCharsets.US_ASCII)).message())).clientHello();
        assertThat(fp.ja4(dash)).startsWith("t13d1516" + "6d_"); // 'h' = 0x68 -> '6', '-' = 0x2d -> 'd'
        ClientHello one = decoded(record(HANDSHAKE, ja4SpecExample("h".getBytes(StandardCharsets.US_ASCII)).message())).clientHello();
        assertThat(fp.ja4(one)).startsWith("t13d1516hh_");
    }

    /** DESIGN §6: with signature_algorithms_cert (0x0032) present too, JA4 still takes the list of 0x000d. */
    @Test
    void ja4SignatureAlgorithmsComeFromExtension13EvenWith0x0032() {
        TlsBytes.Client c = ja4SpecExample("h2".getBytes(StandardCharsets.US_ASCII));
        c.ext(0x0032, TlsBytes.u16List(0x0201, 0x0203));
        ClientHello ch = decoded(record(HANDSHAKE, c.message())).clientHello();
        assertThat(fp.ja4r(ch, false)).endsWith("_0403,0804,0401,0503,0805,0501,0806,0601");
        assertThat(fp.ja4(ch)).startsWith("t13d1517h2_8daaf6152771_");
    }

    @Test
    void ja4EmptyListsAndNoSignatureAlgorithms() {
        TlsBytes.Client c = new TlsBytes.Client().ciphers();
        c.omitExtensionsBlock = true;
        c.legacyVersion = 0x0301;
        ClientHello ch = decoded(record(HANDSHAKE, c.message())).clientHello();
        assertThat(fp.ja4(ch)).isEqualTo("t10i000000_000000000000_000000000000");
        TlsBytes.Client onlyGroups = new TlsBytes.Client().ext(0x000a, TlsBytes.u16List(0x001d));
        String ja4 = fp.ja4(decoded(record(HANDSHAKE, onlyGroups.message())).clientHello());
        assertThat(ja4).matches("t12i0301" + "00_[0-9a-f]{12}_[0-9a-f]{12}");
        assertThat(fp.ja4r(decoded(record(HANDSHAKE, onlyGroups.message())).clientHello(), false)).endsWith("_000a");
    }

    @Test
    void ja4CountsAreCappedAt99() {
        int[] many = new int[120];
        for (int i = 0; i < many.length; i++) {
            many[i] = 0x0100 + i;
        }
        ClientHello ch = decoded(record(HANDSHAKE, new TlsBytes.Client().ciphers(many).message())).clientHello();
        assertThat(fp.ja4(ch)).startsWith("t12i9900");
    }

    @Test
    void serverHelloAndJa3s() {
        TlsBytes.Server s = new TlsBytes.Server().ext(0xff01, new byte[] {0}).ext(0x000b, TlsBytes.pointFormats(0))
                .ext(0x0010, TlsBytes.alpn("h2"));
        byte[] flight = concat(s.message(), TlsBytes.handshake(11, new byte[300]), TlsBytes.handshake(14, new byte[0]));
        HandshakeFacts f = decoded(record(HANDSHAKE, flight));
        ServerHello sh = f.serverHello();
        assertThat(sh.cipherSuite()).isEqualTo(0xc02f);
        assertThat(sh.version()).isEqualTo(0x0303);
        assertThat(sh.alpn()).isEqualTo("h2");
        assertThat(sh.helloRetryRequest()).isFalse();
        assertThat(f.certificate()).isTrue();
        assertThat(f.serverHelloDone()).isTrue();
        assertThat(f.certificateRequest()).isFalse();
        assertThat(fp.ja3sString(sh)).isEqualTo("771,49199,65281-11-16");
        assertThat(TlsNames.cipherSuite(sh.cipherSuite())).isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    }

    @Test
    void tls13ServerHelloThenEverythingIsEncrypted() {
        TlsBytes.Server s = new TlsBytes.Server().ext(0x002b, TlsBytes.u16(0x0304)).ext(0x0033, concat(TlsBytes.u16(0x001d), TlsBytes.u16(32), new byte[32]));
        s.cipher = 0x1301;
        byte[] head = concat(record(HANDSHAKE, s.message()), changeCipherSpec(),
                record(TlsBytes.APPLICATION_DATA, new byte[800]), record(TlsBytes.ALERT, new byte[19]),
                record(HANDSHAKE, new byte[] {20, 0, 0, 12, 1, 2, 3}));
        HandshakeFacts f = decoded(head);
        assertThat(f.serverHello().version()).isEqualTo(0x0304);
        assertThat(f.serverHello().keyShareGroup()).isEqualTo(0x001d);
        assertThat(f.changeCipherSpec()).isTrue();
        assertThat(f.encryptedRecords()).isEqualTo(2);
        assertThat(f.encryptedAlerts()).isEqualTo(1);
        assertThat(f.alerts()).isEmpty();
        assertThat(f.tailError()).isNull();
    }

    @Test
    void helloRetryRequest() {
        TlsBytes.Server hrr = new TlsBytes.Server().helloRetryRequest().ext(0x002b, TlsBytes.u16(0x0304)).ext(0x0033, TlsBytes.u16(0x0017));
        TlsBytes.Server sh = new TlsBytes.Server().ext(0x002b, TlsBytes.u16(0x0304));
        HandshakeFacts f = decoded(concat(record(HANDSHAKE, hrr.message()), changeCipherSpec(), record(HANDSHAKE, sh.message()),
                record(TlsBytes.APPLICATION_DATA, new byte[40])));
        assertThat(f.serverHellos()).extracting(ServerHello::helloRetryRequest).containsExactly(true, false);
        assertThat(f.serverHellos().get(0).keyShareGroup()).isEqualTo(0x0017);
        assertThat(f.helloRetryRequest()).isTrue();
        assertThat(f.encryptedRecords()).isEqualTo(1);
        // the client side: ClientHello, compatibility CCS, second ClientHello, then encrypted
        byte[] ch = browser().message();
        HandshakeFacts c = decoded(concat(record(HANDSHAKE, ch), changeCipherSpec(), records(HANDSHAKE, ch, 100),
                record(TlsBytes.APPLICATION_DATA, new byte[40])));
        assertThat(c.clientHellos()).hasSize(2);
        assertThat(c.encryptedRecords()).isEqualTo(1);
    }

    @Test
    void tls12ClientFinishedAfterCcsIsEncrypted() {
        byte[] head = concat(record(HANDSHAKE, new TlsBytes.Client().message()), record(HANDSHAKE, TlsBytes.handshake(16, new byte[33])),
                changeCipherSpec(), record(HANDSHAKE, new byte[40]), alert(1, 0), record(TlsBytes.ALERT, new byte[26]));
        HandshakeFacts f = decoded(head);
        assertThat(f.clientHellos()).hasSize(1);
        assertThat(f.encryptedRecords()).isEqualTo(1);
        assertThat(f.alerts()).containsExactly(new TlsAlert(1, 0, head.length - 31 - 7));
        assertThat(f.encryptedAlerts()).isEqualTo(1);
    }

    @Test
    void plaintextAlertsInOrder() {
        HandshakeFacts f = decoded(concat(alert(1, 112), alert(2, 40)));
        assertThat(f.alerts()).extracting(TlsAlert::level, TlsAlert::description)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 112), org.assertj.core.groups.Tuple.tuple(2, 40));
        assertThat(f.alerts().get(1).fatal()).isTrue();
        assertThat(f.alerts().get(1).offset()).isEqualTo(7);
    }

    /** The ClientHello cut into two records at every byte boundary decodes as the unsplit one. */
    @Test
    void recordsSplitAtEveryBoundary() {
        byte[] message = browser().message();
        ClientHello whole = decoded(record(HANDSHAKE, message)).clientHello();
        for (int cut = 1; cut < message.length; cut++) {
            HandshakeFacts f = decoded(records(HANDSHAKE, message, cut));
            assertThat(f.clientHellos()).hasSize(1);
            assertThat(f.clientHello()).usingRecursiveComparison().ignoringFields("offset").isEqualTo(whole);
        }
        int[] ones = new int[message.length];
        Arrays.fill(ones, 1);
        assertThat(decoded(records(HANDSHAKE, message, ones)).clientHello()).usingRecursiveComparison()
                .ignoringFields("offset").isEqualTo(whole);
    }

    /** Server flight coalesced in one record or spread one message per record (and split) gives the same facts. */
    @Test
    void recordsCoalesced() {
        byte[] sh = new TlsBytes.Server().message();
        byte[] cert = TlsBytes.handshake(11, new byte[1000]);
        byte[] req = TlsBytes.handshake(13, new byte[20]);
        byte[] done = TlsBytes.handshake(14, new byte[0]);
        HandshakeFacts one = decoded(record(HANDSHAKE, concat(sh, cert, req, done)));
        HandshakeFacts many = decoded(concat(record(HANDSHAKE, sh), records(HANDSHAKE, cert, 7, 500), record(HANDSHAKE, concat(req, done))));
        assertThat(many).usingRecursiveComparison().ignoringFields("bytesRead", "serverHellos.offset").isEqualTo(one);
        assertThat(one.certificateRequest()).isTrue();
    }

    /** Every proper prefix of a ClientHello (with or without a PROXY header, split or not) is incomplete. */
    @Test
    void everyProperPrefixIsIncomplete() {
        byte[] message = browser().message();
        byte[][] heads = {record(HANDSHAKE, message), records(HANDSHAKE, message, 3, 97),
                concat(TlsBytes.proxyV1("PROXY TCP4 192.0.2.1 198.51.100.2 56324 443"), record(HANDSHAKE, message)),
                concat(TlsBytes.proxyV2(new byte[] {10, 0, 0, 1}, 1234, new byte[] {10, 0, 0, 2}, 443), record(HANDSHAKE, message)),
                TlsBytes.sslv2ClientHello(0x0002, 0x010080, 0x020080)};
        for (byte[] head : heads) {
            for (int n = 0; n < head.length; n++) {
                assertThat(decoder.decode(head, 0, n)).as("prefix %d of %d", n, head.length)
                        .isInstanceOf(WireDecodeResult.Incomplete.class);
            }
            assertThat(decoder.decode(head)).isInstanceOf(WireDecodeResult.Decoded.class);
        }
    }

    @Test
    void truncatedAfterAHelloIsDecodedAndMarked() {
        byte[] head = concat(record(HANDSHAKE, new TlsBytes.Server().message()), record(HANDSHAKE, TlsBytes.handshake(11, new byte[3000])));
        HandshakeFacts f = decoded(Arrays.copyOf(head, head.length - 1000));
        assertThat(f.serverHello()).isNotNull();
        assertThat(f.certificate()).isTrue();
        assertThat(f.truncated()).isTrue();
    }

    @Test
    void offsetAndLengthAreHonoured() {
        byte[] hello = record(HANDSHAKE, browser().message());
        byte[] padded = concat(new byte[] {9, 9, 9}, hello, new byte[] {7});
        HandshakeFacts f = ((WireDecodeResult.Decoded) decoder.decode(padded, 3, hello.length)).facts();
        assertThat(f.clientHello().serverName()).isEqualTo("www.example.com");
        assertThat(f.clientHello().offset()).isEqualTo(5);
    }

    // ---- framings -----------------------------------------------------------------------------------------

    @Test
    void proxyV1ThenTls() {
        byte[] proxy = TlsBytes.proxyV1("PROXY TCP4 192.0.2.1 198.51.100.2 56324 443");
        HandshakeFacts f = decoded(concat(proxy, record(HANDSHAKE, browser().message())));
        assertThat(f.proxy()).isEqualTo(new ProxyHeader(1, false, "TCP4", "192.0.2.1", 56324, "198.51.100.2", 443, proxy.length));
        assertThat(f.clientHello().serverName()).isEqualTo("www.example.com");
        assertThat(f.clientHello().offset()).isEqualTo(proxy.length + 5);
        HandshakeFacts v6 = decoded(concat(TlsBytes.proxyV1("PROXY TCP6 2001:db8::1 2001:db8::2 1 443"), alert(2, 40)));
        assertThat(v6.proxy().sourceAddress()).isEqualTo("2001:db8::1");
        HandshakeFacts unknown = decoded(concat(TlsBytes.proxyV1("PROXY UNKNOWN"), alert(2, 40)));
        assertThat(unknown.proxy().transport()).isEqualTo("UNKNOWN");
    }

    @Test
    void proxyV2ThenTls() {
        byte[] v4 = TlsBytes.proxyV2(new byte[] {(byte) 192, 0, 2, 1}, 56324, new byte[] {(byte) 198, 51, 100, 2}, 443);
        HandshakeFacts f = decoded(concat(v4, record(HANDSHAKE, browser().message())));
        assertThat(f.proxy()).isEqualTo(new ProxyHeader(2, false, "TCP4", "192.0.2.1", 56324, "198.51.100.2", 443, 28));
        byte[] a = new byte[16];
        a[0] = 0x20;
        a[1] = 0x01;
        a[2] = 0x0d;
        a[3] = (byte) 0xb8;
        a[15] = 1;
        byte[] b = a.clone();
        b[15] = 2;
        HandshakeFacts six = decoded(concat(TlsBytes.proxyV2(a, 1, b, 443), record(HANDSHAKE, browser().message())));
        assertThat(six.proxy().transport()).isEqualTo("TCP6");
        assertThat(six.proxy().sourceAddress()).isEqualTo("2001:db8::1");
        assertThat(six.proxy().destinationAddress()).isEqualTo("2001:db8::2");
        assertThat(six.clientHello()).isNotNull();
    }

    @Test
    void badProxyHeadersAreMalformed() {
        byte[] longLine = ("PROXY TCP4 " + "1".repeat(120)).getBytes(StandardCharsets.US_ASCII);
        assertThat(decoder.decode(longLine)).isEqualTo(new WireDecodeResult.Malformed(MalformedReason.PROXY_V1, 0));
        assertThat(decoder.decode(TlsBytes.proxyV1("PROXY TCP4 300.0.0.1 10.0.0.1 1 2")))
                .isInstanceOf(WireDecodeResult.Malformed.class);
        byte[] v2 = TlsBytes.proxyV2(new byte[] {1, 2, 3, 4}, 1, new byte[] {5, 6, 7, 8}, 2);
        v2[12] = 0x31; // version 3
        assertThat(decoder.decode(v2)).isEqualTo(new WireDecodeResult.Malformed(MalformedReason.PROXY_V2, 12));
    }

    @Test
    void sslv2Hellos() {
        HandshakeFacts v2 = decoded(TlsBytes.sslv2ClientHello(0x0002, 0x010080, 0x070040));
        assertThat(v2.kind()).isEqualTo(StreamKind.SSL2);
        ClientHello ch = v2.clientHello();
        assertThat(ch.sslv2()).isTrue();
        assertThat(ch.legacyVersion()).isEqualTo(0x0002);
        assertThat(ch.cipherSuites()).containsExactly(0x010080, 0x070040);
        assertThat(fp.ja3(ch)).isNull();
        assertThat(fp.ja4(ch)).isNull();
        // SSLv2-compatible hello of a TLS 1.0 client, followed by TLS records
        HandshakeFacts compat = decoded(concat(TlsBytes.sslv2ClientHello(0x0301, 0x00002f, 0x000035), alert(2, 40)));
        assertThat(compat.kind()).isEqualTo(StreamKind.SSL2);
        assertThat(compat.clientHello().legacyVersion()).isEqualTo(0x0301);
        assertThat(compat.alerts()).hasSize(1);
        byte[] bad = TlsBytes.sslv2ClientHello(0x0002, 0x010080);
        bad[6] = 0x04; // cipher spec length 4: not a multiple of 3
        assertThat(decoder.decode(bad)).isInstanceOf(WireDecodeResult.Malformed.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET / HTTP/1.1\r\n", "POST /x HTTP/1.1\r\n", "HEAD / HTTP/1.0\r\n", "PUT /a HTTP/1.1\r\n",
            "OPTIONS * HTTP/1.1\r\n", "CONNECT h:443 HTTP/1.1\r\n", "DELETE /a HTTP/1.1\r\n", "PATCH /a HTTP/1.1\r\n",
            "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"})
    void plainHttp(String request) {
        HandshakeFacts f = decoded(request.getBytes(StandardCharsets.US_ASCII));
        assertThat(f.kind()).isEqualTo(StreamKind.HTTP);
        assertThat(f.httpMethod()).isEqualTo(request.substring(0, request.indexOf(' ')));
        assertThat(decoder.decode(request.substring(0, 2).getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(WireDecodeResult.Incomplete.class);
    }

    @Test
    void tlsInsideAnHttpConnectTunnel() {
        byte[] head = concat("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                record(HANDSHAKE, browser().message()));
        HandshakeFacts f = decoded(head);
        assertThat(f.kind()).isEqualTo(StreamKind.TLS);
        assertThat(f.httpTunnel()).isTrue();
        assertThat(f.httpMethod()).isEqualTo("CONNECT");
        assertThat(f.clientHello().serverName()).isEqualTo("www.example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SSH-2.0-OpenSSH_9.6\r\n", "\u0000\u0000\u0000", "HELLO", "\u0016\u0001\u0000"})
    void anythingElseIsNotTls(String bytes) {
        assertThat(decoded(bytes.getBytes(StandardCharsets.ISO_8859_1)).kind()).isEqualTo(StreamKind.NOT_TLS);
    }

    @Test
    void emptyHeadIsIncomplete() {
        assertThat(decoder.decode(new byte[0])).isEqualTo(new WireDecodeResult.Incomplete(1));
    }

    // ---- malformed ----------------------------------------------------------------------------------------

    @Test
    void malformedRecordsAndHellos() {
        byte[] ok = record(HANDSHAKE, browser().message());
        byte[] type = ok.clone();
        type[0] = 25;
        assertThat(decoder.decode(concat(new byte[] {22, 3, 1, 0, 1, 0}, type))).isInstanceOf(WireDecodeResult.Malformed.class);
        byte[] version = ok.clone();
        version[2] = 9;
        assertThat(decoder.decode(version)).isEqualTo(new WireDecodeResult.Malformed(MalformedReason.RECORD_VERSION, 1));
        byte[] length = ok.clone();
        length[3] = (byte) 0x48; // 18 432 + ... > 2^14 + 2048
        assertThat(decoder.decode(length)).isEqualTo(new WireDecodeResult.Malformed(MalformedReason.RECORD_LENGTH, 3));
        byte[] zero = {22, 3, 3, 0, 0};
        assertThat(decoder.decode(zero)).isEqualTo(new WireDecodeResult.Malformed(MalformedReason.RECORD_LENGTH, 3));
        TlsBytes.Client sid = new TlsBytes.Client();
        sid.sessionIdLength = 33;
        assertThat(decoder.decode(record(HANDSHAKE, sid.message())))
                .isEqualTo(new WireDecodeResult.Malformed(MalformedReason.HELLO_VECTOR, 5 + 4 + 34));
        TlsBytes.Client sni = new TlsBytes.Client().ext(0, new byte[] {0, 9, 0, 0, 3, 'a'});
        assertThat(decoder.decode(record(HANDSHAKE, sni.message()))).extracting(r -> ((WireDecodeResult.Malformed) r).reason())
                .isEqualTo(MalformedReason.EXTENSION);
        assertThat(decoder.decode(record(TlsBytes.CCS, new byte[] {2})))
                .isEqualTo(new WireDecodeResult.Malformed(MalformedReason.CHANGE_CIPHER_SPEC, 5));
        assertThat(decoder.decode(record(TlsBytes.ALERT, new byte[] {3, 40})))
                .isEqualTo(new WireDecodeResult.Malformed(MalformedReason.ALERT, 5));
    }

    @Test
    void malformedAfterAHelloKeepsTheHello() {
        byte[] head = concat(record(HANDSHAKE, browser().message()), new byte[] {99, 3, 3, 0, 2, 1, 1});
        HandshakeFacts f = decoded(head);
        assertThat(f.clientHello()).isNotNull();
        assertThat(f.tailError()).isEqualTo(MalformedReason.RECORD_TYPE);
        assertThat(f.tailErrorOffset()).isEqualTo(head.length - 7);
    }

    @Test
    void names() {
        assertThat(TlsNames.cipherSuite(0x1301)).isEqualTo("TLS_AES_128_GCM_SHA256");
        assertThat(TlsNames.cipherSuite(0xcca9)).isEqualTo("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
        assertThat(TlsNames.cipherSuite(0x000a)).isEqualTo("TLS_RSA_WITH_3DES_EDE_CBC_SHA");
        assertThat(TlsNames.cipherSuite(0x0a0a)).isNull();
        assertThat(TlsNames.version(0x0303)).isEqualTo("1.2");
        assertThat(TlsNames.versionProtocol(0x0303)).isEqualTo("tls");
        assertThat(TlsNames.version(0x0300)).isEqualTo("3.0");
        assertThat(TlsNames.versionProtocol(0x0300)).isEqualTo("ssl");
        assertThat(TlsValues.isGrease(0xfafa)).isTrue();
        assertThat(TlsValues.isGrease(0x0a1a)).isFalse();
    }
}
