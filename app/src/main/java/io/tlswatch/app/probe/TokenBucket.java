package io.tlswatch.app.probe;

import java.util.function.LongSupplier;

/**
 * At most {@code perMinute} probes a minute, for all VIPs together: a full bucket holds that many tokens (a burst
 * of alerts gets its first probes at once) and refills evenly over the minute.
 */
final class TokenBucket {
    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final int capacity;
    private final LongSupplier nanos;
    private double tokens;
    private long last;

    TokenBucket(int perMinute, LongSupplier nanos) {
        this.capacity = perMinute;
        this.nanos = nanos;
        this.tokens = perMinute;
        this.last = nanos.getAsLong();
    }

    /** Takes a token when there is one. */
    synchronized boolean tryTake() {
        long now = nanos.getAsLong();
        tokens = Math.min(capacity, tokens + (double) (now - last) * capacity / MINUTE_NANOS);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
