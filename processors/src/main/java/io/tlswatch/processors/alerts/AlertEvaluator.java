package io.tlswatch.processors.alerts;

import io.tlswatch.processors.classify.ErrorClass;
import io.tlswatch.processors.rates.RateKey;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.RateWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns window counts into alert lifecycle events: FIRING when a window reaches the fire threshold,
 * RESOLVED once the windows after the last one at or above the resolve threshold have passed below it.
 * Resolution is checked on a wall-clock punctuation because stream time stops on a partition whose VIP went
 * silent. Two clocks may resolve: event time ("now" is the newest event time seen plus the wall-clock time
 * elapsed since, so replays of old logs resolve on their own timeline), and, as a backstop after a restart
 * when no event has arrived yet, the wall-clock time since the last breach, stored with the alert.
 */
public final class AlertEvaluator implements Processor<RateKey, RateWindow, String, AlertEvent> {
    private final String storeName;
    private final AlertRules rules;
    private ProcessorContext<String, AlertEvent> context;
    private KeyValueStore<String, AlertState> store;
    private long newestEventMs = -1;
    private long newestEventSeenAtMs;

    public AlertEvaluator(String storeName, AlertRules rules) {
        this.storeName = storeName;
        this.rules = rules;
    }

    @Override
    public void init(ProcessorContext<String, AlertEvent> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        context.schedule(rules.checkEvery(), PunctuationType.WALL_CLOCK_TIME, this::resolveQuiet);
    }

    @Override
    public void process(Record<RateKey, RateWindow> record) {
        RateKey key = record.key();
        RateWindow w = record.value();
        if (key == null || w == null) {
            return;
        }
        // a window result carries the newest event time of its window
        if (record.timestamp() > newestEventMs) {
            newestEventMs = record.timestamp();
            newestEventSeenAtMs = context.currentSystemTimeMs();
        }
        String dedupKey = key.dedupKey();
        AlertState state = store.get(dedupKey);
        long wallNow = context.currentSystemTimeMs();
        if (state == null) {
            if (w.failures() >= rules.fireFailures()) {
                AlertState fired = new AlertState(key.observer(), key.vip(), key.errorClass(), record.timestamp(),
                        w.windowEndMs(), wallNow, w.failures());
                store.put(dedupKey, fired);
                forward(dedupKey, fired, w, "FIRING", record.timestamp());
            }
        } else if (w.failures() >= rules.resolveFailures()) {
            store.put(dedupKey, new AlertState(state.observer(), state.vip(), state.errorClass(), state.firedAtMs(),
                    Math.max(state.lastBreachEndMs(), w.windowEndMs()), wallNow,
                    Math.max(state.peakFailures(), w.failures())));
        }
    }

    private void resolveQuiet(long wallNowMs) {
        long eventNow = newestEventMs < 0 ? -1 : newestEventMs + (wallNowMs - newestEventSeenAtMs);
        long afterEvent = rules.resolveAfter().toMillis();
        long afterWall = rules.window().plus(rules.resolveAfter()).toMillis();
        List<KeyValue<String, AlertState>> resolved = new ArrayList<>();
        try (KeyValueIterator<String, AlertState> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, AlertState> kv = it.next();
                boolean quietInEventTime = eventNow >= 0 && eventNow >= kv.value.lastBreachEndMs() + afterEvent;
                boolean quietOnWallClock = wallNowMs >= kv.value.lastBreachWallMs() + afterWall;
                if (quietInEventTime || quietOnWallClock) {
                    resolved.add(kv);
                }
            }
        }
        for (KeyValue<String, AlertState> kv : resolved) {
            store.delete(kv.key);
            // never stamp a record ahead of the wall clock: the broker refuses far-future timestamps
            long at = eventNow >= 0 ? Math.min(eventNow, wallNowMs) : wallNowMs;
            forward(kv.key, kv.value, null, "RESOLVED", at);
        }
    }

    private void forward(String dedupKey, AlertState s, RateWindow w, String status, long atMs) {
        ErrorClass errorClass = ErrorClass.fromWireName(s.errorClass());
        boolean firing = "FIRING".equals(status);
        String summary = firing
                ? String.format("%s on VIP %s at %s: %d failed handshakes in %ds (threshold %d)",
                        s.errorClass(), s.vip(), s.observer(), w.failures(), rules.window().toSeconds(),
                        rules.fireFailures())
                : String.format("%s on VIP %s at %s resolved: below %d failures per %ds (peak %d)",
                        s.errorClass(), s.vip(), s.observer(), rules.resolveFailures(), rules.window().toSeconds(),
                        s.peakFailures());
        if (summary.length() > AlertEvent.MAX_SUMMARY) {
            summary = summary.substring(0, AlertEvent.MAX_SUMMARY);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("error_class", s.errorClass());
        details.put("vip", s.vip());
        details.put("observer", s.observer());
        if (w != null) {
            details.put("failures", w.failures());
            details.put("window_start", w.windowStart());
            details.put("window_end", w.windowEnd());
        }
        details.put("peak_failures", s.peakFailures());
        details.put("fire_threshold", rules.fireFailures());
        details.put("hint", errorClass.hint());
        String startsAt = Instant.ofEpochMilli(s.firedAtMs()).toString();
        String timestamp = Instant.ofEpochMilli(atMs).toString();
        AlertEvent event = new AlertEvent(
                dedupKey,
                firing ? "trigger" : "resolve",
                status,
                startsAt,
                firing ? null : timestamp,
                new AlertEvent.Payload(summary, severity(errorClass), s.observer(), s.vip(), s.observer(),
                        s.errorClass(), timestamp, details),
                Map.of("alertname", "TlsHandshakeFailures", "observer", s.observer(), "vip", s.vip(),
                        "error_class", s.errorClass()),
                Map.of("summary", summary, "hint", errorClass.hint()));
        context.forward(new Record<>(dedupKey, event, atMs));
    }

    /** Certificate problems break every client at once: page as errors; the rest warn. */
    private static String severity(ErrorClass c) {
        return switch (c) {
            case CERT_EXPIRED, CERT_UNTRUSTED, CERT_BAD, CERT_REVOKED, NO_SHARED_CIPHER, PROTOCOL_VERSION,
                    TPS_LIMIT -> "error";
            default -> "warning";
        };
    }
}
