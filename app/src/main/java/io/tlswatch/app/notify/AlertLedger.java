package io.tlswatch.app.notify;

import io.tlswatch.schemas.AlertEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What was delivered, per dedup key: the alerts still firing (with their last event, for Alertmanager re-sends)
 * and, bounded, the last resolved ones, so that an event identical to the one already delivered (same status
 * and timestamp) is not sent twice. Rebuilt at start from the topic's history. One thread only.
 */
public final class AlertLedger {
    /** Resolved alerts remembered for repeat detection; the oldest are forgotten first. */
    public static final int MAX_RESOLVED = 10_000;

    /** A delivered alert; {@code nextResend} is when Alertmanager must hear of it again (firing only). */
    public record Entry(AlertEvent event, AlertStatus status, String timestamp, int partition, Instant nextResend) {
        Entry withNextResend(Instant at) {
            return new Entry(event, status, timestamp, partition, at);
        }
    }

    private final Map<String, Entry> firing = new HashMap<>();
    private final LinkedHashMap<String, Entry> resolved = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_RESOLVED;
        }
    };

    /** The timestamp two events of one key are told apart by: the payload's, else the start or end. */
    static String timestampOf(AlertEvent event) {
        if (event.payload() != null && event.payload().timestamp() != null) {
            return event.payload().timestamp();
        }
        return AlertStatus.of(event).firing() ? event.startsAt() : event.endsAt();
    }

    /** Whether this event is the one last delivered for its key. */
    public boolean isRepeat(AlertEvent event) {
        Entry last = last(event.dedupKey());
        return last != null && last.status() == AlertStatus.of(event)
                && Objects.equals(last.timestamp(), timestampOf(event));
    }

    /** Whether the key's last delivered event was a firing one. */
    public boolean isFiring(String dedupKey) {
        return firing.containsKey(dedupKey);
    }

    /** The last delivered event of a key, or null. */
    public Entry last(String dedupKey) {
        Entry e = firing.get(dedupKey);
        return e != null ? e : resolved.get(dedupKey);
    }

    /** Records a delivered event; a firing one is due for a re-send at {@code nextResend}. */
    public void delivered(AlertEvent event, int partition, Instant nextResend) {
        AlertStatus status = AlertStatus.of(event);
        Entry entry = new Entry(event, status, timestampOf(event), partition, status.firing() ? nextResend : null);
        if (status.firing()) {
            resolved.remove(event.dedupKey());
            firing.put(event.dedupKey(), entry);
        } else {
            firing.remove(event.dedupKey());
            resolved.put(event.dedupKey(), entry);
        }
    }

    /** Firing alerts whose re-send is due at {@code now}, the most overdue first. */
    public List<Entry> dueForResend(Instant now) {
        List<Entry> due = new ArrayList<>();
        for (Entry e : firing.values()) {
            if (!e.nextResend().isAfter(now)) {
                due.add(e);
            }
        }
        due.sort((a, b) -> a.nextResend().compareTo(b.nextResend()));
        return due;
    }

    /** Sets when a firing alert is next re-sent (no-op when it is no longer firing). */
    public void resendAt(String dedupKey, Instant at) {
        firing.computeIfPresent(dedupKey, (k, e) -> e.withNextResend(at));
    }

    /** Drops what is known of the given partitions (revoked: another notifier owns them now). */
    public void forget(Set<Integer> partitions) {
        for (Map<String, Entry> map : List.of(firing, resolved)) {
            for (Iterator<Entry> it = map.values().iterator(); it.hasNext(); ) {
                if (partitions.contains(it.next().partition())) {
                    it.remove();
                }
            }
        }
    }

    /** The firing alerts of one partition. */
    public List<Entry> firing(int partition) {
        return firing.values().stream().filter(e -> e.partition() == partition).toList();
    }

    public Collection<Entry> firing() {
        return List.copyOf(firing.values());
    }
}
