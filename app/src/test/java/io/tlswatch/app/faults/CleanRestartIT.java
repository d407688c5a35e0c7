package io.tlswatch.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.app.testing.KafkaCluster;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DESIGN §11: a clean restart keeps local state (checkpointed stores); only a crash may restore from the
 * changelog. The application holding state is stopped with SIGTERM and started again: it restores nothing
 * ({@code tlswatch_state_restored_records_total} stays 0). Then it is killed: that restart does restore, which
 * shows the counter sees restores. Outputs stay exactly once throughout.
 */
class CleanRestartIT {
    @RegisterExtension
    static final KafkaCluster KAFKA = KafkaCluster.create();

    private static final long SEED = Long.getLong("tlswatch.faults.seed", 20_261_204L) + 1;
    private static final String RESTORED = "tlswatch_state_restored_records_total";

    @Test
    void cleanRestartKeepsItsStoresOnlyACrashRestoresThem() throws Exception {
        FleetTraffic traffic = new FleetTraffic(SEED, 20);
        try (FaultRig rig = new FaultRig("clean", KAFKA.uniqueName("faults-clean"), KAFKA.bootstrapServers());
                OutputLedger ledger = rig.ledger()) {
            KAFKA.createTopics(FaultRig.PARTITIONS, rig.topicNames());
            AppProcess app = rig.start("a");
            CompletableFuture<Void> produced = traffic.produce(rig.bootstrapServers(), rig.topic("logs"));
            ledger.awaitMore(200);

            // 143: the JVM's exit status after SIGTERM, once the shutdown hook (which closes Streams) has run
            assertThat(app.stop(Duration.ofSeconds(60))).as("exit code after SIGTERM (log %s)", app.logFile())
                    .isIn(0, 143);
            rig.note("%s stopped cleanly at %d outcomes", app.name(), ledger.outcomeCount());
            app = rig.start("a");
            // the tasks have run (so any restore is over) once new outcomes arrive
            ledger.awaitMore(200);
            assertThat(app.metric(RESTORED)).as("records restored after a clean stop (log %s)", app.logFile())
                    .isZero();
            assertThat(app.log()).doesNotContain("TaskCorruptedException");

            app.kill();
            rig.note("%s killed at %d outcomes", app.name(), ledger.outcomeCount());
            app = rig.start("a");
            ledger.awaitMore(200);
            assertThat(app.metric(RESTORED)).as("records restored after kill -9 (log %s)", app.logFile())
                    .isPositive();

            traffic.stopAfter(5);
            produced.get(3, TimeUnit.MINUTES);
            rig.settleAndCheck(traffic, ledger);
        }
    }
}
