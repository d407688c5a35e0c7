package io.tlswatch.ingest.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tlswatch.ingest.replay.LogLineProducer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * With no broker at all, a message is held, not lost: each send is refused after {@code max.block.ms} (kafka-clients
 * reports that to the callback, it does not throw) and tried again, nothing is counted as failed, and only an
 * interrupt (a hard stop) gives up.
 */
class KafkaMessageSinkTest {

    @Test
    void aMessageIsHeldWhileNoBrokerAnswersAndOnlyAHardStopGivesUp() throws Exception {
        Map<String, Object> client = new HashMap<>(KafkaMessageSink.PRODUCER_SETTINGS);
        client.put("bootstrap.servers", "127.0.0.1:" + closedPort());
        client.put("max.block.ms", 150);
        client.put("reconnect.backoff.max.ms", 100);
        try (LogLineProducer producer = new LogLineProducer(client, "f5.logs")) {
            KafkaMessageSink sink = new KafkaMessageSink(producer);
            AtomicReference<Throwable> ended = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try {
                    sink.write(new SyslogMessage("<134>held".getBytes(StandardCharsets.UTF_8), "127.0.0.1:5000",
                            1_000L, Transport.TCP));
                    ended.set(new AssertionError("write returned although no broker took the message"));
                } catch (Throwable t) {
                    ended.set(t);
                }
            });
            writer.start();

            await().atMost(Duration.ofSeconds(30)).until(() -> sink.waits() >= 3);
            assertThat(writer.isAlive()).as("still holding the message").isTrue();
            assertThat(sink.failed()).as("a refusal is not a loss").isZero();
            // refused sends are not counted: at most the attempt in progress is
            assertThat(producer.sent()).as("refused sends counted as sent").isLessThanOrEqualTo(1);

            writer.interrupt();
            writer.join(10_000);
            assertThat(writer.isAlive()).isFalse();
            assertThat(ended.get()).isInstanceOf(InterruptedException.class);
            assertThat(sink.written()).isZero();
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
