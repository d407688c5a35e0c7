package io.tlswatch.app.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlswatch.app.testing.CommandRun;
import io.tlswatch.app.testing.KafkaCluster;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.DeadLetter;
import io.tlswatch.schemas.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tlswatch notify} on a real broker against a stand-in for PagerDuty and Alertmanager ({@link FakeReceiver}):
 * what reaches each target, retries, dead letters, restarts, storm inhibition and Alertmanager re-sends.
 */
class NotifyIT {
    @RegisterExtension
    static final KafkaCluster KAFKA = KafkaCluster.create();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private FakeReceiver receiver;
    private NotifyTopics kafka;
    private final List<Notifier> notifiers = new ArrayList<>();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws Exception {
        receiver = new FakeReceiver();
        kafka = new NotifyTopics(KAFKA, KAFKA.uniqueName("notify-it"));
    }

    @AfterEach
    void tearDown() {
        notifiers.forEach(Notifier::close);
        receiver.close();
        kafka.close();
    }

    private Map<String, String> settings(boolean pagerDuty, boolean alertmanager) {
        Map<String, String> s = new HashMap<>();
        if (pagerDuty) {
            s.put("notify.pagerduty.url", receiver.url());
            s.put("notify.pagerduty.routing.default", "KEY-DEFAULT");
            s.put("notify.pagerduty.routing.web-shop", "KEY-SHOP");
        }
        if (alertmanager) {
            s.put("notify.alertmanager.url", receiver.url());
        }
        s.put("notify.group.id", kafka.group());
        s.put("notify.retry.initial", "100ms");
        s.put("notify.retry.max", "400ms");
        s.put("notify.http.timeout", "5s");
        return s;
    }

    /** Starts a notifier and waits until it owns every partition of the alerts topic. */
    private Notifier start(Map<String, String> settings) {
        Notifier n = Notifier.start(NotifySettings.from(TlswatchConfig.of(settings)),
                new NotifyOptions(kafka.alerts(), kafka.dlq(), false, false, new PrintWriter(new StringWriter()),
                        new PrintWriter(err, true)),
                Map.of("bootstrap.servers", KAFKA.bootstrapServers()));
        notifiers.add(n);
        await().atMost(WAIT).until(() -> n.readyPartitions() == NotifyTopics.PARTITIONS || n.failure() != null);
        assertThat(n.failure()).isNull();
        return n;
    }

    private static AlertEvent firing(String vip, String route) {
        return TestAlerts.firing(vip, "cert_expired", route, "2026-02-01T08:17:00Z");
    }

    private List<JsonNode> pagerDuty() {
        return receiver.received(FakeReceiver.PAGERDUTY).stream().map(r -> json(r.body())).toList();
    }

    private List<JsonNode> alertmanager() {
        return receiver.received(FakeReceiver.ALERTMANAGER).stream().map(r -> json(r.body()).get(0)).toList();
    }

    @Test
    void firingThenResolvedReachPagerDutyAndAlertmanager() {
        start(settings(true, true));
        AlertEvent fire = firing("10.10.1.10:443", "pagerduty:web-shop");
        AlertEvent resolve = TestAlerts.resolved(fire, "2026-02-01T08:42:00Z");
        Instant before = Instant.now();
        kafka.send(fire);
        await().atMost(WAIT).until(() -> pagerDuty().size() == 1 && alertmanager().size() == 1);
        kafka.send(resolve);
        await().atMost(WAIT).until(() -> pagerDuty().size() == 2 && alertmanager().size() == 2);

        JsonNode trigger = pagerDuty().get(0);
        assertThat(trigger.get("event_action").asText()).isEqualTo("trigger");
        assertThat(trigger.get("routing_key").asText()).isEqualTo("KEY-SHOP");
        assertThat(trigger.get("dedup_key").asText()).isEqualTo(fire.dedupKey());
        assertThat(trigger.get("payload").get("class").asText()).isEqualTo("cert_expired");
        JsonNode resolved = pagerDuty().get(1);
        assertThat(resolved.get("event_action").asText()).isEqualTo("resolve");
        assertThat(resolved.get("routing_key").asText()).isEqualTo("KEY-SHOP");
        assertThat(resolved.get("dedup_key").asText()).isEqualTo(fire.dedupKey());

        JsonNode amFiring = alertmanager().get(0);
        assertThat(amFiring.get("startsAt").asText()).isEqualTo("2026-02-01T08:17:00Z");
        Instant endsAt = Instant.parse(amFiring.get("endsAt").asText());
        assertThat(endsAt).as("now + 4 × the 1m resend").isBetween(before.plusSeconds(239), Instant.now().plusSeconds(240));
        assertThat(amFiring.get("labels").get("error_class").asText()).isEqualTo("cert_expired");
        JsonNode amResolved = alertmanager().get(1);
        assertThat(amResolved.get("endsAt").asText()).isEqualTo("2026-02-01T08:42:00Z");
        await().atMost(WAIT).until(() -> kafka.uncommitted() == 0);
    }

