package io.tlswatch.app.ingest;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tlswatch.app.CtrlC;
import io.tlswatch.app.KafkaTargetOptions;
import io.tlswatch.ingest.replay.LogLineProducer;
import io.tlswatch.ingest.syslog.KafkaMessageSink;
import io.tlswatch.ingest.syslog.ReceiverSettings;
import io.tlswatch.ingest.syslog.SyslogCounters;
import io.tlswatch.ingest.syslog.SyslogReceiver;
import io.tlswatch.ingest.syslog.TlsMaterial;
import io.tlswatch.ingest.syslog.Transport;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.processors.decode.LogDecoder;
import io.tlswatch.processors.serve.HttpSettings;
import io.tlswatch.processors.serve.WebServer;
import io.tlswatch.schemas.Durations;
import io.tlswatch.schemas.HostPort;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tlswatch ingest syslog}: the receiver BIG-IPs send remote syslog to (UDP, TCP, TLS), one record per message
 * on {@code f5.logs}, the sender in a header; runs until Ctrl-C, then stops cleanly (nothing already sent over TCP
 * is lost).
 */
@Command(
        name = "syslog",
        mixinStandardHelpOptions = true,
        description = {
            "Receives remote syslog from BIG-IPs (UDP, TCP, optionally TLS) and writes each message as one record",
            "to Kafka (f5.logs), with the sender's ip:port in the record header tlswatch.sender and the receive",
            "time as the record time; runs until Ctrl-C.",
            "",
            "TCP framing is detected per frame (RFC 6587): newline-ended lines, or octet-counted frames",
            "('123 <134>...'). A message over 8 KiB (the pipeline's line limit) is cut there, and counted. While",
            "Kafka is slow, TCP reading pauses (senders are slowed by TCP itself) and UDP datagrams that find the",
            "queue full are dropped, and counted. A frame begun and not finished within --frame-timeout closes",
            "its connection. On Ctrl-C (SIGTERM), no new connection is taken, what senders already sent is read",
            "and written, then the command ends.",
            "",
            "Listens on 127.0.0.1 unless told otherwise (--bind 0.0.0.0 receives from other hosts: syslog has no",
            "authentication, so anyone who can reach the port can write log lines). Counters are served as",
            "Prometheus text on http://127.0.0.1:9465/metrics (--http-port, -1 turns it off). Kafka must answer",
            "and the topic exist within startup.timeout (30s), else one line and exit 1.",
            "",
            "Exit codes: 1 a port in use, Kafka unreachable or a write failed, 2 usage; after a clean stop",
            "143 (SIGTERM) or 130 (Ctrl-C), as Java exits after a signal."
        },
        footer = {"", "Examples:",
            "  tlswatch ingest syslog --bootstrap-server broker1:9092 --bind 0.0.0.0",
            "  tlswatch ingest syslog --config tlswatch.properties --bind 0.0.0.0 \\",
            "      --udp -1 --tls-port 6514 --tls-cert syslog.crt --tls-key syslog.key",
            "  # on each BIG-IP (UDP; the README says how to send over TCP):",
            "  tmsh modify sys syslog remote-servers add \\",
            "      { tlswatch { host 192.0.2.10 remote-port 5514 } }"})
