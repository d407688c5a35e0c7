package io.tlswatch.app.demo;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tlswatch.app.CommandSettings;
import io.tlswatch.app.CtrlC;
import io.tlswatch.app.broker.EmbeddedKafkaBroker;
import io.tlswatch.app.run.Pipeline;
import io.tlswatch.app.run.ServedPipeline;
import io.tlswatch.ingest.replay.LogLineProducer;
import io.tlswatch.ingest.pcap.PacketSummaryProducer;
import io.tlswatch.ingest.simulator.FleetSimulator;
import io.tlswatch.ingest.simulator.SimulatedSecond;
import io.tlswatch.ingest.simulator.TimedLine;
import io.tlswatch.ingest.simulator.TimedPacket;
import io.tlswatch.ingest.simulator.scenario.Scenario;
import io.tlswatch.ingest.simulator.scenario.ScenarioFile;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.Durations;
import io.tlswatch.schemas.JsonSerde;
import io.tlswatch.schemas.TopicNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tlswatch demo}: an embedded Kafka broker, a simulated BIG-IP fleet (healthy noise plus one VIP
 * whose certificate expires), and the real pipeline; prints each alert as it fires and resolves.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Starts an embedded Kafka broker, a simulated BIG-IP fleet and the tlswatch pipeline, and prints",
            "each alert as it fires (lines starting with ALERT). About 10 s in, the certificate of VIP",
            "10.10.1.10:443 on bigip-01 expires for 40 s: expect a FIRING alert, then a RESOLVED one.",
            "The dashboard (fleet, alerts, each VIP) is served on http://127.0.0.1:9464/ (another port",
            "when 9464 is taken: the demo prints the address)."
        },
        footer = {"", "Examples:", "  tlswatch demo --duration 90s", "  tlswatch demo --seed 7      # until Ctrl-C"})