    @Test
    void throttlingAndServerErrorsAreRetriedUntilDeliveredOnce() {
        receiver.script(FakeReceiver.PAGERDUTY, new FakeReceiver.Answer(429, Map.of("Retry-After", "1"), "throttled"));
        Notifier n = start(settings(true, false));
        AlertEvent a = firing("10.0.0.1:443", null);
        kafka.send(a);
        await().atMost(WAIT).until(() -> receiver.received(FakeReceiver.PAGERDUTY).size() == 2);
        List<FakeReceiver.Received> tries = receiver.received(FakeReceiver.PAGERDUTY);
        assertThat(tries).extracting(FakeReceiver.Received::answered).containsExactly(429, 202);
        assertThat(Duration.between(tries.get(0).at(), tries.get(1).at())).as("Retry-After: 1 honoured")
                .isGreaterThanOrEqualTo(Duration.ofMillis(990));

        receiver.script(FakeReceiver.PAGERDUTY, new FakeReceiver.Answer(503, Map.of(), "down"),
                new FakeReceiver.Answer(502, Map.of(), ""), new FakeReceiver.Answer(500, Map.of(), "oops"));
        AlertEvent b = firing("10.0.0.2:443", null);
        kafka.send(b);
        await().atMost(WAIT).until(() -> receiver.received(FakeReceiver.PAGERDUTY).size() == 6);
        await().atMost(WAIT).until(() -> kafka.uncommitted() == 0);
        assertThat(receiver.received(FakeReceiver.PAGERDUTY)).extracting(FakeReceiver.Received::answered)
                .containsExactly(429, 202, 503, 502, 500, 202);
        assertThat(pagerDuty()).extracting(j -> j.get("dedup_key").asText())
                .containsExactly(a.dedupKey(), a.dedupKey(), b.dedupKey(), b.dedupKey(), b.dedupKey(), b.dedupKey());
        assertThat(n.counters().get(NotifyCounters.RETRIED, "pagerduty")).isEqualTo(4);
        assertThat(n.counters().get(NotifyCounters.DELIVERED, "pagerduty")).isEqualTo(2);
    }

