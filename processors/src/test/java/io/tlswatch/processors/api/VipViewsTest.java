package io.tlswatch.processors.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlswatch.processors.alerts.AlertPolicy;
import io.tlswatch.processors.alerts.VipEvaluator;
import io.tlswatch.processors.classify.ErrorClass;
import io.tlswatch.processors.inventory.VipDirectory;
import io.tlswatch.processors.rates.RateInput;
import io.tlswatch.processors.rates.VipState;
import io.tlswatch.processors.views.RecentFailures;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.VipRate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VipViewsTest {
    private static final long T0 = 1_800_000_000_000L; // a whole minute
    private static final String OBSERVER = "bigip-1";
    private static final String VIP = "10.0.0.1:443";
    private final AlertPolicy policy = AlertPolicy.defaults().withWindows(Duration.ofSeconds(10), Duration.ofSeconds(30));
    private final VipViews views = new VipViews(policy);
    private final List<AlertEvent> alerts = new ArrayList<>();
    private final VipEvaluator.Sink sink = new VipEvaluator.Sink() {
        @Override
        public void rate(VipRate rate) {}

        @Override
        public void alert(AlertEvent event, long atMs) {
            alerts.add(event);
        }
    };

    private static RateInput attempt(long t) {
        return new RateInput(RateInput.ATTEMPT, t, OBSERVER, VIP, RateInput.PACKETS, null, null, null, null, null,
                null, null, 0, 0);
    }

    private static RateInput failure(long t, String errorClass, String sni, String client) {
        return new RateInput(RateInput.FAILURE, t, OBSERVER, VIP, RateInput.PACKETS, errorClass, null, sni, client,
                "t13d1516h2_8daaf6152771_e5627efa2ab1", List.of("TLSv1.2"), "line of " + client, 0, 0);
    }

    /** 20 attempts over 20 s, the last 8 s with 8 expired-certificate failures and one protocol_version failure. */
    private VipState state() {
        VipState s = new VipState(OBSERVER, VIP);
        VipEvaluator evaluator = new VipEvaluator(policy, VipDirectory.EMPTY);
        for (int i = 0; i < 20; i++) {
            evaluator.apply(s, attempt(T0 + i * 1000L), sink);
        }
        for (int i = 0; i < 8; i++) {
            evaluator.apply(s, failure(T0 + 12_000 + i * 1000L, "cert_expired", i < 6 ? "shop.example" : "<b>x</b>",
                    "198.51.100." + i), sink);
        }
        evaluator.apply(s, failure(T0 + 19_500, "protocol_version", null, "203.0.113.9"), sink);
        return s;
    }

    @Test
    void theSummaryCountsTheWindowsPerClassAndSaysWhatFires() {
        VipState s = state();
        VipViews.VipSummary v = views.summary("bigip-1/10.0.0.1:443", s, "shop_vs");
        assertThat(v.at()).isEqualTo("2027-01-15T08:00:19.500Z");
        assertThat(v.name()).isEqualTo("shop_vs");
        // short window: the buckets of 10..19 s; attempts from packets (failures seen in packets count too)
        assertThat(v.shortWindow().seconds()).isEqualTo(10);
        assertThat(v.shortWindow().failures()).isEqualTo(9);
        assertThat(v.shortWindow().attemptsSource()).isEqualTo("packets");
        assertThat(v.shortWindow().attempts()).isEqualTo(19);
        assertThat(v.shortWindow().ratio()).isEqualTo(0.473684);
        assertThat(v.longWindow().failures()).isEqualTo(9);
        assertThat(v.classes()).extracting(VipViews.ClassFigures::errorClass)
                .containsExactly("cert_expired", "protocol_version");
        assertThat(v.classes().get(0).failures()).isEqualTo(8);
        assertThat(v.classes().get(0).kind()).isEqualTo("server");
        assertThat(v.classes().get(1).kind()).isEqualTo("client");
        assertThat(v.firing()).containsExactly("cert_expired");
        assertThat(alerts).extracting(AlertEvent::status).containsExactly("FIRING");
        // one point per bucket of the long window, the newest last
        assertThat(v.sparkline().failures()).hasSize(6);
        assertThat(v.sparkline().stepSeconds()).isEqualTo(5);
        assertThat(v.sparkline().failures().stream().mapToLong(Long::longValue).sum()).isEqualTo(9);
        assertThat(v.sparkline().attempts()).doesNotContainNull();
        // the sparkline's quick count per bucket is the rates' own
        assertThat(v.sparkline().attempts()).containsExactlyElementsOf(views.detail("k", s, null, null).series().stream()
                .map(VipViews.Point::attempts).toList());
    }

    @Test
    void theDetailHasTheSeriesTheEvidenceTheHintAndTheLastFailures() {
        VipState s = state();
        RecentFailures recent = new RecentFailures();
        recent.add(failure(T0 + 19_500, "protocol_version", null, "203.0.113.9"));
        VipViews.VipDetail d = views.detail("bigip-1/10.0.0.1:443", s, null, recent);
        assertThat(d.bucketSeconds()).isEqualTo(5);
        assertThat(d.series()).hasSize(6);
        assertThat(d.series().get(5).t()).isEqualTo(T0 + 15_000);
        // before the VIP's first handshake: no attempts, but a count (0), as the source of the window is known
        assertThat(d.series().get(0).attempts()).isZero();
        assertThat(d.series().get(5).attempts()).as("5 successes, 6 failures, all in packets").isEqualTo(11);
        assertThat(d.series().get(5).byClass()).containsEntry("cert_expired", 5L).containsEntry("protocol_version", 1L);
        assertThat(d.topSnis()).containsExactly(new VipViews.Tally("shop.example", 6), new VipViews.Tally("<b>x</b>", 2));
        assertThat(d.topJa4()).containsExactly(new VipViews.Tally("t13d1516h2_8daaf6152771_e5627efa2ab1", 9));
        assertThat(d.topClientNetworks()).hasSize(2);
        VipViews.ClassDetail expired = d.classes().get(0);
        assertThat(expired.errorClass()).isEqualTo("cert_expired");
        assertThat(expired.firing()).isNotNull();
        assertThat(expired.hint()).contains("openssl s_client -connect 10.0.0.1:443 -servername shop.example");
        assertThat(expired.lines()).hasSize(3);
        assertThat(d.recentFailures()).hasSize(1);
    }

    @Test
    void aServerAForwardProxyTalkedToGetsTheProxysHintsNotABigIpProfile() {
        VipState s = new VipState("netskope", VIP);
        VipEvaluator evaluator = new VipEvaluator(policy, VipDirectory.EMPTY);
        for (int i = 0; i < 8; i++) {
            evaluator.apply(s, new RateInput(RateInput.FAILURE, T0 + i * 1000L, "netskope", VIP, RateInput.EVENTS,
                    "cert_untrusted", null, "shop.example", "198.51.100." + i, null, null, "row " + i, 0, 0, null,
                    null, true), sink);
        }
        VipViews.ClassDetail untrusted = views.detail("netskope/" + VIP, s, null, null).classes().get(0);
        assertThat(untrusted.errorClass()).isEqualTo("cert_untrusted");
        assertThat(untrusted.hint()).startsWith(ErrorClass.CERT_UNTRUSTED.hint(true))
                .doesNotContain("client-ssl profile");
        // the same failures seen by a BIG-IP name its profile
        VipState bigip = new VipState(OBSERVER, VIP);
        for (int i = 0; i < 8; i++) {
            evaluator.apply(bigip, failure(T0 + i * 1000L, "cert_untrusted", "shop.example", "198.51.100." + i), sink);
        }
        assertThat(views.detail("k", bigip, null, null).classes().get(0).hint()).contains("client-ssl profile");
    }

    @Test
    void theJsonShapesAreSnakeCase() throws Exception {
        VipState s = state();
        JsonNode summary = Json.MAPPER.valueToTree(views.summary("k", s, null));
        assertThat(iterable(summary.fieldNames())).containsExactly("key", "observer", "vip", "at_ms", "at",
                "short_window", "long_window", "classes", "firing", "sparkline");
        assertThat(iterable(summary.get("short_window").fieldNames())).containsExactly("seconds", "failures",
                "scanner_failures", "attempts", "attempts_source", "ratio");
        assertThat(iterable(summary.get("classes").get(0).fieldNames())).containsExactly("error_class", "kind",
                "failures", "scanner_failures", "long_failures", "firing");
        assertThat(iterable(summary.get("sparkline").fieldNames())).containsExactly("step_seconds", "start_ms",
                "failures", "attempts");
        JsonNode detail = Json.MAPPER.valueToTree(views.detail("k", s, null, null));
        assertThat(iterable(detail.fieldNames())).containsExactly("summary", "bucket_seconds", "series", "classes",
                "top_snis", "top_ja4", "top_client_networks", "offered_versions", "recent_failures");
        assertThat(iterable(detail.get("series").get(0).fieldNames())).containsExactly("t", "attempts", "failures",
                "scanner_failures", "by_class");
        assertThat(detail.get("top_snis").get(0).get("value").asText()).isEqualTo("shop.example");
        // a peer's answer reads back into the same records
        VipViews.VipDetail back = Json.MAPPER.treeToValue(detail, VipViews.VipDetail.class);
        assertThat(back.summary().shortWindow().failures()).isEqualTo(9);
    }

    @Test
    void theFleetIsOrderedWorstRatioFirst() {
        VipViews.VipSummary bad = summary("a", 0.5, 10);
        VipViews.VipSummary worse = summary("b", 0.9, 2);
        VipViews.VipSummary unknownButFailing = summary("c", null, 40);
        VipViews.VipSummary quiet = summary("d", 0.0, 0);
        VipViews.VipSummary unknownQuiet = summary("e", null, 0);
        List<VipViews.VipSummary> all = new ArrayList<>(List.of(quiet, unknownQuiet, bad, unknownButFailing, worse));
        all.sort(VipViews.WORST_FIRST);
        assertThat(all).extracting(VipViews.VipSummary::key).containsExactly("b", "c", "a", "d", "e");
    }

    private static VipViews.VipSummary summary(String key, Double ratio, long failures) {
        VipViews.WindowFigures w = new VipViews.WindowFigures(60, failures, 0, ratio == null ? null : 100L,
                ratio == null ? "none" : "packets", ratio);
        return new VipViews.VipSummary(key, "o", key, null, 0, "", w, w, List.of(), List.of(), null);
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
