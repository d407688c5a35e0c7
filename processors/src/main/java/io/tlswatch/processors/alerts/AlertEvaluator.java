package io.tlswatch.processors.alerts;

import io.tlswatch.processors.classify.ErrorClass;
import io.tlswatch.processors.inventory.InventoryView;
import io.tlswatch.processors.rates.RateKey;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.RateWindow;
import io.tlswatch.schemas.VirtualServer;
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
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

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
    private final String inventoryStoreName;
    private ProcessorContext<String, AlertEvent> context;
    private KeyValueStore<String, AlertState> store;
    private InventoryView inventory;
    private long newestEventMs = -1;
    private long newestEventSeenAtMs;

    public AlertEvaluator(String storeName, AlertRules rules) {
        this(storeName, rules, null);
    }

    /**
     * @param inventoryStoreName the global inventory store: per-VIP thresholds ({@code alert_fire_failures},
     *                           {@code alert_resolve_failures}) and the VIP's name, owner and paging route in the
     *                           alert; null for the configured rules alone
     */
    public AlertEvaluator(String storeName, AlertRules rules, String inventoryStoreName) {
        this.storeName = storeName;
        this.rules = rules;
        this.inventoryStoreName = inventoryStoreName;
    }

    @Override
    public void init(ProcessorContext<String, AlertEvent> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        if (inventoryStoreName != null) {
            ReadOnlyKeyValueStore<String, ValueAndTimestamp<VirtualServer>> global =
                    context.getStateStore(inventoryStoreName);
            this.inventory = new InventoryView(global);
        }
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
        Thresholds t = thresholds(virtualServer(key.observer(), key.vip()));
        if (state == null) {
            if (w.failures() >= t.fire()) {
                AlertState fired = new AlertState(key.observer(), key.vip(), key.errorClass(), record.timestamp(),
                        w.windowEndMs(), wallNow, w.failures());
                store.put(dedupKey, fired);
                forward(dedupKey, fired, w, "FIRING", record.timestamp());
            }
        } else if (w.failures() >= t.resolve()) {
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

    /** The fire and resolve thresholds of one VIP: its inventory overrides, else the configured rules. */
    record Thresholds(int fire, int resolve) {}

    Thresholds thresholds(VirtualServer vs) {
        int fire = vs != null && vs.alertFireFailures() != null ? vs.alertFireFailures() : rules.fireFailures();
        int resolve = vs != null && vs.alertResolveFailures() != null
                ? vs.alertResolveFailures() : rules.resolveFailures();
        return new Thresholds(fire, Math.max(1, Math.min(resolve, fire)));
    }

    private VirtualServer virtualServer(String observer, String vip) {
        return inventory == null ? null : inventory.find(observer, vip);
    }

    private void forward(String dedupKey, AlertState s, RateWindow w, String status, long atMs) {
        ErrorClass errorClass = ErrorClass.fromWireName(s.errorClass());
        boolean firing = "FIRING".equals(status);
        VirtualServer vs = virtualServer(s.observer(), s.vip());
        Thresholds t = thresholds(vs);
        String named = vs == null || vs.name() == null ? s.vip() : vs.name() + " (" + s.vip() + ")";
        String summary = firing
                ? String.format("%s on VIP %s at %s: %d failed handshakes in %ds (threshold %d)",
                        s.errorClass(), named, s.observer(), w.failures(), rules.window().toSeconds(), t.fire())
                : String.format("%s on VIP %s at %s resolved: below %d failures per %ds (peak %d)",
                        s.errorClass(), named, s.observer(), t.resolve(), rules.window().toSeconds(),
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
        details.put("fire_threshold", t.fire());
        if (vs != null) {
            putIfSet(details, "vip_name", vs.name());
            putIfSet(details, "partition", vs.partition());
            putIfSet(details, "application", vs.application());
            putIfSet(details, "owner", vs.owner());
            putIfSet(details, "paging_route", vs.pagingRoute());
        }
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

    private static void putIfSet(Map<String, Object> details, String key, String value) {
        if (value != null) {
            details.put(key, value);
        }
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
