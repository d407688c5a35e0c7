package io.tlswatch.processors.topology;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.processors.decode.LogDecoder;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.ChangeEvent;
import io.tlswatch.schemas.JsonSerde;
import io.tlswatch.schemas.Schema;
import io.tlswatch.schemas.TopicNames;
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
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 through the whole topology: audit lines become change events on {@code tlswatch.changes}, and a
 * FIRING alert names the changes on its BIG-IP before it that touch its VIP (through the inventory's client-ssl
 * profiles), with the likely cause when the kind of change explains the class.
 */
class ChangesTopologyTest {
    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final Instant START = Instant.parse("2026-02-01T08:00:00Z");
    private static final String HOST = "bigip-07.example.net";
    private static final String NAME = "bigip-07";
    private static final String VIP = "10.20.0.50:443";
    private static final String VIP_NAME = "/Common/shop_vs";
    private static final String PROFILE = "/Common/shop_ssl";
    private static final DateTimeFormatter SYSLOG = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.of("UTC"));

    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> logs;
    private TestOutputTopic<String, AlertEvent> alerts;
    private TestOutputTopic<String, ChangeEvent> changes;
    private final Map<String, Long> counters = new HashMap<>();
    private int clientPort = 20000;
    private double owed;
    private Instant now = START;

    @BeforeEach
    void start() {
        TlswatchConfig config = TlswatchConfig.of(Map.of(
                "application.id", "changes-topology-test",
                "kafka.bootstrap.servers", "unused:9092",
                "join.wait", "1s",
                "alerts.warmup", "0s",
                "alerts.check.every", "5s"));
        LogDecoder decoder = new LogDecoder(ZoneId.of("UTC"), () -> now.toEpochMilli(), "unknown");
        Properties props = StreamsSettings.from(config);
        driver = new TopologyTestDriver(
                TlswatchTopology.build(config, props, decoder, new SimpleMeterRegistry()), props, START);
        logs = driver.createInputTopic(TOPICS.logs(), new ByteArraySerializer(), new ByteArraySerializer());
        alerts = driver.createOutputTopic(TOPICS.alerts(), new StringDeserializer(),
                JsonSerde.of(AlertEvent.class).deserializer());
        changes = driver.createOutputTopic(TOPICS.changes(), new StringDeserializer(),
                JsonSerde.of(ChangeEvent.class).deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aCipherChangeBeforeANoSharedCipherIncidentIsItsLikelyCause() {
        healthy(3); // the poller teaches the inventory the VIP, its name and its client-ssl profile
        Instant changedAt = now;
        audit("tmsh[21544]: 01420002:5: AUDIT - pid=21544 user=admin folder=/Common module=(tmos)# "
                + "status=[Command OK] cmd_data=modify ltm profile client-ssl shop_ssl ciphers ECDHE+AES-GCM:!TLSv1_2");
        healthy(1);
        AlertEvent firing = incident();

        List<KeyValue<String, ChangeEvent>> written = changes.readKeyValuesToList();
        assertThat(written).hasSize(1);
        assertThat(written.get(0).key).isEqualTo(NAME + "/client_ssl_profile/" + PROFILE);
        assertValidRecord(Schema.CHANGE_EVENT, written.get(0).value);

        assertValidRecord(Schema.ALERT_EVENT, firing);
        Map<String, Object> d = firing.payload().customDetails();
        assertThat(d).containsKey("changes");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listed = (List<Map<String, Object>>) d.get("changes");
        assertThat(listed).hasSize(1);
        Map<String, Object> c = listed.get(0);
        assertThat(c).containsEntry("object", PROFILE).containsEntry("object_kind", "client_ssl_profile")
                .containsEntry("user", "admin").containsEntry("origin", "tmsh").containsEntry("verb", "modify")
                .containsEntry("likely_cause", true)
                .containsEntry("related_as", "client-ssl profile of the virtual server")
                .containsEntry("at", changedAt.toString());
        assertThat(((Number) c.get("seconds_before")).longValue()).isBetween(60L, 180L);
        String likely = (String) d.get("likely_cause");
        assertThat(likely).startsWith("likely cause: at 08:03:00 UTC admin ran `modify ltm profile client-ssl shop_ssl")
                .contains("(tmsh) on " + NAME, "a cipher change explains no_shared_cipher");
        assertThat(firing.annotations()).containsEntry("likely_cause", likely);
        assertThat(firing.payload().summary()).contains("no_shared_cipher on " + VIP_NAME, "likely cause: at 08:03:00");
    }

    @Test
    void aLaterFailedCommandOnTheSameProfileDoesNotHideTheChangeThatWorked() {
        healthy(3);
        audit("tmsh[21544]: 01420002:5: AUDIT - pid=21544 user=admin folder=/Common module=(tmos)# "
                + "status=[Command OK] cmd_data=modify ltm profile client-ssl shop_ssl ciphers ECDHE+AES-GCM:!TLSv1_2");
        audit("tmsh[21544]: 01420002:5: AUDIT - pid=21544 user=admin folder=/Common module=(tmos)# "
                + "status=[01070734:3: Configuration error: invalid cipher string] "
                + "cmd_data=modify ltm profile client-ssl shop_ssl ciphers NOPE");
        healthy(1);
        AlertEvent firing = incident();

        List<KeyValue<String, ChangeEvent>> written = changes.readKeyValuesToList();
        assertThat(written).extracting(kv -> kv.key).containsExactly(NAME + "/client_ssl_profile/" + PROFILE,
                NAME + "/client_ssl_profile/" + PROFILE + "#failed");
        assertThat((String) firing.payload().customDetails().get("likely_cause"))
                .contains("ECDHE+AES-GCM:!TLSv1_2", "a cipher change explains no_shared_cipher");
    }

    @Test
    void changesThatDoNotTouchTheVipAreNotNamed() {
        healthy(3);
        audit("tmsh[21544]: 01420002:5: AUDIT - pid=21544 user=admin folder=/Common module=(tmos)# "
                + "status=[Command OK] cmd_data=modify ltm profile client-ssl other_ssl ciphers ECDHE+AES-GCM");
        audit("tmsh[21544]: 01420002:5: AUDIT - pid=21544 user=admin folder=/Common module=(tmos)# "
                + "status=[Command OK] cmd_data=modify ltm virtual shop_vs pool shop_pool_b");
        audit("tmsh[21544]: 01420002:5: AUDIT - pid=21544 user=admin folder=/Common module=(tmos)# "
                + "status=[Command OK] cmd_data=show ltm profile client-ssl shop_ssl");
        healthy(1);
        AlertEvent firing = incident();

        // the other profile's change is recorded; the pool change and the show are not TLS changes
        assertThat(changes.readValuesToList()).extracting(ChangeEvent::objectName).containsExactly("/Common/other_ssl");
        assertValidRecord(Schema.ALERT_EVENT, firing);
        assertThat(firing.payload().customDetails()).doesNotContainKeys("changes", "likely_cause");
        assertThat(firing.annotations()).doesNotContainKey("likely_cause");
        assertThat(firing.payload().summary()).doesNotContain("likely cause");
    }

    @Test
    void aChangeThatDoesNotExplainTheClassIsListedButNotBlamedAndAnOldOneIsLeftOut() {
        healthy(3);
        // the VIP's own change (another object, another key in the view), 20 minutes before the alert fires
        audit("tmsh[21544]: 01420002:5: AUDIT - pid=21544 user=admin folder=/Common module=(tmos)# "
                + "status=[Command OK] cmd_data=modify ltm virtual shop_vs profiles replace-all-with { shop_ssl }");
        healthy(20); // older than the 15-minute window by the time the alert fires
        audit("tmsh[21544]: 01420002:5: AUDIT - pid=21544 user=admin folder=/Common module=(tmos)# "
                + "status=[Command OK] cmd_data=modify ltm profile client-ssl shop_ssl sni-default true");
        healthy(1);
        AlertEvent firing = incident();

        // both changes are in the view, each under its own key
        assertThat(changes.readKeyValuesToList()).extracting(kv -> kv.key)
                .containsExactly(NAME + "/virtual_server/" + VIP_NAME, NAME + "/client_ssl_profile/" + PROFILE);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listed = (List<Map<String, Object>>) firing.payload().customDetails().get("changes");
        // only the one inside the window is listed, and an SNI change does not explain no_shared_cipher
        assertThat(listed).extracting(m -> m.get("command"))
                .containsExactly("modify ltm profile client-ssl shop_ssl sni-default true");
        assertThat(listed.get(0)).containsEntry("likely_cause", false);
        assertThat(firing.payload().customDetails()).doesNotContainKey("likely_cause");
    }

    @Test
    void theVipsOwnChangeInsideTheWindowIsListed() {
        // the counterpart of the test above: the same virtual-server change, recent, is named
        healthy(3);
        audit("tmsh[21544]: 01420002:5: AUDIT - pid=21544 user=admin folder=/Common module=(tmos)# "
                + "status=[Command OK] cmd_data=modify ltm virtual shop_vs profiles replace-all-with { shop_ssl }");
        healthy(1);
        AlertEvent firing = incident();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listed = (List<Map<String, Object>>) firing.payload().customDetails().get("changes");
        assertThat(listed).extracting(m -> m.get("object")).containsExactly(VIP_NAME);
    }

    /** Cipher mismatches on the VIP until its alert fires; returns the FIRING event. */
    private AlertEvent incident() {
        List<AlertEvent> fired = new ArrayList<>();
        for (int s = 0; s < 120 && fired.isEmpty(); s++) {
            second(20, 0.25);
            alerts.readValuesToList().stream().filter(a -> "FIRING".equals(a.status())).forEach(fired::add);
        }
        assertThat(fired).hasSize(1);
        assertThat(fired.get(0).payload().className()).isEqualTo("no_shared_cipher");
        return fired.get(0);
    }

    private void audit(String tagAndMessage) {
        String line = SYSLOG.format(now) + " " + HOST + " notice " + tagAndMessage;
        logs.pipeInput(new TestRecord<>(null, line.getBytes(StandardCharsets.UTF_8), now));
    }

    private void healthy(int minutes) {
        for (int m = 0; m < minutes; m++) {
            for (int s = 0; s < 60; s++) {
                tick();
            }
            poll(1200);
        }
    }

    private void second(int perSecond, double failing) {
        owed += perSecond * failing;
        for (; owed >= 1; owed--) {
            clientPort++;
            String line = SYSLOG.format(now) + " " + HOST + " warning tmm1[4242]: 01260026:4: No shared ciphers"
                    + " between SSL peers 198.51.100.9." + clientPort + ":10.20.0.50.443.";
            logs.pipeInput(new TestRecord<>(null, line.getBytes(StandardCharsets.UTF_8), now));
        }
        counters.merge(VIP, (long) perSecond, Long::sum);
        tick();
    }

    private void tick() {
        now = now.plusSeconds(1);
        driver.advanceWallClockTime(Duration.ofSeconds(1));
    }

    /** A system-poller document: the VIP with its profiles (one client-ssl) and its connection counter. */
    private void poll(int perMinute) {
        long total = counters.merge(VIP, (long) perMinute, Long::sum);
        String doc = "{\"system\":{\"hostname\":\"" + HOST + "\",\"systemTimestamp\":\"" + now + "\"},"
                + "\"virtualServers\":{\"" + VIP_NAME + "\":{\"destination\":\"" + VIP + "\","
                + "\"clientside.totConns\":" + total + ",\"profiles\":{\"/Common/tcp\":{\"name\":\"/Common/tcp\"},"
                + "\"" + PROFILE + "\":{\"name\":\"" + PROFILE + "\"}}}},"
                + "\"clientSslProfiles\":{\"" + PROFILE + "\":{\"name\":\"" + PROFILE + "\"}}}";
        logs.pipeInput(new TestRecord<>(null, doc.getBytes(StandardCharsets.UTF_8), now));
    }
}
