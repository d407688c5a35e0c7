package io.tlswatch.app.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.app.analyze.Quiescence.Offsets;
import io.tlswatch.app.analyze.Quiescence.State;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class QuiescenceTest {
    private static final TopicPartition LOGS = new TopicPartition("f5.logs", 0);
    private static final TopicPartition BY_TMM = new TopicPartition("app-events-by-tmm-repartition", 0);
    private static final TopicPartition HANDSHAKES = new TopicPartition("tlswatch.handshakes", 0);

    private final Quiescence quiescence = new Quiescence(Duration.ofSeconds(3), Duration.ofSeconds(60));

    private static Offsets offsets(long logsEnd, long logsDone, long byTmmEnd, long byTmmDone, long outputs) {
        return new Offsets(Map.of(LOGS, logsEnd, BY_TMM, byTmmEnd), Map.of(LOGS, logsDone, BY_TMM, byTmmDone),
                Map.of(HANDSHAKES, outputs));
    }

    @Test
    void behindAnyTopicItReadsIsWorking() {
        assertThat(quiescence.observe(offsets(100, 40, 0, 0, 0), 0)).isEqualTo(State.WORKING);
        // input read, but the repartition topic it feeds is not
        assertThat(quiescence.observe(offsets(100, 100, 12, 5, 0), 1_000)).isEqualTo(State.WORKING);
        assertThat(offsets(100, 100, 12, 5, 0).lag()).isEqualTo(7);
    }

    @Test
    void caughtUpIsDoneOnlyOnceNothingMovedForTheQuietTime() {
        assertThat(quiescence.observe(offsets(100, 100, 12, 12, 0), 0)).isEqualTo(State.SETTLING);
        assertThat(quiescence.observe(offsets(100, 100, 12, 12, 0), 2_000)).isEqualTo(State.SETTLING);
        // the join emits what it held after its wall-clock wait: the quiet time starts again
        assertThat(quiescence.observe(offsets(100, 100, 12, 12, 4), 2_500)).isEqualTo(State.SETTLING);
        assertThat(quiescence.observe(offsets(100, 100, 12, 12, 4), 5_000)).isEqualTo(State.SETTLING);
        assertThat(quiescence.observe(offsets(100, 100, 12, 12, 4), 5_500)).isEqualTo(State.DONE);
    }

    @Test
    void aPartitionNeverCommittedCountsFromZero() {
        Offsets none = new Offsets(Map.of(LOGS, 0L, BY_TMM, 3L), Map.of(), Map.of());
        assertThat(none.lag()).isEqualTo(3);
        assertThat(new Offsets(Map.of(LOGS, 0L), Map.of(), Map.of()).caughtUp()).isTrue();
    }

    @Test
    void behindWithNothingMovingForLongIsStalled() {
        assertThat(quiescence.observe(offsets(100, 99, 0, 0, 0), 0)).isEqualTo(State.WORKING);
        assertThat(quiescence.observe(offsets(100, 99, 0, 0, 0), 59_999)).isEqualTo(State.WORKING);
        assertThat(quiescence.observe(offsets(100, 99, 0, 0, 0), 60_000)).isEqualTo(State.STALLED);
    }

    @Test
    void theQuietTimeCoversTheLongestJoinWaitItsPunctuationAndACommit() {
        assertThat(Quiescence.quietFor(Duration.ofSeconds(1), Duration.ofSeconds(2))).isEqualTo(Duration.ofMillis(4_500));
        assertThat(Quiescence.quietFor(Duration.ofSeconds(1), Duration.ofSeconds(1))).isEqualTo(Duration.ofMillis(3_000));
    }
}
