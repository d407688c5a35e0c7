package io.tlswatch.app.analyze;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;

/**
 * Decides when the pipeline has finished with its input. Fed one {@link Offsets} snapshot at a time (after all
 * input was produced and acknowledged), it answers:
 * <ul>
 *   <li>{@link State#WORKING}: the application's committed offsets are behind the end of a topic it reads
 *       (an input topic or one of its repartition topics);</li>
 *   <li>{@link State#SETTLING}: caught up, but the joins may still hold connections that they emit on a
 *       wall-clock quiet time ({@code join.wait}, {@code packets.wait});</li>
 *   <li>{@link State#DONE}: caught up, and nothing (no end offset, committed offset or output) has moved for
 *       {@code quietFor}, longer than those waits plus a punctuation and a commit;</li>
 *   <li>{@link State#STALLED}: behind, yet nothing has moved for {@code stallAfter}: the application is stuck
 *       (the caller reports it rather than wait forever).</li>
 * </ul>
 * Pure logic over snapshots and a clock reading, so it is tested without a broker.
 */
public final class Quiescence {

    /** What the application reads and writes, at one moment. */
    public record Offsets(Map<TopicPartition, Long> sourceEnds, Map<TopicPartition, Long> committed,
                   Map<TopicPartition, Long> outputEnds) {
        public Offsets {
            sourceEnds = Map.copyOf(sourceEnds);
            committed = Map.copyOf(committed);
            outputEnds = Map.copyOf(outputEnds);
        }

        /** Records of the topics the application reads that it has not committed yet. */
        public long lag() {
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> end : sourceEnds.entrySet()) {
                long done = committed.getOrDefault(end.getKey(), 0L);
                lag += Math.max(0, end.getValue() - done);
            }
            return lag;
        }

        public boolean caughtUp() {
            return lag() == 0;
        }

        /** Records written to the output topics so far (transaction markers included). */
        public long outputs() {
            return outputEnds.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public enum State { WORKING, SETTLING, DONE, STALLED }

    private final long quietForMs;
    private final long stallAfterMs;
    private Offsets previous;
    private long changedAtMs;

    public Quiescence(Duration quietFor, Duration stallAfter) {
        this.quietForMs = quietFor.toMillis();
        this.stallAfterMs = stallAfter.toMillis();
    }

    /**
     * The quiet time for the given join waits: the longest wait, half of it again (the joins check every half
     * wait, at most every second), and a margin for the commit (EOS makes outputs visible on commit).
     */
    public static Duration quietFor(Duration... waits) {
        Duration longest = Duration.ZERO;
        for (Duration w : waits) {
            longest = w.compareTo(longest) > 0 ? w : longest;
        }
        return longest.plus(longest.dividedBy(2)).plusMillis(1500);
    }

    public State observe(Offsets now, long nowMs) {
        Objects.requireNonNull(now, "now");
        if (!now.equals(previous)) {
            previous = now;
            changedAtMs = nowMs;
        }
        long still = nowMs - changedAtMs;
        if (now.caughtUp()) {
            return still >= quietForMs ? State.DONE : State.SETTLING;
        }
        return still >= stallAfterMs ? State.STALLED : State.WORKING;
    }
}
