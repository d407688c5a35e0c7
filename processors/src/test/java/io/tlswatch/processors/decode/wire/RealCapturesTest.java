package io.tlswatch.processors.decode.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.schemas.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The decoder and fingerprints against the shared captures, row by row of {@code EXPECTED_*.tsv} (tshark and
 * FoxIO's ja4.py; where the {@code caveat} column gives the JA4 specification's value, that value is expected).
 * Rows without a TCP stream (QUIC) are not covered yet. Captures are read by the {@link PcapStreams} test
 * fixture, which numbers streams as tshark does.
 */
class RealCapturesTest {
    private static final Pattern SPEC_VALUE = Pattern.compile("=> (t\\S+)");
    private static final Map<String, List<PcapStreams.Stream>> CAPTURES = new HashMap<>();
    private static final Map<String, int[]> COVERAGE = new LinkedHashMap<>();

    private final WireDecoder decoder = new WireDecoder();
    private final Fingerprints fingerprints = new Fingerprints();
    private static final Fingerprints UNCACHED = new Fingerprints(0);

    private static Path tls(String name) {
        return SharedData.root().resolve("tls").resolve(name);
    }

    /** Rows of a TSV file as column name → value. */
    static List<Map<String, String>> rows(String file) {
        try {
            List<String> lines = Files.readAllLines(tls(file), StandardCharsets.UTF_8);
            String[] header = lines.get(0).split("\t", -1);
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    row.put(header[i], i < f.length ? f[i] : "");
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized PcapStreams.Stream stream(String pcap, int index) {
        List<PcapStreams.Stream> streams = CAPTURES.computeIfAbsent(pcap, p -> PcapStreams.read(tls("pcap").resolve(p)));
        return streams.stream().filter(s -> s.index() == index).findFirst().orElseThrow();
    }

    private HandshakeFacts facts(byte[] head) {
        WireDecodeResult r = decoder.decode(head);
        assertThat(r).isInstanceOf(WireDecodeResult.Decoded.class);
        return ((WireDecodeResult.Decoded) r).facts();
    }

    /** Rows grouped by (pcap, stream), in frame order: the i-th row is the i-th message of that stream. */
    private static Stream<DynamicTest> perStream(String file, String what, RowCheck check) {
        List<Map<String, String>> all = rows(file);
        int[] counts = COVERAGE.computeIfAbsent(file, f -> new int[2]);
        counts[1] += all.size();
        Map<String, List<Map<String, String>>> groups = all.stream()
                .filter(r -> !r.get("tcp_stream").isEmpty())
                .sorted(Comparator.comparingInt(r -> Integer.parseInt(r.get("frame"))))
                .collect(Collectors.groupingBy(r -> r.get("pcap") + "#" + r.get("tcp_stream"), LinkedHashMap::new, Collectors.toList()));
        List<DynamicTest> tests = new ArrayList<>();
        groups.forEach((key, group) -> {
            for (int i = 0; i < group.size(); i++) {
                Map<String, String> row = group.get(i);
                int nth = i;
                tests.add(DynamicTest.dynamicTest(what + " " + row.get("pcap") + " frame " + row.get("frame"), () -> {
                    check.check(stream(row.get("pcap"), Integer.parseInt(row.get("tcp_stream"))), nth, row);
                    synchronized (COVERAGE) {
                        counts[0]++;
                    }
                }));
            }
        });
        return tests.stream();
    }

    interface RowCheck {
        void check(PcapStreams.Stream stream, int nth, Map<String, String> row);
    }

    @TestFactory
    Stream<DynamicTest> clientHellos() {
        return perStream("EXPECTED_CLIENTHELLOS.tsv", "ClientHello", (s, nth, row) -> {
            HandshakeFacts f = facts(s.clientToServer());
            assertThat(f.clientHellos()).as("ClientHellos of stream %d, %s", s.index(), f).hasSizeGreaterThan(nth);
            ClientHello ch = f.clientHellos().get(nth);
            assertThat(nullToEmpty(ch.serverName())).as("sni").isEqualTo(row.get("sni"));
            String alpn = String.join(",", ch.alpn());
            if (alpn.chars().allMatch(c -> c < 0x80)) {
                assertThat(alpn).as("alpn").isEqualTo(row.get("alpn"));
            }
            assertThat(hex4(ch.legacyVersion())).as("legacy_version").isEqualTo(row.get("legacy_version"));
            assertThat(hexList(ch.supportedVersions())).as("supported_versions").isEqualTo(row.get("supported_versions"));
            assertThat(fingerprints.ja3String(ch)).as("ja3 string").isEqualTo(row.get("ja3_string(tshark)"));
            assertThat(fingerprints.ja3(ch)).as("ja3").isEqualTo(row.get("ja3(tshark)"));
            String ja4 = row.get("ja4(foxio-py)");
            Matcher spec = SPEC_VALUE.matcher(row.get("caveat"));
            if (spec.find()) {
                ja4 = spec.group(1);
            } else if (!row.get("ja4_r(foxio-py)").isEmpty()) {
                assertThat(fingerprints.ja4r(ch, false)).as("ja4_r").isEqualTo(row.get("ja4_r(foxio-py)"));
            }
            if (!ja4.isEmpty()) {
                assertThat(fingerprints.ja4(ch)).as("ja4").isEqualTo(ja4);
                assertThat(fingerprints.ja4(ch)).as("ja4, cached").isEqualTo(ja4);
                assertThat(UNCACHED.ja4(ch)).as("ja4, uncached").isEqualTo(ja4);
            }
            assertThat(fingerprints.ja3(ch)).as("ja3, cached").isEqualTo(row.get("ja3(tshark)"));
            assertThat(UNCACHED.ja3(ch)).as("ja3, uncached").isEqualTo(row.get("ja3(tshark)"));
        });
    }

    @TestFactory
    Stream<DynamicTest> serverHellos() {
        return perStream("EXPECTED_SERVERHELLOS.tsv", "ServerHello", (s, nth, row) -> {
            HandshakeFacts f = facts(s.serverToClient());
            assertThat(f.serverHellos()).as("ServerHellos of stream %d, %s", s.index(), f).hasSizeGreaterThan(nth);
            ServerHello sh = f.serverHellos().get(nth);
            assertThat(hex4(sh.legacyVersion())).as("version").isEqualTo(row.get("version"));
            assertThat(sh.selectedVersion() == 0 ? "" : hex4(sh.selectedVersion())).as("supported_version")
                    .isEqualTo(row.get("supported_version"));
            assertThat(hex4(sh.cipherSuite())).as("cipher").isEqualTo(row.get("cipher"));
            assertThat(fingerprints.ja3sString(sh)).as("ja3s string").isEqualTo(row.get("ja3s_string(tshark)"));
            assertThat(fingerprints.ja3s(sh)).as("ja3s").isEqualTo(row.get("ja3s(tshark)"));
            assertThat(TlsNames.cipherSuite(sh.cipherSuite())).as("IANA name").isNotNull();
        });
    }

    @TestFactory
    Stream<DynamicTest> alerts() {
        return perStream("EXPECTED_ALERTS.tsv", "Alert", (s, nth, row) -> {
            boolean fromClient = row.get("src").equals(s.client());
            HandshakeFacts f = facts(fromClient ? s.clientToServer() : s.serverToClient());
            assertThat(f.alerts()).hasSizeGreaterThan(nth);
            TlsAlert alert = f.alerts().get(nth);
            assertThat(alert.level()).as("level").isEqualTo(Integer.parseInt(row.get("level")));
            assertThat(alert.description()).as("description").isEqualTo(Integer.parseInt(row.get("description")));
        });
    }

    private static final Map<String, List<PcapStreams.UdpFlow>> UDP = new HashMap<>();

    static synchronized PcapStreams.UdpFlow udpFlow(String pcap, int frame) {
        return UDP.computeIfAbsent(pcap, p -> PcapStreams.readUdp(tls("pcap").resolve(p))).stream()
                .filter(f -> f.hasFrame(frame)).findFirst().orElseThrow();
    }

    /** QUIC rows (no TCP stream): the i-th row of a UDP flow is the i-th hello read from its Initial packets. */
    private static Stream<DynamicTest> perQuicFlow(String file, String what, QuicCheck check) {
        int[] counts = COVERAGE.computeIfAbsent(file, f -> new int[2]);
        List<Map<String, String>> quic = rows(file).stream().filter(r -> r.get("tcp_stream").isEmpty())
                .sorted(Comparator.comparingInt(r -> Integer.parseInt(r.get("frame")))).toList();
        Map<String, Integer> seen = new HashMap<>();
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, String> row : quic) {
            tests.add(DynamicTest.dynamicTest(what + " (QUIC) " + row.get("pcap") + " frame " + row.get("frame"), () -> {
                int frame = Integer.parseInt(row.get("frame"));
                PcapStreams.UdpFlow flow = udpFlow(row.get("pcap"), frame);
                int nth;
                synchronized (seen) {
                    nth = seen.merge(row.get("pcap") + flow.client() + flow.server(), 1, Integer::sum) - 1;
                }
                check.check(flow, frame, nth, row);
                synchronized (COVERAGE) {
                    counts[0]++;
                }
            }));
        }
        return tests.stream();
    }

    interface QuicCheck {
        void check(PcapStreams.UdpFlow flow, int frame, int nth, Map<String, String> row);
    }

    private static HandshakeFacts quicFacts(PcapStreams.UdpFlow flow, int frame, boolean fromClient) {
        byte[][] client = flow.upTo(Integer.MAX_VALUE, true);
        byte[] first = client[0];
        byte[] dcid = java.util.Arrays.copyOfRange(first, 6, 6 + (first[5] & 0xff));
        WireDecodeResult r = new QuicInitialDecoder().decode(flow.upTo(frame, fromClient), fromClient, fromClient ? null : dcid);
        assertThat(r).isInstanceOf(WireDecodeResult.Decoded.class);
        return ((WireDecodeResult.Decoded) r).facts();
    }

    @TestFactory
    Stream<DynamicTest> quicClientHellos() {
        return perQuicFlow("EXPECTED_CLIENTHELLOS.tsv", "ClientHello", (flow, frame, nth, row) -> {
            HandshakeFacts f = quicFacts(flow, frame, true);
            assertThat(f.kind()).isEqualTo(StreamKind.QUIC);
            assertThat(f.clientHellos()).isNotEmpty();
            ClientHello ch = f.clientHellos().get(f.clientHellos().size() - 1);
            assertThat(nullToEmpty(ch.serverName())).as("sni").isEqualTo(row.get("sni"));
            assertThat(String.join(",", ch.alpn())).as("alpn").isEqualTo(row.get("alpn"));
            assertThat(hex4(ch.legacyVersion())).as("legacy_version").isEqualTo(row.get("legacy_version"));
            assertThat(hexList(ch.supportedVersions())).as("supported_versions").isEqualTo(row.get("supported_versions"));
            assertThat(fingerprints.ja3String(ch)).as("ja3 string").isEqualTo(row.get("ja3_string(tshark)"));
            assertThat(fingerprints.ja3(ch)).as("ja3").isEqualTo(row.get("ja3(tshark)"));
            if (!row.get("ja4(foxio-py)").isEmpty()) {
                assertThat(fingerprints.ja4(ch, true)).as("ja4").isEqualTo(row.get("ja4(foxio-py)"));
            }
            // ja4.py leaves QUIC out; FoxIO's Rust snapshot of the same capture lists the client JA4s it saw
            assertThat(foxioRustClientJa4s(row.get("pcap"))).as("FoxIO Rust JA4s of %s", row.get("pcap"))
                    .contains(fingerprints.ja4(ch, true));
        });
    }

    /** The {@code q…} client JA4 values in {@code expected-foxio/rust/ja4__insta@PCAP.snap}. */
    private static List<String> foxioRustClientJa4s(String pcap) {
        try {
            String snap = Files.readString(tls("expected-foxio").resolve("rust").resolve("ja4__insta@" + pcap + ".snap"));
            Matcher m = Pattern.compile("ja4: (q[0-9a-z]{9}_[0-9a-f]{12}_[0-9a-f]{12})").matcher(snap);
            List<String> out = new ArrayList<>();
            while (m.find()) {
                out.add(m.group(1));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> quicServerHellos() {
        return perQuicFlow("EXPECTED_SERVERHELLOS.tsv", "ServerHello", (flow, frame, nth, row) -> {
            HandshakeFacts f = quicFacts(flow, frame, false);
            ServerHello sh = f.serverHellos().get(f.serverHellos().size() - 1);
            assertThat(hex4(sh.legacyVersion())).as("version").isEqualTo(row.get("version"));
            assertThat(sh.selectedVersion() == 0 ? "" : hex4(sh.selectedVersion())).as("supported_version")
                    .isEqualTo(row.get("supported_version"));
            assertThat(hex4(sh.cipherSuite())).as("cipher").isEqualTo(row.get("cipher"));
            assertThat(fingerprints.ja3sString(sh)).as("ja3s string").isEqualTo(row.get("ja3s_string(tshark)"));
            assertThat(fingerprints.ja3s(sh)).as("ja3s").isEqualTo(row.get("ja3s(tshark)"));
        });
    }

    /** g21: tshark does not see behind the PROXY v2 header; data/README.md gives the values (same client as g19/g22). */
    @Test
    void proxyV2CoalescedWithTheClientHello() {
        PcapStreams.Stream s = stream("g21-proxy-v2-tls13-coalesced.pcap", 0);
        HandshakeFacts f = facts(s.clientToServer());
        assertThat(f.proxy()).isNotNull();
        assertThat(f.proxy().version()).isEqualTo(2);
        assertThat(f.proxy().transport()).isEqualTo("TCP4");
        assertThat(fingerprints.ja3(f.clientHello())).isEqualTo("304734bb1c086c3453b387400cf83f11");
        assertThat(fingerprints.ja4(f.clientHello())).isEqualTo("t13d1812h2_85036bcba153_d41ae481755e");
    }

    @Test
    void httpRequestToTheTlsPort() {
        HandshakeFacts f = facts(stream("g18-http-request-to-tls-port.pcap", 0).clientToServer());
        assertThat(f.kind()).isEqualTo(StreamKind.HTTP);
        assertThat(f.httpMethod()).isEqualTo("GET");
    }

    @Test
    void encryptedAlertIsCountedNotGuessed() {
        PcapStreams.Stream s = stream("g23-tls13-client-cert-untrusted-encrypted-alert.pcap", 0);
        HandshakeFacts server = facts(s.serverToClient());
        assertThat(server.alerts()).isEmpty();
        assertThat(server.encryptedRecords()).isPositive();
        assertThat(facts(s.clientToServer()).alerts()).isEmpty();
    }

    @Test
    void helloRetryRequestThenSecondClientHello() {
        PcapStreams.Stream s = stream("g17-tls13-hello-retry-request.pcap", 0);
        HandshakeFacts server = facts(s.serverToClient());
        assertThat(server.serverHellos()).extracting(ServerHello::helloRetryRequest).containsExactly(true, false);
        assertThat(server.serverHello().version()).isEqualTo(0x0304);
        assertThat(facts(s.clientToServer()).clientHellos()).hasSize(2);
    }

    @Test
    void tls12ServerFlightAndClientCertificateRequest() {
        HandshakeFacts server = facts(stream("g15-tls12-client-cert-required-alert40.pcap", 0).serverToClient());
        assertThat(server.certificate()).isTrue();
        assertThat(server.certificateRequest()).isTrue();
        assertThat(server.serverHelloDone()).isTrue();
    }

    /** Every proper prefix of each captured ClientHello (PROXY bytes included) is incomplete. */
    @TestFactory
    Stream<DynamicTest> everyProperPrefixOfRealClientHellosIsIncomplete() {
        return rows("EXPECTED_CLIENTHELLOS.tsv").stream()
                .filter(r -> !r.get("tcp_stream").isEmpty())
                .map(r -> r.get("pcap") + "#" + r.get("tcp_stream"))
                .distinct()
                .map(key -> DynamicTest.dynamicTest("prefixes " + key, () -> {
                    String[] k = key.split("#");
                    byte[] head = stream(k[0], Integer.parseInt(k[1])).clientToServer();
                    HandshakeFacts f = facts(head);
                    ClientHello first = f.clientHello();
                    int messageEnd = first.offset() + 4 + (((head[first.offset() + 1] & 0xff) << 16)
                            | ((head[first.offset() + 2] & 0xff) << 8) | (head[first.offset() + 3] & 0xff));
                    // behind an HTTP CONNECT request, prefixes up to the end of the request are (complete) HTTP
                    int n = f.httpTunnel() ? first.offset() - 4 : 0;
                    while (!(decoder.decode(head, 0, n) instanceof WireDecodeResult.Decoded)) {
                        assertThat(decoder.decode(head, 0, n)).as("prefix %d", n).isInstanceOf(WireDecodeResult.Incomplete.class);
                        n++;
                    }
                    assertThat(n).isEqualTo(messageEnd);
                }));
    }

    @AfterAll
    static void coverage() {
        COVERAGE.forEach((file, c) -> System.out.println("coverage " + file + ": " + c[0] + " of " + c[1] + " rows pass"));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    static String hex4(int v) {
        return String.format("0x%04x", v);
    }

    private static String hexList(int[] values) {
        StringJoiner j = new StringJoiner(",");
        for (int v : values) {
            j.add(hex4(v));
        }
        return j.toString();
    }
}
