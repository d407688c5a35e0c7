package io.tlswatch.app.inventory;

import io.tlswatch.processors.TlswatchConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;

/**
 * Where an inventory command writes: the topic ({@code --topic}, else {@code topics.inventory}) and the Kafka
 * client settings ({@code kafka.*} of the config, {@code --bootstrap-server} winning).
 */
record InventoryTarget(String topic, Map<String, Object> client) {
    private static final int ADMIN_TIMEOUT_MS = 30_000;

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

    /** Whether the topic exists; asked before writing where a broker's auto-creation would make a plain topic. */
    boolean topicExists() throws InterruptedException {
        try (Admin admin = Admin.create(client)) {
            return admin.listTopics().names().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS).contains(topic);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list the topics of " + client.get("bootstrap.servers") + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from Kafka at " + client.get("bootstrap.servers")
                    + " within " + ADMIN_TIMEOUT_MS / 1000 + " s", e);
        }
    }
}
