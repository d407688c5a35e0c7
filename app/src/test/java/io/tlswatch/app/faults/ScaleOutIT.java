package io.tlswatch.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tlswatch.app.testing.KafkaCluster;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DESIGN §11: scale-out is Kafka's, and state moves with partitions. One instance runs, a second (its own JVM
 * and state directory, the same application id) joins mid-run and takes part of the work, then the first is
 * killed: the second takes everything over, the outputs are complete and exactly once, and the alerts carry on.
 */
class ScaleOutIT {
    @RegisterExtension
    static final KafkaCluster KAFKA = KafkaCluster.create();

    private static final long SEED = Long.getLong("tlswatch.faults.seed", 20_261_204L) + 3;

    @Test
    void secondInstanceJoinsThenOutlivesTheFirst() throws Exception {
        FleetTraffic traffic = new FleetTraffic(SEED, 20);
        try (FaultRig rig = new FaultRig("scale", KAFKA.uniqueName("faults-scale"), KAFKA.bootstrapServers());
                OutputLedger ledger = rig.ledger()) {
            KAFKA.createTopics(FaultRig.PARTITIONS, rig.topicNames());
            AppProcess first = rig.start("a");
            CompletableFuture<Void> produced = traffic.produce(rig.bootstrapServers(), rig.topic("logs"));
            ledger.awaitMore(200);

            AppProcess second = rig.start("b");
            rig.note("%s joined at %d outcomes, traffic at second %d", second.name(), ledger.outcomeCount(),
                    traffic.secondsSent());
            await(second.name() + " gets partitions").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> second.metric("kafka_consumer_coordinator_assigned_partitions") > 0);
            // both have committed work together before the first dies
            ledger.awaitMore(200);

            first.kill();
            rig.note("%s killed at %d outcomes, traffic at second %d", first.name(), ledger.outcomeCount(),
                    traffic.secondsSent());
            // the second alone, then the end of the traffic
            ledger.awaitMore(100);
            traffic.stopAfter(5);
            produced.get(3, TimeUnit.MINUTES);
            rig.settleAndCheck(traffic, ledger);
            assertThat(second.isAlive()).as("second instance still running (log %s)", second.logFile()).isTrue();
        }
    }
}
