package io.tlswatch.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tlswatch.app.broker.EmbeddedKafkaBroker;
import io.tlswatch.ingest.replay.LogLineProducer;
import io.tlswatch.ingest.syslog.KafkaMessageSink;
import io.tlswatch.ingest.syslog.ReceiverSettings;
import io.tlswatch.ingest.syslog.SyslogCounters;
import io.tlswatch.ingest.syslog.SyslogReceiver;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The syslog receiver rides out a broker outage: lines that arrive over TCP while the only broker is down are held
 * (the queue fills, reading pauses) and all reach the topic, exactly once, when it is back. Needs the embedded
 * broker: a shared external cluster cannot be stopped by a test.
 */
class SyslogKafkaOutageIT {
    private static final String TOPIC = "f5.logs";
    private static final int BEFORE = 200;
    private static final int DURING = 3_000;

    @Test
    void linesReceivedWhileTheBrokerIsDownReachTheTopicOnceItIsBack() throws Exception {
        Path data = Path.of("target", "faults-it", "syslog-outage-" + System.currentTimeMillis());
        EmbeddedKafkaBroker.Options options = EmbeddedKafkaBroker.Options.defaults().withDataDir(data);
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(options);
        options = options.withPort(broker.port());
        String bootstrap = broker.bootstrapServers();
        broker.createTopics(1, TOPIC);
        Map<String, Object> client = new HashMap<>(KafkaMessageSink.PRODUCER_SETTINGS);
        client.put("bootstrap.servers", bootstrap);
        client.put("max.block.ms", 1_000);
        // a producer buffer smaller than the lines sent during the outage: the sink itself must hold some
        client.put("buffer.memory", 32 * 1024);
        client.put("batch.size", 8 * 1024);
        // a small queue, so the outage also shows TCP reading paused behind it
        ReceiverSettings settings = ReceiverSettings.defaults().withPorts(ReceiverSettings.OFF, 0, ReceiverSettings.OFF, null)
                .withBounds(256, ReceiverSettings.DEFAULT_MAX_CONNECTIONS, ReceiverSettings.DEFAULT_FRAME_TIMEOUT);
        LogLineProducer producer = new LogLineProducer(client, TOPIC);
        try (SyslogReceiver receiver = SyslogReceiver.bind(settings, new SyslogCounters())) {
            KafkaMessageSink sink = new KafkaMessageSink(producer);
            receiver.start(sink);
            InetSocketAddress to = receiver.tcpAddress().orElseThrow();
            try (Socket s = new Socket()) {
                s.connect(to);
                OutputStream out = s.getOutputStream();
                write(out, 0, BEFORE);
                await().atMost(Duration.ofSeconds(60)).until(() -> sink.written() == BEFORE);

                broker.close();
                // the sender may block once the queue and socket buffers are full: write from another thread
                CompletableFuture<Void> during = CompletableFuture.runAsync(() -> write(out, BEFORE, DURING));
                await().atMost(Duration.ofSeconds(60)).until(() -> sink.waits() >= 2);
                assertThat(sink.failed()).as("nothing lost while the broker is away").isZero();

                broker = EmbeddedKafkaBroker.start(options);
                assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
                during.get(2, TimeUnit.MINUTES);
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> sink.written() == BEFORE + DURING);
            assertThat(receiver.stop()).as("everything handed over").isTrue();
            producer.flush();
            assertThat(sink.failed()).isZero();

            List<String> lines = readAll(bootstrap, BEFORE + DURING);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < BEFORE + DURING; i++) {
                expected.add(line(i));
            }
            assertThat(lines).as("every line once, in order").containsExactlyElementsOf(expected);
        } finally {
            // bounded: with delivery.timeout.ms unlimited, an unbounded close waits for a broker that may be gone
            producer.close(Duration.ofSeconds(10));
            broker.close();
        }
    }

    private static String line(int i) {
        return "<134>outage line " + i;
    }

    private static void write(OutputStream out, int from, int count) {
        try {
            StringBuilder b = new StringBuilder();
            for (int i = from; i < from + count; i++) {
                b.append(line(i)).append('\n');
            }
            out.write(b.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> readAll(String bootstrap, int expected) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "syslog-outage-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> got = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    got.add(r.value());
                }
                return got.size() >= expected;
            });
            // anything more would be a duplicate: one more poll to see it
            c.poll(Duration.ofMillis(500)).forEach(r -> got.add(r.value()));
        }
        return got;
    }
}
