package io.tlswatch.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.Json;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PagerDutySenderTest {
    private static final Instant NOW = Instant.parse("2026-02-01T08:20:00Z");
    private static final Map<String, String> KEYS = Map.of("default", "KEY-DEFAULT", "web-shop", "KEY-SHOP");
    private final PagerDutySender sender = new PagerDutySender(URI.create("https://events.example"), KEYS);

    @Test
    void triggerCarriesTheRoutingKeyOfThePagingRouteAndTheWholePayload() throws Exception {
        AlertEvent firing = TestAlerts.firing("10.10.1.10:443", "cert_expired", "pagerduty:web-shop",
                "2026-02-01T08:17:00Z");
        OutboundRequest r = send(sender.plan(firing, NOW));
        assertThat(r.uri()).hasToString("https://events.example/v2/enqueue");
        assertThat(r.target()).isEqualTo("pagerduty");
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(body.get("routing_key").asText()).isEqualTo("KEY-SHOP");
        assertThat(body.get("event_action").asText()).isEqualTo("trigger");
        assertThat(body.get("dedup_key").asText()).isEqualTo("tlswatch/bigip-01.example.net/10.10.1.10:443/cert_expired");
        JsonNode p = body.get("payload");
        assertThat(p.get("summary").asText()).startsWith("cert_expired on VIP 10.10.1.10:443");
        assertThat(p.get("severity").asText()).isEqualTo("error");
        assertThat(p.get("source").asText()).isEqualTo("bigip-01.example.net");
        assertThat(p.get("component").asText()).isEqualTo("10.10.1.10:443");
        assertThat(p.get("group").asText()).isEqualTo("bigip-01.example.net");
        assertThat(p.get("class").asText()).isEqualTo("cert_expired");
        assertThat(p.get("timestamp").asText()).isEqualTo("2026-02-01T08:17:00Z");
        assertThat(p.get("custom_details").get("failures").asInt()).isEqualTo(12);
        assertThat(p.get("custom_details").get("paging_route").asText()).isEqualTo("pagerduty:web-shop");
    }

    @Test
    void resolveCarriesOnlyRoutingKeyActionAndDedupKey() throws Exception {
        AlertEvent firing = TestAlerts.firing("10.10.1.10:443", "cert_expired", "pagerduty:web-shop",
                "2026-02-01T08:17:00Z");
        JsonNode body = Json.MAPPER.readTree(send(sender.plan(TestAlerts.resolved(firing, "2026-02-01T08:42:00Z"), NOW))
                .body());
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("routing_key", "event_action", "dedup_key");
        assertThat(body.get("event_action").asText()).isEqualTo("resolve");
        assertThat(body.get("routing_key").asText()).isEqualTo("KEY-SHOP");
    }

    @Test
    void unknownRouteNoRouteAndOtherSystemsRoutesUseTheDefaultKey() {
        for (String route : new String[] {"pagerduty:unknown-team", null, "alertmanager:api", "garbage", "pagerduty:"}) {
            AlertEvent e = TestAlerts.firing("10.0.0.1:443", "no_shared_cipher", route, "2026-02-01T08:17:00Z");
            assertThat(sender.routingKey(e)).as("route %s", route).contains("KEY-DEFAULT");
        }
    }

    @Test
    void withoutADefaultAnUnroutedAlertIsSkippedWithItsReason() {
        PagerDutySender onlyShop = new PagerDutySender(URI.create("https://events.example"), Map.of("web-shop", "K"));
        AlertEvent e = TestAlerts.firing("10.0.0.1:443", "no_shared_cipher", "pagerduty:other", "2026-02-01T08:17:00Z");
        Target.Plan plan = onlyShop.plan(e, NOW);
        assertThat(plan).isInstanceOf(Target.Plan.Skip.class);
        Target.Plan.Skip skip = (Target.Plan.Skip) plan;
        assertThat(skip.reason()).isEqualTo("no_routing_key");
        assertThat(skip.detail()).contains("notify.pagerduty.routing.other nor .default").contains(e.dedupKey());
        assertThat(onlyShop.plan(TestAlerts.firing("10.0.0.1:443", "x", "pagerduty:web-shop", "2026-02-01T08:17:00Z"),
                NOW)).isInstanceOf(Target.Plan.Send.class);
    }

    @Test
    void severityOutsidePagerDutysFourPagesAsErrorAndLongSummariesAreCut() throws Exception {
        assertThat(PagerDutySender.severity("WARNING")).isEqualTo("warning");
        assertThat(PagerDutySender.severity("fatal")).isEqualTo("error");
        assertThat(PagerDutySender.severity(null)).isEqualTo("error");
        AlertEvent f = TestAlerts.firing("10.0.0.1:443", "cert_expiring", null, "2026-02-01T08:17:00Z");
        AlertEvent.Payload p = f.payload();
        AlertEvent longOne = new AlertEvent(f.dedupKey(), "trigger", "FIRING", f.startsAt(), null,
                new AlertEvent.Payload("x".repeat(3000), p.severity(), null, null, null, p.className(), null, null),
                f.labels(), f.annotations());
        JsonNode payload = Json.MAPPER.readTree(send(sender.plan(longOne, NOW)).body()).get("payload");
        assertThat(payload.get("summary").asText()).hasSize(AlertEvent.MAX_SUMMARY);
        assertThat(payload.get("source").asText()).isEqualTo("bigip-01.example.net"); // from the observer label
        assertThat(payload.get("timestamp").asText()).isEqualTo("2026-02-01T08:17:00Z"); // starts_at
        assertThat(payload.has("custom_details")).isFalse();
    }

    static OutboundRequest send(Target.Plan plan) {
        assertThat(plan).isInstanceOf(Target.Plan.Send.class);
        return ((Target.Plan.Send) plan).request();
    }

    @Test
    void theChangesAndTheLikelyCauseTravelInCustomDetailsAndTheSummary() throws Exception {
        AlertEvent firing = TestAlerts.withCipherChange(TestAlerts.firing("10.10.1.10:443", "no_shared_cipher",
                "pagerduty:web-shop", "2026-02-01T08:17:00Z"));
        JsonNode p = Json.MAPPER.readTree(send(sender.plan(firing, NOW)).body()).get("payload");
        assertThat(p.get("summary").asText()).contains("— likely cause: at 08:15:30 UTC admin ran `modify ltm profile");
        JsonNode d = p.get("custom_details");
        assertThat(d.get("likely_cause").asText()).endsWith("a cipher change explains no_shared_cipher");
        JsonNode change = d.get("changes").get(0);
        assertThat(change.get("object").asText()).isEqualTo("/Common/shop_ssl");
        assertThat(change.get("user").asText()).isEqualTo("admin");
        assertThat(change.get("seconds_before").asInt()).isEqualTo(90);
        assertThat(change.get("likely_cause").asBoolean()).isTrue();
    }
}
