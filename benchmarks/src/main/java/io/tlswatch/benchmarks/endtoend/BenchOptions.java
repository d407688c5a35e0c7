package io.tlswatch.benchmarks.endtoend;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The harness's command line (see {@code benchmarks/README.md}, "End-to-end benchmark"). */
@Command(name = "EndToEndBenchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Pre-produces a realistic input into an embedded broker, then measures a pass-through",
            "Kafka Streams app (a) and tlswatch run (b), each in its own JVM, and tlswatch's alert latency (c)."})
final class BenchOptions {
    @Option(names = "--records", defaultValue = "1000000",
            description = "input records to pre-produce (f5.logs + f5.packets); 200000 for a quick run")
    long records;

    @Option(names = "--packet-percent", defaultValue = "10", description = "share of packet summaries, percent")
    double packetPercent;

    @Option(names = "--ssl-percent", defaultValue = "4", description = "share of TLS failure lines in the syslog lines")
    double sslPercent;

    @Option(names = "--observers", defaultValue = "12", description = "BIG-IPs in the simulated fleet")
    int observers;

    @Option(names = "--vips", defaultValue = "8", description = "virtual servers per BIG-IP")
    int vipsPerObserver;

    @Option(names = "--lines-per-second", defaultValue = "1500",
            description = "healthy syslog lines per second over the fleet: sets how much time the input spans")
    double noiseLinesPerSecond;

    @Option(names = "--partitions", defaultValue = "3", description = "partitions of the input topics")
    int partitions;

    @Option(names = "--heap", defaultValue = "512m", description = "-Xmx of both applications")
    String heap;

    @Option(names = "--tlswatch-classpath", paramLabel = "CP",
            description = "class path of tlswatch (b), e.g. app/target/tlswatch.jar of another build;"
                    + " default: this harness's class path (the current reactor build)")
    String tlswatchClasspath;

    @Option(names = "--tlswatch-jvm-opts", paramLabel = "FLAGS", defaultValue = "",
            description = "extra JVM flags of tlswatch (b), space-separated, e.g. -XX:StartFlightRecording=filename=b.jfr;"
                    + " -XX:+UseParallelGC (the launcher's collector) unless they name another, e.g. -XX:+UseG1GC")
    String tlswatchJvmOpts;

    @Option(names = "--passthrough-jvm-opts", paramLabel = "FLAGS", defaultValue = "",
            description = "extra JVM flags of the pass-through app (a)")
    String passThroughJvmOpts;

    @Option(names = "--tlswatch-property", paramLabel = "KEY=VALUE",
            description = "a tlswatch setting for (b), repeatable, e.g. connections.wait=2s")
    Map<String, String> tlswatchProperties = new LinkedHashMap<>();

    @Option(names = "--passthrough-property", paramLabel = "KEY=VALUE",
            description = "a Kafka Streams setting for the pass-through app (a), repeatable, e.g."
                    + " compression.type=lz4 to give it tlswatch's producer settings")
    Map<String, String> passThroughProperties = new LinkedHashMap<>();

    @Option(names = "--rounds", defaultValue = "1",
            description = "measure (a) then (b) this many times over the same input, alternating, and report the"
                    + " median of each (the latency test runs after the last round)")
    int rounds;

    @Option(names = "--skip-passthrough", description = "measure tlswatch only (no ratio)")
    boolean skipPassThrough;

    @Option(names = "--skip-latency", description = "no live incident after the throughput measurement")
    boolean skipLatency;

    @Option(names = "--live-load", defaultValue = "0.5",
            description = "live rate during the latency test, as a fraction of (b)'s measured throughput")
    double liveLoad;

    /**
     * The simulated fleet draws its clients from about 1,300 addresses. Scaled well past its own rate, each of them
     * fails on five VIPs within minutes, so tlswatch tags every client, the incident's too, as a scanner, whose
     * failures do not page: the test would measure the simulator's small population, not the pipeline.
     */
    @Option(names = "--max-live-rate", defaultValue = "20000",
            description = "upper bound of the --live-load rate, records/s (default 20000: past it the simulated"
                    + " fleet's ~1,300 client addresses start to look like scanners)")
    double maxLiveRate;

