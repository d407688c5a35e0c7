package io.tlswatch.app.ingest;

import io.tlswatch.app.CapturePoint;
import io.tlswatch.app.KafkaReachability;
import io.tlswatch.app.KafkaTargetOptions;
import io.tlswatch.app.TerminalText;
import io.tlswatch.ingest.pcap.CaptureHost;
import io.tlswatch.ingest.pcap.CaptureReader;
import io.tlswatch.ingest.pcap.CaptureSettings;
import io.tlswatch.ingest.pcap.CaptureStats;
import io.tlswatch.ingest.pcap.CountingInputStream;
import io.tlswatch.ingest.pcap.PacketSummaryProducer;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.schemas.PacketSummary;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tlswatch ingest pcap FILE|-}: reads a pcap/pcapng capture (a file, or standard input from
 * {@code tcpdump -w -}) and writes one {@code PacketSummary} per connection direction and handshake flight to
 * {@code f5.packets}, keyed by connection id (DESIGN §5). Progress goes to standard error every two seconds.
 */
@Command(
        name = "pcap",
        mixinStandardHelpOptions = true,
        description = {
            "Reads a pcap or pcapng capture and writes its packet summaries (one per connection direction and",
            "handshake flight, JSON, keyed by connection id) to Kafka, where `tlswatch run` judges each connection.",
            "Kafka must answer within startup.timeout (30s), else one line naming the address and exit 1.",
            "",
            "Exit codes: 0 done, 1 the capture is empty or not pcap/pcapng, or Kafka failed, 2 usage (a",
            "capture file that is missing or cannot be read included)."
        },
        footer = {"", "Examples:", "  tlswatch ingest pcap --bootstrap-server broker1:9092 ssl.pcapng",
            "  tcpdump -i 0.0:nnn -s0 -w - 'tcp port 443' \\",
            "      | tlswatch ingest pcap --config tlswatch.properties --observer bigip-01 -"})
public final class IngestPcapCommand implements Callable<Integer> {
    static final long PROGRESS_EVERY_MS = 2_000;

    @Parameters(index = "0", paramLabel = "FILE|-", description = "capture file, or - for standard input")
    String input;

    @CommandLine.Mixin
    KafkaTargetOptions where = new KafkaTargetOptions();

    @Option(names = "--observer", paramLabel = "NAME",
            description = "capture point written into every summary: the BIG-IP host name that logs for these "
                    + "connections, so that packets and log lines join (default: observer.default, else "
                    + CapturePoint.UNKNOWN + ")")
    String observer;

    @Option(names = "--head-bytes", paramLabel = "N",
            description = "payload bytes kept per connection direction (default: ${DEFAULT-VALUE})")
    int headBytes = CaptureSettings.DEFAULT_HEAD_BYTES;

