package io.tlswatch.processors.decode.telemetry;

import io.tlswatch.schemas.VipTrafficSample;
import java.util.OptionalLong;

/**
 * Turns consecutive readings of one virtual server's connection counter (the TS system poller's
 * {@code clientside.totConns}, one series per (observer, vip name)) into attempts: the rate denominator
 * of DESIGN §9. Pure and deterministic; the Kafka Streams processor keeps the last {@link Reading} per
 * {@code observer/vipName} in a state store and calls {@link #next} for each new sample.
 *
 * <table>
 *   <caption>What a new reading does</caption>
 *   <tr><th>case</th><th>{@link Kind}</th><th>attempts</th><th>state to store</th></tr>
 *   <tr><td>no previous reading</td><td>FIRST</td><td>none</td><td>the new reading</td></tr>
 *   <tr><td>later, counter grew or stayed</td><td>DELTA</td><td>now − previous (≥ 0)</td><td>the new reading</td></tr>
 *   <tr><td>later, counter went down: BIG-IP restart, failover, {@code reset-stats}</td><td>RESET</td>
 *       <td>the new value: connections since the reset, assuming the counter restarted at 0</td>
 *       <td>the new reading</td></tr>
 *   <tr><td>same timestamp (a duplicate, or two pollers on one BIG-IP)</td><td>DUPLICATE</td><td>none</td>
 *       <td>unchanged</td></tr>
 *   <tr><td>older timestamp (out of order, replay)</td><td>OUT_OF_ORDER</td><td>none</td><td>unchanged</td></tr>
 * </table>
 *
 * <p>Ignoring a duplicate or a late reading loses nothing: deltas telescope, so the next in-order reading
 * counts everything since the stored one. Over a series without resets the attempts sum to
 * {@code last − first}; each reset adds the value read after it. A reset followed by more connections than
 * the old value before the next poll looks like growth and cannot be told apart (the attempts are then
 * undercounted by the old value); {@link Step#intervalMs} lets the caller discount a delta that spans a long
 * gap (a poller outage) instead of charging it all to the current window.
 */
public final class AttemptCounter {
    private AttemptCounter() {}

    /** What a reading did to the series. */
    public enum Kind {
        FIRST,
        DELTA,
        RESET,
        DUPLICATE,
        OUT_OF_ORDER;

        /** Whether this reading produced attempts. */
        public boolean counts() {
            return this == DELTA || this == RESET;
        }
    }

    /** The stored state of one series: the last reading taken into account. */
    public record Reading(long totalConnections, long timestampMs) {
        public static Reading of(VipTrafficSample sample) {
            return new Reading(sample.totalConnections(), sample.timestampMs());
        }
    }

    /**
     * The outcome of one reading.
     *
     * @param kind       what happened
     * @param attempts   connections since the stored reading; 0 unless {@link Kind#counts()}
     * @param intervalMs time since the stored reading; 0 for FIRST, ≤ 0 when the reading is ignored
     * @param state      the reading to store for the next call (the previous one when this one is ignored)
     */
    public record Step(Kind kind, long attempts, long intervalMs, Reading state) {
        /** The attempts, empty when the reading produced none. */
        public OptionalLong delta() {
            return kind.counts() ? OptionalLong.of(attempts) : OptionalLong.empty();
        }

        /** Whether the counter went down since the stored reading. */
        public boolean reset() {
            return kind == Kind.RESET;
        }
    }

    /**
     * The next step of a series.
     *
     * @param previous the stored reading, or null for the first reading of this (observer, vip)
     * @param now      the new reading
     */
    public static Step next(Reading previous, VipTrafficSample now) {
        return next(previous, Reading.of(now));
    }

    /** As {@link #next(Reading, VipTrafficSample)}, on bare readings. */
    public static Step next(Reading previous, Reading now) {
        if (previous == null) {
            return new Step(Kind.FIRST, 0, 0, now);
        }
        long interval = now.timestampMs() - previous.timestampMs();
        if (interval == 0) {
            return new Step(Kind.DUPLICATE, 0, 0, previous);
        }
        if (interval < 0) {
            return new Step(Kind.OUT_OF_ORDER, 0, interval, previous);
        }
        if (now.totalConnections() >= previous.totalConnections()) {
            return new Step(Kind.DELTA, now.totalConnections() - previous.totalConnections(), interval, now);
        }
        return new Step(Kind.RESET, now.totalConnections(), interval, now);
    }

    /**
     * The attempts between a stored reading and a new one, empty for a first, duplicate or late reading;
     * after a counter reset, the new value. Use {@link #next} to also learn whether it was a reset.
     *
     * @param previousTotal       the stored counter value, or null when there is none
     * @param previousTimestampMs when the stored value was read (ignored when {@code previousTotal} is null)
     */
    public static OptionalLong delta(Long previousTotal, long previousTimestampMs, VipTrafficSample now) {
        Reading previous = previousTotal == null ? null : new Reading(previousTotal, previousTimestampMs);
        return next(previous, now).delta();
    }
}