    @Option(names = "--live-rate", defaultValue = "0",
            description = "live rate during the latency test in records/s (overrides --live-load when > 0)")
    double liveRate;

    @Option(names = "--warmup", defaultValue = "20", description = "seconds of live load before the incident")
    int warmupSeconds;

    @Option(names = "--max-onset-lag", defaultValue = "1",
            description = "the incident starts once (b)'s input lag is below this many seconds of live load")
    double maxOnsetLagSeconds;

    @Option(names = "--max-extra-wait", defaultValue = "60",
            description = "seconds the incident waits past the warm-up for that lag at most")
    int maxExtraWaitSeconds;

    @Option(names = "--incident-rate", defaultValue = "5",
            description = "failed handshakes per second of the injected incident")
    double incidentRate;

    @Option(names = "--latency-timeout", defaultValue = "180", description = "seconds to wait for FIRING")
    int latencyTimeoutSeconds;

    @Option(names = "--drain-timeout", defaultValue = "1800",
            description = "seconds each application may take to consume the input")
    int drainTimeoutSeconds;

    @Option(names = "--pcap-dir", paramLabel = "DIR",
            description = "captures to replay; default shared/data/tls/pcap above the working directory"
                    + " (or $TLSWATCH_SHARED_DATA/tls/pcap)")
    Path pcapDir;

    @Option(names = "--out", paramLabel = "DIR",
            description = "where each run's directory goes; default target/e2e beside the harness jar")
    Path out;

    @Option(names = "--seed", defaultValue = "20261204", description = "seed of the simulated fleet")
    long seed;

    /** The first option out of its range, as one line naming it; null when all are usable. */
    String problem() {
        if (records < 1) {
            return "--records must be at least 1, got " + records;
        }
        if (packetPercent < 0 || packetPercent >= 100 || sslPercent < 0 || sslPercent >= 100) {
            return "--packet-percent and --ssl-percent must be within 0..99, got " + packetPercent + " and "
                    + sslPercent;
        }
        if (observers < 1 || vipsPerObserver < 1 || partitions < 1 || rounds < 1) {
            return "--observers, --vips, --partitions and --rounds must be at least 1";
        }
        if (noiseLinesPerSecond <= 0 || liveLoad <= 0 || maxLiveRate <= 0 || liveRate < 0 || incidentRate <= 0) {
            return "--lines-per-second, --live-load, --max-live-rate and --incident-rate must be positive,"
                    + " --live-rate not negative";
        }
        if (warmupSeconds < 0 || maxOnsetLagSeconds <= 0 || maxExtraWaitSeconds < 0 || latencyTimeoutSeconds < 1
                || drainTimeoutSeconds < 1) {
            return "--warmup, --max-onset-lag, --max-extra-wait, --latency-timeout and --drain-timeout must be"
                    + " positive (or 0 for the warm-up and the extra wait)";
        }
        return null;
    }

    /** The latency test's live rate for a measured throughput of (b). */
    double liveRate(double measuredRecordsPerSecond) {
        return liveRate > 0 ? liveRate : Math.min(maxLiveRate, measuredRecordsPerSecond * liveLoad);
    }

    /**
     * The garbage collector the {@code tlswatch} launcher and the container image choose (throughput over short
     * pauses: +8–14 % on a backlog, docs/performance.md), unless the flags name a collector themselves.
     */
    static final String TLSWATCH_GC = "-XX:+UseParallelGC";

    List<String> tlswatchJvmOptions() {
        List<String> flags = split(tlswatchJvmOpts);
        if (flags.stream().noneMatch(f -> f.matches("-XX:[+-]Use\\w*GC"))) {
            flags.add(0, TLSWATCH_GC);
        }
        return flags;
    }

    List<String> passThroughJvmOptions() {
        return split(passThroughJvmOpts);
    }

    private static List<String> split(String flags) {
        List<String> out = new ArrayList<>();
        for (String f : flags.trim().split("\\s+")) {
            if (!f.isEmpty()) {
                out.add(f);
            }
        }
        return out;
    }
}
