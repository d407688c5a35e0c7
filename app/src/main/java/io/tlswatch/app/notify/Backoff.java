package io.tlswatch.app.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try a failed delivery again: exponential ({@code initial × 2^(attempt-1)}, at most {@code max}) with
 * up to {@code jitter} of it taken off at random so that many notifiers do not retry in step; or what the server
 * asked for in {@code Retry-After}.
 */
public final class Backoff {
    /** Longest wait a {@code Retry-After} may impose; beyond it the server is misbehaving, not throttling. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private final Duration initial;
    private final Duration max;
    private final double jitter;
    private final DoubleSupplier random;

    /**
     * @param jitter share of each delay that may be taken off at random, 0 (none) to 1
     * @param random numbers in [0, 1)
     */
    public Backoff(Duration initial, Duration max, double jitter, DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + ", " + max);
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be within 0..1, got " + jitter);
        }
        this.initial = initial;
        this.max = max;
        this.jitter = jitter;
        this.random = random;
    }

    /** 20 % jitter from {@link Math#random()}. */
    public static Backoff of(Duration initial, Duration max) {
        return new Backoff(initial, max, 0.2, Math::random);
    }

    /** The wait before retry number {@code attempt} (1 for the first retry). */
    public Duration delay(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt counts from 1, got " + attempt);
        }
        long maxMs = max.toMillis();
        long ms = initial.toMillis();
        for (int i = 1; i < attempt && ms < maxMs; i++) {
            ms *= 2;
        }
        ms = Math.min(ms, maxMs);
        long off = (long) (ms * jitter * random.getAsDouble());
        return Duration.ofMillis(Math.max(1, ms - off));
    }

    /** The wait before retry {@code attempt}: the server's {@code Retry-After} when it gave a usable one. */
    public Duration delay(int attempt, Optional<Duration> retryAfter) {
        return retryAfter.orElseGet(() -> delay(attempt));
    }

    /**
     * {@code Retry-After} (RFC 9110 §10.2.3): delay-seconds or an HTTP-date; a date in the past means now.
     * Anything else, negative numbers included, is ignored (empty). Capped at {@link #MAX_RETRY_AFTER}.
     */
    public static Optional<Duration> parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String v = header.strip();
        Duration d;
        if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            if (v.length() > 9) {
                return Optional.of(MAX_RETRY_AFTER);
            }
            d = Duration.ofSeconds(Long.parseLong(v));
        } else {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                d = at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.of(d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d);
    }
}
