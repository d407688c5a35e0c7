package io.tlswatch.benchmarks;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tlswatch.processors.connection.ConnectionJoinProcessor;
import io.tlswatch.processors.connection.ConnectionJoinSettings;
import io.tlswatch.processors.connection.PendingOutcome;
import io.tlswatch.processors.connection.TaskGauge;
import io.tlswatch.schemas.HandshakeOutcome;
import io.tlswatch.schemas.HostPort;
import io.tlswatch.schemas.JsonSerde;
import io.tlswatch.schemas.WireFacts;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The connection join ({@link ConnectionJoinProcessor}, issue 5) on its own: the outcome from F5 lines and the
 * outcome from packets of one connection arrive, and one joined outcome leaves. The processor runs with a real
 * Streams key-value store (in memory, JSON values as in production; changelog and RocksDB left out, so this is
 * the join's own cost) through {@code MockProcessorContext}. Reported: <b>outcomes joined per second</b> (two
 * input events each); {@link #main} prints the state for open handshakes (entries and bytes per entry).
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar ConnectionJoinBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ConnectionJoinBenchmark {
    static final int BATCH = 1_000;
    private static final String STORE = "pending-outcomes";
    private static final long T0 = 1_780_000_000_000L;

    private MockProcessorContext<String, HandshakeOutcome> context;
    private ConnectionJoinProcessor join;
    private KeyValueStore<String, PendingOutcome> store;
    private int next;

    @Setup(Level.Iteration)
    public void setUp() {
        context = new MockProcessorContext<>();
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(),
                JsonSerde.of(PendingOutcome.class)).withLoggingDisabled().withCachingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ConnectionJoinSettings settings = new ConnectionJoinSettings(Duration.ofSeconds(10), Duration.ofMinutes(2),
                Duration.ofMinutes(10), true);
        join = new ConnectionJoinProcessor(STORE, settings, registry, TaskGauge.pendingConnections(registry));
        join.init(context);
        context.setCurrentSystemTimeMs(T0);
    }

    /** {@value #BATCH} connections: the log outcome, then the packet outcome; one joined outcome each. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int joinLogsAndPackets() {
        context.resetForwards();
        for (int i = 0; i < BATCH; i++) {
            int port = next++;
            join.process(new Record<>(null, logOutcome(port), T0));
            join.process(new Record<>(null, packetOutcome(port), T0));
        }
        int out = context.forwarded().size();
        if (out != BATCH) {
            throw new IllegalStateException("expected " + BATCH + " joined outcomes, got " + out);
        }
        return out;
    }

    static String id(int port) {
        return HostPort.connectionId("bigip-01", "10." + (port >> 16 & 255) + "." + (port >> 8 & 255) + "."
                + (port & 255), 40_000 + port % 20_000, "192.0.2.10", 443, null);
    }

    static HandshakeOutcome logOutcome(int port) {
        String[] ends = id(port).split("/", 2)[1].split("->");
        String client = ends[0].substring(0, ends[0].lastIndexOf(':'));
        return new HandshakeOutcome(id(port), "bigip-01", T0, "tcp", client, 40_000 + port % 20_000, "192.0.2.10",
                443, null, "failure", "no_shared_cipher", "client", 40, "bigip", "ssl_select_suite",
                "no shared ciphers", List.of("01260009", "01260026", "01260013"),
                List.of("Feb  1 08:12:14 bigip-01 warning tmm[9244]: 01260026:4: No shared ciphers between SSL peers "
                        + client + ".40000:192.0.2.10.443."));
    }

    static HandshakeOutcome packetOutcome(int port) {
        HandshakeOutcome l = logOutcome(port);
        return new HandshakeOutcome(l.connectionId(), l.observer(), T0 + 3, "tcp", l.clientIp(), l.clientPort(),
                l.serverIp(), l.serverPort(), null, "failure", "no_shared_cipher", "client", 40, "server", null,
                "alert 40 (handshake_failure) sent by the server", List.of(), List.of(),
                new WireFacts("shop.example.com", null, null, null, null,
                        List.of("TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256", "TLS_RSA_WITH_RC4_128_SHA"),
                        List.of("1.3", "1.2"), "771d6e4a4f4d0d5b7e9c7a3a9a7e4c1a", null,
                        "t13d1516h2_8daaf6152771_e5627efa2ab1", "1:dfF3q6oEHG/n2vNkw9TD2OQB2S4=", true));
    }

    /** State for open handshakes: log outcomes waiting for their packets. */
    public static void main(String[] args) {
        ConnectionJoinBenchmark b = new ConnectionJoinBenchmark();
        b.setUp();
        int open = 10_000;
        for (int i = 0; i < open; i++) {
            b.join.process(new Record<>(null, logOutcome(i), T0));
        }
        long entries = b.store.approximateNumEntries();
        long bytes = 0;
        var serde = JsonSerde.of(PendingOutcome.class);
        try (var it = b.store.all()) {
            while (it.hasNext()) {
                var kv = it.next();
                bytes += kv.key.length() + serde.serializer().serialize(STORE, kv.value).length;
            }
        }
        System.out.printf("%d open handshakes: %d entries in %s, %d bytes (%.0f per entry)%n", open, entries, STORE,
                bytes, bytes / (double) entries);
        // once joined, an entry shrinks to a marker (times only) until late evidence can no longer come
        for (int i = 0; i < open; i++) {
            b.join.process(new Record<>(null, packetOutcome(i), T0));
        }
        long markerBytes = 0;
        try (var it = b.store.all()) {
            while (it.hasNext()) {
                var kv = it.next();
                markerBytes += kv.key.length() + serde.serializer().serialize(STORE, kv.value).length;
            }
        }
        System.out.printf("after the joins: %d markers, %.0f bytes per marker; forwarded %d outcomes%n",
                b.store.approximateNumEntries(), markerBytes / (double) b.store.approximateNumEntries(),
                b.context.forwarded().size());
    }
}
