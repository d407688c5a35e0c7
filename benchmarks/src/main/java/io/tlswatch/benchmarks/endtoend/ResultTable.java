package io.tlswatch.benchmarks.endtoend;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The run's report: a Markdown table of (a) and (b) with the ratio, and the latency of (c). */
final class ResultTable {
    /** One application's figures: throughput, GC log, and state directory size (at the end; after the backlog). */
    record AppRun(GroupProgress.Result progress, GcLog gc, long stateBytes, Long stateBytesAfterBacklog) {}

    private final String commandLine;
    private final FeedProducer.Composition input;
    private final long spanMs;
    private final String loadBefore;
    private final Instant started = Instant.now();
    private String loadAfter = "unknown";
    private AppRun passThrough;
    private AppRun tlswatch;
    private List<AppRun> passThroughRuns = List.of();
    private List<AppRun> tlswatchRuns = List.of();
    private LiveIncident.Result latency;
    private String heap = "";
    private List<String> warnings = List.of();

    ResultTable(String commandLine, FeedProducer.Composition input, long spanMs, String loadBefore) {
        this.commandLine = commandLine;
        this.input = input;
        this.spanMs = spanMs;
        this.loadBefore = loadBefore;
    }

    /** The rounds of (a); the table shows the median round, by throughput. */
    void passThrough(List<AppRun> runs) {
        this.passThroughRuns = List.copyOf(runs);
        this.passThrough = median(runs);
    }

    void tlswatch(List<AppRun> runs) {
        this.tlswatchRuns = List.copyOf(runs);
        this.tlswatch = median(runs);
    }

