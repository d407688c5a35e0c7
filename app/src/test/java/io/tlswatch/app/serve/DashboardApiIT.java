package io.tlswatch.app.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tlswatch.app.run.ServedPipeline;
import io.tlswatch.app.testing.KafkaCluster;
import io.tlswatch.app.testing.PipelineSettings;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.processors.topology.TlswatchTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API on two instances of one application sharing a real broker: each VIP's answer comes from the instance
 * whose task holds it, whichever instance is asked; the fleet lists and the alerts are whole and the same from
 * both; the token is asked for and passed on between instances; a hostile SNI comes back as the string it was.
 */
class DashboardApiIT {
    @RegisterExtension
    static final KafkaCluster KAFKA = KafkaCluster.create();

    private static final String TOKEN = "it-token-0123456789abcdef";
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path stateA;
    @TempDir
    Path stateB;

    private final List<ServedPipeline> instances = new ArrayList<>();

    @AfterEach
    void stop() {
        instances.forEach(ServedPipeline::close);
    }

    private ServedPipeline start(Map<String, String> settings, Path stateDir) throws Exception {
        Map<String, String> mine = new HashMap<>(settings);
        mine.put("kafka.state.dir", stateDir.toString());
        ServedPipeline p = ServedPipeline.start(TlswatchConfig.of(mine),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        instances.add(p);
        return p;
    }

    @Test
    void twoInstancesGiveTheSameAnswersEachVipFromItsOwner() throws Exception {
        String prefix = KAFKA.uniqueName("api");
        Map<String, String> settings = PipelineSettings.of(KAFKA, prefix, stateA);
        settings.putAll(Map.of(
                "join.wait", "1s",
                "rates.bucket", "1s",
                "rates.every", "1s",
                "alerts.window", "20s",
                "alerts.window.long", "60s",
                "alerts.warmup", "0s",
                "alerts.check.every", "500ms",
                "http.port", "0",
                "http.token", TOKEN));
        TlswatchConfig config = TlswatchConfig.of(settings);
        ServedPipeline a = start(settings, stateA);
        ServedPipeline b = start(settings, stateB);
        // both running, each knowing the other: the work is shared
        await().atMost(WAIT).until(() -> running(a) && running(b)
                && a.pipeline().streams().metadataForAllStreamsClients().size() == 2
                && b.pipeline().streams().metadataForAllStreamsClients().size() == 2);

        DashboardTraffic.send(KAFKA, config.topics());
        ApiClient apiA = new ApiClient(a.web().port(), TOKEN);
        ApiClient apiB = new ApiClient(b.web().port(), TOKEN);
        Map<String, Integer> expected = new TreeMap<>();
        DashboardTraffic.logVips().forEach((vip, n) -> expected.put(DashboardTraffic.LOG_OBSERVER + "/" + vip, n));
        expected.put(DashboardTraffic.PACKET_OBSERVER + "/" + DashboardTraffic.PACKET_VIP, DashboardTraffic.PACKET_FAILURES);

        // the fleet, from either instance: every VIP with its own count of failures
        for (ApiClient api : List.of(apiA, apiB)) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(failuresByVip(api)).isEqualTo(expected));
        }

        // the worst only: the VIP failing in packets (every handshake) first, the count of all beside
        ApiClient.Reply worst = apiB.get("/api/vips?limit=3");
        assertThat(worst.body().get("vips")).hasSize(3);
        assertThat(worst.body().get("total").asInt()).isEqualTo(expected.size());
        assertThat(worst.body().at("/vips/0/key").asText())
                .isEqualTo(DashboardTraffic.PACKET_OBSERVER + "/" + DashboardTraffic.PACKET_VIP);
        assertThat(worst.body().at("/vips/0/short_window/ratio").asDouble()).isEqualTo(1.0);
        assertThat(apiA.get("/api/vips?limit=0").status()).isEqualTo(400);

        // the VIPs are spread over both instances: some are answered by the one not asked (their keys fall on all
        // three partitions of the rates stage, so however the two instances share them, each holds some)
        Set<Integer> owners = new TreeSet<>();
        for (String key : expected.keySet()) {
            HostInfo owner = a.pipeline().streams().queryMetadataForKey(TlswatchTopology.VIP_RATES_STORE, key,
                    Serdes.String().serializer()).activeHost();
            owners.add(owner.port());
        }
        assertThat(owners).as("owners of the VIPs").containsExactlyInAnyOrder(a.web().port(), b.web().port());