    @Test
    void refusedAndGarbledAlertsAreDeadLetteredAndLaterAlertsStillDeliver() {
        String refusal = "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
                + "\"errors\":[\"'payload.summary' is missing or blank\"]}";
        receiver.script(FakeReceiver.PAGERDUTY, new FakeReceiver.Answer(400, Map.of(), refusal));
        Notifier n = start(settings(true, false));
        AlertEvent refused = firing("10.0.0.1:443", null);
        AlertEvent later = firing("10.0.0.2:443", null);
        kafka.send(refused);
        kafka.sendRaw("tlswatch/x/garbled", "{\"dedup_key\": \"tlswatch/x/garbled\", \"status\": [1, 2".getBytes(
                StandardCharsets.UTF_8));
        kafka.sendRaw("tlswatch/x/hostile", "{\"dedup_key\":\"tlswatch/x/hostile\",\"status\":\"PWNED\"}".getBytes(
                StandardCharsets.UTF_8));
        kafka.send(later);

        List<DeadLetter> letters = kafka.deadLetters(3, WAIT);
        await().atMost(WAIT).until(() -> kafka.uncommitted() == 0);
        DeadLetter rejected = letters.stream().filter(d -> d.reason().equals("delivery_rejected")).findFirst().orElseThrow();
        assertThat(rejected.detail()).startsWith("pagerduty answered HTTP 400: ").contains("is missing or blank");
        assertThat(rejected.sourceTopic()).isEqualTo(kafka.alerts());
        assertThat(json(new String(java.util.Base64.getDecoder().decode(rejected.valueBase64()), StandardCharsets.UTF_8))
                .get("dedup_key").asText()).isEqualTo(refused.dedupKey());
        assertThat(letters).filteredOn(d -> d.reason().equals("invalid_alert")).extracting(DeadLetter::detail)
                .anySatisfy(d -> assertThat(d).startsWith("not an alert event:"))
                .anySatisfy(d -> assertThat(d).isEqualTo("unknown status 'PWNED'"));
        assertThat(receiver.received(FakeReceiver.PAGERDUTY)).extracting(FakeReceiver.Received::answered)
                .containsExactly(400, 202);
        assertThat(pagerDuty().get(1).get("dedup_key").asText()).isEqualTo(later.dedupKey());
        assertThat(n.failure()).isNull();
        assertThat(n.counters().total(NotifyCounters.DEAD_LETTERED)).isEqualTo(3);
    }

    @Test
    void aRestartMidStreamDeliversEveryTransitionExactlyOnce() {
        Map<String, String> settings = settings(true, false);
        Notifier first = start(settings);
        List<AlertEvent> firing = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            firing.add(firing("10.0.1." + i + ":443", null));
        }
        receiver.hold();
        firing.forEach(kafka::send);
        await().atMost(WAIT).until(() -> receiver.arrived() >= 1);
        first.stop(); // Ctrl-C while a request is in flight: it finishes, and nothing after it starts
        receiver.release();
        await().atMost(WAIT).until(() -> first.awaitStopped(Duration.ZERO));
        int beforeRestart = receiver.received(FakeReceiver.PAGERDUTY).size();
        assertThat(beforeRestart).as("stopped mid-stream").isBetween(1, 7);

