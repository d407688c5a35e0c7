package io.tlswatch.processors.connection;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the connection join, where the log outcome and the packet outcome of one connection become one.
 *
 * @param waitTime     how long the first outcome of a connection waits (wall clock) for the other source's
 *                     ({@code connections.wait}); only when that source has spoken for the same observer lately
 * @param maxSkew      the largest difference between the two outcomes' event times that still makes them one
 *                     connection attempt ({@code connections.max.skew}): BIG-IP and capture clocks differ, and
 *                     client ports are reused
 * @param sourceMemory how long a source counts as present for an observer after its last outcome
 *                     ({@code connections.source.memory})
 */
public record ConnectionJoinSettings(Duration waitTime, Duration maxSkew, Duration sourceMemory) {
    /** Longer than the packet join's quiet time (5 s) plus the burst join's (2 s): the later source arrives. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_MAX_SKEW = Duration.ofMinutes(2);
    public static final Duration DEFAULT_SOURCE_MEMORY = Duration.ofMinutes(10);

    public ConnectionJoinSettings {
        Objects.requireNonNull(waitTime, "waitTime");
        Objects.requireNonNull(maxSkew, "maxSkew");
        Objects.requireNonNull(sourceMemory, "sourceMemory");
        if (waitTime.isNegative() || waitTime.isZero()) {
            throw new IllegalArgumentException("connections.wait must be positive, got " + waitTime);
        }
        if (maxSkew.isNegative()) {
            throw new IllegalArgumentException("connections.max.skew must not be negative, got " + maxSkew);
        }
        if (sourceMemory.isNegative() || sourceMemory.isZero()) {
            throw new IllegalArgumentException("connections.source.memory must be positive, got " + sourceMemory);
        }
    }

    public static ConnectionJoinSettings defaults() {
        return new ConnectionJoinSettings(DEFAULT_WAIT, DEFAULT_MAX_SKEW, DEFAULT_SOURCE_MEMORY);
    }

    /** How long an emitted connection is remembered, so that late evidence is counted and not emitted again. */
    Duration remembered() {
        Duration thrice = waitTime.multipliedBy(3);
        return thrice.compareTo(Duration.ofMinutes(1)) > 0 ? thrice : Duration.ofMinutes(1);
    }
}
