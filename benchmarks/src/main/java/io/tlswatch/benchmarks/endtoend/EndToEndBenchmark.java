package io.tlswatch.benchmarks.endtoend;

import io.tlswatch.app.broker.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The end-to-end benchmark (issue 12): one embedded broker, one pre-produced realistic input, and in the same run
 * (a) a pass-through exactly-once Streams app and (b) {@code tlswatch run}, each in its own JVM with the same heap,
 * each with its own application id reading the input from the beginning; then (c) tlswatch's alert latency
 * under live load and (d) heap and state-store size. Prints a table and writes it to the run's directory.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.tlswatch.benchmarks.endtoend.EndToEndBenchmark --records 200000</pre>
 */
public final class EndToEndBenchmark {
    static final String PASS_THROUGH_OUTPUT = "bench.passthrough.out";
    private static final String TLSWATCH_MAIN = "io.tlswatch.app.TlswatchCommand";

    private final BenchOptions options;
    private final Path runDir;
    private final String commandLine;
    /** Problems that may bias the figures, for the table. */
    private final List<String> warnings = new ArrayList<>();

    private EndToEndBenchmark(BenchOptions options, Path runDir, String commandLine) {
        this.options = options;
        this.runDir = runDir;
        this.commandLine = commandLine;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = new BenchOptions();
        CommandLine cli = new CommandLine(options);
        try {
            cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            System.err.println(e.getMessage());
            cli.usage(System.err);
            System.exit(2);
        }
        if (cli.isUsageHelpRequested() || cli.isVersionHelpRequested()) {
            cli.usage(System.out);
            return;
        }
        if (options.problem() != null) {
            System.err.println("e2e: " + options.problem());
            System.exit(2);
        }
        Path base = options.out != null ? options.out : defaultOut();
        Path runDir = base.resolve(LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(runDir);
        // broker and client logs go to the run's directory, not the terminal (e2e-log4j2.xml)
        System.setProperty("e2e.dir", runDir.toString());
        System.setProperty("log4j2.configurationFile", "e2e-log4j2.xml");
        String report;
        try {
            report = new EndToEndBenchmark(options, runDir, String.join(" ", args)).run();
        } catch (IllegalStateException | UncheckedIOException e) {
            // a missing capture folder, a child that died, a timeout: one line; details are in the run directory
            System.err.println("e2e: " + e.getMessage() + " (logs in " + runDir + ")");
            System.exit(1);
            return;
        }
        System.out.println();
        System.out.println(report);
        Files.writeString(runDir.resolve("table.md"), report);
        Files.writeString(base.resolve("latest.md"), report);
        System.out.println("written to " + runDir.resolve("table.md"));
    }

    private String run() throws Exception {
        Path pcaps = options.pcapDir != null ? options.pcapDir : sharedData().resolve("tls").resolve("pcap");
        PacketTemplates templates = PacketTemplates.read(pcaps);
        say("%d connections (%d summaries) read from %s", templates.size(), templates.summaryCount(), pcaps);
        Workload workload = new Workload(options, templates);
        // a deleted topic's files go at once, not a minute later (the broker's default): rounds do not share the disk
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedKafkaBroker.Options.defaults()
                .withPartitions(options.partitions).withBrokerProperty("log.segment.delete.delay.ms", "0"))) {
            // Ctrl-C or SIGTERM: the children first (they use the broker), then the broker and its gigabytes of data
            Runnable closeBroker = broker::close; // idempotent: the try's own close does nothing after it
            Thread cleanup = new Thread(() -> {
                ChildJvm.stopAll();
                closeBroker.run();
            }, "stop-benchmark");
            Runtime.getRuntime().addShutdownHook(cleanup);
            try {
                return measure(broker, workload);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(cleanup);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it stops what is left
                }
            }
        }
    }

    private String measure(EmbeddedKafkaBroker broker, Workload workload) throws Exception {
        String loadBefore = Machine.loadAverage();
        String bootstrap = broker.bootstrapServers();
        broker.createTopics(options.partitions, Workload.LOGS, Workload.PACKETS);
        say("broker at %s (data in %s)", bootstrap, broker.dataDir());

        // the backlog spans the time the fleet needs to write it, ending about now
        long spanMs = (long) (options.records / workload.recordsPerSecond() * 1000);
        long start = (System.currentTimeMillis() - spanMs) / 1_000 * 1_000;
        InputFeed backlog = workload.backlog(spanMs);
        FeedProducer.Composition composition;
        double produceSeconds;
        long nextConnection;
        try (FeedProducer producer = new FeedProducer(bootstrap, "bench-backlog")) {
            long t0 = System.nanoTime();
            long sent = 0;
            for (long second = start; sent < options.records; second += 1_000) {
                for (InputFeed.Out o : backlog.second(second)) {
                    if (sent++ >= options.records) {
                        break;
                    }
                    producer.send(o, null);
                }
            }
            producer.flush();
            produceSeconds = (System.nanoTime() - t0) / 1e9;
            composition = producer.sent();
            nextConnection = backlog.nextConnection();
        }
        say("pre-produced %s in %.1f s", composition, produceSeconds);

        List<String> inputs = List.of(Workload.LOGS, Workload.PACKETS);
        Path logDir = broker.logDir();
        ResultTable table = new ResultTable(commandLine, composition, spanMs, loadBefore);
        table.heap(options.heap);
        List<ResultTable.AppRun> passThroughRuns = new ArrayList<>();
        List<ResultTable.AppRun> tlswatchRuns = new ArrayList<>();
        try (GroupProgress progress = new GroupProgress(bootstrap, inputs)) {
            // alternate, so that a change in the machine's load hits both alike
            for (int round = 1; round <= options.rounds; round++) {
                if (!options.skipPassThrough) {
                    broker.createTopics(options.partitions, PASS_THROUGH_OUTPUT + "-" + round);
                    passThroughRuns.add(passThrough(bootstrap, logDir, inputs, progress, round));
                }
                tlswatchRuns.add(tlswatch(bootstrap, logDir, progress, workload, nextConnection, table, round,
                        round == options.rounds && !options.skipLatency));
            }
        }
        table.passThrough(passThroughRuns);
        table.tlswatch(tlswatchRuns);
        table.loadAfter(Machine.loadAverage());
        table.warnings(warnings);
        return table.render();
    }

    private ResultTable.AppRun passThrough(String bootstrap, Path logDir, List<String> inputs, GroupProgress progress,
            int round) throws Exception {
        Path dir = runDir.resolve("passthrough-" + round);
        Path state = dir.resolve("state");
        String appId = "bench-passthrough-" + round;
        say("(a) pass-through, round %d: starting its JVM (-Xmx%s)", round, options.heap);
        ChildJvm child = ChildJvm.launch(dir, options.heap, System.getProperty("java.class.path"),
                options.passThroughJvmOptions(), PassThroughApp.class.getName(),
                passThroughArguments(bootstrap, appId, inputs, round, state));
        try {
            GroupProgress.Result result = await(progress, appId, child);
            say("(a) pass-through: %,d records in %.1f s = %,.0f records/s", result.records(), result.seconds(),
                    result.recordsPerSecond());
            Predicate<String> owned = t -> t.startsWith(appId + "-") || t.equals(PASS_THROUGH_OUTPUT + "-" + round);
            writeBrokerWrites(dir, "What (a) round " + round + " wrote to the broker", bootstrap, logDir, owned,
                    result.records());
            child.close();
            dropTopics(bootstrap, owned, "(a)", round);
            return new ResultTable.AppRun(result, GcLog.read(child.gcLog()), Machine.du(state), null);
        } finally {
            child.close();
        }
    }

    /**
     * Deletes what a finished round wrote (see {@link BrokerWrites#drop}); a failure does not stop the run, but the
     * table says so: the next rounds share the disk with what is left.
     */
    private void dropTopics(String bootstrap, Predicate<String> owned, String app, int round) {
        try {
            say("%s round %d over: deleted its %d topics", app, round, BrokerWrites.drop(bootstrap, owned));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String warning = String.format(Locale.ROOT, "%s round %d: could not delete its topics (%s); the rounds"
                    + " after it shared the broker's disk with them", app, round, e);
            warnings.add(warning);
            say("%s", warning);
        }
    }

    /** {@code broker-writes.md} in {@code dir}; a diagnostic, so a failure to read it costs a line, not the run. */
    private static String writeBrokerWrites(Path dir, String title, String bootstrap, Path logDir,
            Predicate<String> owned, long inputRecords) throws IOException {
        String writes;
        try {
            writes = BrokerWrites.render(title, BrokerWrites.of(bootstrap, logDir, owned), inputRecords);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            writes = "#### " + title + "\n\nnot measured: " + e + "\n";
        }
        Files.writeString(dir.resolve("broker-writes.md"), writes);
        return writes;
    }

    private List<String> passThroughArguments(String bootstrap, String appId, List<String> inputs, int round,
            Path state) {
        List<String> args = new ArrayList<>(List.of(bootstrap, appId, String.join(",", inputs),
                PASS_THROUGH_OUTPUT + "-" + round, state.toString()));
        options.passThroughProperties.forEach((k, v) -> args.add(k + "=" + v));
        return args;
    }

    private ResultTable.AppRun tlswatch(String bootstrap, Path logDir, GroupProgress progress, Workload workload,
            long nextConnection, ResultTable table, int round, boolean measureLatency) throws Exception {
        Path dir = runDir.resolve("tlswatch-" + round);
        Path state = dir.resolve("state");
        Files.createDirectories(dir);
        String appId = "bench-tlswatch-" + round;
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        settings.put("application.id", appId);
        settings.put("kafka.bootstrap.servers", bootstrap);
        settings.put("kafka.state.dir", state.toString());
        settings.put("topics.partitions", Integer.toString(options.partitions));
        settings.put("topics.replication", "1");
        settings.put("syslog.timezone", "UTC");
        settings.put("http.port", Integer.toString(freePort()));
        // each round has its own topics but the input: a later round starts from an empty inventory and change
        // history, like the first, and all of them are deleted when the round is over
        for (String topic : List.of("inventory", "handshakes", "attempts", "rates", "alerts", "dlq", "changes", "probes",
                "netskope")) {
            settings.put("topics." + topic, "tlswatch." + topic + "-" + round);
        }
        settings.putAll(options.tlswatchProperties);
        Path props = dir.resolve("tlswatch.properties");
        StringBuilder text = new StringBuilder("# written by EndToEndBenchmark\n");
        settings.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(props, text);
        String classpath = options.tlswatchClasspath != null ? options.tlswatchClasspath
                : System.getProperty("java.class.path");
        say("(b) tlswatch run, round %d: starting its JVM (-Xmx%s, class path %s)", round, options.heap, classpath);
        ChildJvm child = ChildJvm.launch(dir, options.heap, classpath, options.tlswatchJvmOptions(), TLSWATCH_MAIN,
                List.of("run", "-c", props.toString()));
        try {
            GroupProgress.Result result = await(progress, appId, child);
            say("(b) tlswatch: %,d records in %.1f s = %,.0f records/s", result.records(), result.seconds(),
                    result.recordsPerSecond());
            long stateAfterBacklog = Machine.du(state);
            String suffix = "-" + round;
            Predicate<String> owned = t -> t.startsWith(appId + "-") || t.startsWith("tlswatch.") && t.endsWith(suffix);
            String writes = writeBrokerWrites(dir, "What (b) round " + round + " wrote to the broker for the backlog",
                    bootstrap, logDir, owned, result.records());
            say("(b) wrote to the broker (also in %s):%n%s", dir.resolve("broker-writes.md"), writes);
            LiveIncident.Result latency = null;
            if (measureLatency) {
                double rate = options.liveRate(result.recordsPerSecond());
                InputFeed live = workload.live(rate, nextConnection);
                LiveIncident.Schedule schedule = new LiveIncident.Schedule(System.currentTimeMillis() + 1_000,
                        Duration.ofSeconds(options.warmupSeconds), (long) (rate * options.maxOnsetLagSeconds),
                        Duration.ofSeconds(options.maxExtraWaitSeconds), Duration.ofSeconds(options.latencyTimeoutSeconds));
                say("(c) live load %,.0f records/s; incident (%s, %s failed handshakes/s) after %d s, once the input lag"
                        + " is below %.1f s of load", rate, workload.incident(0, 1).kind(), options.incidentRate,
                        options.warmupSeconds, options.maxOnsetLagSeconds);
                try (FeedProducer producer = new FeedProducer(bootstrap, "bench-live")) {
                    latency = LiveIncident.run(bootstrap, settings.get("topics.alerts"), producer, live, schedule,
                            workload::incidentOnly, workload.expectedAlert(minFailures()), () -> progress.lag(appId));
                }
                if (latency.fired()) {
                    say("(c) FIRING %s %.2f s after onset", latency.dedupKey(), latency.latencySeconds());
                } else {
                    say("(c) no FIRING within %d s of onset", options.latencyTimeoutSeconds);
                }
                if (!child.alive()) {
                    throw new IllegalStateException("tlswatch stopped during the live phase; see " + child.stderr());
                }
            }
            if (latency != null) {
                table.latency(latency);
            }
            // after a clean close: the stores flushed and checkpointed, no compaction running
            child.close();
            dropTopics(bootstrap, owned, "(b)", round);
            return new ResultTable.AppRun(result, GcLog.read(child.gcLog()), Machine.du(state), stateAfterBacklog);
        } finally {
            child.close();
        }
    }

    /** Waits for {@code child} to drain the input; a child that stopped early is named with its last words. */
    private GroupProgress.Result await(GroupProgress progress, String appId, ChildJvm child)
            throws InterruptedException {
        try {
            return progress.await(appId, child.launchedMs(), Duration.ofSeconds(options.drainTimeoutSeconds),
                    child::alive);
        } catch (IllegalStateException e) {
            String said = child.alive() ? "" : child.lastWords();
            throw said.isEmpty() ? e : new IllegalStateException(e.getMessage() + "; it said: " + said, e);
        }
    }

    /** The server-side classes' minimum (alerts.server.min.failures), as configured for this run. */
    private int minFailures() {
        return Integer.parseInt(options.tlswatchProperties.getOrDefault("alerts.server.min.failures", "5"));
    }

    private static void say(String format, Object... args) {
        System.out.printf(Locale.ROOT, "%tT " + format + "%n",
                Stream.concat(Stream.of(System.currentTimeMillis()), Stream.of(args)).toArray());
    }

    private static Path defaultOut() {
        try {
            Path jar = Path.of(EndToEndBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // benchmarks/target/benchmarks.jar -> benchmarks/target/e2e; target/classes -> target/e2e
            return jar.getParent().resolve("e2e");
        } catch (Exception e) {
            return Path.of("target", "e2e");
        }
    }

    static Path sharedData() {
        String override = System.getenv("TLSWATCH_SHARED_DATA");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate.resolve("tls"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/data not found above the working directory: pass --pcap-dir"
                + " or set TLSWATCH_SHARED_DATA");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
