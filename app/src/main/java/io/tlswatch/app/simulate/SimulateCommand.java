package io.tlswatch.app.simulate;

import io.tlswatch.app.CtrlC;
import io.tlswatch.app.KafkaReachability;
import io.tlswatch.app.KafkaTargetOptions;
import io.tlswatch.app.Speed;
import io.tlswatch.ingest.simulator.FleetSimulator;
import io.tlswatch.ingest.simulator.GroundTruth;
import io.tlswatch.ingest.simulator.SimulatedSecond;
import io.tlswatch.ingest.simulator.SimulatorSettings;
import io.tlswatch.ingest.simulator.TimedLine;
import io.tlswatch.ingest.simulator.TimedPacket;
import io.tlswatch.ingest.simulator.scenario.Scenario;
import io.tlswatch.ingest.simulator.scenario.ScenarioException;
import io.tlswatch.ingest.simulator.scenario.ScenarioFile;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.schemas.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tlswatch simulate}: runs a scenario file ({@link ScenarioFile}) through the fleet simulator and writes
 * what the BIG-IPs and a capture in front of them would write — syslog lines and poller documents to
 * {@code f5.logs}, packet summaries to {@code f5.packets} — to Kafka, paced by {@code --speed}, or to files for
 * {@code tlswatch analyze}; and the ground truth, one JSON line per incident and VIP.
 */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Simulates a fleet of BIG-IPs from a scenario file (YAML: the fleet, its clients and traffic, incidents",
            "with start and end; see config/scenarios/) and writes its syslog lines and poller documents to the logs",
            "topic and its packet summaries to the packets topic, at the pace of --speed; or, with --out DIR, to",
            "files that `tlswatch analyze` reads. The ground truth (incident, VIP, error class, start, end) goes to",
            "standard output as JSON lines (with --out: DIR/ground-truth.jsonl). Progress goes to standard error.",
            "",
            "Live runs are stamped with the present: at --speed 10x a 10-minute scenario starts 9 minutes ago and",
            "catches up with the clock as it ends, never stamped ahead of it.",
            "",
            "Exit codes: 0 done, 1 Kafka or a file failed, 2 usage (a bad scenario file included), 130 Ctrl-C."
        },
        footer = {"", "Examples:",
            "  tlswatch simulate --scenario config/scenarios/demo.yaml -b localhost:9092",
            "  tlswatch simulate -s storm.yaml --speed max --seed 7 -c tlswatch.properties \\",
            "      > truth.jsonl",
            "  tlswatch simulate -s config/scenarios/incidents/sni-mismatch.yaml --out sim/",
            "  tlswatch analyze --year 2026 --logs sim/f5-logs.log \\",
            "      --packets sim/f5-packets.jsonl --out sim/analysis"})
public final class SimulateCommand implements Callable<Integer> {
    /** Live runs report every this many simulated seconds. */
    static final int PROGRESS_EVERY_S = 15;

    @Option(names = {"-s", "--scenario"}, paramLabel = "FILE", required = true, description = "scenario file (YAML)")
    Path scenarioFile;

