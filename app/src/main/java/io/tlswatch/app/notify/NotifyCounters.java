package io.tlswatch.app.notify;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the notifier did, for the progress line on standard error and for tests. Names are
 * {@code <what>} or {@code <what>.<label>} with labels from small fixed sets (target names, reason codes).
 */
public final class NotifyCounters {
    public static final String DELIVERED = "delivered";
    public static final String RETRIED = "retried";
    public static final String RESENT = "resent";
    public static final String DEAD_LETTERED = "dead_lettered";
    public static final String SKIPPED = "skipped";

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    void add(String what, String label) {
        counts.computeIfAbsent(what + "." + label, k -> new AtomicLong()).incrementAndGet();
    }

    /** One counter, e.g. {@code get("delivered", "pagerduty")}; 0 when never counted. */
    public long get(String what, String label) {
        AtomicLong n = counts.get(what + "." + label);
        return n == null ? 0 : n.get();
    }

    /** All counters with the same {@code what}, summed over labels. */
    public long total(String what) {
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith(what + "."))
                .mapToLong(e -> e.getValue().get()).sum();
    }

    /**
     * {@code delivered 4 (alertmanager=2 pagerduty=2), retried 1 (...), resent 0, dead-lettered 1
     * (delivery_rejected=1), skipped 2 (inhibited=2)}.
     */
    public String line() {
        StringBuilder out = new StringBuilder();
        for (String what : new String[] {DELIVERED, RETRIED, RESENT, DEAD_LETTERED, SKIPPED}) {
            Map<String, Long> labels = new TreeMap<>();
            counts.forEach((k, v) -> {
                if (k.startsWith(what + ".")) {
                    labels.put(k.substring(what.length() + 1), v.get());
                }
            });
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(what.replace('_', '-')).append(' ').append(total(what));
            if (!labels.isEmpty()) {
                StringBuilder detail = new StringBuilder();
                labels.forEach((l, n) -> detail.append(detail.length() == 0 ? "" : " ").append(l).append('=').append(n));
                out.append(" (").append(detail).append(')');
            }
        }
        return out.toString();
    }
}
