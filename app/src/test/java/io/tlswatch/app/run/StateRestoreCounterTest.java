package io.tlswatch.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class StateRestoreCounterTest {
    @Test
    void countsRestoredRecordsPerStore() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StateRestoreCounter counter = new StateRestoreCounter(registry);
        TopicPartition rates0 = new TopicPartition("app-vip-rates-changelog", 0);
        TopicPartition rates1 = new TopicPartition("app-vip-rates-changelog", 1);
        TopicPartition bursts = new TopicPartition("app-pending-bursts-changelog", 0);

        counter.onRestoreStart(rates0, "vip-rates", 0, 150);
        counter.onBatchRestored(rates0, "vip-rates", 99, 100);
        counter.onBatchRestored(rates0, "vip-rates", 150, 50);
        counter.onRestoreEnd(rates0, "vip-rates", 150);
        counter.onRestoreStart(rates1, "vip-rates", 10, 17);
        counter.onBatchRestored(rates1, "vip-rates", 17, 7);
        counter.onRestoreSuspended(rates1, "vip-rates", 7);
        counter.onRestoreStart(bursts, "pending-bursts", 5, 5);
        counter.onRestoreEnd(bursts, "pending-bursts", 0);

        assertThat(registry.counter(StateRestoreCounter.METRIC, "store", "vip-rates").count()).isEqualTo(157);
        assertThat(registry.find(StateRestoreCounter.METRIC).tag("store", "pending-bursts").counter())
                .as("a store with nothing to restore gets no series").isNull();
    }
}
