package io.tlswatch.processors;

import io.tlswatch.schemas.DidYouMean;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The {@code kafka.*} settings that no Kafka client or Kafka Streams knows. They are passed on unchanged (a plugin of the cluster's,
 * an interceptor or a metrics reporter may read its own keys), but Kafka ignores a misspelt one without a word, so
 * {@code kafka.num.stream.thread=1} would leave the default in place unnoticed: each is said at start, with the
 * Kafka setting it probably meant.
 */
public final class KafkaKeys {
    /** Kafka Streams' prefixes for the settings of one client. */
    private static final List<String> CLIENT_PREFIXES = List.of(StreamsConfig.MAIN_CONSUMER_PREFIX,
            StreamsConfig.RESTORE_CONSUMER_PREFIX, StreamsConfig.GLOBAL_CONSUMER_PREFIX, StreamsConfig.CONSUMER_PREFIX,
            StreamsConfig.PRODUCER_PREFIX, StreamsConfig.ADMIN_CLIENT_PREFIX);
    private static final Set<String> KNOWN = known();

    private KafkaKeys() {}

    /** One line per {@code kafka.*} key of {@code config} that no Kafka client or Kafka Streams setting has. */
    public static List<String> unknown(TlswatchConfig config) {
        List<String> lines = new ArrayList<>();
        for (String name : config.kafka().keySet()) {
            if (name.startsWith(StreamsConfig.TOPIC_PREFIX)) {
                continue; // the internal topics' settings: the broker checks them when it creates the topics
            }
            String prefix = clientPrefix(name);
            String bare = name.substring(prefix.length());
            if (!KNOWN.contains(bare)) {
                String meant = DidYouMean.closest(bare, KNOWN)
                        .map(k -> " (did you mean " + TlswatchConfig.KAFKA_PREFIX + prefix + k + "?)").orElse("");
                lines.add(TlswatchConfig.KAFKA_PREFIX + name + " is not a Kafka setting" + meant
                        + "; passed on, but Kafka ignores what it does not know");
            }
        }
        return lines;
    }

    /** The client prefix {@code name} starts with ({@code producer.}, ...), or "". */
    private static String clientPrefix(String name) {
        for (String prefix : CLIENT_PREFIXES) {
            if (name.startsWith(prefix)) {
                return prefix;
            }
        }
        return "";
    }

    private static Set<String> known() {
        Set<String> names = new TreeSet<>(StreamsConfig.configDef().names());
        names.addAll(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return Set.copyOf(names);
    }
}