public final class DemoCommand implements Callable<Integer> {
    /** Demo windows are short so that a whole incident fits in about a minute. */
    static final Map<String, String> DEMO_SETTINGS = Map.ofEntries(
            Map.entry("application.id", "tlswatch-demo"),
            Map.entry("join.wait", "1s"),
            Map.entry("connections.wait", "3s"),
            Map.entry("rates.bucket", "1s"),
            Map.entry("rates.every", "5s"),
            Map.entry("alerts.window", "10s"),
            Map.entry("alerts.window.long", "30s"),
            Map.entry("alerts.warmup", "5s"),
            Map.entry("alerts.resolve.hold", "5s"),
            Map.entry("alerts.check.every", "1s"));

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION",
            description = "stop after this long, e.g. 90s or 5m (default: until Ctrl-C)")
    String duration;

    @Option(names = "--seed", description = "simulator seed (default: the demo's fixed seed, same lines every run)")
    Long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Duration runFor;
        try {
            runFor = duration == null ? null : Durations.parsePositive(duration);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--duration: " + e.getMessage());
        }
        // the demo's own settings go through the same checks as a user's file
        CommandSettings.check(TlswatchConfig.of(DEMO_SETTINGS), spec.commandLine());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Ctrl-C: ask the simulation to stop, then hold the JVM until cleanup is done (broker, temp dirs)
        CtrlC ctrlC = new CtrlC("demo");
        CountDownLatch stop = ctrlC.stopRequested();
        Path stateDir = Files.createTempDirectory("tlswatch-demo-state");
        // Prometheus, so that the dashboard's server has /metrics in the demo too
        MeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        err.println("demo: starting an embedded Kafka broker...");
        err.flush();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            err.printf("demo: broker ready on %s in %d ms%n", broker.bootstrapServers(), broker.startupTime().toMillis());
            Map<String, String> settings = new HashMap<>(DEMO_SETTINGS);
            settings.put("kafka.bootstrap.servers", broker.bootstrapServers());
            settings.put("kafka.state.dir", stateDir.toString());
            settings.put("http.port", Integer.toString(dashboardPort()));
            TlswatchConfig config = TlswatchConfig.of(settings);
            TopicNames topics = config.topics();
            try (ServedPipeline served = ServedPipeline.start(config, registry);
                    AlertPrinter alerts = new AlertPrinter(broker.bootstrapServers(), topics.alerts(), out)) {
                Pipeline pipeline = served.pipeline();
                if (!pipeline.awaitRunning(Duration.ofSeconds(90))) {
                    throw new IllegalStateException("the pipeline did not start: " + pipeline.state());
                }
                err.printf("demo: dashboard on %s%n", served.web().url());
                alerts.start();
                err.printf("demo: pipeline running; simulating %s%n",
                        runFor == null ? "until Ctrl-C" : "for " + runFor.toSeconds() + " s");
                err.flush();
                long produced = simulate(broker.bootstrapServers(), topics, runFor, stop, pipeline, registry, err);
                // before the counts and the stop: everything produced has gone through, alerts printed
                String unsettled = DemoSettling.await(broker.bootstrapServers(), config, pipeline, registry, produced,
                        alerts, stop);
                if (unsettled != null) {
                    err.printf("demo: stopping without waiting for %s%n", unsettled);
                }
                if (pipeline.failure() != null) {
                    err.printf("demo: the pipeline failed: %s%n", pipeline.failure());
                    err.flush();
                    return 1;
                }
                err.printf("demo: done. %d records produced; %s; %d alerts printed%n", produced,
                        Counts.describe(registry), alerts.printed());
                err.flush();
            }
        } finally {
            deleteQuietly(stateDir);
            ctrlC.close();
        }
        return 0;
    }

    /**
     * Produces one simulated second of the demo scenario ({@code config/scenarios/demo.yaml}: log lines, poller
     * documents, packet summaries) per wall-clock second until the time is up.
     */
    private long simulate(String bootstrap, TopicNames topics, Duration runFor, CountDownLatch stop, Pipeline pipeline,
            MeterRegistry registry, PrintWriter err) throws InterruptedException {
        long start = System.currentTimeMillis() / 1000 * 1000;
        long end = runFor == null ? Long.MAX_VALUE : start + runFor.toMillis();
        Scenario demo = ScenarioFile.demo();
        FleetSimulator fleet = new FleetSimulator((seed == null ? demo : demo.withSeed(seed)).settings(start));
        long produced = 0;
        Map<String, Object> client = Map.of("bootstrap.servers", bootstrap);
        try (LogLineProducer producer = new LogLineProducer(client, topics.logs());
                PacketSummaryProducer packets = new PacketSummaryProducer(client, topics.packets())) {
            for (long second = start; second < end; second += 1000) {
                SimulatedSecond simulated = fleet.second(second);
                for (TimedLine line : simulated.lines()) {
                    producer.send(line.line(), second);
                    produced++;
                }
                for (TimedPacket p : simulated.packets()) {
                    // a connection may end after this second: never stamp ahead of the clock
                    packets.send(p.summary(), Math.min(p.timestampMs(), System.currentTimeMillis()));
                    produced++;
                }
                if (second == start + 5_000) {
                    // one undecodable record, to show the dead-letter path
                    producer.sendBytes(new byte[] {(byte) 0xde, (byte) 0xad, 0x00, (byte) 0xbe, (byte) 0xef}, second);
                    produced++;
                }
                producer.flush();
                packets.flush();
                if ((second - start) % 15_000 == 0 && second > start) {
                    err.printf("demo: t+%ds %s%n", (second - start) / 1000, Counts.describe(registry));
                    err.flush();
                }
                long sleep = second + 1000 - System.currentTimeMillis();
                if (stop.await(Math.max(0, sleep), TimeUnit.MILLISECONDS) || pipeline.failure() != null) {
                    break;
                }
            }
        }
        return produced;
    }

    /** The usual port (9464) when free, else any free one: a demo must start beside a running tlswatch. */
    static int dashboardPort() {
        try (ServerSocket probe = new ServerSocket(9464, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is not worth failing the demo for
        }
    }

    /** Reads {@code tlswatch.alerts} and prints one {@code ALERT} line per lifecycle event. */
    static final class AlertPrinter implements AutoCloseable {
        private final KafkaConsumer<String, AlertEvent> consumer;
        private final String topic;
        private final PrintWriter out;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong printed = new AtomicLong();
        /** Where the printer stands in each partition, after its last poll: what it has printed comes before. */
        private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
        private final Thread thread;

        AlertPrinter(String bootstrap, String topic, PrintWriter out) {
            Map<String, Object> props = Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "tlswatch-demo-alert-printer",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), JsonSerde.of(AlertEvent.class).deserializer());
            this.topic = topic;
            this.out = out;
            this.thread = new Thread(this::loop, "tlswatch-demo-alerts");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        long printed() {
            return printed.get();
        }

        private void loop() {
            consumer.subscribe(List.of(topic));
            while (running.get()) {
                for (ConsumerRecord<String, AlertEvent> r : consumer.poll(Duration.ofMillis(200))) {
                    out.println(format(r.value()));
                    out.flush();
                    printed.incrementAndGet();
                }
                for (TopicPartition tp : consumer.assignment()) {
                    positions.put(tp, consumer.position(tp));
                }
            }
            consumer.close();
        }

        /** Whether every alert before {@code ends} (per partition) has been printed. */
        boolean caughtUp(Map<TopicPartition, Long> ends) {
            return ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                    || positions.getOrDefault(e.getKey(), 0L) >= e.getValue());
        }

        static String format(AlertEvent a) {
            return String.format("ALERT %-8s %s  %s  [hint: %s]", a.status(), a.dedupKey(), a.payload().summary(),
                    a.annotations().get("hint"));
        }

        @Override
        public void close() {
            running.set(false);
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
