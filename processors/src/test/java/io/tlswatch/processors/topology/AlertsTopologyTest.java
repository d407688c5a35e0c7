package io.tlswatch.processors.topology;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.processors.alerts.StormState;
import io.tlswatch.processors.decode.LogDecoder;
import io.tlswatch.processors.rates.VipState;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.JsonSerde;
import io.tlswatch.schemas.Schema;
import io.tlswatch.schemas.TopicNames;
import io.tlswatch.schemas.VipRate;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live rates stage through the whole topology (DESIGN §9): log lines and system-poller documents in, rate
 * records and alert transitions out, with event time and the wall clock driven by the test through onset,
 * flapping at the threshold, recovery, silence, a restart and a storm.
 */
class AlertsTopologyTest {
    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final Instant START = Instant.parse("2026-02-01T08:12:00Z");
    private static final String HOST = "bigip-07.example.net";
    /** HOST as every record names it (ObserverName). */
    private static final String NAME = "bigip-07";
    private static final DateTimeFormatter SYSLOG = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.of("UTC"));
    private static final Map<String, String> SETTINGS = Map.of(
            "application.id", "alerts-topology-test",
            "kafka.bootstrap.servers", "unused:9092",
            "join.wait", "1s",
            "alerts.warmup", "0s",
            "alerts.check.every", "5s");

    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> logs;
    private TestOutputTopic<String, AlertEvent> alerts;
    private TestOutputTopic<String, VipRate> rates;
    private final Map<String, Long> counters = new HashMap<>();
    private int clientPort = 20000;
    private Instant now = START;
    /** How far the BIG-IP's own clock (the poller's systemTimestamp) is off. */
    private Duration pollerSkew = Duration.ZERO;
    /** How the syslog lines spell the BIG-IP; the poller says {@link #HOST}. */
    private String lineHost = HOST;

    @BeforeEach
    void start() {
        driver = open();
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private TopologyTestDriver open() {
        TlswatchConfig config = TlswatchConfig.of(SETTINGS);
        LogDecoder decoder = new LogDecoder(ZoneId.of("UTC"), () -> now.toEpochMilli(), "unknown");
        Properties props = StreamsSettings.from(config);
        TopologyTestDriver d = new TopologyTestDriver(
                TlswatchTopology.build(config, props, decoder, new SimpleMeterRegistry()), props, START);
        logs = d.createInputTopic(TOPICS.logs(), new ByteArraySerializer(), new ByteArraySerializer());
        alerts = d.createOutputTopic(TOPICS.alerts(), new StringDeserializer(),
                JsonSerde.of(AlertEvent.class).deserializer());
        rates = d.createOutputTopic(TOPICS.rates(), new StringDeserializer(), JsonSerde.of(VipRate.class).deserializer());
        return d;
    }

    @Test
    void aBusyVipFiresWithinSecondsOfOnsetAndResolvesAfterRecovery() {
        String vip = "10.20.0.50:443";
        steady(vip, 1200, 3, 0.0, 48); // three healthy minutes: the poller gives the denominator
        List<AlertEvent> fired = new ArrayList<>();
        Instant onset = now;
        for (int s = 0; s < 60 && fired.isEmpty(); s++) {
            second(vip, 20, 0.25, 48);
            fired.addAll(alerts.readValuesToList());
        }
        assertThat(fired).extracting(AlertEvent::status).containsExactly("FIRING");
        AlertEvent firing = fired.get(0);
        assertValidRecord(Schema.ALERT_EVENT, firing);
        long detect = Instant.parse(firing.payload().timestamp()).toEpochMilli() - onset.toEpochMilli();
        assertThat(detect).as("time to detect").isBetween(0L, 5_000L);
        assertThat(firing.payload().customDetails()).containsEntry("mode", "ratio")
                .containsEntry("attempts_source", "poller");
        // the poller taught the inventory the VIP's name
        assertThat(firing.payload().summary()).contains("cert_untrusted on /Common/vs_10_20_0_50_443 (" + vip + ")",
                "handshakes failed");
        assertThat(firing.labels()).containsEntry("error_class", "cert_untrusted").containsEntry("vip", vip);

        steady(vip, 1200, 2, 0.25, 48); // two more minutes of the incident: nothing new, no flood
        assertThat(alerts.readValuesToList()).isEmpty();
        Instant recovered = now;
        steady(vip, 1200, 4, 0.0, 48);
        List<AlertEvent> after = alerts.readValuesToList();
        assertThat(after).extracting(AlertEvent::status).containsExactly("RESOLVED");
        long resolve = Instant.parse(after.get(0).endsAt()).toEpochMilli() - recovered.toEpochMilli();
        assertThat(resolve).as("time to resolve").isBetween(30_000L, 180_000L);
        assertValidRecord(Schema.ALERT_EVENT, after.get(0));

        List<VipRate> written = rates.readValuesToList();
        written.forEach(r -> assertValidRecord(Schema.VIP_RATE, r));
        assertThat(written).filteredOn(r -> r.errorClass().equals("cert_untrusted"))
                .anySatisfy(r -> {
                    assertThat(r.attemptsSource()).isEqualTo("poller");
                    assertThat(r.shortWindow().ratio()).isBetween(0.15, 0.35);
                    assertThat(r.firing()).isTrue();
                });
    }

    @Test
    void linesNamingTheBigIpByItsShortNameMeetThePollersFqdn() {
        lineHost = "BIGIP-07"; // syslog's short name, in capitals; the poller's system.hostname is the FQDN
        String vip = "10.20.0.51:443";
        steady(vip, 1200, 3, 0.0, 48);
        List<AlertEvent> fired = new ArrayList<>();
        for (int s = 0; s < 60 && fired.isEmpty(); s++) {
            second(vip, 20, 0.25, 48);
            fired.addAll(alerts.readValuesToList());
        }
        assertThat(fired).extracting(AlertEvent::status).containsExactly("FIRING");
        assertThat(fired.get(0).payload().customDetails()).containsEntry("mode", "ratio")
                .containsEntry("attempts_source", "poller");
        assertThat(fired.get(0).labels()).containsEntry("vip", vip);
        assertThat(fired.get(0).payload().source()).isEqualTo(NAME);
    }

    @Test
    void aRatioFlappingAroundTheThresholdPagesOnce() {
        String vip = "10.20.0.51:443";
        steady(vip, 600, 3, 0.0, 48);
        // 14 % and 7 % minute after minute, around the fire threshold (10 %) and above the resolve one (5 %)
        for (int minute = 0; minute < 10; minute++) {
            steady(vip, 600, 1, minute % 2 == 0 ? 0.14 : 0.07, 48);
        }
        List<AlertEvent> events = alerts.readValuesToList();
        assertThat(events).extracting(AlertEvent::status).containsOnly("FIRING", "UPDATE");
        assertThat(events).filteredOn(e -> e.status().equals("FIRING")).hasSize(1);
        steady(vip, 600, 4, 0.0, 48);
        assertThat(alerts.readValuesToList()).extracting(AlertEvent::status).containsExactly("RESOLVED");
    }

    @Test
    void aVipThatGoesSilentResolvesOnTheWallClock() {
        String vip = "10.20.0.52:443";
        steady(vip, 300, 2, 0.0, 45);
        steady(vip, 300, 1, 1.0, 45);
        assertThat(alerts.readValuesToList()).extracting(AlertEvent::status).containsExactly("FIRING");
        // nothing arrives any more, not even the poller: only the wall clock moves
        Instant lastFailure = now;
        List<AlertEvent> resolved = new ArrayList<>();
        long waited = 0;
        while (resolved.isEmpty() && waited < 600) {
            driver.advanceWallClockTime(Duration.ofSeconds(5));
            waited += 5;
            resolved.addAll(alerts.readValuesToList());
        }
        assertThat(resolved).extracting(AlertEvent::status).containsExactly("RESOLVED");
        assertThat(waited).as("seconds of silence before RESOLVED").isBetween(30L, 180L);
        assertThat(Instant.parse(resolved.get(0).endsAt())).isAfter(lastFailure);
    }

    @Test
    void aRestartKeepsTheFiringAlertAndResolvesItWithoutAnotherFiring() {
        String vip = "10.20.0.53:443";
        steady(vip, 300, 2, 0.0, 45);
        steady(vip, 300, 1, 1.0, 45);
        assertThat(alerts.readValuesToList()).extracting(AlertEvent::status).containsExactly("FIRING");

        // a new instance takes over the task with the stores as the changelog restores them
        Map<String, List<KeyValue<String, Object>>> stores = new HashMap<>();
        for (String store : List.of(TlswatchTopology.VIP_RATES_STORE, TlswatchTopology.ALERT_STORMS_STORE)) {
            List<KeyValue<String, Object>> all = new ArrayList<>();
            KeyValueStore<String, Object> kv = driver.getKeyValueStore(store);
            try (KeyValueIterator<String, Object> it = kv.all()) {
                it.forEachRemaining(all::add);
            }
            stores.put(store, all);
        }
        driver.close();
        driver = open();
        stores.forEach((store, entries) -> {
            KeyValueStore<String, Object> kv = driver.getKeyValueStore(store);
            entries.forEach(e -> kv.put(e.key, e.value));
        });
        assertThat(stores.get(TlswatchTopology.VIP_RATES_STORE)).extracting(e -> e.value)
                .hasOnlyElementsOfType(VipState.class).isNotEmpty();

        steady(vip, 300, 1, 1.0, 45); // the incident goes on: no second FIRING
        assertThat(alerts.readValuesToList()).isEmpty();
        steady(vip, 300, 4, 0.0, 45);
        assertThat(alerts.readValuesToList()).extracting(AlertEvent::status).containsExactly("RESOLVED");
        assertThat(stores.get(TlswatchTopology.ALERT_STORMS_STORE)).extracting(e -> e.value)
                .hasOnlyElementsOfType(StormState.class);
    }

    @Test
    void aStormOnFiveVipsIsOneParentPageAndResolvesWithTheLastVip() {
        List<String> vips = List.of("10.30.0.1:443", "10.30.0.2:443", "10.30.0.3:443", "10.30.0.4:443",
                "10.30.0.5:443");
        for (int m = 0; m < 2; m++) {
            minute(vips, 120, 0.0, 48);
        }
        for (int m = 0; m < 2; m++) {
            minute(vips, 120, 0.5, 48);
        }
        List<AlertEvent> fired = alerts.readValuesToList();
        List<AlertEvent> delivered = fired.stream().filter(a -> a.status().equals("FIRING") && a.delivered()).toList();
        assertThat(delivered).hasSize(3);
        AlertEvent parent = delivered.get(2);
        assertThat(parent.dedupKey()).isEqualTo("tlswatch/" + NAME + "/*/cert_untrusted");
        assertThat(parent.payload().summary()).contains("cert_untrusted on 3 VIPs of " + NAME);
        assertValidRecord(Schema.ALERT_EVENT, parent);
        List<AlertEvent> inhibited = fired.stream().filter(a -> !a.delivered()).toList();
        assertThat(inhibited).extracting(AlertEvent::status).isSubsetOf("FIRING", "UPDATE");
        assertThat(inhibited).filteredOn(a -> a.status().equals("FIRING")).hasSize(3);
        assertThat(inhibited).allSatisfy(a -> {
            assertThat(a.parentKey()).isEqualTo(parent.dedupKey());
            assertValidRecord(Schema.ALERT_EVENT, a);
        });

        for (int m = 0; m < 4; m++) {
            minute(vips, 120, 0.0, 48);
        }
        List<AlertEvent> after = alerts.readValuesToList();
        assertThat(after).filteredOn(a -> a.status().equals("RESOLVED")).hasSize(6);
        AlertEvent last = after.get(after.size() - 1);
        assertThat(last.dedupKey()).isEqualTo(parent.dedupKey());
        assertThat(last.status()).isEqualTo("RESOLVED");
    }

    @Test
    void aBigIpWhoseClockIsMinutesAheadStillPages() {
        String vip = "10.20.0.54:443";
        pollerSkew = Duration.ofMinutes(7);
        steady(vip, 600, 3, 0.0, 45);
        steady(vip, 600, 2, 0.5, 45);
        assertThat(alerts.readValuesToList()).extracting(AlertEvent::status).containsExactly("FIRING");
    }

    @Test
    void aRecordStampedAYearAheadDoesNotBlindTheVip() {
        String vip = "10.20.0.55:443";
        steady(vip, 300, 2, 0.0, 45);
        String line = SYSLOG.format(now) + " " + HOST + " warning tmm1[4242]: 01260009:4: 198.51.100.200:1 -> " + vip
                + ": Connection error: ssl_codec_rx:2314: alert(45) received alert";
        logs.pipeInput(new TestRecord<>(null, line.getBytes(StandardCharsets.UTF_8), now.plus(Duration.ofDays(365))));
        steady(vip, 300, 2, 1.0, 45);
        List<AlertEvent> events = alerts.readValuesToList();
        assertThat(events).extracting(AlertEvent::status).containsExactly("FIRING");
        assertThat(Instant.parse(events.get(0).payload().timestamp())).isBefore(now.plusSeconds(120));
    }

    @Test
    void aRestartAfterAnOutageJudgesTheBacklogOnItsOwnTimeAndResolvesNothingEarly() {
        String vip = "10.20.0.56:443";
        steady(vip, 300, 2, 0.0, 45);
        steady(vip, 300, 1, 1.0, 45);
        assertThat(alerts.readValuesToList()).extracting(AlertEvent::status).containsExactly("FIRING");
        List<KeyValue<String, Object>> states = new ArrayList<>();
        KeyValueStore<String, Object> kv = driver.getKeyValueStore(TlswatchTopology.VIP_RATES_STORE);
        try (KeyValueIterator<String, Object> it = kv.all()) {
            it.forEachRemaining(states::add);
        }
        driver.close();
        // the new instance starts twenty minutes of wall clock later, with the incident's lines as a backlog
        driver = open();
        KeyValueStore<String, Object> restored = driver.getKeyValueStore(TlswatchTopology.VIP_RATES_STORE);
        states.forEach(e -> restored.put(e.key, e.value));
        driver.advanceWallClockTime(Duration.ofMinutes(20));
        assertThat(alerts.readValuesToList()).as("nothing resolved by the wall clock alone").isEmpty();
        steady(vip, 300, 3, 1.0, 45);
        assertThat(alerts.readValuesToList()).as("the backlog keeps it firing").isEmpty();
        steady(vip, 300, 4, 0.0, 45);
        assertThat(alerts.readValuesToList()).extracting(AlertEvent::status).containsExactly("RESOLVED");
    }

    @Test
    void oneClientRetryingTenTimesDoesNotPageABusyVip() {
        String vip = "10.20.0.57:443";
        steady(vip, 2000, 6, 0.0, 48);
        for (int i = 0; i < 10; i++) {
            String line = SYSLOG.format(now) + " " + HOST + " warning tmm1[4242]: 01260009:4: 203.0.113.77:"
                    + (30000 + i) + " -> " + vip + ": Connection error: ssl_codec_rx:2314: alert(48) received alert";
            logs.pipeInput(new TestRecord<>(null, line.getBytes(StandardCharsets.UTF_8), now));
        }
        steady(vip, 2000, 2, 0.0, 48);
        assertThat(alerts.readValuesToList()).isEmpty();
    }

    // ---- traffic ----------------------------------------------------------------------------------------------

    /** {@code minutes} whole minutes of one VIP, then a poller reading. */
    private void steady(String vip, int perMinute, int minutes, double failing, int alert) {
        for (int m = 0; m < minutes; m++) {
            minute(List.of(vip), perMinute, failing, alert);
        }
    }

    /** One minute of these VIPs, second by second, then a poller reading of all of them. */
    private void minute(List<String> vips, int perMinute, double failing, int alert) {
        for (int s = 0; s < 60; s++) {
            for (String vip : vips) {
                failures(vip, perMinute / 60.0 * failing, s, alert);
            }
            tick();
        }
        poll(vips, perMinute);
    }

    /** One second of one VIP. */
    private void second(String vip, int perSecond, double failing, int alert) {
        failures(vip, perSecond * failing, 0, alert);
        counters.merge(vip, (long) perSecond, Long::sum);
        tick();
    }

    private final Map<String, Double> owed = new HashMap<>();

    private void failures(String vip, double expected, int second, int alert) {
        double n = owed.getOrDefault(vip, 0.0) + expected;
        for (; n >= 1; n--) {
            clientPort++;
            // one client address for every VIP (a NAT): refusing certificates on many VIPs makes no scanner
            String client = "198.51.100.9";
            String line = SYSLOG.format(now) + " " + lineHost + " warning tmm1[4242]: 01260009:4: " + client + ":"
                    + clientPort + " -> " + vip + ": Connection error: ssl_codec_rx:2314: alert(" + alert
                    + ") received alert";
            logs.pipeInput(new TestRecord<>(null, line.getBytes(StandardCharsets.UTF_8), now));
        }
        owed.put(vip, n);
    }

    private void tick() {
        now = now.plusSeconds(1);
        driver.advanceWallClockTime(Duration.ofSeconds(1));
    }

    /** A system-poller document with each VIP's connection counter. */
    private void poll(List<String> vips, int perMinute) {
        StringBuilder servers = new StringBuilder();
        for (String vip : vips) {
            long total = counters.merge(vip, (long) perMinute, Long::sum);
            servers.append(servers.length() == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "\"/Common/vs_%s\":{\"destination\":\"%s\",\"clientside.totConns\":%d}",
                    vip.replace('.', '_').replace(':', '_'), vip, total));
        }
        String doc = "{\"system\":{\"hostname\":\"" + HOST + "\",\"systemTimestamp\":\"" + now.plus(pollerSkew)
                + "\"},"
                + "\"virtualServers\":{" + servers + "}}";
        logs.pipeInput(new TestRecord<>(null, doc.getBytes(StandardCharsets.UTF_8), now));
    }
}
