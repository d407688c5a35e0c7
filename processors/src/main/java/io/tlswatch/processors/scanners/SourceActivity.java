package io.tlswatch.processors.scanners;

import java.util.ArrayList;
import java.util.List;

/**
 * The value of the {@code scanner-sources} store for one client address: the VIPs it failed on lately, each
 * with the (Kafka record) time of its latest failure, newest last. Bounded: at most {@link #MAX_VIPS}.
 */
public record SourceActivity(List<Failure> failures) {
    static final int MAX_VIPS = 64;

    public record Failure(String vip, long timeMs) {}

    /** The failures still inside the window ending at {@code timeMs}, plus this one on {@code vip}. */
    SourceActivity with(String vip, long timeMs, long windowMs) {
        List<Failure> kept = new ArrayList<>(failures.size() + 1);
        for (Failure f : failures) {
            if (!f.vip().equals(vip) && timeMs - f.timeMs() <= windowMs) {
                kept.add(f);
            }
        }
        kept.add(new Failure(vip, timeMs));
        return new SourceActivity(List.copyOf(kept.subList(Math.max(0, kept.size() - MAX_VIPS), kept.size())));
    }

    /** Distinct VIPs failed on within the window ending at {@code nowMs}. */
    int vipsWithin(long nowMs, long windowMs) {
        int n = 0;
        for (Failure f : failures) {
            if (nowMs - f.timeMs() <= windowMs) {
                n++;
            }
        }
        return n;
    }

    long newestMs() {
        return failures.isEmpty() ? Long.MIN_VALUE : failures.get(failures.size() - 1).timeMs();
    }
}