        // the engine writes an already delivered transition again: the new notifier knows it from the history
        String delivered = pagerDuty().get(0).get("dedup_key").asText();
        kafka.send(firing.stream().filter(f -> f.dedupKey().equals(delivered)).findFirst().orElseThrow());
        firing.forEach(f -> kafka.send(TestAlerts.resolved(f, "2026-02-01T08:30:00Z")));
        Notifier second = start(settings);
        await().atMost(WAIT).until(() -> receiver.received(FakeReceiver.PAGERDUTY).size() >= 16);
        await().atMost(WAIT).until(() -> kafka.uncommitted() == 0);
        Map<String, Integer> perTransition = new HashMap<>();
        pagerDuty().forEach(j -> perTransition.merge(j.get("dedup_key").asText() + " " + j.get("event_action").asText(),
                1, Integer::sum));
        assertThat(perTransition).hasSize(16).allSatisfy((k, count) -> assertThat(count).as(k).isEqualTo(1));
        assertThat(second.counters().get(NotifyCounters.SKIPPED, "repeat")).isEqualTo(1);
    }

    @Test
    void inhibitedChildrenAreNeverSentWhileTheirParentIs() {
        Notifier n = start(settings(true, true));
        AlertEvent parent = TestAlerts.event("*", "cert_expired", null, "FIRING", "2026-02-01T08:17:00Z",
                "2026-02-01T08:17:00Z", null, null);
        kafka.send(parent);
        List<AlertEvent> children = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            children.add(TestAlerts.inhibited(firing("10.0.2." + i + ":443", null)));
        }
        children.forEach(kafka::send);
        children.forEach(c -> kafka.send(TestAlerts.inhibited(TestAlerts.resolved(c, "2026-02-01T08:25:00Z"))));
        kafka.send(TestAlerts.resolved(parent, "2026-02-01T08:26:00Z"));
        await().atMost(WAIT).until(() -> kafka.uncommitted() == 0);
        assertThat(pagerDuty()).extracting(j -> j.get("dedup_key").asText() + " " + j.get("event_action").asText())
                .containsExactly(parent.dedupKey() + " trigger", parent.dedupKey() + " resolve");
        assertThat(alertmanager()).extracting(j -> j.get("labels").get("vip").asText()).containsExactly("*", "*");
        assertThat(n.counters().get(NotifyCounters.SKIPPED, "inhibited")).isEqualTo(6);
    }

    @Test
    void alertmanagerHearsOfAFiringAlertEveryResendIntervalUntilItResolves() {
        Map<String, String> settings = settings(false, true);
        settings.put("notify.alertmanager.resend", "300ms");
        start(settings);
        AlertEvent fire = firing("10.0.3.1:443", "alertmanager:api");
        kafka.send(fire);
        await().atMost(WAIT).until(() -> alertmanager().size() >= 4);
        List<Instant> ends = alertmanager().stream().map(j -> Instant.parse(j.get("endsAt").asText())).toList();
        assertThat(ends).as("each re-send pushes endsAt further").isSorted().doesNotHaveDuplicates();
        assertThat(alertmanager()).allSatisfy(j -> {
            assertThat(j.get("labels").get("route").asText()).isEqualTo("api");
            assertThat(j.get("startsAt").asText()).isEqualTo("2026-02-01T08:17:00Z");
        });
        kafka.send(TestAlerts.resolved(fire, "2026-02-01T08:21:00Z"));
        await().atMost(WAIT).until(() -> alertmanager().stream()
                .anyMatch(j -> j.get("endsAt").asText().equals("2026-02-01T08:21:00Z")));
        int afterResolve = alertmanager().size();
        // resolved: no more re-sends. A marker alert that fires now is re-sent by the same loop: once it has been
        // sent three times, two re-send intervals have passed after the resolve
        AlertEvent marker = firing("10.0.3.99:443", "alertmanager:api");
        kafka.send(marker);
        await().atMost(WAIT).until(() -> alertmanager().stream()
                .filter(j -> j.get("labels").get("vip").asText().equals("10.0.3.99:443")).count() >= 3);
        assertThat(alertmanager().stream().filter(j -> j.get("labels").get("vip").asText().equals("10.0.3.1:443")))
                .as("sends of the resolved alert").hasSize(afterResolve);
    }

    @Test
    void aNewGroupCatchesUpOnWhatIsStillFiringInsteadOfReplayingThePast() {
        AlertEvent stillFiring = firing("10.0.4.1:443", null);
        AlertEvent over = firing("10.0.4.2:443", null);
        kafka.send(stillFiring);
        kafka.send(over);
        kafka.send(TestAlerts.resolved(over, "2026-02-01T08:20:00Z"));
        start(settings(true, false));
        await().atMost(WAIT).until(() -> kafka.uncommitted() == 0);
        assertThat(pagerDuty()).extracting(j -> j.get("dedup_key").asText() + " " + j.get("event_action").asText())
                .containsExactly(stillFiring.dedupKey() + " trigger");
    }

    @Test
    void dryRunPrintsTheRequestsAndNeitherSendsNorCommits() throws Exception {
        AlertEvent fire = firing("10.0.5.1:443", "pagerduty:web-shop");
        kafka.send(fire);
        kafka.send(TestAlerts.resolved(fire, "2026-02-01T08:20:00Z"));
        Path config = dir.resolve("notify.properties");
        StringBuilder text = new StringBuilder();
        settings(true, true).forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(config, text);
        CommandRun run = new CommandRun();
        int exit = run.run("notify", "--config", config.toString(), "-b", KAFKA.bootstrapServers(),
                "--topic", kafka.alerts(), "--dry-run", "--from-beginning");
        assertThat(exit).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("pagerduty POST " + receiver.url() + "/v2/enqueue {\"routing_key\":\"KEY-SHOP\","
                + "\"event_action\":\"trigger\"");
        assertThat(lines.get(1)).startsWith("alertmanager POST " + receiver.url() + "/api/v2/alerts [{\"labels\":");
        assertThat(lines.get(2)).contains("\"event_action\":\"resolve\"");
        assertThat(receiver.all()).isEmpty();
        assertThat(kafka.committed()).as("a dry run commits nothing").isEmpty();
        assertThat(run.err()).contains("dry run").contains("delivered 0");
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
