package io.tlswatch.app.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, roles {@code broker,controller}) running inside this JVM.
 *
 * <p>Used by the {@code demo} command and by the {@code *IT} tests, because no Docker engine exists on
 * the machines this project is built on. Start-up formats the storage the way {@code kafka-storage.sh
 * format --standalone} does, starts {@link KafkaRaftServer}, and returns only once an {@link Admin}
 * client sees the broker in the cluster. Data lives in a temporary directory deleted by {@link #close()},
 * or in a given directory that is kept (and reused: its cluster id and node id are read back).
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String LOOPBACK = "127.0.0.1";
    private static final String META_PROPERTIES = "meta.properties";

    /**
     * Node ids differ between brokers of one JVM so their JMX beans ({@code kafka.server:type=app-info,id=N})
     * do not collide; a kept directory keeps the node id it was formatted with.
     */
    private static final AtomicInteger NEXT_NODE_ID = new AtomicInteger(1);

    /**
     * How to start a broker.
     *
     * @param dataDir          where the logs live; {@code null} means a temporary directory deleted on close
     * @param partitions       {@code num.partitions}: for auto-created topics and CreateTopics requests that give no count
     * @param autoCreateTopics {@code auto.create.topics.enable}; off by default so that every topic is created on purpose
     * @param brokerProperties extra broker settings, applied last (they win over the defaults set here)
     * @param startupTimeout   how long start-up may take before it fails
     * @param port             port of the client (PLAINTEXT) listener; 0 picks a free one. A restart on the same data
     *                         directory and port is the same broker again to clients that knew it
     */
    public record Options(Path dataDir, int partitions, boolean autoCreateTopics,
                          Map<String, String> brokerProperties, Duration startupTimeout, int port) {

        public Options {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
            }
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            brokerProperties = Map.copyOf(brokerProperties);
            Objects.requireNonNull(startupTimeout, "startupTimeout");
        }

        /** Temporary directory, 3 partitions, no topic auto-creation, 60 s start-up timeout, any free port. */
        public static Options defaults() {
            return new Options(null, 3, false, Map.of(), Duration.ofSeconds(60), 0);
        }

        public Options withDataDir(Path dir) {
            return new Options(dir, partitions, autoCreateTopics, brokerProperties, startupTimeout, port);
        }

        public Options withPartitions(int count) {
            return new Options(dataDir, count, autoCreateTopics, brokerProperties, startupTimeout, port);
        }

        public Options withAutoCreateTopics(boolean enabled) {
            return new Options(dataDir, partitions, enabled, brokerProperties, startupTimeout, port);
        }

        public Options withBrokerProperty(String name, String value) {
            Map<String, String> merged = new LinkedHashMap<>(brokerProperties);
            merged.put(name, value);
            return new Options(dataDir, partitions, autoCreateTopics, merged, startupTimeout, port);
        }

        public Options withStartupTimeout(Duration timeout) {
            return new Options(dataDir, partitions, autoCreateTopics, brokerProperties, timeout, port);
        }

        /** The client listener's port, e.g. {@link #port()} of a broker being restarted; 0 for any free port. */
        public Options withPort(int clientPort) {
            return new Options(dataDir, partitions, autoCreateTopics, brokerProperties, startupTimeout, clientPort);
        }
    }

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final boolean deleteOnClose;
    private final String bootstrapServers;
    private final String clusterId;
    private final int nodeId;
    private final Duration startupTime;
    private final Duration adminTimeout;
    private boolean closed;

    private EmbeddedKafkaBroker(KafkaRaftServer server, Path dataDir, boolean deleteOnClose,
                                String bootstrapServers, String clusterId, int nodeId,
                                Duration startupTime, Duration adminTimeout) {
        this.server = server;
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.bootstrapServers = bootstrapServers;
        this.clusterId = clusterId;
        this.nodeId = nodeId;
        this.startupTime = startupTime;
        this.adminTimeout = adminTimeout;
    }

    /** Starts a broker with {@link Options#defaults()}. */
    public static EmbeddedKafkaBroker start() {
        return start(Options.defaults());
    }

    /**
     * Formats the storage (unless already formatted), starts the broker and waits until it serves clients.
     *
     * @throws IllegalStateException when formatting or start-up fails or times out; the directory of a failed
     *                               start is left in place only when it was given
     */
    public static EmbeddedKafkaBroker start(Options options) {
        long started = System.nanoTime();
        boolean temporary = options.dataDir() == null;
        Path dataDir = temporary ? createTempDir() : createDir(options.dataDir());
        Path logDir = logDir(dataDir);
        KafkaRaftServer server = null;
        try {
            Optional<Properties> meta = readMetaProperties(logDir);
            String clusterId = meta.map(p -> p.getProperty("cluster.id")).orElseGet(() -> Uuid.randomUuid().toString());
            int nodeId = meta.map(p -> Integer.parseInt(p.getProperty("node.id"))).orElseGet(NEXT_NODE_ID::getAndIncrement);
            int brokerPort = options.port() == 0 ? freePort() : options.port();
            int controllerPort = freePort();

            Properties props = brokerProperties(options, nodeId, logDir, brokerPort, controllerPort);
            Path configFile = writeConfig(dataDir.resolve("server.properties"), props);
            format(configFile, clusterId);

            server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            // Blocks until the controller is elected and the broker is unfenced, bounded by server.max.startup.time.ms.
            server.startup();

            String bootstrapServers = LOOPBACK + ":" + brokerPort;
            long deadline = started + options.startupTimeout().toNanos();
            awaitClientReady(bootstrapServers, nodeId, deadline);

            Duration startupTime = Duration.ofNanos(System.nanoTime() - started);
            log.info("Kafka broker (node {}, cluster {}) ready at {} in {} ms, data in {}{}", nodeId, clusterId,
                    bootstrapServers, startupTime.toMillis(), dataDir, temporary ? " (temporary)" : "");
            return new EmbeddedKafkaBroker(server, dataDir, temporary, bootstrapServers, clusterId, nodeId,
                    startupTime, options.startupTimeout());
        } catch (RuntimeException | Error e) {
            stopQuietly(server, e);
            if (temporary) {
                deleteRecursively(dataDir);
            }
            if (e instanceof IllegalStateException || e instanceof Error) {
                throw e;
            }
            throw new IllegalStateException("Embedded Kafka broker failed to start in " + dataDir + ": " + e, e);
        }
    }

    /** {@code host:port} of the PLAINTEXT listener, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The client listener's port: {@link Options#withPort} restarts a broker where its clients look for it. */
    public int port() {
        return Integer.parseInt(bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1));
    }

    public String clusterId() {
        return clusterId;
    }

    public int nodeId() {
        return nodeId;
    }

    /** The directory holding {@code server.properties} and the logs. */
    public Path dataDir() {
        return dataDir;
    }

    /** The broker's {@code log.dirs}: one {@code topic-partition} folder per partition. */
    public Path logDir() {
        return logDir(dataDir);
    }

    private static Path logDir(Path dataDir) {
        return dataDir.resolve("kraft-logs");
    }

    /** Time from {@link #start(Options)} being called until clients could talk to the broker. */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * Creates topics with replication factor 1 and waits until every partition has a leader, so that clients
     * used right afterwards do not race the metadata propagation. Topics that already exist are left as they are.
     */
    public void createTopics(int partitions, String... names) {
        if (names.length == 0) {
            return;
        }
        List<NewTopic> topics = Stream.of(names).map(name -> new NewTopic(name, partitions, (short) 1)).toList();
        try (Admin admin = Admin.create(adminConfig(bootstrapServers, adminTimeout))) {
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get(adminTimeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topic " + entry.getKey() + ": " + e.getCause(), e.getCause());
                    }
                }
            }
            awaitLeaders(admin, List.of(names));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics " + List.of(names), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out after " + adminTimeout + " creating topics " + List.of(names), e);
        }
    }

    /** Shuts the broker down, waits for it to stop, and deletes the data directory if it was temporary. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long started = System.nanoTime();
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            if (deleteOnClose) {
                deleteRecursively(dataDir);
            }
        }
        log.info("Kafka broker (node {}) at {} stopped in {} ms", nodeId, bootstrapServers,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private static Properties brokerProperties(Options options, int nodeId, Path logDir, int brokerPort, int controllerPort) {
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", Integer.toString(nodeId));
        props.setProperty("listeners", BROKER_LISTENER + "://" + LOOPBACK + ":" + brokerPort + ","
                + CONTROLLER_LISTENER + "://" + LOOPBACK + ":" + controllerPort);
        props.setProperty("advertised.listeners", BROKER_LISTENER + "://" + LOOPBACK + ":" + brokerPort);
        props.setProperty("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.setProperty("inter.broker.listener.name", BROKER_LISTENER);
        props.setProperty("controller.listener.names", CONTROLLER_LISTENER);
        // A dynamic quorum (KIP-853) of this one node; formatted with --standalone.
        props.setProperty("controller.quorum.bootstrap.servers", LOOPBACK + ":" + controllerPort);
        props.setProperty("log.dirs", logDir.toString());

        // One node: every internal topic must accept replication factor 1, or consumer groups get no
        // coordinator and transactions time out.
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("share.coordinator.state.topic.replication.factor", "1");
        props.setProperty("share.coordinator.state.topic.min.isr", "1");
        props.setProperty("min.insync.replicas", "1");
        props.setProperty("default.replication.factor", "1");
        // Fewer internal partitions: the first consumer group and the first transaction start faster.
        props.setProperty("offsets.topic.num.partitions", "5");
        props.setProperty("transaction.state.log.num.partitions", "5");
        // Nobody else is going to join: do not hold the first rebalance back.
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        // The log cleaner allocates this buffer up front (128 MiB by default); compacted changelogs here are tiny.
        props.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        props.setProperty("num.partitions", Integer.toString(options.partitions()));
        props.setProperty("auto.create.topics.enable", Boolean.toString(options.autoCreateTopics()));
        // Without this bound KafkaRaftServer.startup() waits forever for a controller that never comes.
        props.setProperty("server.max.startup.time.ms", Long.toString(options.startupTimeout().toMillis()));
        props.putAll(options.brokerProperties());
        return props;
    }

    /** The equivalent of {@code kafka-storage.sh format --standalone}; a no-op for a directory already formatted. */
    private static void format(Path configFile, String clusterId) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String[] args = {
            "format", "--config", configFile.toString(),
            // '=' form: a random cluster id may start with '-' and would otherwise be parsed as an option.
            "--cluster-id=" + clusterId,
            "--standalone",
            "--ignore-formatted",
        };
        int exitCode;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exitCode = StorageTool.execute(args, out);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Formatting Kafka storage with " + configFile + " failed: " + e.getMessage()
                    + describeOutput(output), e);
        }
        if (exitCode != 0) {
            throw new IllegalStateException("Formatting Kafka storage with " + configFile + " exited with " + exitCode
                    + describeOutput(output));
        }
    }

    private static String describeOutput(ByteArrayOutputStream output) {
        String text = output.toString(StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "" : " (storage tool said: " + text + ")";
    }

    /** {@code startup()} returning is not the whole story: wait until a client can see this node. */
    private static void awaitClientReady(String bootstrapServers, int nodeId, long deadlineNanos) {
        Exception last = null;
        try (Admin admin = Admin.create(adminConfig(bootstrapServers, Duration.ofSeconds(5)))) {
            while (System.nanoTime() < deadlineNanos) {
                try {
                    var nodes = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    if (nodes.stream().map(Node::id).anyMatch(id -> id == nodeId)) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Kafka broker at " + bootstrapServers, e);
        }
        throw new IllegalStateException("Kafka broker at " + bootstrapServers + " started but no client could reach it in time"
                + (last == null ? "" : ": " + last), last);
    }

    private void awaitLeaders(Admin admin, List<String> names) throws InterruptedException {
        long deadline = System.nanoTime() + adminTimeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames()
                        .get(adminTimeout.toMillis(), TimeUnit.MILLISECONDS);
                boolean allLed = described.values().stream()
                        .flatMap(d -> d.partitions().stream())
                        .map(TopicPartitionInfo::leader)
                        .allMatch(leader -> leader != null && !leader.isEmpty());
                if (allLed) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                last = e; // UnknownTopicOrPartition until the metadata reaches the broker side
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("Topics " + names + " have partitions without a leader after " + adminTimeout, last);
    }

    private static Map<String, Object> adminConfig(String bootstrapServers, Duration timeout) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "tlswatch-embedded-broker-admin");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        return config;
    }

    private static Optional<Properties> readMetaProperties(Path logDir) {
        Path file = logDir.resolve(META_PROPERTIES);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties meta = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            meta.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        if (meta.getProperty("cluster.id") == null || meta.getProperty("node.id") == null) {
            throw new IllegalStateException(file + " lacks cluster.id or node.id; is it a KRaft data directory?");
        }
        return Optional.of(meta);
    }

    /**
     * The OS picks a free port; it is released again right away, so another process could grab it before the
     * broker binds it. Unlikely enough on a test machine, and a clash fails start-up with a clear BindException.
     */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port on " + LOOPBACK, e);
        }
    }

    private static Path writeConfig(Path file, Properties props) {
        try (OutputStream out = Files.newOutputStream(file)) {
            props.store(out, "Written by tlswatch EmbeddedKafkaBroker; regenerated on every start");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write broker configuration " + file, e);
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("tlswatch-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for the Kafka broker", e);
        }
    }

    private static Path createDir(Path dir) {
        try {
            return Files.createDirectories(dir.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the Kafka data directory " + dir, e);
        }
    }

    private static void stopQuietly(KafkaRaftServer server, Throwable cause) {
        if (server == null) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        List<IOException> failures = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    failures.add(e);
                }
            });
        } catch (IOException e) {
            failures.add(e);
        }
        if (!failures.isEmpty()) {
            // Leftover temp files are not worth failing a shutdown for.
            log.warn("Could not delete all of {}: {}", dir, failures.get(0).toString());
        }
    }
}
