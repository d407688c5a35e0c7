package io.tlswatch.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tlswatch.app.run.Pipeline;
import io.tlswatch.app.testing.KafkaCluster;
import io.tlswatch.app.testing.PipelineSettings;
import io.tlswatch.app.testing.TopicReader;
import io.tlswatch.ingest.replay.LogLineProducer;
import io.tlswatch.ingest.syslog.DropReason;
import io.tlswatch.ingest.syslog.KafkaMessageSink;
import io.tlswatch.ingest.syslog.ReceiverSettings;
import io.tlswatch.ingest.syslog.SyslogCounters;
import io.tlswatch.ingest.syslog.SyslogReceiver;
import io.tlswatch.ingest.syslog.TlsMaterial;
import io.tlswatch.ingest.syslog.Transport;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.processors.decode.LogDecoder;
import io.tlswatch.schemas.EcsHandshake;
import io.tlswatch.schemas.JsonSerde;
import io.tlswatch.schemas.TopicNames;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSocket;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The syslog receiver on a real broker and real loopback sockets: every message of every transport and framing
 * exactly once on the topic with its sender; a burst sent just before SIGTERM to the real command is all written;
 * lines that arrive by syslog are decoded by the pipeline.
 */
class IngestSyslogIT {
    @RegisterExtension
    static final KafkaCluster KAFKA = KafkaCluster.create();

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Path JAR = Path.of("target/tlswatch.jar");

    @TempDir
    Path dir;

    /** Who sent what: the text of each message and the {@code ip:port} it came from. */
    private final Map<String, String> sent = new HashMap<>();

    @Test
    void theReceiverIsSizedForThePipelinesLineLimit() {
        assertThat(ReceiverSettings.DEFAULT_MAX_MESSAGE_BYTES).isEqualTo(LogDecoder.MAX_LINE_BYTES);
    }

