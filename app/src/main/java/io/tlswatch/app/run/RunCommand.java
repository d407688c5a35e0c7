package io.tlswatch.app.run;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tlswatch.processors.TlswatchConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tlswatch run --config FILE}: the Streams application against a configured cluster. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the tlswatch Streams application against a Kafka cluster until stopped (Ctrl-C).",
            "Settings come from the properties file, then from TLSWATCH_* environment variables",
            "(TLSWATCH_KAFKA_BOOTSTRAP_SERVERS sets kafka.bootstrap.servers). Every kafka.* setting",
            "passes to the Kafka clients unchanged, security settings included."
        })
public final class RunCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "tlswatch properties file")
    Path config;

    @Override
    public Integer call() throws Exception {
        if (config != null && !Files.isReadable(config)) {
            throw new IllegalArgumentException("cannot read config file " + config);
        }
        TlswatchConfig settings = TlswatchConfig.load(config, System.getenv());
        Pipeline pipeline = Pipeline.start(settings, new SimpleMeterRegistry());
        Runtime.getRuntime().addShutdownHook(new Thread(pipeline::close, "tlswatch-shutdown"));
        System.err.printf("tlswatch: application %s on %s, reading %s; Ctrl-C to stop%n",
                settings.applicationId(), settings.kafka().get("bootstrap.servers"), settings.topics().logs());
        pipeline.awaitStop();
        return pipeline.failure() == null ? 0 : 1;
    }
}
