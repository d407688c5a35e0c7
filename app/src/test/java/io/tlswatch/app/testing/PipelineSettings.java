package io.tlswatch.app.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings every test pipeline starts from: an application id and topics of its own (so that tests share a
 * cluster without seeing each other's records), the cluster, and a state directory. A test adds what it tunes.
 */
public final class PipelineSettings {
    /** The {@code topics.<name>} keys of every topic the pipeline reads or writes. */
    public static final List<String> TOPICS =
            List.of("logs", "packets", "netskope", "inventory", "handshakes", "attempts", "rates", "alerts", "dlq",
                    "probes", "changes");

    private PipelineSettings() {}

    /** {@code application.id} = {@code prefix}, topic {@code <name>} = {@code <prefix>.<name>}; mutable. */
    public static Map<String, String> of(KafkaCluster kafka, String prefix, Path stateDir) {
        Map<String, String> settings = new HashMap<>();
        for (String name : TOPICS) {
            settings.put("topics." + name, prefix + "." + name);
        }
        settings.put("application.id", prefix);
        settings.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        settings.put("kafka.state.dir", stateDir.toString());
        return settings;
    }
}