    @Test
    void everyTransportAndFramingArrivesExactlyOnceWithItsSender() throws Exception {
        String topic = KAFKA.uniqueName("syslog-it");
        KAFKA.createTopics(3, topic);
        SelfSignedCertificate cert = SelfSignedCertificate.create(dir);
        ReceiverSettings settings = ReceiverSettings.defaults().withPorts(0, 0, 0,
                TlsMaterial.fromPem(cert.certificatePem(), cert.keyPem()));
        SyslogCounters counters = new SyslogCounters();
        int burst = 100_000;
        try (LogLineProducer producer = new LogLineProducer(Map.of("bootstrap.servers", KAFKA.bootstrapServers()), topic);
                SyslogReceiver receiver = SyslogReceiver.bind(settings, counters)) {
            receiver.start(new KafkaMessageSink(producer));

            udp(receiver.udpAddress().orElseThrow(), 50);
            tcp(receiver.tcpAddress().orElseThrow(), 50, false);
            tcp(receiver.tcpAddress().orElseThrow(), 50, true);
            tls(receiver.tlsAddress().orElseThrow(), cert, 50);
            hostile(receiver.tcpAddress().orElseThrow());
            tcpBurst(receiver.tcpAddress().orElseThrow(), burst);

            try (TopicReader<byte[], byte[]> reader = new TopicReader<>(KAFKA, topic, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                List<ConsumerRecord<byte[], byte[]>> got = reader.await(r -> r.size() >= sent.size() + burst, WAIT);
                Map<String, List<ConsumerRecord<byte[], byte[]>>> byText = got.stream().collect(
                        Collectors.groupingBy(r -> new String(r.value(), StandardCharsets.UTF_8)));
                sent.forEach((text, sender) -> {
                    assertThat(byText.get(text)).as("'%s' exactly once", text).hasSize(1);
                    ConsumerRecord<byte[], byte[]> r = byText.get(text).get(0);
                    assertThat(header(r, KafkaMessageSink.SENDER_HEADER)).as(text).isEqualTo(sender);
                    assertThat(r.key()).isNull();
                });
                long burstRecords = got.stream().filter(r -> new String(r.value(), StandardCharsets.UTF_8)
                        .startsWith("<134>Feb  1 10:00:00 bigip-01 burst ")).count();
                assertThat(burstRecords).as("the TCP burst, none lost").isEqualTo(burst);
                assertThat(byText.keySet().stream().filter(t -> t.contains("burst")).count()).as("no duplicates")
                        .isEqualTo(burst);
                assertThat(got).as("nothing else").hasSize(sent.size() + burst);
                assertThat(header(byText.get("<134>tls 7").get(0), KafkaMessageSink.TRANSPORT_HEADER)).isEqualTo("tls");
                assertThat(header(byText.get("<134>udp 3").get(0), KafkaMessageSink.TRANSPORT_HEADER)).isEqualTo("udp");
            }
            // the hostile senders: one count that cannot be right, one sender gone mid-frame, one 20 KiB line
            assertThat(counters.dropped(DropReason.FRAMING_ERROR)).isEqualTo(1);
            assertThat(counters.dropped(DropReason.INCOMPLETE_FRAME)).isEqualTo(1);
            assertThat(counters.dropped(DropReason.OVERSIZED_CUT)).isEqualTo(1);
            assertThat(counters.dropped(DropReason.UDP_QUEUE_FULL)).isZero();
            assertThat(counters.received(Transport.TLS)).isEqualTo(50);
        }
    }

    @Test
    void sigtermToTheCommandLosesNoneOfABurstSentJustBefore() throws Exception {
        String topic = KAFKA.uniqueName("syslog-stop");
        KAFKA.createTopics(3, topic);
        Path errFile = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString(), "ingest", "syslog", "--bootstrap-server", KAFKA.bootstrapServers(), "--topic", topic,
                "--udp", "-1", "--tcp", "0", "--http-port", "0").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(errFile.toFile()).start();
        Supplier<List<String>> err = () -> {
            try {
                return Files.readAllLines(errFile, StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        try {
            Pattern listening = Pattern.compile("listening on tcp 127\\.0\\.0\\.1:(\\d+);.*metrics on (http://\\S+/metrics)");
            await().atMost(WAIT).failFast("the command ended", () -> !p.isAlive())
                    .until(() -> err.get().stream().anyMatch(l -> listening.matcher(l).find()));
            Matcher m = err.get().stream().map(listening::matcher).filter(Matcher::find).findFirst().orElseThrow();
            InetSocketAddress tcp = new InetSocketAddress("127.0.0.1", Integer.parseInt(m.group(1)));

            int n = 50_000;
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < n; i++) {
                lines.append("<134>Feb  1 10:00:00 bigip-01 stop ").append(i).append('\n');
            }
            try (Socket s = new Socket()) {
                s.connect(tcp);
                s.getOutputStream().write(lines.toString().getBytes(StandardCharsets.UTF_8));
                s.getOutputStream().flush();
                String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(m.group(2))).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertThat(metrics).contains("tlswatch_syslog_messages_received_total{transport=\"tcp\"}")
                        .contains("tlswatch_syslog_dropped_total{reason=\"udp_queue_full\"} 0.0");
                p.destroy(); // SIGTERM while the sender is still connected and its lines may still be in flight
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stopped: %s", err.get()).isTrue();
            }
            assertThat(p.exitValue()).as("%s", err.get()).isEqualTo(143);
            assertThat(String.join("\n", err.get())).as("standard error").contains(n + " messages received (udp 0, tcp " + n + ", tls 0), " + n
                    + " written to " + topic + ", nothing dropped");
            try (TopicReader<String, String> reader = new TopicReader<>(KAFKA, topic, new StringDeserializer(),
                    new StringDeserializer())) {
                List<String> got = reader.awaitEnd(WAIT).stream().map(ConsumerRecord::value).toList();
                assertThat(got).hasSize(n).doesNotHaveDuplicates();
                assertThat(got).contains("<134>Feb  1 10:00:00 bigip-01 stop " + (n - 1));
            }
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void linesArrivingBySyslogAreDecodedByThePipeline(@TempDir Path stateDir) throws Exception {
        String prefix = KAFKA.uniqueName("syslog-pipeline");
        Map<String, String> config = PipelineSettings.of(KAFKA, prefix, stateDir);
        config.put("join.wait", "1s");
        TlswatchConfig settings = TlswatchConfig.of(config);
        TopicNames topics = settings.topics();
        try (Pipeline pipeline = Pipeline.start(settings, new SimpleMeterRegistry())) {
            assertThat(pipeline.awaitRunning(WAIT)).as("pipeline running").isTrue();
            try (LogLineProducer producer = new LogLineProducer(Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                    topics.logs());
                    SyslogReceiver receiver = SyslogReceiver.bind(
                            ReceiverSettings.defaults().withPorts(0, 0, ReceiverSettings.OFF, null), new SyslogCounters())) {
                receiver.start(new KafkaMessageSink(producer));
                // as a BIG-IP sends them: <PRI>, the BSD stamp, host; an expired certificate seen by 6 clients
                String stamp = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC)
                        .format(Instant.now());
                List<String> udpLines = new ArrayList<>();
                StringBuilder octets = new StringBuilder();
                for (int i = 0; i < 6; i++) {
                    String client = "198.51.100." + (10 + i) + ":" + (50000 + i);
                    List<String> pair = List.of(
                            "<132>" + stamp + " bigip-syslog warning tmm2[4242]: 01260009:4: " + client
                                    + " -> 10.10.1.10:443: Connection error: ssl_codec_rx:2314: alert(45) received alert",
                            "<132>" + stamp + " bigip-syslog warning tmm2[4242]: 01260013:4: SSL Handshake failed for TCP "
                                    + client + " -> 10.10.1.10:443");
                    if (i % 2 == 0) {
                        udpLines.addAll(pair);
                    } else {
                        pair.forEach(l -> octets.append(l.getBytes(StandardCharsets.UTF_8).length).append(' ').append(l));
                    }
                }
                send(receiver.udpAddress().orElseThrow(), udpLines);
                try (Socket s = new Socket()) {
                    s.connect(receiver.tcpAddress().orElseThrow());
                    s.getOutputStream().write(octets.toString().getBytes(StandardCharsets.UTF_8));
                }
                try (TopicReader<String, EcsHandshake> handshakes = new TopicReader<>(KAFKA, topics.handshakes(),
                        new StringDeserializer(), JsonSerde.of(EcsHandshake.class).deserializer())) {
                    List<EcsHandshake> docs = handshakes.awaitValues(got -> got.size() >= 6, WAIT);
                    assertThat(docs).hasSize(6).allSatisfy(d -> {
                        assertThat(d.tlswatch().errorClass()).isEqualTo("cert_expired");
                        assertThat(d.observer().hostname()).isEqualTo("bigip-syslog");
                        assertThat(d.destination().port()).isEqualTo(443);
                    });
                    assertThat(docs).extracting(d -> d.source().port())
                            .containsExactlyInAnyOrder(50000, 50001, 50002, 50003, 50004, 50005);
                }
            }
        }
    }

    private void udp(InetSocketAddress to, int n) throws Exception {
        try (DatagramSocket s = new DatagramSocket()) {
            String sender = "127.0.0.1:" + s.getLocalPort();
            for (int i = 0; i < n; i++) {
                String text = "<134>udp " + i;
                byte[] b = (text + "\n").getBytes(StandardCharsets.UTF_8);
                s.send(new DatagramPacket(b, b.length, to));
                sent.put(text, sender);
            }
        }
    }

    private static void send(InetSocketAddress to, List<String> lines) throws Exception {
        try (DatagramSocket s = new DatagramSocket()) {
            for (String l : lines) {
                byte[] b = l.getBytes(StandardCharsets.UTF_8);
                s.send(new DatagramPacket(b, b.length, to));
            }
        }
    }

    private void tcp(InetSocketAddress to, int n, boolean octetCounted) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(to);
            write(s.getOutputStream(), "127.0.0.1:" + s.getLocalPort(), octetCounted ? "octet" : "line", n,
                    octetCounted ? this::octetFrame : text -> text + "\n");
        }
    }