public final class IngestSyslogCommand implements Callable<Integer> {
    /** The default metrics port: {@code tlswatch run}'s 9464 plus one, so both fit on one host. */
    static final int DEFAULT_HTTP_PORT = 9465;
    /** The last step of the stop; with the drain (10 s) it stays inside the minute the JVM waits after a signal. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    @CommandLine.Mixin
    KafkaTargetOptions where = new KafkaTargetOptions();

    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "address to listen on: 0.0.0.0 (or ::) for every interface (default: ${DEFAULT-VALUE})")
    String bind = "127.0.0.1";

    @Option(names = "--udp", paramLabel = "PORT", description = "UDP port, -1 for none (default: ${DEFAULT-VALUE})")
    int udpPort = ReceiverSettings.DEFAULT_PORT;

    @Option(names = "--tcp", paramLabel = "PORT", description = "TCP port, -1 for none (default: ${DEFAULT-VALUE})")
    int tcpPort = ReceiverSettings.DEFAULT_PORT;

    @Option(names = "--tls-port", paramLabel = "PORT",
            description = "TLS port (RFC 5425; 6514 is usual), with --tls-cert and --tls-key or --tls-keystore "
                    + "(default: none)")
    int tlsPort = ReceiverSettings.OFF;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain of the TLS listener")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "its unencrypted PKCS#8 PEM private key")
    Path tlsKey;

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "a PKCS#12 keystore instead of --tls-cert and --tls-key")
    Path tlsKeystore;

    @Option(names = "--tls-keystore-password-file", paramLabel = "FILE",
            description = "file whose first line is the keystore's password (default: no password)")
    Path tlsKeystorePasswordFile;

    @Option(names = "--max-connections", paramLabel = "N",
            description = "TCP and TLS connections open at once; more are closed (default: ${DEFAULT-VALUE})")
    int maxConnections = ReceiverSettings.DEFAULT_MAX_CONNECTIONS;

    @Option(names = "--queue", paramLabel = "N",
            description = "messages waiting for Kafka before TCP reading pauses and UDP drops (default: ${DEFAULT-VALUE})")
    int queue = ReceiverSettings.DEFAULT_QUEUE;

    @Option(names = "--frame-timeout", paramLabel = "DURATION",
            description = "longest a message may take to arrive once begun (default: ${DEFAULT-VALUE})")
    String frameTimeout = "30s";

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "port of /metrics and /health, -1 for none (default: ${DEFAULT-VALUE})")
    int httpPort = DEFAULT_HTTP_PORT;

    @Option(names = "--http-host", paramLabel = "ADDRESS",
            description = "address of /metrics and /health (default: ${DEFAULT-VALUE})")
    String httpHost = "127.0.0.1";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        ReceiverSettings receiverSettings = receiverSettings();
        TlswatchConfig settings = where.settings(spec.commandLine());
        Map<String, Object> client = where.client(settings, "tlswatch-ingest-syslog", "", spec.commandLine());
        String topic = where.topic(settings.topics().logs());

        // the ports first (a port in use is instant), then Kafka; nothing is read before Kafka is there
        SyslogReceiver receiver;
        try {
            receiver = SyslogReceiver.bind(receiverSettings, new SyslogCounters());
        } catch (SyslogReceiver.ListenerException e) {
            return fail(err, e.getMessage() + hint(e.getMessage()));
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // /health: UP from the moment messages are read until the stop begins
        AtomicBoolean receiving = new AtomicBoolean();
        WebServer http;
        try {
            http = httpPort < 0 ? null : WebServer.metricsOnly(new HttpSettings(httpHost, httpPort, null, null),
                    registry, receiving::get);
        } catch (IOException | IllegalStateException e) {
            receiver.close();
            Throwable why = e instanceof IllegalStateException && e.getCause() != null ? e.getCause() : e;
            return fail(err, "cannot serve metrics on " + httpHost + ":" + httpPort + ": " + why.getMessage()
                    + " (--http-port, -1 turns it off)");
        }
        try (CtrlC ctrlC = new CtrlC("ingest-syslog")) {
            LogLineProducer producer;
            try {
                producer = LogTopicWriter.open(client, KafkaMessageSink.PRODUCER_SETTINGS, topic,
                        settings.startupTimeout());
            } catch (RuntimeException e) {
                receiver.close();
                if (http != null) {
                    http.close();
                }
                throw e;
            }
            KafkaMessageSink sink = new KafkaMessageSink(producer);
            SyslogMeters.bind(registry, receiver, sink);
            receiver.start(sink);
            receiving.set(true);
            err.printf("ingest syslog: listening on %s; writing to %s on %s%s; Ctrl-C to stop%n", listening(receiver),
                    topic, client.get("bootstrap.servers"),
                    http == null ? "" : "; metrics on http://" + HostPort.hostText(httpHost) + ":" + http.port() + "/metrics");
            if (isLoopback(bind)) {
                err.println("ingest syslog: loopback only: give --bind 0.0.0.0 (or this host's address) to receive "
                        + "from BIG-IPs");
            }
            err.flush();

            ctrlC.stopRequested().await();
            receiving.set(false);
            // after the signal the JVM ends as soon as ctrlC is closed: report here, never by throwing past it
            try {
                return stop(err, receiver, producer, sink, http, topic);
            } catch (RuntimeException | InterruptedException e) {
                err.println("tlswatch: stopping failed: " + e);
                err.flush();
                org.slf4j.LoggerFactory.getLogger(IngestSyslogCommand.class).warn("stopping failed", e);
                return 1;
            }
        }
    }

    /** The clean stop, then its summary line. */
    private static int stop(PrintWriter err, SyslogReceiver receiver, LogLineProducer producer, KafkaMessageSink sink,
            WebServer http, String topic) throws InterruptedException {
        long started = System.nanoTime();
        boolean handedOver = receiver.stop();
        int exit = 0;
        try {
            // flushes: every message written, or its failure counted; bounded, as the JVM waits a minute at most
            producer.close(CLOSE_TIMEOUT);
        } catch (KafkaException e) {
            err.println("tlswatch: " + e.getMessage());
            exit = 1;
        }
        if (http != null) {
            http.close();
        }
        SyslogCounters c = receiver.counters();
        err.printf(Locale.ROOT, "ingest syslog: stopped in %.1f s: %d messages received (udp %d, tcp %d, tls %d), "
                        + "%d written to %s, %s%s%n", (System.nanoTime() - started) / 1e9, c.received(),
                c.received(Transport.UDP), c.received(Transport.TCP), c.received(Transport.TLS), sink.written(),
                topic, c.droppedSummary(), sink.failed() > 0 ? ", " + sink.failed() + " failed in Kafka" : "");
        err.flush();
        return handedOver && sink.failed() == 0 ? exit : 1;
    }

