package io.tlswatch.app.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tlswatch.app.CapturePoint;
import io.tlswatch.app.TerminalText;
import io.tlswatch.app.broker.EmbeddedKafkaBroker;
import io.tlswatch.app.inventory.InventoryWriter;
import io.tlswatch.app.run.Pipeline;
import io.tlswatch.ingest.pcap.CaptureHost;
import io.tlswatch.ingest.pcap.CaptureSettings;
import io.tlswatch.ingest.pcap.PacketSummaryProducer;
import io.tlswatch.ingest.inventory.VipCsv;
import io.tlswatch.ingest.kafka.SendAccount;
import io.tlswatch.ingest.replay.LogLineProducer;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.processors.decode.LogDecoder;
import io.tlswatch.processors.topology.TlswatchTopology;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.PacketSummary;
import io.tlswatch.schemas.TopicNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * One after-the-fact analysis: an embedded broker, the real pipeline, the files produced into its input topics
 * with their own timestamps, a wait until the pipeline is done ({@link Quiescence}), then every output topic
 * written to a file ({@link TopicDump}). The broker and the state live in temporary directories removed at the
 * end, whatever happens.
 */
final class Analysis {
    /** Wall-clock waits of the joins: a replay produces a whole burst within milliseconds. */
    static final Duration JOIN_WAIT = Duration.ofSeconds(1);
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);
    /** Behind, with nothing moving for this long: the pipeline is stuck, say so rather than wait forever. */
    static final Duration STALL_AFTER = Duration.ofSeconds(60);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CHECK_EVERY = Duration.ofMillis(250);

    /**
     * What to analyse.
     *
     * @param logs     log files (a name ending in {@code .gz} is decompressed)
     * @param captures pcap / pcapng files
     * @param out      the output directory, already prepared ({@link OutputFiles#prepare})
     * @param config   rules, topic names, {@code syslog.timezone}, {@code syslog.year}; its {@code kafka.*}
     *                 settings are ignored (the analysis has its own broker)
     * @param observer capture point written into packet summaries
     * @param inventory virtual servers read from a CSV ({@code --inventory}), loaded before any input
     * @param packets  packet summaries as JSON lines ({@code --packets}; {@code tlswatch simulate --out} writes them)
     */
    record Request(List<Path> logs, List<Path> captures, Path out, TlswatchConfig config, String observer,
                   List<VipCsv.Row> inventory, List<Path> packets) {
        Request {
            logs = List.copyOf(logs);
            captures = List.copyOf(captures);
            packets = List.copyOf(packets);
            inventory = List.copyOf(inventory);
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(observer, "observer");
        }
    }

    /**
     * What came out.
     *
     * @param files       lines written per output file, in {@link OutputFiles#NAMES} order
     * @param failures    failed handshakes per error class
     * @param inputs      input records per result of the pipeline's account ({@code decoded}, {@code dropped_not_tls}...)
     * @param inputErrors files that could not be read, with why
     * @param stalled     the pipeline stopped making progress before it caught up: outputs may be incomplete
     */
    record Report(long lines, long summaries, Map<String, Long> files, Map<String, Long> failures,
                  Map<String, Long> inputs, List<String> inputErrors, boolean stalled, boolean interrupted,
                  Duration took, AlertTally alerts) {}

    /**
     * The alerts of the analysis: how many fired, and the dedup keys of those still firing when the input
     * ended (the files stop, the incident may not have).
     */
    record AlertTally(int fired, List<String> stillFiring) {
        static final AlertTally NONE = new AlertTally(0, List.of());
    }

    private final Request request;
    private final PrintWriter err;
    private final CountDownLatch stop;
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong summaries = new AtomicLong();
    private final List<String> inputErrors = new ArrayList<>();
    private volatile String phase = "starting";
    private volatile Quiescence.Offsets lastOffsets;

    /** @param stop counted down to abandon the analysis (Ctrl-C) */
    Analysis(Request request, PrintWriter err, CountDownLatch stop) {
        this.request = request;
        this.err = err;
        this.stop = stop;
    }

    /** The settings the pipeline runs with: the user's rules, with this analysis' broker, ids and short waits. */
    static TlswatchConfig pipelineConfig(TlswatchConfig user, String bootstrap, Path stateDir, String applicationId,
            boolean logsAndPackets) {
        Map<String, String> settings = new TreeMap<>();
        user.asMap().forEach((k, v) -> {
            if (!k.startsWith(TlswatchConfig.KAFKA_PREFIX)) {
                settings.put(k, v);
            }
        });
        settings.put("kafka.bootstrap.servers", bootstrap);
        settings.put("kafka.state.dir", stateDir.toString());
        settings.put("application.id", applicationId);
        // one partition per topic: each output file keeps the order in which the pipeline wrote
        settings.put("topics.partitions", "1");
        settings.put("topics.replication", "1");
        settings.put("topics.create", "true");
        settings.put("join.wait", JOIN_WAIT.toMillis() + "ms");
        settings.put("packets.wait", JOIN_WAIT.toMillis() + "ms");
        // the connection join waits for the later source: here both kinds of input are known up front
        settings.put("connections.wait", JOIN_WAIT.multipliedBy(3).toMillis() + "ms");
        settings.put("connections.expect", logsAndPackets ? "both" : "auto");
        // rates and alerts are evaluated after the pipeline, in time order (ADR 6): the joins emit per key, hours of
        // a replayed file late, and in an order the wall clock decides
        settings.put(TlswatchTopology.ANALYSIS_OUTCOMES_TOPIC, AnalysisAlerts.OUTCOMES_TOPIC);
        return TlswatchConfig.of(settings);
    }

    /** The broker of an analysis: one partition per topic, and nothing deleted for being old. */
    static EmbeddedKafkaBroker.Options brokerOptions() {
        return EmbeddedKafkaBroker.Options.defaults()
                .withPartitions(1)
                // a week-old file has week-old timestamps: neither refuse nor expire them
                .withBrokerProperty("log.retention.ms", "-1")
                .withBrokerProperty("log.message.timestamp.before.max.ms", Long.toString(Long.MAX_VALUE));
    }

    Report run() throws Exception {
        long started = System.nanoTime();
        Path stateDir = Files.createTempDirectory("tlswatch-analyze-state");
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tlswatch-analyze-progress");
            t.setDaemon(true);
            return t;
        });
        try {
            say("starting an embedded Kafka broker...");
            try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(brokerOptions())) {
                String applicationId = "tlswatch-analyze-" + UUID.randomUUID().toString().substring(0, 8);
                TlswatchConfig config = pipelineConfig(request.config(), broker.bootstrapServers(), stateDir, applicationId,
                        !request.logs().isEmpty()
                                && !(request.captures().isEmpty() && request.packets().isEmpty()));
                TopicNames topics = config.topics();
                Map<String, Object> client = Map.of("bootstrap.servers", broker.bootstrapServers());
                try (Pipeline pipeline = Pipeline.start(config, registry)) {
                    if (!pipeline.awaitRunning(Duration.ofSeconds(90))) {
                        throw new IllegalStateException("the pipeline did not start: " + pipeline.state());
                    }
                    List<String> outputs = List.of(topics.handshakes(), AnalysisAlerts.OUTCOMES_TOPIC, topics.dlq());
                    try (PipelineOffsets offsets = new PipelineOffsets(client, pipeline.applicationId(),
                            pipeline.sourceTopics(), outputs, ADMIN_TIMEOUT)) {
                        progress.scheduleAtFixedRate(() -> progress(offsets), PROGRESS_EVERY.toMillis(),
                                PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                        phase = "producing";
                        produce(client, topics, config);
                        if (stopped()) {
                            return report(Map.of(), Map.of(), false, true, started, AlertTally.NONE);
                        }
                        phase = "processing";
                        boolean stalled = awaitDone(pipeline, offsets, config);
                        if (stopped()) {
                            return report(Map.of(), Map.of(), stalled, true, started, AlertTally.NONE);
                        }
                        progress.shutdownNow();
                        phase = "writing";
                        Map<String, Long> failures = new TreeMap<>();
                        AlertLog alerts = new AlertLog();
                        Map<String, Long> files = dump(client, topics, failures, alerts);
                        return report(files, failures, stalled, false, started, alerts.tally());
                    }
                }
            }
        } finally {
            progress.shutdownNow();
            deleteQuietly(stateDir);
        }
    }

    private void produce(Map<String, Object> client, TopicNames topics, TlswatchConfig config) {
        if (!request.inventory().isEmpty()) {
            // first, so that the global table knows the VIPs before the first outcome needs them
            SendAccount inventory = InventoryWriter.write(request.inventory(), client, topics.inventory());
            say(inventory.acknowledged() + " virtual servers loaded into " + topics.inventory());
        }
        LogDecoder decoder = new LogDecoder(config.syslogZone(), System::currentTimeMillis,
                CapturePoint.fallback(config), Pipeline.syslogYear(config));
        // the captures are read side by side: together they hold what one capture may
        CaptureSettings capture = CaptureSource.share(
                CaptureSettings.defaults(request.observer()).withCaptureHost(CaptureHost.local()),
                request.captures().size());
        List<TimedSource> sources = new ArrayList<>();
        try (LogLineProducer logs = new LogLineProducer(client, topics.logs());
                PacketSummaryProducer packets = new PacketSummaryProducer(client, topics.packets())) {
            try {
                for (Path file : request.logs()) {
                    try {
                        sources.add(new LogFileSource(file, decoder, System::currentTimeMillis, (line, timeMs) -> {
                            logs.sendBytes(line, timeMs);
                            lines.incrementAndGet();
                        }));
                    } catch (IOException e) {
                        inputError(file, e.toString());
                    }
                }
                for (Path file : request.captures()) {
                    try {
                        sources.add(new CaptureSource(file, capture, System::currentTimeMillis, this::stopped,
                                (summary, timeMs) -> {
                                    packets.send(summary, timeMs);
                                    summaries.incrementAndGet();
                                }));
                    } catch (IOException e) {
                        inputError(file, e.toString());
                    }
                }
                for (Path file : request.packets()) {
                    try {
                        sources.add(new PacketFileSource(file, System::currentTimeMillis, (key, value, timeMs) -> {
                            packets.sendRaw(key, value, timeMs);
                            summaries.incrementAndGet();
                        }));
                    } catch (IOException e) {
                        inputError(file, e.toString());
                    }
                }
                // every file at once, oldest record first: one partition has one stream time (see Timeline)
                Timeline.drain(sources, this::stopped, (source, e) -> inputError(source.name(), messageOf(e)));
            } finally {
                for (TimedSource source : sources) {
                    try {
                        source.close();
                    } catch (IOException e) {
                        // the file was read; failing to close it changes nothing for the analysis
                    }
                }
            }
            logs.flush();
            packets.flush();
        }
    }

    /** An exception's own message when it has one worth reading (ours), else its whole text. */
    private static String messageOf(IOException e) {
        return e.getClass() == IOException.class && e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /**
     * A summary's record time is the time of its packets (see {@link EventTimes} for why), except where the
     * broker would refuse it (more than an hour ahead: a capture host with a wrong clock).
     */
    static long recordTime(PacketSummary summary, long nowMs) {
        long seen = summary.firstSeenMs();
        return seen < 0 || seen > nowMs + LogDecoder.MAX_FUTURE_MS - 60_000 ? nowMs : seen;
    }

    /** Polls offsets until {@link Quiescence} says done (false) or stalled (true). */
    private boolean awaitDone(Pipeline pipeline, PipelineOffsets offsets, TlswatchConfig config)
            throws InterruptedException {
        Quiescence quiescence = new Quiescence(
                Quiescence.quietFor(config.joinWait(), config.packetJoin().quiet(), config.connectionJoin().waitTime()),
                STALL_AFTER);
        while (!stop.await(CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
            if (pipeline.failure() != null) {
                throw new IllegalStateException("the pipeline failed: " + pipeline.failure(), pipeline.failure());
            }
            Quiescence.Offsets now = offsets.snapshot();
            lastOffsets = now;
            Quiescence.State state = quiescence.observe(now, System.currentTimeMillis());
            if (state == Quiescence.State.SETTLING) {
                phase = "settling (joins wait " + config.joinWait().toMillis() + " ms for late lines)";
            }
            if (state == Quiescence.State.DONE) {
                return false;
            }
            if (state == Quiescence.State.STALLED) {
                say("the pipeline made no progress for " + STALL_AFTER.toSeconds() + " s with " + now.lag()
                        + " records unread; writing what it produced");
                return true;
            }
        }
        return false;
    }

    private Map<String, Long> dump(Map<String, Object> client, TopicNames topics, Map<String, Long> failures,
            AlertLog alerts) throws IOException {
        TopicDump dump = new TopicDump(client, ADMIN_TIMEOUT.multipliedBy(4));
        Map<String, Long> files = new LinkedHashMap<>();
        Path out = request.out();
        files.put(OutputFiles.HANDSHAKES, dump.write(topics.handshakes(), out.resolve(OutputFiles.HANDSHAKES),
                value -> countFailure(value, failures)));
        AnalysisAlerts.Written written = AnalysisAlerts.write(dump, topics, request.config(),
                out.resolve(OutputFiles.RATES), out.resolve(OutputFiles.ALERTS), alerts::note);
        files.put(OutputFiles.RATES, written.rates());
        files.put(OutputFiles.ALERTS, written.alerts());
        files.put(OutputFiles.DLQ, dump.write(topics.dlq(), out.resolve(OutputFiles.DLQ), value -> { }));
        files.put(OutputFiles.ATTEMPTS, dump.write(topics.attempts(), out.resolve(OutputFiles.ATTEMPTS), value -> { }));
        return files;
    }

    /** Tallies an ECS record whose {@code event.outcome} is failure under its {@code tlswatch.error_class}. */
    static void countFailure(byte[] ecs, Map<String, Long> failures) {
        try {
            JsonNode doc = Json.MAPPER.readTree(ecs);
            if ("failure".equals(doc.path("event").path("outcome").asText())) {
                failures.merge(doc.path("tlswatch").path("error_class").asText("unclassified"), 1L, Long::sum);
            }
        } catch (IOException e) {
            failures.merge("unreadable_record", 1L, Long::sum);
        }
    }

    /**
     * The alerts as they are written out: firings counted, the latest status kept per dedup key (the alerts topic
     * has one partition in an analysis, so its order is the evaluator's).
     */
    static final class AlertLog {
        private final Map<String, String> latest = new TreeMap<>();
        private int fired;

        void note(byte[] alert) {
            try {
                JsonNode doc = Json.MAPPER.readTree(alert);
                String status = doc.path("status").asText();
                if ("FIRING".equals(status)) {
                    fired++;
                }
                latest.put(doc.path("dedup_key").asText(), status);
            } catch (IOException e) {
                // the file still holds it; the summary counts what it can read
            }
        }

        AlertTally tally() {
            return new AlertTally(fired, latest.entrySet().stream()
                    .filter(e -> !"RESOLVED".equals(e.getValue())).map(Map.Entry::getKey).toList());
        }
    }

    private void progress(PipelineOffsets offsets) {
        try {
            Quiescence.Offsets now = "producing".equals(phase) ? offsets.snapshot() : lastOffsets;
            String pipeline = now == null ? "" : String.format(Locale.ROOT, "; %d unread by the pipeline, %d output "
                    + "offsets", now.lag(), now.outputs());
            say(String.format(Locale.ROOT, "%s: %d log lines, %d packet summaries produced; %d records processed%s",
                    phase, lines.get(), summaries.get(), processed(), pipeline));
        } catch (RuntimeException e) {
            // progress is best effort; the main thread reports real failures
        }
    }

    private long processed() {
        return (long) registry.find("tlswatch_input_records_total").counters().stream().mapToDouble(Counter::count).sum();
    }

    private Report report(Map<String, Long> files, Map<String, Long> failures, boolean stalled, boolean interrupted,
            long startedNanos, AlertTally alerts) {
        Map<String, Long> inputs = new TreeMap<>();
        registry.find("tlswatch_input_records_total").counters().forEach(c -> {
            String result = c.getId().getTag("result");
            inputs.merge(result == null ? "unknown" : result, (long) c.count(), Long::sum);
        });
        inputs.values().removeIf(n -> n == 0);
        return new Report(lines.get(), summaries.get(), files, failures, inputs, List.copyOf(inputErrors), stalled,
                interrupted, Duration.ofNanos(System.nanoTime() - startedNanos), alerts);
    }

    private void inputError(Path file, String why) {
        inputError(file.toString(), why);
    }

    private synchronized void inputError(String file, String why) {
        inputErrors.add(file + ": " + why);
        say("cannot read " + file + ": " + why);
    }

    private boolean stopped() {
        return stop.getCount() == 0;
    }

    private void say(String line) {
        synchronized (err) {
            err.println("analyze: " + TerminalText.safe(line)); // may quote a log line or a file name
            err.flush();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing the analysis for
        }
    }
}
