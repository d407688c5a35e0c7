package io.tlswatch.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.app.broker.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §11: a broker restart loses and duplicates nothing. The only broker is stopped mid-run and started
 * again on the same port and data; the application (in its own JVM) and the traffic producer ride it out by
 * themselves, and the outputs are complete and exactly once. Needs the embedded broker: a shared external
 * cluster cannot be restarted by a test.
 */
class BrokerRestartIT {
    private static final long SEED = Long.getLong("tlswatch.faults.seed", 20_261_204L) + 2;

    @Test
    void brokerRestartMidRunLosesAndDuplicatesNothing() throws Exception {
        FleetTraffic traffic = new FleetTraffic(SEED, 20);
        Path data = Path.of("target", "faults-it", "broker-data-" + System.currentTimeMillis());
        EmbeddedKafkaBroker.Options options = EmbeddedKafkaBroker.Options.defaults().withDataDir(data);
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(options);
        options = options.withPort(broker.port());
        try (FaultRig rig = new FaultRig("broker", "faults-broker", broker.bootstrapServers());
                OutputLedger ledger = rig.ledger()) {
            broker.createTopics(FaultRig.PARTITIONS, rig.topicNames());
            AppProcess app = rig.start("a");
            CompletableFuture<Void> produced = traffic.produce(rig.bootstrapServers(), rig.topic("logs"));
            ledger.awaitMore(300);

            broker.close();
            rig.note("broker stopped at %d outcomes, traffic at second %d", ledger.outcomeCount(), traffic.secondsSent());
            broker = EmbeddedKafkaBroker.start(options);
            rig.note("broker back at %s in %d ms", broker.bootstrapServers(), broker.startupTime().toMillis());
            assertThat(broker.bootstrapServers()).isEqualTo(rig.bootstrapServers());

            // nobody restarts the application: it must carry on by itself
            ledger.awaitMore(300);
            traffic.stopAfter(5);
            produced.get(3, TimeUnit.MINUTES);
            rig.settleAndCheck(traffic, ledger);
            assertThat(app.isAlive()).as("application still running (log %s)", app.logFile()).isTrue();
        } finally {
            broker.close();
        }
    }
}
