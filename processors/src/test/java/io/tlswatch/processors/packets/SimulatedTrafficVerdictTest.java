package io.tlswatch.processors.packets;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.ingest.simulator.FleetSimulator;
import io.tlswatch.ingest.simulator.SimulatedSecond;
import io.tlswatch.ingest.simulator.SimulatorSettings;
import io.tlswatch.ingest.simulator.TimedPacket;
import io.tlswatch.ingest.simulator.wire.ClientKind;
import io.tlswatch.processors.decode.wire.ClientHello;
import io.tlswatch.processors.decode.wire.Fingerprints;
import io.tlswatch.processors.decode.wire.StreamKind;
import io.tlswatch.processors.decode.wire.WireDecodeResult;
import io.tlswatch.processors.decode.wire.WireDecoder;
import io.tlswatch.schemas.HandshakeOutcome;
import io.tlswatch.schemas.PacketSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The simulator's wire traffic read by the real decoder and judged by the real {@link PacketVerdict}: each client
 * population's ClientHello has the shape of its implementation, and a healthy fleet's connections are successes.
 */
class SimulatedTrafficVerdictTest {
    private static final long T0 = Instant.parse("2026-02-01T08:00:00Z").toEpochMilli();
    private static final int X25519_MLKEM768 = 0x11EC;

    private final WireDecoder decoder = new WireDecoder();
    private final Fingerprints fingerprints = new Fingerprints();

    @ParameterizedTest
    @EnumSource(value = ClientKind.class, names = "SCANNER", mode = EnumSource.Mode.EXCLUDE)
    void everyClientHelloDecodesWithItsImplementationsShape(ClientKind kind) {
        ClientHello hello = hello(kind.hello(new Random(3), "app-1-1.example.net"));

        assertThat(hello.serverName()).isEqualTo("app-1-1.example.net");
        boolean grease = Arrays.stream(hello.cipherSuites()).anyMatch(c -> (c & 0x0F0F) == 0x0A0A);
        boolean postQuantum = Arrays.stream(hello.keyShareGroups()).anyMatch(g -> g == X25519_MLKEM768);
        String ja4 = fingerprints.ja4(hello);
        switch (kind) {
            case BROWSER_CHROME -> {
                assertThat(grease).as("GREASE cipher").isTrue();
                assertThat(postQuantum).as("X25519MLKEM768 key share").isTrue();
                assertThat(hello.ech()).isTrue();
                assertThat(ja4).startsWith("t13d1516h2_");
            }
            case BROWSER_FIREFOX -> {
                assertThat(grease).isFalse();
                assertThat(postQuantum).isTrue();
                assertThat(ja4).startsWith("t13d1717h2_");
            }
            case JAVA -> {
                assertThat(postQuantum).isFalse();
                assertThat(hello.signatureAlgorithmsCert()).isNotEmpty();
                assertThat(ja4).startsWith("t13d4911").contains("00_");
            }
            case CURL -> {
                assertThat(hello.hasExtension(0x0016)).as("encrypt_then_mac").isTrue();
                assertThat(ja4).startsWith("t13d3111h2_");
            }
            case LEGACY_TLS10 -> {
                assertThat(hello.highestVersion()).isEqualTo(0x0301);
                assertThat(hello.supportedVersions()).isEmpty();
                assertThat(ja4).startsWith("t10d0705");
            }
            default -> throw new AssertionError(kind);
        }
    }

    @Test
    void chromeHellosExceedOneSegmentAndPermuteTheirExtensions() {
        byte[] first = ClientKind.BROWSER_CHROME.hello(new Random(1), "a.example.net");
        byte[] second = ClientKind.BROWSER_CHROME.hello(new Random(2), "a.example.net");
        // the ML-KEM share alone is 1216 bytes: a post-quantum hello does not fit one 1460-byte segment
        assertThat(first.length).isGreaterThan(1_460);
        int[] a = hello(first).extensions();
        int[] b = hello(second).extensions();
        assertThat(a).isNotEqualTo(b);
        assertThat(Arrays.stream(a).sorted().filter(e -> (e & 0x0F0F) != 0x0A0A).toArray())
                .isEqualTo(Arrays.stream(b).sorted().filter(e -> (e & 0x0F0F) != 0x0A0A).toArray());
        // JA4 sorts extensions: the permutation does not change it
        assertThat(fingerprints.ja4(hello(first))).isEqualTo(fingerprints.ja4(hello(second)));
    }

