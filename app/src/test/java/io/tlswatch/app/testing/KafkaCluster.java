package io.tlswatch.app.testing;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.tlswatch.app.broker.EmbeddedKafkaBroker;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Gives an integration test class one Kafka cluster, started before all its tests and stopped after them.
 *
 * <pre>{@code
 * @RegisterExtension
 * static KafkaCluster kafka = KafkaCluster.create();
 * }</pre>
 * or {@code @ExtendWith(KafkaCluster.class)} with a {@code KafkaCluster} parameter on a test method,
 * constructor or {@code @BeforeAll} method.
 *
 * <p>Which cluster, first match wins:
 * <ol>
 *   <li>env {@code KAFKA_BOOTSTRAP_SERVERS}: an external cluster, shared by everyone (use {@link #uniqueName});</li>
 *   <li>system property {@code tlswatch.it.broker=testcontainers} or env {@code TLSWATCH_IT_BROKER=testcontainers},
 *       and Docker available: an {@code apache/kafka} container;</li>
 *   <li>otherwise an in-process {@link EmbeddedKafkaBroker} (the only choice on machines without Docker).</li>
 * </ol>
 */
public final class KafkaCluster implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    public static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String BROKER_PROPERTY = "tlswatch.it.broker";
    public static final String BROKER_ENV = "TLSWATCH_IT_BROKER";
    /** The broker image for Testcontainers: the Kafka version the build pins (failsafe passes it on). */
    public static final String KAFKA_IMAGE = "apache/kafka:" + System.getProperty("kafka.version", "4.4.0");

    private static final Logger log = LoggerFactory.getLogger(KafkaCluster.class);
    private static final AtomicLong NAME_COUNTER = new AtomicLong();
    private static final long ADMIN_TIMEOUT_MS = 30_000;

    /** One cluster per registration; started by the outermost class, reused by its {@code @Nested} classes. */
    private Backend backend;
    private int users;

    /** For {@code @ExtendWith}; prefer {@link #create()} with {@code @RegisterExtension}. */
    public KafkaCluster() {
    }

    public static KafkaCluster create() {
        return new KafkaCluster();
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (users++ == 0) {
            backend = startBackend();
            log.info("Kafka for {}: {} at {}", context.getDisplayName(), backend.description(), backend.bootstrapServers());
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (--users == 0) {
            Backend stopping = backend;
            backend = null;
            stopping.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return this;
    }

    /** {@code bootstrap.servers} of the running cluster. */
    public synchronized String bootstrapServers() {
        if (backend == null) {
            throw new IllegalStateException("No Kafka cluster running: register KafkaCluster as a static @RegisterExtension"
                    + " field or with @ExtendWith, and use it only while the test class runs");
        }
        return backend.bootstrapServers();
    }

    /** A topic, group or application id that no other test (or other run on a shared cluster) uses. */
    public String uniqueName(String prefix) {
        return prefix + "-" + Long.toString(ProcessHandle.current().pid(), 36)
                + "-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36)
                + "-" + NAME_COUNTER.incrementAndGet();
    }

    /**
     * Creates topics with the cluster's default replication factor (so the same call works on one node and on a
     * shared multi-node cluster) and waits for the outcome. Existing topics are fine.
     */
    public void createTopics(int partitions, String... names) {
        List<NewTopic> topics = Stream.of(names)
                .map(name -> new NewTopic(name, Optional.of(partitions), Optional.empty()))
                .toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topic " + entry.getKey() + ": " + e.getCause(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics " + List.of(names), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating topics " + List.of(names) + " on " + bootstrapServers(), e);
        }
    }

    private static Backend startBackend() {
        String external = System.getenv(BOOTSTRAP_ENV);
        if (external != null && !external.isBlank()) {
            return new External(external.strip());
        }
        if (testcontainersRequested()) {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                return new Container();
            }
            log.warn("Testcontainers requested but no Docker engine is available: using the embedded broker");
        }
        return new Embedded();
    }

    private static boolean testcontainersRequested() {
        String choice = Optional.ofNullable(System.getProperty(BROKER_PROPERTY))
                .or(() -> Optional.ofNullable(System.getenv(BROKER_ENV)))
                .orElse("");
        return choice.strip().toLowerCase(Locale.ROOT).equals("testcontainers");
    }

    private interface Backend extends AutoCloseable {
        String bootstrapServers();

        String description();

        @Override
        void close();
    }

    private record External(String bootstrapServers) implements Backend {
        @Override
        public String description() {
            return "external cluster from $" + BOOTSTRAP_ENV;
        }

        @Override
        public void close() {
            // not ours to stop
        }
    }

    private static final class Container implements Backend {
        private final KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);

        Container() {
            container.start();
        }

        @Override
        public String bootstrapServers() {
            return container.getBootstrapServers();
        }

        @Override
        public String description() {
            return "Testcontainers " + KAFKA_IMAGE;
        }

        @Override
        public void close() {
            container.stop();
        }
    }

    private static final class Embedded implements Backend {
        private final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();

        @Override
        public String bootstrapServers() {
            return broker.bootstrapServers();
        }

        @Override
        public String description() {
            return "embedded KRaft broker (started in " + broker.startupTime().toMillis() + " ms)";
        }

        @Override
        public void close() {
            broker.close();
        }
    }
}
