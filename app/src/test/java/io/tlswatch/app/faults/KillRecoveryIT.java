package io.tlswatch.app.faults;

import io.tlswatch.app.testing.KafkaCluster;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DESIGN §11: a crash ({@code kill -9}) loses and duplicates nothing. The application, in a JVM of its own, is
 * killed three times at seeded random points of a run of live traffic and started again on its state directory;
 * afterwards every connection outcome is on {@code tlswatch.handshakes} exactly once and every alert went
 * FIRING → RESOLVED without a lost or repeated transition.
 */
class KillRecoveryIT {
    @RegisterExtension
    static final KafkaCluster KAFKA = KafkaCluster.create();

    /** {@code -Dtlswatch.faults.seed=N} replays another set of kill points. */
    private static final long SEED = Long.getLong("tlswatch.faults.seed", 20_261_204L);
    /** {@code -Dtlswatch.faults.kills=0} gives the uninterrupted reference run. */
    private static final int KILLS = Integer.getInteger("tlswatch.faults.kills", 3);

    @Test
    void killedThreeTimesItWritesEveryOutcomeExactlyOnce() throws Exception {
        Random random = new Random(SEED);
        FleetTraffic traffic = new FleetTraffic(SEED, 20);
        try (FaultRig rig = new FaultRig("kill", KAFKA.uniqueName("faults-kill"), KAFKA.bootstrapServers());
                OutputLedger ledger = rig.ledger()) {
            KAFKA.createTopics(FaultRig.PARTITIONS, rig.topicNames());
            AppProcess app = rig.start("a");
            rig.note("%s running; seed %d", app.name(), SEED);
            CompletableFuture<Void> produced = traffic.produce(rig.bootstrapServers(), rig.topic("logs"));
            for (int kill = 0; kill < KILLS; kill++) {
                // a random amount of committed work by this incarnation, then kill -9 while traffic flows
                ledger.awaitMore(50 + random.nextInt(250));
                app.kill();
                rig.note("killed %s at %d outcomes, traffic at second %d", app.name(), ledger.outcomeCount(),
                        traffic.secondsSent());
                app = rig.start("a");
                rig.note("%s running", app.name());
            }
            traffic.stopAfter(5);
            produced.get(3, TimeUnit.MINUTES);
            rig.settleAndCheck(traffic, ledger);
        }
    }
}
