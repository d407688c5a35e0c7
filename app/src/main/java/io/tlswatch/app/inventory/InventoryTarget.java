package io.tlswatch.app.inventory;

import io.tlswatch.processors.TlswatchConfig;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * Where an inventory command writes: the topic ({@code --topic}, else {@code topics.inventory}) and the Kafka
 * client settings ({@code kafka.*} of the config, {@code --bootstrap-server} winning).
 */
record InventoryTarget(String topic, Map<String, Object> client) {

    /** The topic alone, for dry runs. */
    static String topic(TlswatchConfig settings, String topicOption) {
        return topicOption != null ? topicOption : settings.topics().inventory();
    }

    /** @throws CommandLine.ParameterException when no bootstrap servers are given anywhere */
    static InventoryTarget of(TlswatchConfig settings, String topicOption, String bootstrapOption, String clientId,
            CommandLine commandLine) {
        Map<String, Object> client = new HashMap<>(settings.kafka());
        if (bootstrapOption != null) {
            client.put("bootstrap.servers", bootstrapOption);
        }
        if (client.get("bootstrap.servers") == null || client.get("bootstrap.servers").toString().isBlank()) {
            throw new CommandLine.ParameterException(commandLine,
                    "no Kafka: give --bootstrap-server, kafka.bootstrap.servers or TLSWATCH_KAFKA_BOOTSTRAP_SERVERS, "
                            + "or --dry-run");
        }
        client.putIfAbsent("client.id", clientId);
        return new InventoryTarget(topic(settings, topicOption), client);
    }
}