    private void tls(InetSocketAddress to, SelfSignedCertificate cert, int n) throws Exception {
        try (SSLSocket s = (SSLSocket) cert.clientContext().getSocketFactory().createSocket(to.getAddress(), to.getPort())) {
            s.startHandshake();
            // even frames newline-ended, odd ones octet-counted: both framings over TLS
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < n; i++) {
                String text = "<134>tls " + i;
                out.append(i % 2 == 0 ? text + "\n" : octetFrame(text));
                sent.put(text, "127.0.0.1:" + s.getLocalPort());
            }
            s.getOutputStream().write(out.toString().getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
        }
    }

    private void write(OutputStream out, String sender, String kind, int n, Function<String, String> frame)
            throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String text = "<134>tcp " + kind + " " + i + (i % 5 == 0 ? " ünïcödé" : "");
            b.append(frame.apply(text));
            sent.put(text, sender);
        }
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private String octetFrame(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length + " " + text;
    }

    /** A count that cannot be right, a 20 KiB line, a binary line, and a sender that leaves mid-frame. */
    private void hostile(InetSocketAddress to) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(to);
            String sender = "127.0.0.1:" + s.getLocalPort();
            String after = "<134>after a framing error";
            String big = "<134>" + "b".repeat(20 * 1024);
            s.getOutputStream().write(("99999999999 <134>claims 99 GB\n" + after + "\n" + big + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            sent.put(after, sender);
            sent.put(big.substring(0, LogDecoder.MAX_LINE_BYTES), sender);
            s.getOutputStream().write(new byte[] {'<', '1', '>', 0, 1, 2, (byte) 0xff, (byte) 0xfe, '\n'});
            sent.put(new String(new byte[] {'<', '1', '>', 0, 1, 2, (byte) 0xff, (byte) 0xfe}, StandardCharsets.UTF_8),
                    sender);
            s.getOutputStream().write("40 <134>cut off".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void tcpBurst(InetSocketAddress to, int n) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("<134>Feb  1 10:00:00 bigip-01 burst ").append(i).append('\n');
        }
        try (Socket s = new Socket()) {
            s.connect(to);
            s.getOutputStream().write(b.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
