package io.tlswatch.app.analyze;

import io.tlswatch.app.CapturePoint;
import io.tlswatch.app.CommandSettings;
import io.tlswatch.app.CtrlC;
import io.tlswatch.ingest.inventory.VipCsv;
import io.tlswatch.processors.TlswatchConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tlswatch analyze}: the production pipeline over files, after the fact. The orchestration lives in
 * {@link Analysis}; this class reads the command line, checks the inputs, and prints the summary.
 */
@Command(
        name = "analyze",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the tlswatch pipeline on an embedded Kafka broker over log files and packet captures, and",
            "writes each output topic into DIR as JSON lines: handshakes.jsonl (ECS), rates.jsonl, alerts.jsonl,",
            "dlq.jsonl. Records keep the time the BIG-IP wrote them, so windows and alerts follow the incident's",
            "own timeline. Progress and a summary go to standard error.",
            "",
            "Exit codes: 0 done, 1 an input file cannot be read, 2 usage."
        },
        footer = {"", "Examples:",
            "  tlswatch analyze --year 2025 --timezone Europe/Paris --logs ltm.2.gz ltm.1 \\",
            "      --pcap vip443.pcapng --observer bigip-01 --out incident-1234/",
            "  tlswatch analyze -c tlswatch.properties --logs ltm --out incident/ --force"})
public final class AnalyzeCommand implements Callable<Integer> {

    @Option(names = "--logs", paramLabel = "FILE", arity = "1..*",
            description = "F5 log files (syslog, Telemetry Streaming JSON lines; .gz read as such)")
    List<Path> logs = new ArrayList<>();

    @Option(names = "--pcap", paramLabel = "FILE", arity = "1..*", description = "pcap or pcapng captures")
    List<Path> captures = new ArrayList<>();

    @Option(names = "--packets", paramLabel = "FILE", arity = "1..*",
            description = "packet summaries, one JSON object per line (as on f5.packets; `tlswatch simulate --out` "
                    + "writes them)")
    List<Path> packetFiles = new ArrayList<>();

