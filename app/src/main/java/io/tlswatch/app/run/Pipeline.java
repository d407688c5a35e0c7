package io.tlswatch.app.run;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.tlswatch.app.CapturePoint;
import io.tlswatch.app.KafkaReachability;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.processors.decode.LogDecoder;
import io.tlswatch.processors.topology.StreamsSettings;
import io.tlswatch.processors.topology.TlswatchTopology;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running tlswatch Streams application: the topology of {@link TlswatchTopology} on a Kafka cluster.
 * Used by {@code run}, {@code demo} and the end-to-end tests alike.
 */
public final class Pipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final KafkaStreams streams;
    private final Topology topology;
    private final String applicationId;
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Throwable failure;

    private Pipeline(Topology topology, Properties properties) {
        this.streams = new KafkaStreams(topology, properties);
        this.topology = topology;
        this.applicationId = properties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                running.countDown();
                stopped.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            // a bug or a broker we cannot reach: stop cleanly and say why rather than spin
            failure = e;
            LOG.error("tlswatch pipeline stopped: {}", e.toString(), e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    }

    /** Creates missing topics (unless {@code topics.create=false}) and starts the Streams application. */
    public static Pipeline start(TlswatchConfig config, MeterRegistry registry) {
        Properties properties = StreamsSettings.from(config);
        // the topology reads every setting it needs: a bad one fails here, before Kafka is asked anything
        LogDecoder decoder = new LogDecoder(config.syslogZone(), System::currentTimeMillis,
                CapturePoint.fallback(config), syslogYear(config));
        Topology topology = TlswatchTopology.build(config, properties, decoder, registry);
        Map<String, Object> admin = new HashMap<>();
        config.kafka().forEach(admin::put);
        // one line within startup.timeout when nobody answers, not a stream of connection warnings
        String unreachable = KafkaReachability.check(admin, config.startupTimeout());
        if (unreachable != null) {
            throw new IllegalStateException(unreachable);
        }
        if (config.createTopics()) {
            String analysis = config.get(TlswatchTopology.ANALYSIS_OUTCOMES_TOPIC);
            TopicSetup.ensure(admin, config.topics(), analysis == null ? List.of() : List.of(analysis.strip()),
                    config.topicPartitions(), config.replication());
        }
        Pipeline pipeline = new Pipeline(topology, properties);
        // Kafka Streams' own metrics (lag, process rate, state stores) beside ours
        new KafkaStreamsMetrics(pipeline.streams).bindTo(registry);
        // a restore from the changelog is slow and, after a clean stop, a sign of lost checkpoints: count it
        pipeline.streams.setGlobalStateRestoreListener(new StateRestoreCounter(registry));
        pipeline.streams.start();
        return pipeline;
    }

    /**
     * {@code syslog.year}: the year of RFC 3164 stamps, which carry none; 0 (the default) takes the year closest
     * to the clock. Only offline work over old files ({@code tlswatch analyze --year}) needs it.
     */
    public static int syslogYear(TlswatchConfig config) {
        return config.syslogYear();
    }

    /** The application id, which is also the consumer group of the Streams application. */
    public String applicationId() {
        return applicationId;
    }

    /**
     * Every topic the application reads: the input topics and its internal repartition topics (with the
     * application id prefix Kafka Streams gives them), as found in the topology.
     */
    public Set<String> sourceTopics() {
        Set<String> internal = new TreeSet<>();
        Set<String> all = new TreeSet<>();
        for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                    internal.add(sink.topic());
                }
            }
        }
        for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                    for (String topic : source.topicSet()) {
                        // a topic the topology both writes and reads is one of its repartition topics
                        boolean repartition = internal.contains(topic) && topic.endsWith("-repartition");
                        all.add(repartition ? applicationId + "-" + topic : topic);
                    }
                }
            }
        }
        return all;
    }

    /** Waits until every task is assigned and running; false on timeout or failure. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && streams.state() == KafkaStreams.State.RUNNING;
    }

    /** Blocks until the application stops (Ctrl-C, or a fatal error). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /**
     * Kafka Streams' own metrics as they are now (the registry binds them on a refresh schedule): e.g. a test
     * reads {@code dropped-records-total}, the records Streams skipped.
     */
    public Map<MetricName, ? extends Metric> streamsMetrics() {
        return streams.metrics();
    }

    /** The Streams application, for interactive queries (the API). */
    public KafkaStreams streams() {
        return streams;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public Throwable failure() {
        return failure;
    }

    @Override
    public void close() {
        if (!streams.close(Duration.ofSeconds(30))) {
            // tasks still open when the process exits are not checkpointed: the next start restores them
            LOG.warn("tlswatch pipeline did not stop within 30s; its state stores will be restored on the next start");
        }
    }
}
