package io.tlswatch.app.run;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tlswatch.app.CommandSettings;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.processors.serve.MetricsServer;
import io.tlswatch.processors.topology.StreamsSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tlswatch run --config FILE}: the Streams application against a configured cluster. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the tlswatch Streams application against a Kafka cluster until stopped (Ctrl-C).",
            "Settings come from the properties file, then from TLSWATCH_* environment variables",
            "(TLSWATCH_KAFKA_BOOTSTRAP_SERVERS sets kafka.bootstrap.servers). Every kafka.* setting",
            "passes to the Kafka clients unchanged, security settings included. Metrics (Prometheus) and",
            "health are served on http://127.0.0.1:9464/metrics and /health (http.host, http.port; -1 disables).",
            "Settings are checked before anything connects (exit 2, one line naming the key); Kafka must",
            "answer within startup.timeout (30s), else one line naming the address and exit 1."
        },
        footer = {"", "Examples:", "  tlswatch run --config tlswatch.properties",
            "  TLSWATCH_KAFKA_BOOTSTRAP_SERVERS=broker1:9092 tlswatch run"})
public final class RunCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "tlswatch properties file")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // every setting checked (exit 2, one line naming the key) before the topology is built or Kafka asked
        TlswatchConfig settings = CommandSettings.load(config, spec.commandLine());
        try {
            StreamsSettings.from(settings);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Pipeline pipeline = Pipeline.start(settings, registry);
        int port = settings.httpPort();
        MetricsServer http = port < 0 ? null : MetricsServer.start(settings.get("http.host", "127.0.0.1"), port, registry,
                () -> pipeline.state() == KafkaStreams.State.RUNNING);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pipeline.close();
            if (http != null) {
                http.close();
            }
        }, "tlswatch-shutdown"));
        System.err.printf("tlswatch: application %s on %s, reading %s%s; Ctrl-C to stop%n",
                settings.applicationId(), settings.kafka().get("bootstrap.servers"), settings.topics().logs(),
                http == null ? "" : "; metrics on http://" + settings.get("http.host", "127.0.0.1") + ":" + http.port()
                        + "/metrics");
        pipeline.awaitStop();
        return pipeline.failure() == null ? 0 : 1;
    }
}