    private ReceiverSettings receiverSettings() {
        CommandLine cli = spec.commandLine();
        port("--udp", udpPort);
        port("--tcp", tcpPort);
        port("--tls-port", tlsPort);
        port("--http-port", httpPort);
        if (maxConnections < 1 || queue < 1) {
            throw new CommandLine.ParameterException(cli, (maxConnections < 1 ? "--max-connections" : "--queue")
                    + " must be at least 1");
        }
        Duration frame;
        try {
            frame = Durations.parse(frameTimeout);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, "--frame-timeout: " + e.getMessage());
        }
        if (frame.toMillis() < 1_000) {
            throw new CommandLine.ParameterException(cli, "--frame-timeout must be at least 1s: " + frameTimeout);
        }
        try {
            InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new CommandLine.ParameterException(cli, "--bind: not an address of this host: " + bind);
        }
        SSLContext tls = tls();
        if (udpPort < 0 && tcpPort < 0 && tlsPort < 0) {
            throw new CommandLine.ParameterException(cli, "nothing to listen on: --udp, --tcp and --tls-port are all -1");
        }
        return ReceiverSettings.defaults().withBind(bind).withPorts(udpPort, tcpPort, tlsPort, tls)
                .withBounds(queue, maxConnections, frame).withMaxMessageBytes(LogDecoder.MAX_LINE_BYTES);
    }

    private SSLContext tls() {
        CommandLine cli = spec.commandLine();
        boolean pem = tlsCert != null || tlsKey != null;
        boolean store = tlsKeystore != null;
        if (tlsPort < 0) {
            if (pem || store || tlsKeystorePasswordFile != null) {
                throw new CommandLine.ParameterException(cli, "--tls-cert, --tls-key and --tls-keystore need --tls-port");
            }
            return null;
        }
        if (pem == store || (pem && (tlsCert == null || tlsKey == null))) {
            throw new CommandLine.ParameterException(cli,
                    "--tls-port needs --tls-cert and --tls-key, or --tls-keystore (one of the two)");
        }
        for (Path p : new Path[] {tlsCert, tlsKey, tlsKeystore, tlsKeystorePasswordFile}) {
            if (p != null && (!Files.isRegularFile(p) || !Files.isReadable(p))) {
                throw new CommandLine.ParameterException(cli, "cannot read " + p
                        + (Files.isDirectory(p) ? ": a directory" : Files.exists(p) ? ": permission denied" : ": no such file"));
            }
        }
        try {
            return pem ? TlsMaterial.fromPem(tlsCert, tlsKey) : TlsMaterial.fromPkcs12(tlsKeystore, password());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        }
    }

    private char[] password() {
        if (tlsKeystorePasswordFile == null) {
            return new char[0];
        }
        try {
            List<String> lines = Files.readAllLines(tlsKeystorePasswordFile, StandardCharsets.UTF_8);
            return lines.isEmpty() ? new char[0] : lines.get(0).toCharArray();
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot read " + tlsKeystorePasswordFile
                    + ": " + e.getMessage());
        }
    }

    private void port(String option, int port) {
        if (port < -1 || port > 65_535) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    option + " must be a port (0..65535, 0 for any free one) or -1 for none: " + port);
        }
    }

    private static int fail(PrintWriter err, String line) {
        err.println("tlswatch: " + line);
        err.flush();
        return 1;
    }

    /** What to do about a port that could not be bound. */
    private static String hint(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        if (m.contains("permission denied")) {
            return " (ports below 1024 need root: use 5514 and point the BIG-IPs there)";
        }
        if (m.contains("in use")) {
            return " (another receiver, or rsyslog, listens there: stop it or choose another port)";
        }
        return "";
    }

    static String listening(SyslogReceiver r) {
        List<String> out = new ArrayList<>();
        add(out, "udp", r.udpAddress());
        add(out, "tcp", r.tcpAddress());
        add(out, "tls", r.tlsAddress());
        return String.join(", ", out);
    }

    private static void add(List<String> out, String name, Optional<InetSocketAddress> a) {
        a.ifPresent(x -> out.add(name + " " + HostPort.hostText(x.getAddress().getHostAddress()) + ":" + x.getPort()));
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
