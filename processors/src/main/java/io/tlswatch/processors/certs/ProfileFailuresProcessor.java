package io.tlswatch.processors.certs;

import io.tlswatch.processors.alerts.AlertEvents;
import io.tlswatch.processors.decode.telemetry.AttemptCounter;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.ObserverSignal;
import io.tlswatch.schemas.ProfileTrafficSample;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Pages on a client-ssl profile's {@code handshakeFailures} counter, for BIG-IPs that log no per-connection
 * failure (DESIGN §9). Per (observer, profile), the failures between consecutive poller readings (a counter
 * that went down was reset: the new value counts, as {@link AttemptCounter} does for {@code totConns}):
 *
 * <ul>
 *   <li>FIRING when an interval has at least {@code minFailures} and, when the poller gives the connections,
 *       failures / connections ≥ {@code ratio};</li>
 *   <li>RESOLVED when an interval has fewer than {@code minFailures}, or a ratio under half of {@code ratio};
 *       or when paging is no longer wanted (mode {@code off}, or {@code auto} and the BIG-IP now sends
 *       failure logs: the per-VIP alerts, which know the reason, take over).</li>
 * </ul>
 *
 * An interval longer than {@link #MAX_INTERVAL} (a poller outage) is not judged: a day of failures is not "one
 * poll interval". The newest failure-log time per observer ({@link ObserverKeys#matchKey}) is kept in a second
 * store; both stores are persistent and changelogged.
 */
final class ProfileFailuresProcessor implements Processor<String, ObserverSignal, String, AlertEvent> {
    /** TS polls every 60 s by default (300 s in many deployments); beyond an hour the delta is not an interval. */
    static final Duration MAX_INTERVAL = Duration.ofHours(1);
    private final String countersStore;
    private final String logsStore;
    private final CertificateWatchSettings settings;
    private ProcessorContext<String, AlertEvent> context;
    private KeyValueStore<String, ProfileCounterState> counters;
    private KeyValueStore<String, Long> logs;

    ProfileFailuresProcessor(String countersStore, String logsStore, CertificateWatchSettings settings) {
        this.countersStore = countersStore;
        this.logsStore = logsStore;
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, AlertEvent> context) {
        this.context = context;
        this.counters = context.getStateStore(countersStore);
        this.logs = context.getStateStore(logsStore);
    }

    @Override
    public void process(Record<String, ObserverSignal> record) {
        ObserverSignal s = record.value();
        if (s == null || s.kind() == null || s.observer() == null) {
            return;
        }
        if (s.kind() == ObserverSignal.Kind.TLS_FAILURES_SEEN) {
            String key = ObserverKeys.matchKey(s.observer());
            Long last = logs.get(key);
            if (last == null || last < s.timestampMs()) {
                logs.put(key, s.timestampMs());
            }
        } else if (s.kind() == ObserverSignal.Kind.PROFILE && s.profile() != null) {
            reading(s.profile());
        }
    }

    private void reading(ProfileTrafficSample p) {
        String key = ObserverKeys.stateKey(p.observer(), p.profile());
        ProfileCounterState state = counters.get(key);
        AttemptCounter.Step failures = AttemptCounter.next(
                state == null ? null : new AttemptCounter.Reading(state.handshakeFailures(), state.timestampMs()),
                new AttemptCounter.Reading(p.handshakeFailures(), p.timestampMs()));
        if (failures.kind() == AttemptCounter.Kind.DUPLICATE || failures.kind() == AttemptCounter.Kind.OUT_OF_ORDER) {
            return;
        }
        if (failures.kind() == AttemptCounter.Kind.FIRST) {
            counters.put(key, new ProfileCounterState(p.timestampMs(), p.handshakeFailures(), p.connections(), false,
                    0, 0));
            return;
        }
        Long attempts = null;
        if (state.connections() != null && p.connections() != null) {
            attempts = AttemptCounter.next(new AttemptCounter.Reading(state.connections(), state.timestampMs()),
                    new AttemptCounter.Reading(p.connections(), p.timestampMs())).attempts();
        }
        boolean firing = state.firing();
        long firedAt = state.firedAtMs();
        long peak = state.peakFailures();
        if (failures.intervalMs() <= MAX_INTERVAL.toMillis()) {
            long f = failures.attempts();
            double ratio = attempts == null ? Double.NaN : attempts == 0 ? Double.POSITIVE_INFINITY : (double) f / attempts;
            boolean breach = f >= settings.minFailures() && (attempts == null || ratio >= settings.ratio());
            boolean clear = f < settings.minFailures() || (attempts != null && ratio < settings.ratio() / 2);
            boolean mayPage = mayPage(p.observer(), p.timestampMs());
            Interval interval = new Interval(p, f, attempts, ratio, failures);
            if (!firing && breach && mayPage) {
                firing = true;
                firedAt = p.timestampMs();
                peak = f;
                forward(p, interval, "FIRING", firedAt, peak, null);
            } else if (firing && (clear || !mayPage)) {
                forward(p, interval, "RESOLVED", firedAt, peak, mayPage ? null : "per-connection failure logs now "
                        + "cover this BIG-IP, or alerts.profile.counters is off");
                firing = false;
                firedAt = 0;
                peak = 0;
            } else if (firing) {
                peak = Math.max(peak, f);
            }
        }
        counters.put(key, new ProfileCounterState(p.timestampMs(), p.handshakeFailures(), p.connections(), firing,
                firedAt, peak));
    }

    private boolean mayPage(String observer, long nowMs) {
        return switch (settings.counters()) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> {
                Long lastLog = logs.get(ObserverKeys.matchKey(observer));
                yield lastLog == null || nowMs - lastLog > settings.logsMemory().toMillis();
            }
        };
    }

    /** What one poll interval of one profile showed. */
    private record Interval(ProfileTrafficSample now, long failures, Long attempts, double ratio,
            AttemptCounter.Step step) {}

    private void forward(ProfileTrafficSample p, Interval i, String status, long firedAtMs, long peak, String reason) {
        boolean resolved = "RESOLVED".equals(status);
        long seconds = i.step().intervalMs() / 1000;
        String of = i.attempts() == null ? "" : " of " + i.attempts() + " connections";
        String summary = resolved
                ? "Client-ssl profile " + p.profile() + " on " + p.observer() + ": handshake failures back to "
                        + i.failures() + of + " in " + seconds + "s (peak " + peak + ")"
                : "Client-ssl profile " + p.profile() + " on " + p.observer() + ": " + i.failures()
                        + " handshake failures" + of + " in " + seconds + "s (no per-connection failure logs from "
                        + "this BIG-IP)";
        String hint = "tmsh show ltm profile client-ssl " + p.profile() + " (handshake failures, fatal alerts, SNI "
                + "rejects, protocol and cipher uses); for the reasons per connection send the BIG-IP's SSL log to "
                + "tlswatch (01260013/01260009 lines in /var/log/ltm; tmsh modify sys db log.ssl.level value "
                + "Warning or more verbose)";
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("observer", p.observer());
        details.put("profile", p.profile());
        details.put("handshake_failures", i.failures());
        if (i.attempts() != null) {
            details.put("attempts", i.attempts());
            details.put("ratio", Double.isInfinite(i.ratio()) ? 1.0 : Math.round(i.ratio() * 10_000) / 10_000.0);
        }
        details.put("interval_seconds", seconds);
        details.put("counter_reset", i.step().reset());
        details.put("fatal_alerts_total", p.fatalAlerts());
        details.put("sni_rejects_total", p.sniRejects());
        details.put("min_failures", settings.minFailures());
        details.put("ratio_threshold", settings.ratio());
        details.put("peak_failures", peak);
        details.put("reason", reason);
        details.put("hint", hint);
        details.values().removeIf(v -> v == null);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", "TlsProfileHandshakeFailures");
        labels.put("observer", p.observer());
        labels.put("profile", p.profile());
        labels.put("error_class", CertificateWatchTopology.PROFILE_CLASS);
        String dedupKey = AlertEvents.dedupKey(p.observer(), "profile:" + p.profile(), CertificateWatchTopology.PROFILE_CLASS);
        AlertEvent event = AlertEvents.event(dedupKey, status, firedAtMs, p.timestampMs(), summary, "error",
                p.observer(), p.profile(), CertificateWatchTopology.PROFILE_CLASS, details, labels, hint);
        context.forward(new Record<>(dedupKey, event,
                AlertEvents.recordTimestamp(p.timestampMs(), context.currentSystemTimeMs())));
    }
}
