package io.tlswatch.app.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlswatch.ingest.simulator.GroundTruth;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scorecard on a hand-made alert log whose misses, false pages and durations are known. */
class AlertScorecardTest {
    private static final String HOST = "bigip-t";
    private static final String DAY = "2026-03-02T";
    private static final String STORM = "tlswatch/bigip-t/*/cert_untrusted";

    private static final List<AlertScorecard.Incident> TRUTH = List.of(
            incident("a", "10.0.0.1:443", "cert_expired", "10:00:00", "10:10:00", null, 60L),
            incident("b", "10.0.0.2:443", "no_shared_cipher", "10:20:00", "10:30:00", null, 30L),
            incident("c", "10.0.0.3:443", "protocol_version", "10:40:00", "10:45:00", null, 30L),
            incident("s1", "10.0.1.1:443", "cert_untrusted", "11:00:00", "11:06:00", "storm", 30L),
            incident("s2", "10.0.1.2:443", "cert_untrusted", "11:00:00", "11:06:00", "storm", 30L),
            incident("s3", "10.0.1.3:443", "cert_untrusted", "11:00:00", "11:06:00", "storm", 30L));

    @TempDir
    Path dir;

    @Test
    void countsMissesFalsePagesDuplicatesAndDurations() throws IOException {
        List<String> log = new ArrayList<>();
        log.add(alert(key("10.0.0.1:443", "cert_expired"), "FIRING", "10:00:20", null));        // a: 20 s
        log.add(alert(key("10.0.0.9:443", "not_tls"), "FIRING", "10:05:00", null));             // no incident, never resolved
        log.add(alert(key("10.0.0.1:443", "cert_expired"), "FIRING", "10:01:00", null));        // duplicate
        log.add(alert(key("10.0.0.1:443", "cert_expired"), "RESOLVED", "10:11:30", null));      // a: 90 s
        log.add(alert(key("10.0.0.1:443", "cert_expired"), "FIRING", "10:12:00", null));        // 120 s after: still a
        log.add(alert(key("10.0.0.1:443", "cert_expired"), "RESOLVED", "10:12:40", null));
        log.add(alert(key("10.0.0.1:443", "cert_expired"), "FIRING", "10:12:01", null));        // 121 s after: false
        log.add(alert(key("10.0.0.1:443", "cert_expired"), "RESOLVED", "10:13:00", null));
        log.add(alert(key("10.0.0.2:443", "cert_bad"), "FIRING", "10:21:00", null));            // wrong class: false, b missed
        log.add(alert(key("10.0.0.2:443", "cert_bad"), "RESOLVED", "10:25:00", null));
        log.add(alert(key("10.0.0.3:443", "protocol_version"), "FIRING", "10:40:45", null));    // c: 45 s, late
        log.add(alert(key("10.0.0.3:443", "protocol_version"), "UPDATE", "10:42:00", null));
        log.add(alert(key("10.0.0.3:443", "protocol_version"), "RESOLVED", "10:49:00", null));  // c: 240 s, late
        log.add(alert(key("10.0.1.1:443", "cert_untrusted"), "FIRING", "11:00:08", true));
        log.add(alert(key("10.0.1.2:443", "cert_untrusted"), "FIRING", "11:00:09", null));      // delivered child
        log.add(alert(STORM, "FIRING", "11:00:10", null));                                       // the parent
        log.add(alert(key("10.0.1.3:443", "cert_untrusted"), "FIRING", "11:00:11", true));
        log.add(alert(key("10.0.1.1:443", "cert_untrusted"), "RESOLVED", "11:07:00", true));
        log.add(alert(key("10.0.1.2:443", "cert_untrusted"), "RESOLVED", "11:07:00", null));
        log.add(alert(key("10.0.1.3:443", "cert_untrusted"), "RESOLVED", "11:07:30", true));
        log.add(alert(STORM, "RESOLVED", "11:07:30", null));
        Path file = Files.write(dir.resolve("alerts.jsonl"), log);

        AlertScorecard.Scorecard card = AlertScorecard.score(AlertScorecard.read(file), TRUTH);

        assertThat(card.incidents()).extracting(s -> s.incident().name(), AlertScorecard.IncidentScore::detectMs,
                AlertScorecard.IncidentScore::resolveMs, AlertScorecard.IncidentScore::detectedBy).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", 20_000L, 90_000L, key("10.0.0.1:443", "cert_expired")),
                        org.assertj.core.groups.Tuple.tuple("b", null, null, null),
                        org.assertj.core.groups.Tuple.tuple("c", 45_000L, 240_000L, key("10.0.0.3:443", "protocol_version")),
                        org.assertj.core.groups.Tuple.tuple("s1", 10_000L, 90_000L, STORM),
                        org.assertj.core.groups.Tuple.tuple("s2", 9_000L, 60_000L, key("10.0.1.2:443", "cert_untrusted")),
                        org.assertj.core.groups.Tuple.tuple("s3", 10_000L, 90_000L, STORM));
        assertThat(card.incidents()).extracting(AlertScorecard.IncidentScore::pages).containsExactly(2, 0, 1, 1, 2, 1);
        assertThat(card.missed()).extracting(s -> s.incident().name()).containsExactly("b");
        assertThat(card.late()).extracting(s -> s.incident().name()).containsExactly("c");
        assertThat(card.falsePages()).extracting(AlertScorecard.Alert::line).containsExactly(2, 7, 9);
        assertThat(card.duplicates()).extracting(AlertScorecard.Alert::line).containsExactly(3);
        assertThat(card.unresolved()).extracting(AlertScorecard.Alert::dedupKey).containsExactly(key("10.0.0.9:443", "not_tls"));
        assertThat(card.lateResolves()).singleElement().asString().startsWith(key("10.0.0.3:443", "protocol_version"))
                .contains("240 s");
        assertThat(card.pagesPerStorm()).isEqualTo(Map.of("storm", 2));
        assertThat(card.firings()).isEqualTo(11);
        assertThat(card.deliveredFirings()).isEqualTo(9);

