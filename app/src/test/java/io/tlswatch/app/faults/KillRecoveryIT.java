package io.tlswatch.app.faults;

import static org.awaitility.Awaitility.await;

import io.tlswatch.app.testing.KafkaCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
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
    static final Duration START = Duration.ofSeconds(60);
    /** The incidents of {@link FleetTraffic}: each must page and resolve. */
    static final Set<String> MUST_PAGE = Set.of(FleetTraffic.EXPIRED_ALERT, FleetTraffic.CIPHER_ALERT);

    @Test
    void killedThreeTimesItWritesEveryOutcomeExactlyOnce() throws Exception {
        Random random = new Random(SEED);
        FleetTraffic traffic = new FleetTraffic(SEED, 60, 2.0, 20);
        try (FaultRig rig = new FaultRig("kill", KAFKA.uniqueName("faults-kill"), KAFKA.bootstrapServers());
                OutputLedger ledger = rig.ledger()) {
            KAFKA.createTopics(FaultRig.PARTITIONS, rig.topicNames());
            AppProcess app = rig.start("a").awaitRunning(START);
            rig.note("%s running", app.name());
            CompletableFuture<Void> produced = traffic.produce(rig.bootstrapServers(), rig.topic("logs"));

            // kill points: after a random share of the expected outcomes has been committed, in order
            List<Integer> killAt = new ArrayList<>();
            for (int i = 0; i < KILLS; i++) {
                killAt.add((int) (traffic.expectedTotal() * (0.1 + 0.75 * random.nextDouble())));
            }
            killAt.sort(null);
            rig.note("seed %d, %d lines, %d outcomes expected, kill -9 after %s committed",
                    SEED, traffic.lineCount(), traffic.expectedTotal(), killAt);
            for (int threshold : killAt) {
                awaitOutcomes(ledger, threshold);
                app.kill();
                rig.note("killed %s at %d outcomes, traffic at second %d of %d", app.name(),
                        ledger.outcomeCount(), traffic.secondsSent(), traffic.seconds());
                app = rig.start("a").awaitRunning(START);
                rig.note("%s running", app.name());
            }

            produced.get(2, TimeUnit.MINUTES);
            rig.note("traffic sent");
            ledger.awaitSettled(traffic.expectedOutcomes(), MUST_PAGE, Duration.ofSeconds(90));
            rig.note("settled: %d outcomes", ledger.outcomeCount());
            traffic.write(rig.dir().resolve("expected.tsv"));
            ledger.write(rig.dir().resolve("handshakes.tsv"));
            ledger.assertExactlyOnce(traffic.expectedOutcomes());
            ledger.assertAlertLifecycles(MUST_PAGE);
        }
    }

    /** Waits until {@code count} outcomes have been committed. */
    static void awaitOutcomes(OutputLedger ledger, int count) {
        await("%d outcomes committed".formatted(count)).atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> ledger.poll().outcomeCount() >= count);
    }
}
