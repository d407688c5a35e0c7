package io.tlswatch.processors.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.processors.decode.LogDecoder;
import io.tlswatch.processors.decode.RejectReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/operations.md} against the topology it describes: every repartition topic, changelog topic, store and
 * {@code tlswatch_*} metric of the running pipeline, and every dead-letter reason, is named in the guide, so that
 * a new store or metric cannot ship undocumented.
 */
class OperationsGuideTopologyTest {
    private static final Path GUIDE = Path.of("..").toAbsolutePath().normalize().resolve("docs/operations.md");
    private static final Instant START = Instant.parse("2026-02-01T08:00:00Z");
    /** The default application id, which prefixes every internal topic. */
    private static final String APP = "tlswatch";

    private static String guide() throws IOException {
        return Files.readString(GUIDE, StandardCharsets.UTF_8);
    }

    private static Topology topology(SimpleMeterRegistry registry) {
        TlswatchConfig config = TlswatchConfig.of(Map.of("kafka.bootstrap.servers", "unused:9092"));
        Properties props = StreamsSettings.from(config);
        return TlswatchTopology.build(config, props, new LogDecoder(ZoneId.of("UTC"), START::toEpochMilli, "unknown"),
                registry);
    }

    @Test
    void everyInternalTopicAndStoreOfTheTopologyIsInTheGuide() throws IOException {
        TopologyDescription description = topology(new SimpleMeterRegistry()).describe();
        Set<String> written = new TreeSet<>();
        Set<String> read = new TreeSet<>();
        Set<String> stores = new TreeSet<>();
        for (TopologyDescription.Subtopology sub : description.subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                    written.add(sink.topic());
                }
                if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                    read.addAll(source.topicSet());
                }
                if (node instanceof TopologyDescription.Processor p) {
                    stores.addAll(p.stores());
                }
            }
        }
        Set<String> repartitions = new TreeSet<>(written);
        repartitions.retainAll(read);
        repartitions.removeIf(t -> !t.endsWith("-repartition"));
        // the global stores (inventory, configuration changes) read their topics directly: no changelog
        Set<String> globalStores = new TreeSet<>();
        description.globalStores().forEach(g -> globalStores.addAll(g.processor().stores()));

        assertThat(repartitions).as("the pipeline's repartition topics").hasSize(7);
        assertThat(stores).as("the pipeline's stores").hasSize(14);
        assertThat(globalStores).containsExactlyInAnyOrder(TlswatchTopology.INVENTORY_STORE,
                TlswatchTopology.CHANGES_STORE);
        String guide = guide();
        repartitions.forEach(t -> assertThat(guide).as("repartition topic %s", t).contains("`" + APP + "-" + t + "`"));
        stores.forEach(s -> assertThat(guide).as("changelog of store %s", s)
                .contains("`" + APP + "-" + s + "-changelog`"));
        assertThat(guide).contains("`" + TlswatchTopology.INVENTORY_STORE + "`");
        assertThat(guide).contains("`" + TlswatchTopology.CHANGES_STORE + "`");
    }

    @Test
    void everyMetricAndDeadLetterReasonIsInTheGuide() throws IOException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Properties props = StreamsSettings.from(TlswatchConfig.of(Map.of("kafka.bootstrap.servers", "unused:9092")));
        try (TopologyTestDriver driver = new TopologyTestDriver(topology(registry), props, START)) {
            // the processors register their meters when their tasks start
            assertThat(driver.producedTopicNames()).isNotNull();
        }
        Set<String> names = new TreeSet<>();
        for (Meter m : registry.getMeters()) {
            if (m.getId().getName().startsWith("tlswatch_")) {
                names.add(m.getId().getName());
            }
        }
        assertThat(names).as("tlswatch metrics").hasSizeGreaterThanOrEqualTo(8);
        String guide = guide();
        names.forEach(n -> assertThat(guide).as("metric %s", n).contains("`" + n));
        for (RejectReason r : RejectReason.values()) {
            assertThat(guide).as("dead-letter reason %s", r.code()).contains("`" + r.code() + "`");
        }
        // the notifier's own reasons (app module, DeadLetterWriter)
        assertThat(guide).contains("`invalid_alert`", "`delivery_rejected`");
    }
}
