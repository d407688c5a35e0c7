package io.tlswatch.processors.connection;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the packet join.
 *
 * @param quiet        how long a connection may stay quiet (no new summary, wall clock) before it is judged
 *                     on what arrived ({@code packets.wait})
 * @param maxSummaries summaries kept per connection; more are counted and dropped ({@code packets.max.summaries}).
 *                     The capture reader sends at most 4 flights and a closing summary per direction.
 * @param maxBytes     payload-head characters (base64) kept per connection; summaries that would pass it are
 *                     counted and dropped ({@code packets.max.bytes})
 */
public record PacketJoinSettings(Duration quiet, int maxSummaries, long maxBytes) {
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_SUMMARIES = 16;
    /** Two directions of 16 KiB heads take about 44 Ki base64 characters; the reader's largest heads 182 Ki. */
    public static final long DEFAULT_MAX_BYTES = 256 * 1024;

    public PacketJoinSettings {
        Objects.requireNonNull(quiet, "quiet");
        if (quiet.isNegative() || quiet.isZero()) {
            throw new IllegalArgumentException("packets.wait must be positive, got " + quiet);
        }
        if (maxSummaries < 1) {
            throw new IllegalArgumentException("packets.max.summaries must be positive, got " + maxSummaries);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("packets.max.bytes must be positive, got " + maxBytes);
        }
    }

    public static PacketJoinSettings defaults() {
        return new PacketJoinSettings(DEFAULT_WAIT, DEFAULT_MAX_SUMMARIES, DEFAULT_MAX_BYTES);
    }
}