        String table = card.table();
        assertThat(table).contains("incidents 6: detected 5, missed 1, detected late 1", "false pages: 3",
                "duplicate FIRINGs: 1", "FIRINGs never RESOLVED: 1", "pages per storm: {storm=2} (allowed 3)");
        assertThat(table.lines().filter(l -> l.startsWith("b ")).findFirst()).get().asString().contains("MISSED");
        assertThat(table.lines().filter(l -> l.startsWith("c ")).findFirst()).get().asString()
                .contains("45.0", "240.0", "LATE", "RESOLVED LATE");
    }

    @Test
    void aStormChildWithoutAParentIsNotDetectedAndAParentWithoutAStormIsAFalsePage() throws IOException {
        List<AlertScorecard.Alert> alerts = new ArrayList<>();
        alerts.add(AlertScorecard.parse(alert(key("10.0.1.1:443", "cert_untrusted"), "FIRING", "11:00:08", true), 1));
        alerts.add(AlertScorecard.parse(alert(key("10.0.1.1:443", "cert_untrusted"), "RESOLVED", "11:07:00", true), 2));
        alerts.add(AlertScorecard.parse(alert("tlswatch/bigip-t/*/cert_expired", "FIRING", "10:01:00", null), 3));
        alerts.add(AlertScorecard.parse(alert("tlswatch/bigip-t/*/cert_expired", "RESOLVED", "10:11:00", null), 4));

        AlertScorecard.Scorecard card = AlertScorecard.score(alerts, TRUTH);

        assertThat(card.missed()).extracting(s -> s.incident().name()).containsExactly("a", "b", "c", "s1", "s2", "s3");
        assertThat(card.falsePages()).extracting(AlertScorecard.Alert::line).containsExactly(3);
        assertThat(card.unresolved()).isEmpty();
        assertThat(card.pagesPerStorm()).isEqualTo(Map.of("storm", 0));
    }

    @Test
    void aDedupKeyThatIsNotOursIsAnError() {
        assertThatThrownBy(() -> AlertScorecard.parse("{\"dedup_key\":\"x/y\",\"status\":\"FIRING\"}", 7))
                .isInstanceOf(IOException.class).hasMessageContaining("line 7");
    }

    private static AlertScorecard.Incident incident(String name, String vip, String errorClass, String start,
            String end, String group, Long within) {
        // through the simulator's ground-truth record, as the quality run reads it
        return AlertScorecard.Incident.of(new GroundTruth(name, "kind", HOST, vip, errorClass, DAY + start + "Z",
                DAY + end + "Z", group, 1.0), within);
    }

    private static String key(String vip, String errorClass) {
        return "tlswatch/" + HOST + "/" + vip + "/" + errorClass;
    }

    /** One AlertEvent as the engine writes it (the schema's own record, serialised). */
    private static String alert(String dedupKey, String status, String clock, Boolean inhibited) {
        String[] parts = dedupKey.split("/");
        String at = DAY + clock + "Z";
        boolean resolved = "RESOLVED".equals(status);
        AlertEvent.Payload payload = new AlertEvent.Payload("summary", "error", HOST, parts[2], HOST, parts[3], at,
                Map.of());
        return Json.write(new AlertEvent(dedupKey, resolved ? "resolve" : "trigger", status, DAY + "00:00:00Z",
                resolved ? at : null, payload, Map.of(), Map.of(), inhibited,
                Boolean.TRUE.equals(inhibited) ? STORM : null));
    }
}