    @Test
    void aScannerSendsAnSslv2Hello() {
        WireDecodeResult r = decoder.decode(ClientKind.SCANNER.hello(new Random(5), null));
        assertThat(r).isInstanceOfSatisfying(WireDecodeResult.Decoded.class,
                d -> assertThat(d.facts().kind()).isEqualTo(StreamKind.SSL2));
    }

    @Test
    void everyHealthyConnectionIsASuccessWithItsVersion() {
        SimulatorSettings healthy = SimulatorSettings.defaults(11).withNoiseLinesPerSecond(0)
                .withBackgroundSslFailuresPerSecond(0).withTraffic(3, true, 0, Map.of());
        FleetSimulator fleet = new FleetSimulator(healthy);
        Map<String, List<PacketSummary>> connections = new LinkedHashMap<>();
        for (int s = 0; s < 10; s++) {
            SimulatedSecond second = fleet.second(T0 + s * 1_000L);
            assertThat(second.lines()).isEmpty();
            for (TimedPacket p : second.packets()) {
                connections.computeIfAbsent(p.summary().connectionId(), k -> new ArrayList<>()).add(p.summary());
            }
        }
        // 8 VIPs, 3 a second, 10 seconds (a four-tuple drawn twice would merge two: none expected at this size)
        assertThat(connections).hasSize(240);
        PacketVerdict verdict = new PacketVerdict();
        Map<String, Long> versions = new TreeMap<>();
        for (List<PacketSummary> summaries : connections.values()) {
            HandshakeOutcome o = verdict.judge(WireConnection.of(summaries));
            assertThat(o.outcome()).as("%s: %s", o.connectionId(), o.reason()).isEqualTo("success");
            assertThat(o.wire().ja4()).isNotNull();
            versions.merge(o.wire().version(), 1L, Long::sum);
        }
        assertThat(versions).containsOnlyKeys("1.0", "1.2");
        assertThat(versions.get("1.2")).isGreaterThan(versions.get("1.0") * 5);
    }

    @Test
    void backgroundFailuresGetTheClassesOfTheirLogLines() {
        SimulatorSettings noisy = SimulatorSettings.defaults(12).withNoiseLinesPerSecond(0)
                .withBackgroundSslFailuresPerSecond(20).withTraffic(0, true, 0, Map.of());
        FleetSimulator fleet = new FleetSimulator(noisy);
        Map<String, List<PacketSummary>> connections = new LinkedHashMap<>();
        for (int s = 0; s < 10; s++) {
            fleet.second(T0 + s * 1_000L).packets().forEach(p -> connections
                    .computeIfAbsent(p.summary().connectionId(), k -> new ArrayList<>()).add(p.summary()));
        }
        PacketVerdict verdict = new PacketVerdict();
        Map<String, Long> classes = connections.values().stream().map(c -> verdict.judge(WireConnection.of(c)))
                .collect(Collectors.groupingBy(HandshakeOutcome::errorClass, TreeMap::new, Collectors.counting()));
        // probes (HTTP monitors, SSLv2 scanners), TLS 1.0 clients, clients refusing the certificate
        assertThat(classes).containsOnlyKeys("not_tls", "sslv2_hello", "protocol_version", "cert_bad");
    }

    private ClientHello hello(byte[] record) {
        WireDecodeResult r = decoder.decode(record);
        assertThat(r).isInstanceOf(WireDecodeResult.Decoded.class);
        ClientHello hello = ((WireDecodeResult.Decoded) r).facts().clientHello();
        assertThat(hello).isNotNull();
        return hello;
    }
}