    static AppRun median(List<AppRun> runs) {
        if (runs.isEmpty()) {
            return null;
        }
        List<AppRun> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(r -> r.progress().recordsPerSecond()));
        return sorted.get((sorted.size() - 1) / 2);
    }

    void latency(LiveIncident.Result result) {
        this.latency = result;
    }

    void loadAfter(String load) {
        this.loadAfter = load;
    }

    void heap(String xmx) {
        this.heap = xmx;
    }

    /** What went wrong around the measurement and may bias it (a round's topics left on the broker). */
    void warnings(List<String> lines) {
        this.warnings = List.copyOf(lines);
    }

    String render() {
        StringBuilder b = new StringBuilder();
        b.append("## End-to-end benchmark, ").append(started.truncatedTo(ChronoUnit.SECONDS)).append("\n\n");
        b.append("- command: `java -cp benchmarks/target/benchmarks.jar ")
                .append(EndToEndBenchmark.class.getName()).append(commandLine.isEmpty() ? "" : " " + commandLine)
                .append("`\n");
        b.append("- revision: ").append(Machine.gitRevision()).append("; ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores; load average (1/5/15 min) ")
                .append(loadBefore).append(" before, ").append(loadAfter).append(" after\n");
        b.append("- each application in its own JVM with -Xmx").append(heap)
                .append(", its own application id, reading the input from the beginning\n");
        b.append(String.format(Locale.ROOT, "- input: %s; %.1f min of simulated fleet time%n", input, spanMs / 60_000.0));
        b.append("- throughput: records committed between the group's first commit and the moment its committed "
                + "offsets reach the end offsets of f5.logs and f5.packets, over that time\n");
        warnings.forEach(w -> b.append("- **warning:** ").append(w).append('\n'));
        b.append('\n');
        b.append("| | (a) pass-through, EOS | (b) tlswatch run | (b)/(a) |\n|---|---:|---:|---:|\n");
        row(b, "**throughput, records/s**", r -> r.progress().recordsPerSecond(), "%,.0f", true);
        b.append("| throughput over the second half, records/s (warmed up) | ").append(secondHalfCell(passThrough))
                .append(" | ").append(secondHalfCell(tlswatch)).append(" | ");
        if (passThrough != null && tlswatch != null && passThrough.progress().secondHalfRecordsPerSecond() > 0
                && tlswatch.progress().secondHalfRecordsPerSecond() > 0) {
            b.append(String.format(Locale.ROOT, "%.2f", tlswatch.progress().secondHalfRecordsPerSecond()
                    / passThrough.progress().secondHalfRecordsPerSecond()));
        }
        b.append(" |\n");
        row(b, "records measured", r -> r.progress().records(), "%,.0f", false);
        row(b, "seconds measured (first commit → end)", r -> r.progress().seconds(), "%.1f", true);
        row(b, "seconds from JVM launch to end", r -> r.progress().wallSeconds(), "%.1f", true);
        row(b, "GC pauses", r -> r.gc().pauses(), "%,.0f", true);
        row(b, "GC pause total, ms", r -> r.gc().totalPauseMs(), "%,.0f", true);
        row(b, "GC pause max, ms", r -> r.gc().maxPauseMs(), "%,.1f", true);
        row(b, "heap peak before GC, MB", r -> r.gc().peakBeforeMb(), "%,.0f", true);
        row(b, "heap peak after GC, MB (live set bound)", r -> r.gc().peakAfterMb(), "%,.0f", true);
        row(b, "state dir at the end, MB", r -> r.stateBytes() / 1e6, "%,.1f", false);
        if (tlswatch != null && tlswatch.stateBytesAfterBacklog() != null) {
            b.append(String.format(Locale.ROOT, "| state dir after the backlog, MB | | %,.1f | |%n",
                    tlswatch.stateBytesAfterBacklog() / 1e6));
        }
        b.append('\n');
        if (Math.max(passThroughRuns.size(), tlswatchRuns.size()) > 1) {
            b.append("Rounds (records/s, in order; the table shows the median round): (a) ")
                    .append(throughputs(passThroughRuns)).append("; (b) ").append(throughputs(tlswatchRuns));
            if (passThroughRuns.size() == tlswatchRuns.size()) {
                // each (b) against the (a) just before it: the pair shared the machine's load of that minute
                List<Double> ratios = new ArrayList<>();
                for (int i = 0; i < tlswatchRuns.size(); i++) {
                    ratios.add(tlswatchRuns.get(i).progress().recordsPerSecond()
                            / passThroughRuns.get(i).progress().recordsPerSecond());
                }
                List<String> shown = ratios.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).toList();
                List<Double> sorted = ratios.stream().sorted().toList();
                b.append("; (b)/(a) round by round ").append(String.join(", ", shown))
                        .append(String.format(Locale.ROOT, ", median **%.2f**", sorted.get((sorted.size() - 1) / 2)));
            }
            b.append(".\n\n");
        }
        b.append("GC figures cover each JVM's whole life (-Xlog:gc); the last (b)'s include the live phase of (c).\n\n");
        if (latency != null) {
            b.append(String.format(Locale.ROOT,
                    "(c) alert latency: live load %,.0f records/s (%,d records, every record sent at the time it "
                            + "carries); input lag of (b) at onset %,d records (%.1f s of live load). ",
                    latency.sentPerSecond(), latency.sentRecords(), latency.lagAtOnset(),
                    latency.lagAtOnset() / Math.max(1, latency.sentPerSecond())));
            if (latency.fired()) {
                b.append(String.format(Locale.ROOT,
                        "**Onset → FIRING %.2f s** (`%s`: %s); the rule's minimum failure count was reached %.2f s "
                                + "after "
                                + "onset, so tlswatch added %.2f s. Onset = first incident line handed to the "
                                + "producer (acknowledged %d ms later); records went out at most %d ms after the time "
                                + "they carry.%n",
                        latency.latencySeconds(), latency.dedupKey(), latency.summary(),
                        (latency.minFailuresMs() - latency.onsetMs()) / 1000.0,
                        latency.afterMinFailuresSeconds(), latency.onsetAckMs() - latency.onsetMs(), latency.maxSlipMs()));
            } else {
                b.append("**No FIRING** for the incident before the timeout.\n");
            }
        }
        return b.toString();
    }

    private static String throughputs(List<AppRun> runs) {
        List<String> out = new ArrayList<>();
        runs.forEach(r -> out.add(String.format(Locale.ROOT, "%,.0f", r.progress().recordsPerSecond())));
        return out.isEmpty() ? "–" : String.join(", ", out);
    }

    private void row(StringBuilder b, String label, ToDoubleFunction<AppRun> value, String format, boolean ratio) {
        b.append("| ").append(label).append(" | ").append(cell(passThrough, value, format)).append(" | ")
                .append(cell(tlswatch, value, format)).append(" | ");
        if (ratio && passThrough != null && tlswatch != null && value.applyAsDouble(passThrough) != 0) {
            b.append(String.format(Locale.ROOT, "%.2f", value.applyAsDouble(tlswatch) / value.applyAsDouble(passThrough)));
        }
        b.append(" |\n");
    }

    private static String cell(AppRun run, ToDoubleFunction<AppRun> value, String format) {
        return run == null ? "–" : String.format(Locale.ROOT, format, value.applyAsDouble(run));
    }

    /** The second-half rate, or "–" when one read saw both the half and the end (too quick to tell). */
    private static String secondHalfCell(AppRun run) {
        double v = run == null ? 0 : run.progress().secondHalfRecordsPerSecond();
        return v <= 0 ? "–" : String.format(Locale.ROOT, "%,.0f", v);
    }
}
