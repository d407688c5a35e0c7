package io.tlswatch.app.ingest;

import io.tlswatch.app.KafkaReachability;
import io.tlswatch.ingest.replay.LogLineProducer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Opens the producer of a command that writes log lines ({@code ingest syslog}, {@code ingest file}): Kafka must
 * answer, and the topic exist (or be created by the broker), within {@code startup.timeout}; otherwise one line
 * naming the address or the topic ({@link IllegalStateException}: exit 1).
 */
final class LogTopicWriter {
    private LogTopicWriter() {}

    static LogLineProducer open(Map<String, Object> client, String topic, Duration startupTimeout) {
        return open(client, Map.of(), topic, startupTimeout);
    }

    /** Like {@link #open(Map, String, Duration)}, with producer settings on top of {@code client}'s. */
    static LogLineProducer open(Map<String, Object> client, Map<String, Object> producerOverrides, String topic,
            Duration startupTimeout) {
        String unreachable = KafkaReachability.check(client, startupTimeout);
        if (unreachable != null) {
            throw new IllegalStateException(unreachable);
        }
        Map<String, Object> settings = new HashMap<>(client);
        settings.putAll(producerOverrides);
        // a send waits this long for room or metadata before the caller decides (retry, or report)
        settings.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, startupTimeout.toMillis()));
        LogLineProducer producer = new LogLineProducer(settings, topic);
        try {
            producer.awaitTopic();
            return producer;
        } catch (TimeoutException e) {
            producer.close();
            throw new IllegalStateException("topic " + topic + " not found on Kafka at "
                    + client.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) + " within "
                    + KafkaReachability.seconds(startupTimeout)
                    + " (startup.timeout): create it, or start `tlswatch run` once, which creates its topics");
        } catch (RuntimeException e) {
            producer.close();
            throw e;
        }
    }
}
