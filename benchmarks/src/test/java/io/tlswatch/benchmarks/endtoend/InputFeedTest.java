package io.tlswatch.benchmarks.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tlswatch.ingest.simulator.Vip;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.PacketSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The benchmark's input is the realistic mix it claims to be, and the same for the same seed. */
class InputFeedTest {
    private static final long START = 1_764_806_400_000L; // 2025-12-04T00:00:00Z, a minute boundary
    private static PacketTemplates templates;

    @BeforeAll
    static void readCaptures() {
        templates = PacketTemplates.read(EndToEndBenchmark.sharedData().resolve("tls").resolve("pcap"));
    }

    private static Workload workload(String... args) {
        BenchOptions options = new BenchOptions();
        new CommandLine(options).parseArgs(args);
        return new Workload(options, templates);
    }

    private static List<InputFeed.Out> seconds(InputFeed feed, long from, int count) {
        List<InputFeed.Out> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.addAll(feed.second(from + i * 1_000L));
        }
        return out;
    }

    @Test
    void compositionMatchesTheOptions() {
        Workload workload = workload();
        InputFeed feed = workload.live(workload.recordsPerSecond(), 0);
        List<InputFeed.Out> records = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            long second = START + i * 1_000L;
            List<InputFeed.Out> within = feed.second(second);
            // the live feed sends each second's records within that second, in time order
            assertThat(within).allSatisfy(o -> assertThat(o.timestampMs()).isBetween(second, second + 999))
                    .isSortedAccordingTo((a, b) -> Long.compare(a.timestampMs(), b.timestampMs()));
            records.addAll(within);
        }

        long packets = records.stream().filter(o -> o.kind() == InputFeed.Kind.PACKET).count();
        List<InputFeed.Out> lines = records.stream()
                .filter(o -> o.kind() == InputFeed.Kind.SYSLOG || o.kind() == InputFeed.Kind.TS_SYSLOG).toList();
        long ssl = lines.stream().filter(InputFeed.Out::ssl).count();
        long wrapped = lines.stream().filter(o -> o.kind() == InputFeed.Kind.TS_SYSLOG).count();
        long polls = records.stream().filter(o -> o.kind() == InputFeed.Kind.POLLER).count();

        assertThat(100.0 * packets / records.size()).isCloseTo(10, within(0.5));
        assertThat(100.0 * ssl / lines.size()).isCloseTo(4, within(0.5));
        assertThat(100.0 * wrapped / lines.size()).isCloseTo(5, within(0.5));
        // every BIG-IP polls once a minute: two minutes, twelve BIG-IPs
        assertThat(polls).isEqualTo(24);
        assertThat((double) records.size() / 120).isCloseTo(workload.recordsPerSecond(), within(workload.recordsPerSecond() * 0.03));
    }

    @Test
    void sameSeedSameBytes() {
        List<InputFeed.Out> first = seconds(workload().live(5_000, 0), START, 3);
        List<InputFeed.Out> second = seconds(workload().live(5_000, 0), START, 3);
        assertThat(second).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).value()).isEqualTo(first.get(i).value());
        }
        List<InputFeed.Out> other = seconds(workload("--seed", "7").live(5_000, 0), START, 3);
        assertThat(other.get(0).value()).isNotEqualTo(first.get(0).value());
    }

    @Test
    void aLaterStartMovesTheSameRecordsInTime() {
        long later = START + 3 * 86_400_000L + 3_720_000L;
        List<InputFeed.Out> first = seconds(workload().backlog(60_000), START, 3);
        List<InputFeed.Out> moved = seconds(workload().backlog(60_000), later, 3);
        assertThat(moved).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            InputFeed.Out a = first.get(i);
            InputFeed.Out b = moved.get(i);
            assertThat(b.timestampMs() - a.timestampMs()).isEqualTo(later - START);
            assertThat(b.kind()).isEqualTo(a.kind());
            if (a.kind() == InputFeed.Kind.SYSLOG) {
                // only the stamp differs: "Dec  4 00:00:0x" became "Dec  7 01:02:0x"
                assertThat(new String(b.value(), StandardCharsets.UTF_8).replace("Dec  7 01:02:0", "Dec  4 00:00:0"))
                        .isEqualTo(new String(a.value(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void packetSummariesAreKeyedConnectionsOfTheFleetsVips() throws IOException {
        Workload workload = workload();
        Set<String> vips = new HashSet<>();
        for (Vip v : new io.tlswatch.ingest.simulator.FleetSimulator(workload.fleet()).vips()) {
            vips.add(v.observer() + " " + v.address() + ":" + v.port());
        }
        Set<String> connections = new HashSet<>();
        for (InputFeed.Out o : seconds(workload.live(20_000, 0), START, 5)) {
            if (o.kind() != InputFeed.Kind.PACKET) {
                assertThat(o.key()).isNull();
                continue;
            }
            PacketSummary s = Json.MAPPER.readValue(o.value(), PacketSummary.class);
            assertThat(new String(o.key(), StandardCharsets.UTF_8)).isEqualTo(s.connectionId());
            assertThat(vips).contains(s.observer() + " " + s.serverIp() + ":" + s.serverPort());
            assertThat(s.lastSeenMs()).isGreaterThanOrEqualTo(s.firstSeenMs());
            connections.add(s.connectionId());
        }
        // every replayed connection has its own client endpoint
        long clients = connections.stream().map(id -> id.substring(id.indexOf('/'), id.indexOf("->"))).distinct().count();
        assertThat(clients).isEqualTo(connections.size()).isGreaterThan(100);
    }

    @Test
    void incidentLinesAreMarkedAndOnlyTheirsCarryAlert45() {
        Workload workload = workload();
        InputFeed feed = workload.live(5_000, 0);
        assertThat(seconds(feed, START, 5)).noneMatch(InputFeed.Out::incident)
                .noneMatch(o -> new String(o.value(), StandardCharsets.UTF_8).contains("alert(45)"));

        feed.startIncident(workload.incidentOnly(feed.toVirtual(START + 5_000)));
        List<InputFeed.Out> after = seconds(feed, START + 5_000, 5);
        List<InputFeed.Out> incident = after.stream().filter(InputFeed.Out::incident).toList();
        // (a header-stripped line has lost its host name; the addresses stay)
        assertThat(incident).isNotEmpty().allSatisfy(o ->
                assertThat(new String(o.value(), StandardCharsets.UTF_8)).contains("10.10.1.10:443"));
        assertThat(incident.stream().filter(o -> new String(o.value(), StandardCharsets.UTF_8)
                .contains("bigip-01.example.net")).count()).isGreaterThan(incident.size() * 9 / 10);
        assertThat(after.stream().filter(o -> new String(o.value(), StandardCharsets.UTF_8).contains("alert(45)")))
                .allMatch(InputFeed.Out::incident);
    }
}
