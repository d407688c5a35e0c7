package io.tlswatch.app;

import io.tlswatch.processors.TlswatchConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options of the commands that write to Kafka, and of {@code notify}, which reads (a picocli mixin): {@code --topic}, else the command's topic
 * from the config; Kafka from {@code --bootstrap-server}, else the config's {@code kafka.*} (file or
 * {@code TLSWATCH_*} environment).
 */
public final class KafkaTargetOptions {
    @Option(names = "--topic", paramLabel = "TOPIC",
            description = "topic to write to (for notify: to read from; default: the config's topics.* for this command)")
    String topic;

    @Option(names = {"-b", "--bootstrap-server"}, paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: kafka.bootstrap.servers of the config)")
    String bootstrapServers;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "tlswatch properties file (kafka.* client settings, topics.*)")
    Path config;

    /**
     * The settings: the config file, then the environment, checked ({@link CommandSettings}).
     *
     * @throws CommandLine.ParameterException when the config file cannot be read or a setting is wrong
     */
    public TlswatchConfig settings(CommandLine commandLine) {
        return CommandSettings.load(config, commandLine);
    }

    /** Whether any Kafka option was given (a command that can also write files refuses them there). */
    public boolean usesKafka() {
        return topic != null || bootstrapServers != null || config != null;
    }

    /** {@code --topic}, else {@code configured}. */
    public String topic(String configured) {
        return topic != null ? topic : configured;
    }

    /**
     * The Kafka client settings.
     *
     * @param orElse what else the user may do instead of naming Kafka (appended to the error), or ""
     * @throws CommandLine.ParameterException when no bootstrap servers are given anywhere
     */
    public Map<String, Object> client(TlswatchConfig settings, String clientId, String orElse,
            CommandLine commandLine) {
        Map<String, Object> client = new HashMap<>(settings.kafka());
        if (bootstrapServers != null) {
            client.put("bootstrap.servers", bootstrapServers);
        }
        if (client.get("bootstrap.servers") == null || client.get("bootstrap.servers").toString().isBlank()) {
            throw new CommandLine.ParameterException(commandLine,
                    "no Kafka: give --bootstrap-server, kafka.bootstrap.servers or TLSWATCH_KAFKA_BOOTSTRAP_SERVERS"
                            + orElse);
        }
        client.putIfAbsent("client.id", clientId);
        return client;
    }
}
