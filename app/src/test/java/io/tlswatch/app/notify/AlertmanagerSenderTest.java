package io.tlswatch.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.Json;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertmanagerSenderTest {
    private static final Instant NOW = Instant.parse("2026-02-01T08:20:00Z");
    private final AlertmanagerSender sender = new AlertmanagerSender(URI.create("http://am.example:9093"),
            Duration.ofMinutes(1), URI.create("https://tlswatch.example/alerts"));

    @Test
    void firingAlertEndsFourResendIntervalsFromNowWithLabelsSeverityAndRoute() throws Exception {
        AlertEvent firing = TestAlerts.firing("10.20.0.5:443", "no_shared_cipher", "alertmanager:api",
                "2026-02-01T08:17:00Z");
        OutboundRequest r = PagerDutySenderTest.send(sender.plan(firing, NOW));
        assertThat(r.uri()).hasToString("http://am.example:9093/api/v2/alerts");
        JsonNode array = Json.MAPPER.readTree(r.body());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(1);
        JsonNode alert = array.get(0);
        assertThat(alert.get("labels").get("alertname").asText()).isEqualTo("TlsHandshakeFailures");
        assertThat(alert.get("labels").get("observer").asText()).isEqualTo("bigip-01.example.net");
        assertThat(alert.get("labels").get("vip").asText()).isEqualTo("10.20.0.5:443");
        assertThat(alert.get("labels").get("error_class").asText()).isEqualTo("no_shared_cipher");
        assertThat(alert.get("labels").get("severity").asText()).isEqualTo("error");
        assertThat(alert.get("labels").get("route").asText()).isEqualTo("api");
        assertThat(alert.get("annotations").get("summary").asText()).startsWith("no_shared_cipher on VIP");
        assertThat(alert.get("annotations").get("hint").asText()).isEqualTo("renew the certificate");
        assertThat(alert.get("annotations").get("dedup_key").asText()).isEqualTo(firing.dedupKey());
        assertThat(alert.get("startsAt").asText()).isEqualTo("2026-02-01T08:17:00Z");
        assertThat(alert.get("endsAt").asText()).isEqualTo("2026-02-01T08:24:00Z");
        assertThat(alert.get("generatorURL").asText()).isEqualTo("https://tlswatch.example/alerts");
    }

    @Test
    void resolvedAlertEndsAtItsResolveTime() throws Exception {
        AlertEvent firing = TestAlerts.firing("10.20.0.5:443", "no_shared_cipher", null, "2026-02-01T08:17:00Z");
        JsonNode alert = Json.MAPPER.readTree(PagerDutySenderTest.send(
                sender.plan(TestAlerts.resolved(firing, "2026-02-01T08:42:00Z"), NOW)).body()).get(0);
        assertThat(alert.get("startsAt").asText()).isEqualTo("2026-02-01T08:17:00Z");
        assertThat(alert.get("endsAt").asText()).isEqualTo("2026-02-01T08:42:00Z");
        assertThat(alert.get("labels").has("route")).as("no alertmanager route").isFalse();
    }

    @Test
    void pagerDutyRoutesAddNoRouteLabelAndAnAlertWithoutLabelsGetsAnIdentity() throws Exception {
        AlertEvent f = TestAlerts.firing("10.20.0.5:443", "cert_expiring", "pagerduty:web-shop", "2026-02-01T08:17:00Z");
        AlertEvent bare = new AlertEvent("tlswatch/bigip-01/cert/shop.example", "trigger", "FIRING", f.startsAt(),
                null, f.payload(), null, null);
        JsonNode alert = Json.MAPPER.readTree(PagerDutySenderTest.send(sender.plan(bare, NOW)).body()).get(0);
        assertThat(alert.get("labels")).isEqualTo(Json.MAPPER.valueToTree(Map.of(
                "alertname", "tlswatch", "dedup_key", "tlswatch/bigip-01/cert/shop.example", "severity", "error")));
        assertThat(alert.get("annotations").get("summary").asText()).isEqualTo(f.payload().summary());
    }

    @Test
    void theLikelyCauseTravelsAsAnAnnotationAndInTheSummary() throws Exception {
        AlertEvent firing = TestAlerts.withCipherChange(TestAlerts.firing("10.20.0.5:443", "no_shared_cipher", null,
                "2026-02-01T08:17:00Z"));
        JsonNode alert = Json.MAPPER.readTree(PagerDutySenderTest.send(sender.plan(firing, NOW)).body()).get(0);
        assertThat(alert.get("annotations").get("likely_cause").asText())
                .isEqualTo("likely cause: at 08:15:30 UTC admin ran `modify ltm profile client-ssl shop_ssl ciphers"
                        + " ECDHE+AES-GCM` (tmsh) on bigip-01.example.net, 90 s before the alert: a cipher change"
                        + " explains no_shared_cipher");
        assertThat(alert.get("annotations").get("summary").asText()).contains("— likely cause: at 08:15:30 UTC admin");
    }
}