    @Option(names = "--quic-port", paramLabel = "PORT", split = ",", description = "UDP server ports whose flows "
            + "are read as QUIC when they start with an Initial (comma-separated; default 443; 0 for none)")
    java.util.List<Integer> quicPorts;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (headBytes < 0 || headBytes > CaptureSettings.MAX_HEAD_BYTES) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--head-bytes must be within 0.." + CaptureSettings.MAX_HEAD_BYTES);
        }
        TlswatchConfig settings = where.settings(spec.commandLine());
        Map<String, Object> client = where.client(settings, "tlswatch-ingest-pcap", "", spec.commandLine());
        // the capture, then Kafka: each problem is one line and exit 1, before anything is sent
        String unreadable = "-".equals(input) ? null : unreadable(Path.of(input));
        if (unreadable != null && !unreadable.contains(" is empty")) {
            throw new CommandLine.ParameterException(spec.commandLine(), unreadable);
        }
        if (unreadable != null) {
            err.println("tlswatch: " + unreadable);
            err.flush();
            return 1;
        }
        String target = where.topic(settings.topics().packets());
        String capturePoint = CapturePoint.of(observer, settings);
        CaptureSettings capture = CaptureSettings.defaults(capturePoint).withHeadBytes(headBytes)
                .withCaptureHost(CaptureHost.local()).withQuicPorts(io.tlswatch.app.pcap.QuicPorts.of(quicPorts, spec));
        long size = "-".equals(input) ? -1 : Files.size(Path.of(input));

        long started = System.nanoTime();
        CaptureStats stats;
        Output out = new Output(client, target, settings.startupTimeout());
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tlswatch-ingest-progress");
            t.setDaemon(true);
            return t;
        });
        try (out; InputStream raw = CaptureReader.open(input); CountingInputStream in = new CountingInputStream(raw)) {
            progress.scheduleAtFixedRate(() -> {
                if (!out.started()) {
                    return; // still waiting for Kafka's first answer: that ends in one line either way
                }
                err.println(progressLine(in.count(), size, out.sent(), out.acknowledged(), System.nanoTime() - started));
                err.flush();
            }, PROGRESS_EVERY_MS, PROGRESS_EVERY_MS, TimeUnit.MILLISECONDS);
            stats = CaptureReader.read(in, capture, out::send);
            // wait for the broker's acknowledgement of everything before reporting success
            out.flush();
        } finally {
            progress.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (stats.ending() == CaptureStats.Ending.UNKNOWN_FORMAT) {
            err.printf("tlswatch: %s is not a pcap or pcapng capture (unknown magic number)%n", name());
            err.flush();
            return 1;
        }
        if (stats.ending() == CaptureStats.Ending.EMPTY) {
            err.printf("tlswatch: %s is empty: no capture to read%n", name());
            err.flush();
            return 1;
        }
        err.printf(Locale.ROOT, "ingest pcap: %s: %d packets, %d connections; %d summaries written to %s "
                        + "(%d acknowledged) in %.1f s%n",
                TerminalText.safe(name()), stats.get(CaptureStats.Counter.PACKETS),
                stats.get(CaptureStats.Counter.CONNECTIONS_OPENED), out.sent(), target, out.acknowledged(), seconds);
        err.printf(Locale.ROOT, "ingest pcap: the capture's counters: %s%n", stats.summary());
        err.flush();
        return 0;
    }

    /**
     * The producer, created with the first summary after Kafka answered: a file that is not a capture fails
     * without touching Kafka, and a Kafka that does not answer is one line within {@code startup.timeout}.
     */
    private static final class Output implements AutoCloseable {
        private final Map<String, Object> client;
        private final String topic;
        private final java.time.Duration startupTimeout;
        private volatile PacketSummaryProducer producer;

        Output(Map<String, Object> client, String topic, java.time.Duration startupTimeout) {
            this.client = client;
            this.topic = topic;
            this.startupTimeout = startupTimeout;
        }

        void send(PacketSummary summary) {
            if (producer == null) {
                // Kafka is asked once, within startup.timeout, before the producer would retry for minutes
                String unreachable = KafkaReachability.check(client, startupTimeout);
                if (unreachable != null) {
                    throw new IllegalStateException(unreachable);
                }
                producer = new PacketSummaryProducer(client, topic);
            }
            producer.send(summary);
        }

        /** Whether Kafka answered and the producer exists. */
        boolean started() {
            return producer != null;
        }

        long sent() {
            PacketSummaryProducer p = producer;
            return p == null ? 0 : p.sent();
        }

        long acknowledged() {
            PacketSummaryProducer p = producer;
            return p == null ? 0 : p.acknowledged();
        }

        void flush() {
            if (producer != null) {
                producer.flush();
            }
        }

        @Override
        public void close() {
            if (producer != null) {
                producer.close();
            }
        }
    }

    /** Why a capture file cannot be read, or null. */
    static String unreadable(Path file) {
        if (!Files.exists(file)) {
            return "cannot read capture " + file + ": no such file";
        }
        if (Files.isDirectory(file)) {
            return "cannot read capture " + file + ": a directory, not a capture file";
        }
        if (!Files.isReadable(file)) {
            return "cannot read capture " + file + ": permission denied";
        }
        try {
            if (Files.size(file) == 0) {
                return file + " is empty: no capture to read";
            }
        } catch (java.io.IOException e) {
            return "cannot read capture " + file + ": " + e.getMessage();
        }
        return null;
    }

    private String name() {
        return "-".equals(input) ? "standard input" : input;
    }

    /** {@code read 45.2 MiB of 120.0 MiB (37%), 10234 summaries sent (10200 acknowledged), 8.1 MiB/s}. */
    static String progressLine(long bytesRead, long size, long sent, long acknowledged, long elapsedNanos) {
        double seconds = Math.max(elapsedNanos / 1e9, 1e-3);
        String read = size > 0
                ? String.format(Locale.ROOT, "%s of %s (%d%%)", mib(bytesRead), mib(size), bytesRead * 100 / size)
                : mib(bytesRead);
        return String.format(Locale.ROOT, "ingest pcap: read %s, %d summaries sent (%d acknowledged), %.1f MiB/s, "
                + "%.0f summaries/s", read, sent, acknowledged, bytesRead / seconds / (1 << 20), sent / seconds);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
    }
}
