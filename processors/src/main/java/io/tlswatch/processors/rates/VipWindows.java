package io.tlswatch.processors.rates;

import io.tlswatch.processors.rates.VipState.Bucket;
import io.tlswatch.processors.rates.VipState.Figures;
import io.tlswatch.processors.rates.VipState.PollerSpan;
import java.util.Map;
import java.util.SortedMap;

/**
 * Reads counts out of a {@link VipState}'s buckets: failures of a class over a window, the attempts over the same
 * span from the best source (DESIGN §9: packets, then success events, then the poller's counter), and the
 * window's start trimmed to the first failure of a class. Pure functions of the state.
 */
public final class VipWindows {
    /** Everything in the window. */
    public static final String ALL = "all";

    /** The least span the poller's attempts are estimated over. */
    private static final long MIN_SPAN_MS = 1_000;
    private final long bucketMs;
    private final long pollerStaleMs;

    public VipWindows(long bucketMs, long pollerStaleMs) {
        this.bucketMs = bucketMs;
        this.pollerStaleMs = pollerStaleMs;
    }

    public long bucketOf(long timeMs) {
        return Math.floorDiv(timeMs, bucketMs) * bucketMs;
    }

    /** The buckets of the window of {@code windowMs} that ends at {@code atMs}. */
    public SortedMap<Long, Bucket> window(VipState s, long atMs, long windowMs) {
        return s.buckets.subMap(bucketOf(atMs) - windowMs + (atMs % bucketMs == 0 ? 0 : bucketMs), true,
                bucketOf(atMs), true);
    }

    /**
     * The start of the buckets from the first one holding a failure of {@code errorClass} ({@link #ALL}: any),
     * within the window; null when the window holds none. A fresh incident's ratio is then not diluted by the
     * healthy seconds before its first failure.
     */
    public Long firstFailure(VipState s, String errorClass, long atMs, long windowMs, boolean withScanners) {
        for (Map.Entry<Long, Bucket> e : window(s, atMs, windowMs).entrySet()) {
            if (failures(e.getValue(), errorClass, withScanners) > 0) {
                return e.getKey();
            }
        }
        return null;
    }

    /**
     * Figures of a class over the buckets from {@code fromBucket} up to the bucket of {@code atMs}: failures
     * (scanners apart), and the attempts of the same span from the best source the VIP has within
     * {@code sourceWindowMs}.
     */
    public Figures figures(VipState s, String errorClass, long fromBucket, long atMs, long sourceWindowMs) {
        SortedMap<Long, Bucket> span = s.buckets.subMap(fromBucket, true, bucketOf(atMs), true);
        long failures = 0;
        long scanners = 0;
        long packets = 0;
        long successes = 0;
        long allFailures = 0;
        for (Bucket b : span.values()) {
            failures += failures(b, errorClass, false);
            scanners += failures(b, errorClass, true) - failures(b, errorClass, false);
            packets += b.packets;
            successes += b.successes;
            allFailures += failures(b, ALL, true);
        }
        String source = source(s, atMs, sourceWindowMs);
        long attempts = switch (source) {
            case RateInput.PACKETS -> Math.max(packets, allFailures);
            case RateInput.EVENTS -> successes + allFailures;
            // up to now, not to the end of the current bucket: a fresh incident is not diluted by the future
            case RateInput.POLLER -> Math.max(Math.round(pollerAttempts(s, fromBucket, Math.max(atMs,
                    fromBucket + MIN_SPAN_MS))), allFailures);
            default -> 0;
        };
        return new Figures(failures, scanners, attempts, source);
    }

    /** Figures over the whole window that ends at {@code atMs}. */
    public Figures figures(VipState s, String errorClass, long atMs, long windowMs) {
        return figures(s, errorClass, bucketOf(atMs) - windowMs + (atMs % bucketMs == 0 ? 0 : bucketMs), atMs, windowMs);
    }

    /** The best attempts source seen within the window: packets, then success events, then a fresh poller. */
    public String source(VipState s, long atMs, long windowMs) {
        boolean events = false;
        for (Bucket b : window(s, atMs, windowMs).values()) {
            if (b.packets > 0) {
                return RateInput.PACKETS;
            }
            events |= b.successes > 0;
        }
        if (events) {
            return RateInput.EVENTS;
        }
        if (!s.poller.isEmpty() && atMs - s.poller.get(s.poller.size() - 1).toMs() <= pollerStaleMs) {
            return RateInput.POLLER;
        }
        return "none";
    }

    /**
     * Connections in [from, to) by the poller: each reading's count spread evenly over its interval; past the
     * newest reading (it arrives up to a poll interval late), the newest reading's rate.
     */
    double pollerAttempts(VipState s, long fromMs, long toMs) {
        double total = 0;
        PollerSpan newest = null;
        for (PollerSpan p : s.poller) {
            long len = p.toMs() - p.fromMs();
            if (len > 0) {
                long overlap = Math.min(toMs, p.toMs()) - Math.max(fromMs, p.fromMs());
                if (overlap > 0) {
                    total += (double) p.count() * overlap / len;
                }
                newest = p;
            }
        }
        if (newest != null && toMs > newest.toMs()) {
            long uncovered = toMs - Math.max(fromMs, newest.toMs());
            total += (double) newest.count() * uncovered / (newest.toMs() - newest.fromMs());
        }
        return total;
    }

    static long failures(Bucket b, String errorClass, boolean withScanners) {
        long n = ALL.equals(errorClass) ? sum(b.failures) : b.failures.getOrDefault(errorClass, 0L);
        if (withScanners) {
            n += ALL.equals(errorClass) ? sum(b.scanners) : b.scanners.getOrDefault(errorClass, 0L);
        }
        return n;
    }

    private static long sum(Map<String, Long> counts) {
        long n = 0;
        for (long v : counts.values()) {
            n += v;
        }
        return n;
    }
}