    @Option(names = "--speed", paramLabel = "SPEED",
            description = "simulated time per wall-clock time: 1x (default), 10x, 0.5x, or max; with --out always max")
    String speed;

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION",
            description = "how much to simulate, e.g. 90s or 1h (default: the scenario's duration)")
    String duration;

    @Option(names = "--seed", paramLabel = "N", description = "seed of every random choice (default: the scenario's)")
    Long seed;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "write files into DIR instead of Kafka: " + FileSink.LOGS + ", " + FileSink.PACKETS + ", "
                    + FileSink.TRUTH)
    Path out;

    @Option(names = "--start", paramLabel = "INSTANT",
            description = "with --out: when the simulation starts, e.g. 2026-03-02T08:00:00Z (default: the scenario's "
                    + "start, else the current minute)")
    String start;

    @Option(names = "--force", description = "with --out: overwrite files that already hold data")
    boolean force;

    @CommandLine.Mixin
    KafkaTargetOptions where = new KafkaTargetOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        PrintWriter err = cli.getErr();
        Scenario scenario;
        try {
            scenario = ScenarioFile.read(scenarioFile);
        } catch (ScenarioException e) {
            throw new CommandLine.ParameterException(cli, e.problems().size() == 1 ? e.getMessage()
                    : "the scenario file has " + e.problems().size() + " problems:" + System.lineSeparator()
                            + String.join(System.lineSeparator(), e.problems().stream().map(p -> "  " + p).toList()));
        }
        if (seed != null) {
            scenario = scenario.withSeed(seed);
        }
        Duration length = scenario.duration();
        if (duration != null) {
            length = parseDuration(cli);
        }
        Speed pace = speed == null ? Speed.REAL_TIME : parseSpeed(cli);
        if (out == null && (start != null || force)) {
            throw new CommandLine.ParameterException(cli, (start != null ? "--start" : "--force")
                    + " goes with --out (a live run is stamped with the present)");
        }
        if (out != null && where.usesKafka()) {
            throw new CommandLine.ParameterException(cli, "--out writes files: --bootstrap-server, --config and --topic "
                    + "are for Kafka");
        }
        try (CtrlC ctrlC = new CtrlC("simulate")) {
            return out != null ? toFiles(scenario, length, cli, err, ctrlC.stopRequested())
                    : toKafka(scenario, length, pace, cli, err, ctrlC.stopRequested());
        }
    }

    private int toFiles(Scenario scenario, Duration length, CommandLine cli, PrintWriter err, CountDownLatch stop)
            throws IOException, InterruptedException {
        long startMs = startOfFiles(scenario, cli);
        prepare(cli);
        SimulatorSettings settings = scenario.settings(startMs);
        Counts counts;
        try (FileSink sink = new FileSink(out)) {
            counts = run(settings, startMs, length, Speed.MAX, sink, err, stop);
        }
        List<String> truth = GroundTruth.of(settings).stream().map(GroundTruth::toJson).toList();
        Files.write(out.resolve(FileSink.TRUTH), truth, StandardCharsets.UTF_8);
        err.printf(Locale.ROOT, "simulate: %s: %s of %s from %s: %d log records, %d packet summaries, %d ground-truth "
                        + "records in %s%n", scenario.name(), Durations.format(counts.simulated()),
                describe(settings), Instant.ofEpochMilli(startMs), counts.lines(), counts.packets(), truth.size(), out);
        err.printf(Locale.ROOT, "simulate: to analyze: tlswatch analyze --year %d --timezone UTC --logs %s --packets %s "
                        + "--out %s%n", Instant.ofEpochMilli(startMs).atZone(ZoneOffset.UTC).getYear(),
                out.resolve(FileSink.LOGS), out.resolve(FileSink.PACKETS), out.resolve("analysis"));
        err.flush();
        return counts.stopped() ? 130 : 0;
    }

    private int toKafka(Scenario scenario, Duration length, Speed pace, CommandLine cli, PrintWriter err,
            CountDownLatch stop) throws IOException, InterruptedException {
        if (where.topic(null) != null) {
            throw new CommandLine.ParameterException(cli, "--topic: simulate writes two topics; set topics.logs and "
                    + "topics.packets in the config instead");
        }
        TlswatchConfig config = where.settings(cli);
        Map<String, Object> client = where.client(config, "tlswatch-simulate", " (or --out DIR to write files)", cli);
        String unreachable = KafkaReachability.check(client, config);
        if (unreachable != null) {
            err.println("tlswatch: " + unreachable);
            err.flush();
            return 1;
        }
        long startMs = pace.liveStartMs(System.currentTimeMillis(), length.toMillis());
        SimulatorSettings settings = scenario.settings(startMs);
        PrintWriter stdout = cli.getOut();
        // the truth first: a reader sees what to expect before the incidents happen
        GroundTruth.of(settings).forEach(t -> stdout.println(t.toJson()));
        stdout.flush();
        err.printf(Locale.ROOT, "simulate: %s: %s of %s at %s to %s and %s%n", scenario.name(), Durations.format(length),
                describe(settings), pace, config.topics().logs(), config.topics().packets());
        err.flush();
        Counts counts;
        try (KafkaSink sink = new KafkaSink(client, config.topics().logs(), config.topics().packets())) {
            counts = run(settings, startMs, length, pace, sink, err, stop);
        }
        err.printf(Locale.ROOT, "simulate: done: %s simulated, %d log records and %d packet summaries acknowledged%n",
                Durations.format(counts.simulated()), counts.lines(), counts.packets());
        err.flush();
        return counts.stopped() ? 130 : 0;
    }

    /** What a run wrote; {@code stopped} when Ctrl-C ended it early. */
    record Counts(long lines, long packets, Duration simulated, boolean stopped) {}

    /** Second by second from {@code startMs}, each sent once the wall clock has reached its end at {@code pace}. */
    static Counts run(SimulatorSettings settings, long startMs, Duration length, Speed pace, Sink sink, PrintWriter err,
            CountDownLatch stop) throws IOException, InterruptedException {
        FleetSimulator fleet = new FleetSimulator(settings);
        long endMs = startMs + length.toMillis();
        long wallStart = System.currentTimeMillis();
        long lines = 0;
        long packets = 0;
        long second = startMs;
        for (; second < endMs; second += 1_000) {
            long due = wallStart + pace.wallMs(second + 1_000 - startMs);
            long wait = due - System.currentTimeMillis();
            if (stop.await(pace.isMax() ? 0 : Math.max(0, wait), TimeUnit.MILLISECONDS)) {
                break;
            }
            SimulatedSecond s = fleet.second(second);
            for (TimedLine line : s.lines()) {
                sink.line(line);
                lines++;
            }
            for (TimedPacket packet : s.packets()) {
                sink.packet(packet);
                packets++;
            }
            long elapsed = (second + 1_000 - startMs) / 1_000;
            if (!pace.isMax() && elapsed % PROGRESS_EVERY_S == 0) {
                sink.flush();
                err.printf(Locale.ROOT, "simulate: t+%ds: %d log records, %d packet summaries%n", elapsed, lines,
                        packets);
                err.flush();
            }
        }
        sink.flush();
        return new Counts(lines, packets, Duration.ofMillis(Math.min(second, endMs) - startMs), second < endMs);
    }

    private long startOfFiles(Scenario scenario, CommandLine cli) {
        if (start != null) {
            try {
                return Instant.parse(start).toEpochMilli() / 1_000 * 1_000;
            } catch (DateTimeParseException e) {
                throw new CommandLine.ParameterException(cli, "--start: expected an ISO-8601 instant such as "
                        + "2026-03-02T08:00:00Z, got '" + start + "'");
            }
        }
        if (scenario.start() != null) {
            return scenario.start().toEpochMilli() / 1_000 * 1_000;
        }
        return System.currentTimeMillis() / 60_000 * 60_000;
    }

    private void prepare(CommandLine cli) throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new CommandLine.ParameterException(cli, "--out " + out + " is not a directory");
        }
        Files.createDirectories(out);
        List<String> taken = new ArrayList<>();
        for (String name : List.of(FileSink.LOGS, FileSink.PACKETS, FileSink.TRUTH)) {
            Path file = out.resolve(name);
            if (Files.exists(file) && (!Files.isRegularFile(file) || Files.size(file) > 0)) {
                taken.add(name);
            }
        }
        if (!taken.isEmpty() && !force) {
            throw new CommandLine.ParameterException(cli, "--out " + out + " already holds " + String.join(", ", taken)
                    + "; choose another directory or add --force to overwrite");
        }
    }

    private Duration parseDuration(CommandLine cli) {
        try {
            return Durations.parsePositive(duration);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, "--duration: " + e.getMessage());
        }
    }

    private Speed parseSpeed(CommandLine cli) {
        try {
            return Speed.parse(speed);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        }
    }

    /** {@code 2 BIG-IPs x 4 VIPs, 1 incident (8 VIPs affected: 1), packets and poller}. */
    private static String describe(SimulatorSettings s) {
        // a flapping incident is several phases but one ground-truth record: count the records
        return String.format(Locale.ROOT, "%d BIG-IPs x %d VIPs, %d incident record(s)%s, %s", s.observers().size(),
                s.vipsPerObserver(), GroundTruth.of(s).size(),
                s.scanners().isEmpty() ? "" : ", " + s.scanners().size() + " scanner(s)",
                (s.packets() ? "packets" : "no packets") + (s.pollerIntervalSeconds() > 0 ? ", poller every "
                        + s.pollerIntervalSeconds() + "s" : ", no poller"));
    }
}
