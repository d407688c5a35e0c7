package io.tlswatch.app.run;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tlswatch.app.CommandSettings;
import io.tlswatch.app.probe.AlertProber;
import io.tlswatch.app.probe.ProbeSettings;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.processors.topology.StreamsSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
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
            "answer within startup.timeout (30s), else one line naming the address and exit 1.",
            "With probe.enabled=true (off by default: probing production is a policy decision), each alert that",
            "fires has its VIP probed as 'tlswatch probe' does, at most probe.max.per.minute (6) times a minute,",
            "and the report is written to tlswatch.probes."
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
        ProbeSettings probing;
        try {
            StreamsSettings.from(settings);
            probing = ProbeSettings.from(settings);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ServedPipeline served = ServedPipeline.start(settings, registry);
        Pipeline pipeline = served.pipeline();
        // the probe reads the alerts beside the Streams application, never in its threads
        AlertProber prober = probing.enabled() ? AlertProber.start(probing, client(settings),
                settings.topics().alerts(), settings.topics().probes(), registry) : null;
        if (prober != null && served.web() != null) {
            served.web().probes(prober::latest);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (prober != null) {
                prober.close();
            }
            served.close();
        }, "tlswatch-shutdown"));
        System.err.printf("tlswatch: application %s on %s, reading %s%s%s; Ctrl-C to stop%n",
                settings.applicationId(), settings.kafka().get("bootstrap.servers"),
                String.join(", ", settings.topics().logs(), settings.topics().packets(), settings.topics().netskope()),
                served.web() == null ? "" : "; dashboard on " + served.web().url() + ", metrics on "
                        + served.web().url() + "metrics", prober == null ? "" : "; probing the VIPs of firing alerts ("
                        + probing.maxPerMinute() + " a minute at most)");
        pipeline.awaitStop();
        return pipeline.failure() == null ? 0 : 1;
    }

    private static Map<String, Object> client(TlswatchConfig settings) {
        return new HashMap<>(settings.kafka());
    }
}