        // each VIP from either instance: the owner's answer, the same both ways (the recent failures are written
        // once a second: awaited)
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            await().atMost(WAIT).untilAsserted(() -> assertSameVip(apiA, apiB, e.getKey(), e.getValue()));
        }
        assertThat(apiA.get(ApiClient.vipPath(DashboardTraffic.LOG_OBSERVER, "10.99.99.99:443")).status()).isEqualTo(404);

        // the hostile SNI comes back as the string it was, as JSON that no browser renders as a page
        ApiClient.Reply packetVip = apiB.get(ApiClient.vipPath(DashboardTraffic.PACKET_OBSERVER,
                DashboardTraffic.PACKET_VIP));
        assertThat(packetVip.body().at("/top_snis/0/value").asText()).isEqualTo(DashboardTraffic.HOSTILE_SNI);
        assertThat(packetVip.body().at("/top_snis/0/count").asInt()).isEqualTo(DashboardTraffic.PACKET_FAILURES);
        assertThat(packetVip.body().at("/recent_failures/0/sni").asText()).isEqualTo(DashboardTraffic.HOSTILE_SNI);
        assertThat(packetVip.body().at("/summary/short_window/attempts_source").asText()).isEqualTo("packets");
        assertThat(packetVip.raw().headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(packetVip.raw().headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        // the alerts: the same active ones from both, each with its hint and evidence
        String packetAlert = "tlswatch/" + DashboardTraffic.PACKET_OBSERVER + "/" + DashboardTraffic.PACKET_VIP + "/";
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode alertsA = apiA.get("/api/alerts").body();
            JsonNode alertsB = apiB.get("/api/alerts").body();
            assertThat(alertsA.get("partial").asBoolean()).isFalse();
            assertThat(activeKeys(alertsA)).isEqualTo(activeKeys(alertsB));
            assertThat(activeKeys(alertsA)).anyMatch(k -> k.startsWith(packetAlert));
            assertThat(activeKeys(alertsA)).anyMatch(k -> k.startsWith("tlswatch/" + DashboardTraffic.LOG_OBSERVER + "/"));
            for (JsonNode alert : alertsA.get("active")) {
                assertThat(alert.get("hint").asText()).as(alert.get("dedup_key").asText()).isNotBlank();
                if (alert.get("dedup_key").asText().startsWith(packetAlert)) {
                    assertThat(alert.at("/details/top_snis/0/value").asText()).isEqualTo(DashboardTraffic.HOSTILE_SNI);
                    assertThat(alert.get("hint").asText()).as("no client's markup in a command")
                            .contains("-servername <sni>").doesNotContain("script");
                }
            }
        });

        // the token: asked for by the API and the metrics, not by health
        for (ApiClient api : List.of(apiA, apiB)) {
            assertThat(api.get("/api/vips", null).status()).isEqualTo(401);
            assertThat(api.get("/api/vips", TOKEN + "-wrong").status()).isEqualTo(401);
            assertThat(api.get("/metrics", null).status()).isEqualTo(401);
            ApiClient.Reply health = api.get("/health", null);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.body().get("state").asText()).isEqualTo("RUNNING");
            assertThat(health.body().get("ready").asBoolean()).isTrue();
        }
    }

    private static void assertSameVip(ApiClient apiA, ApiClient apiB, String vipKey, long failures) throws Exception {
        String[] key = vipKey.split("/", 2);
        String path = ApiClient.vipPath(key[0], key[1]);
        ApiClient.Reply fromA = apiA.get(path);
        ApiClient.Reply fromB = apiB.get(path);
        assertThat(fromA.status()).as(path).isEqualTo(200);
        assertThat(fromB.status()).as(path).isEqualTo(200);
        for (JsonNode d : List.of(fromA.body(), fromB.body())) {
            assertThat(d.at("/summary/key").asText()).isEqualTo(vipKey);
            assertThat(d.at("/summary/long_window/failures").asLong() + d.at("/summary/long_window/scanner_failures")
                    .asLong()).as(path).isEqualTo(failures);
            assertThat(d.get("recent_failures")).as(path).hasSize((int) failures);
            assertThat(d.get("series").size()).as(path).isEqualTo(60);
        }
        assertThat(fromA.body().get("recent_failures")).isEqualTo(fromB.body().get("recent_failures"));
        assertThat(fromA.body().get("classes")).isEqualTo(fromB.body().get("classes"));
    }

    private static boolean running(ServedPipeline p) {
        return p.pipeline().state() == KafkaStreams.State.RUNNING;
    }

    private static Map<String, Integer> failuresByVip(ApiClient api) throws Exception {
        ApiClient.Reply r = api.get("/api/vips");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("partial").asBoolean()).as("partial: %s", r.body().get("errors")).isFalse();
        Map<String, Integer> out = new TreeMap<>();
        for (JsonNode v : r.body().get("vips")) {
            out.put(v.get("key").asText(), v.at("/long_window/failures").asInt() + v.at("/long_window/scanner_failures")
                    .asInt());
        }
        return out;
    }

    private static Set<String> activeKeys(JsonNode alerts) {
        Set<String> keys = new TreeSet<>();
        alerts.get("active").forEach(a -> keys.add(a.get("dedup_key").asText()));
        return keys;
    }
}