    @Option(names = "--inventory", paramLabel = "CSV", description = "virtual servers (CSV, as `tlswatch inventory load` reads)")
    Path inventory;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true,
            description = "output directory (created if missing)")
    Path out;

    @Option(names = "--force", description = "overwrite output files that already hold data")
    boolean force;

    @Option(names = "--year", paramLabel = "YEAR", defaultValue = "0",
            description = "year of syslog stamps, which carry none (default: the year closest to now)")
    int year;

    @Option(names = "--timezone", paramLabel = "ZONE",
            description = "zone of syslog stamps (default: syslog.timezone of the config, else UTC)")
    String timezone;

    @Option(names = "--observer", paramLabel = "NAME",
            description = "BIG-IP host name written into packet summaries, so packets join that host's log lines "
                    + "(default: the one BIG-IP the log files name; none: observer.default, else unknown)")
    String observer;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "tlswatch properties (alert rules, windows, topic names; kafka.* settings are ignored)")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        PrintWriter err = cli.getErr();
        if (logs.isEmpty() && captures.isEmpty() && packetFiles.isEmpty()) {
            throw new CommandLine.ParameterException(cli,
                    "nothing to analyze: give --logs FILE..., --pcap FILE... and/or --packets FILE...");
        }
        if (year < 0 || year > 9999) {
            throw new CommandLine.ParameterException(cli, "--year must be within 0..9999");
        }
        List<String> unreadable = new ArrayList<>();
        if (inventory != null && (!Files.isRegularFile(inventory) || !Files.isReadable(inventory))) {
            unreadable.add(inventory.toString());
        }
        for (Path file : concat(concat(logs, captures), packetFiles)) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                unreadable.add(file.toString());
            }
        }
        if (!unreadable.isEmpty()) {
            err.println("tlswatch: cannot read " + String.join(", ", unreadable));
            err.flush();
            return 1;
        }
        TlswatchConfig user = CommandSettings.load(config, cli);
        Map<String, String> overrides = new HashMap<>();
        if (timezone != null) {
            try {
                ZoneId.of(timezone);
            } catch (RuntimeException e) {
                throw new CommandLine.ParameterException(cli, "unknown time zone '" + timezone + "'");
            }
            overrides.put("syslog.timezone", timezone);
        }
        if (year > 0) {
            overrides.put("syslog.year", Integer.toString(year));
        }
        TlswatchConfig settings = CommandSettings.check(user.with(overrides), cli);
        try {
            OutputFiles.prepare(out, force);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        }

        String capturePoint = capturePoint(settings, cli, err);
        List<VipCsv.Row> vips = List.of();
        if (inventory != null) {
            VipCsv.Result csv = VipCsv.parse(Files.readString(inventory));
            csv.problems().forEach(p -> err.println("analyze: " + inventory + ": " + p));
            if (!csv.problems().isEmpty()) {
                err.println("analyze: fix the inventory CSV (tlswatch inventory load --dry-run shows what it reads)");
                err.flush();
                return 1;
            }
            vips = csv.rows();
        }
        Analysis.Request request = new Analysis.Request(logs, captures, out, settings, capturePoint, vips,
                packetFiles);
        Analysis.Report report = runWithCleanupOnCtrlC(request, err);
        err.println(summary(report, out));
        err.flush();
        if (report.interrupted()) {
            return 130;
        }
        return report.inputErrors().isEmpty() ? 0 : 1;
    }

    /**
     * The observer of the captures ({@link CapturePoint}): {@code --observer}, else the one BIG-IP the log files
     * name; when they name several, the captures could belong to any of them: a usage error.
     */
    private String capturePoint(TlswatchConfig settings, CommandLine cli, PrintWriter err) {
        if (observer != null || captures.isEmpty() || logs.isEmpty()) {
            return CapturePoint.of(observer, settings);
        }
        Set<String> hosts = LogHosts.scan(logs);
        if (hosts.size() > 1) {
            throw new CommandLine.ParameterException(cli, "the log files name more than one BIG-IP ("
                    + String.join(", ", hosts) + "...): give --observer NAME, the BIG-IP the captures "
                    + "were taken on, so that its packets and log lines meet");
        }
        if (hosts.isEmpty()) {
            return CapturePoint.fallback(settings);
        }
        String host = hosts.iterator().next();
        err.println("analyze: captures belong to " + host + ", the BIG-IP the log files name (--observer NAME to say "
                + "otherwise)");
        return host;
    }

    /** Ctrl-C asks the analysis to stop, then holds the JVM until the broker and temporary files are gone. */
    private static Analysis.Report runWithCleanupOnCtrlC(Analysis.Request request, PrintWriter err) throws Exception {
        try (CtrlC ctrlC = new CtrlC("analyze")) {
            return new Analysis(request, err, ctrlC.stopRequested()).run();
        }
    }

    /**
     * {@code analyze: done in 9.8 s: 48 log lines, 4 packet summaries; handshakes.jsonl 3, rates.jsonl 2,
     * alerts.jsonl 0, dlq.jsonl 0 in out/; failures: cert_expired 1, no_shared_cipher 2; alerts: 0 fired; inputs:
     * decoded 16, ...}.
     */
    /** Alerts still firing named in the summary line; the rest are counted. */
    static final int MAX_ALERTS_NAMED = 5;

    static String summary(Analysis.Report r, Path out) {
        if (r.interrupted()) {
            return "analyze: interrupted; nothing written";
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "analyze: %s in %.1f s: %d log lines, %d packet "
                        + "summaries; ", r.stalled() ? "INCOMPLETE (the pipeline stalled)" : "done",
                r.took().toMillis() / 1000.0, r.lines(), r.summaries()));
        sb.append(r.files().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "))).append(" in ").append(out);
        sb.append("; failures: ").append(r.failures().isEmpty() ? "none" : r.failures().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        Analysis.AlertTally alerts = r.alerts();
        sb.append("; alerts: ").append(alerts.fired()).append(" fired");
        List<String> firing = alerts.stillFiring();
        if (!firing.isEmpty()) {
            sb.append(", ").append(firing.size()).append(" still firing when the input ended (")
                    .append(String.join(", ", firing.subList(0, Math.min(firing.size(), MAX_ALERTS_NAMED))));
            if (firing.size() > MAX_ALERTS_NAMED) {
                sb.append(" and ").append(firing.size() - MAX_ALERTS_NAMED).append(" more: see alerts.jsonl");
            }
            sb.append(')');
        }
        sb.append("; inputs: ").append(r.inputs().isEmpty() ? "none (the files hold no record)"
                : r.inputs().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", ")));
        if (!r.inputErrors().isEmpty()) {
            sb.append("; unreadable: ").append(String.join("; ", r.inputErrors()));
        }
        return sb.toString();
    }

    private static List<Path> concat(List<Path> a, List<Path> b) {
        List<Path> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
