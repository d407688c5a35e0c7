package io.tlswatch.app.inventory;

import io.tlswatch.processors.TlswatchConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options of the inventory commands that say where they write (a picocli mixin): {@code --topic}, else
 * {@code topics.inventory}; Kafka from {@code --bootstrap-server}, else the config's {@code kafka.*}.
 */
final class InventoryTargetOptions {
    @Option(names = "--topic", paramLabel = "TOPIC",
            description = "topic to write to (default: topics.inventory, else tlswatch.inventory)")
    String topic;

    @Option(names = {"-b", "--bootstrap-server"}, paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: kafka.bootstrap.servers of the config)")
    String bootstrapServers;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "tlswatch properties file (kafka.* client settings, topics.inventory)")
    Path config;

    /** @throws CommandLine.ParameterException when the config file cannot be read; IOException when it fails */
    TlswatchConfig settings(CommandLine commandLine) throws IOException {
        if (config != null && !Files.isReadable(config)) {
            throw new CommandLine.ParameterException(commandLine, "cannot read config file " + config);
        }
        return TlswatchConfig.load(config, System.getenv());
    }

    /** The topic alone, for dry runs. */
    String topic(TlswatchConfig settings) {
        return topic != null ? topic : settings.topics().inventory();
    }

    /** @throws CommandLine.ParameterException when no bootstrap servers are given anywhere */
    InventoryTarget target(TlswatchConfig settings, String clientId, CommandLine commandLine) {
        Map<String, Object> client = new HashMap<>(settings.kafka());
        if (bootstrapServers != null) {
            client.put("bootstrap.servers", bootstrapServers);
        }
        if (client.get("bootstrap.servers") == null || client.get("bootstrap.servers").toString().isBlank()) {
            throw new CommandLine.ParameterException(commandLine,
                    "no Kafka: give --bootstrap-server, kafka.bootstrap.servers or TLSWATCH_KAFKA_BOOTSTRAP_SERVERS, "
                            + "or --dry-run");
        }
        client.putIfAbsent("client.id", clientId);
        return new InventoryTarget(topic(settings), client);
    }
}
