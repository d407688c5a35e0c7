package io.tlswatch.app.run;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tlswatch.app.CommandSettings;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.processors.topology.StreamsSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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
            "passes to the Kafka clients unchanged, security settings included. The dashboard is served on",
            "http://127.0.0.1:9464/, the API under /api/, Prometheus metrics on /metrics and health on /health",
            "(http.host, http.port; -1 disables). Bound to a non-loopback address, http.token is required.",
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
        ServedPipeline served = ServedPipeline.start(settings, registry);
        Pipeline pipeline = served.pipeline();
        Runtime.getRuntime().addShutdownHook(new Thread(served::close, "tlswatch-shutdown"));
        System.err.printf("tlswatch: application %s on %s, reading %s%s; Ctrl-C to stop%n",
                settings.applicationId(), settings.kafka().get("bootstrap.servers"),
                String.join(", ", settings.topics().logs(), settings.topics().packets(), settings.topics().netskope()),
                served.web() == null ? "" : "; dashboard on " + served.web().url() + ", metrics on "
                        + served.web().url() + "metrics");
        pipeline.awaitStop();
        return pipeline.failure() == null ? 0 : 1;
    }
}
