package io.tlswatch.processors.views;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.processors.alerts.AlertEvents;
import io.tlswatch.processors.rates.RateInput;
import io.tlswatch.processors.topology.WriteBehindStore;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.JsonSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** The API's two views, each behind its processor on a TopologyTestDriver: what they keep and what they forget. */
class ViewsTopologyTest {
    private static final Instant T0 = Instant.parse("2027-01-15T08:00:00Z");

    private static Properties props() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "views-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        return p;
    }

    @Test
    void recentFailuresKeepFailuresOnlyAndForgetQuietVips() {
        Topology t = new Topology();
        t.addSource("in", Serdes.String().deserializer(), JsonSerde.of(RateInput.class).deserializer(), "inputs");
        t.addProcessor("keep", () -> new RecentFailuresProcessor("recent"), "in");
        t.addStateStore(WriteBehindStore.wrap(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("recent"),
                Serdes.String(), JsonSerde.of(RecentFailures.class))), "keep");
        try (TopologyTestDriver driver = new TopologyTestDriver(t, props(), T0)) {
            TestInputTopic<String, RateInput> in = driver.createInputTopic("inputs", new StringSerializer(),
                    JsonSerde.of(RateInput.class).serializer());
            KeyValueStore<String, RecentFailures> store = driver.getKeyValueStore("recent");
            for (int i = 0; i < 30; i++) {
                in.pipeInput("o/a", input(RateInput.FAILURE, "a", i), T0.plusMillis(i));
                in.pipeInput("o/a", input(RateInput.ATTEMPT, "a", i), T0.plusMillis(i));
            }
            in.pipeInput("o/b", input(RateInput.ATTEMPT, "b", 0), T0);
            RecentFailures a = store.get("o/a");
            assertThat(a.failures).hasSize(RecentFailures.MAX);
            assertThat(a.failures.get(0).sni()).isEqualTo("sni-29");
            assertThat(a.failures.get(0).timeMs()).isEqualTo(T0.toEpochMilli() + 29);
            assertThat(store.get("o/b")).as("attempts are no failures").isNull();

            // an hour and more later (stream time), a failure of another VIP: the quiet one goes at the next sweep
            in.pipeInput("o/c", input(RateInput.FAILURE, "c", 0), T0.plus(Duration.ofMinutes(61)));
            driver.advanceWallClockTime(RecentFailuresProcessor.SWEEP_EVERY);
            assertThat(store.get("o/a")).isNull();
            assertThat(store.get("o/c").failures).hasSize(1);
        }
    }

    @Test
    void theBoardKeepsTheLatestEventOfEachAlertAndDropsOldResolvedOnes() {
        try (TopologyTestDriver driver = new TopologyTestDriver(board(), props(), T0)) {
            TestInputTopic<String, AlertEvent> in = driver.createInputTopic("alerts", new StringSerializer(),
                    JsonSerde.of(AlertEvent.class).serializer());
            KeyValueStore<String, BoardEntry> store = driver.getKeyValueStore("board-store");
            AlertEvent firing = alert("10.0.0.1:443", "FIRING", T0);
            in.pipeInput(firing.dedupKey(), firing, T0);
            AlertEvent resolved = alert("10.0.0.1:443", "RESOLVED", T0.plusSeconds(60));
            in.pipeInput(resolved.dedupKey(), resolved, T0.plusSeconds(60));
            AlertEvent other = alert("10.0.0.2:443", "FIRING", T0.plusSeconds(70));
            in.pipeInput(other.dedupKey(), other, T0.plusSeconds(70));
            assertThat(store.get(firing.dedupKey()).active()).isFalse();
            assertThat(store.get(firing.dedupKey()).event().status()).isEqualTo("RESOLVED");
            assertThat(store.get(other.dedupKey()).active()).isTrue();

            // long after: the resolved one goes, the one that still fires stays
            AlertEvent late = alert("10.0.0.3:443", "FIRING", T0.plus(Duration.ofHours(7)));
            in.pipeInput(late.dedupKey(), late, T0.plus(Duration.ofHours(7)));
            driver.advanceWallClockTime(AlertBoardProcessor.SWEEP_EVERY);
            assertThat(store.get(firing.dedupKey())).isNull();
            assertThat(store.get(other.dedupKey())).isNotNull();
            assertThat(store.get(late.dedupKey())).isNotNull();
        }
    }

    @Test
    void theBoardKeepsOnlyTheNewestResolvedAlertsPastItsLimitAndEveryActiveOne() {
        try (TopologyTestDriver driver = new TopologyTestDriver(board(), props(), T0)) {
            TestInputTopic<String, AlertEvent> in = driver.createInputTopic("alerts", new StringSerializer(),
                    JsonSerde.of(AlertEvent.class).serializer());
            KeyValueStore<String, BoardEntry> store = driver.getKeyValueStore("board-store");
            int over = 5;
            int total = AlertBoardProcessor.MAX_RESOLVED + over;
            AlertEvent firing = alert("10.9.9.9:443", "FIRING", T0);
            in.pipeInput(firing.dedupKey(), firing, T0);
            // resolved one second apart, in a shuffled order: the limit keeps the newest by time, not by arrival
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                order.add(i);
            }
            Collections.shuffle(order, new Random(7));
            for (int i : order) {
                Instant at = T0.plusSeconds(i);
                AlertEvent resolved = alert("10.1." + (i / 250) + "." + (i % 250) + ":443", "RESOLVED", at);
                in.pipeInput(resolved.dedupKey(), resolved, at);
            }
            driver.advanceWallClockTime(AlertBoardProcessor.SWEEP_EVERY);

            List<Long> kept = new ArrayList<>();
            try (KeyValueIterator<String, BoardEntry> it = store.all()) {
                it.forEachRemaining(kv -> {
                    if (!kv.value.active()) {
                        kept.add(kv.value.updatedMs());
                    }
                });
            }
            assertThat(kept).hasSize(AlertBoardProcessor.MAX_RESOLVED);
            assertThat(kept.stream().mapToLong(Long::longValue).min().orElseThrow())
                    .as("the oldest resolved alert kept").isEqualTo(T0.plusSeconds(over).toEpochMilli());
            assertThat(store.get(firing.dedupKey())).as("an active alert is never dropped").isNotNull();
        }
    }

    /** The alert board alone: alerts in, its store to read. */
    private static Topology board() {
        Topology t = new Topology();
        t.addSource("in", Serdes.String().deserializer(), JsonSerde.of(AlertEvent.class).deserializer(), "alerts");
        t.addProcessor("board", () -> new AlertBoardProcessor("board-store"), "in");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("board-store"), Serdes.String(),
                JsonSerde.of(BoardEntry.class)), "board");
        return t;
    }

    private static RateInput input(String kind, String vip, int i) {
        boolean failure = RateInput.FAILURE.equals(kind);
        return new RateInput(kind, T0.toEpochMilli() + i, "o", vip, RateInput.PACKETS, failure ? "cert_expired" : null,
                null, failure ? "sni-" + i : null, failure ? "192.0.2." + i : null, null, null, null, 0, 0);
    }

    private static AlertEvent alert(String vip, String status, Instant at) {
        return AlertEvents.event(AlertEvents.dedupKey("o", vip, "cert_expired"), status, T0.toEpochMilli(),
                at.toEpochMilli(), "cert_expired on " + vip, "error", "o", vip, "cert_expired", Map.of("failures", 9),
                Map.of("vip", vip), "renew");
    }

}
