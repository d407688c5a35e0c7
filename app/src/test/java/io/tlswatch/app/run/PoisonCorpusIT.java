package io.tlswatch.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tlswatch.app.run.PoisonCorpus.Expect;
import io.tlswatch.app.run.PoisonCorpus.Input;
import io.tlswatch.app.testing.KafkaCluster;
import io.tlswatch.app.testing.PipelineSettings;
import io.tlswatch.app.testing.TopicReader;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.schemas.DeadLetter;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.JsonSerde;
import io.tlswatch.schemas.TopicNames;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: a seeded poison corpus mixed into real traffic on {@code f5.logs} (syslog lines and the Telemetry
 * Streaming poller) and {@code f5.packets}, through the whole pipeline on a real broker. Nothing crashes (the
 * application stays RUNNING), no partition is stuck (a good sentinel sent after the poison on every input
 * partition comes out), and every record is accounted for: inputs = decoded + counted-and-dropped + dead
 * letters, the dead letters on {@code tlswatch.dlq} matching the per-reason counters one for one.
 */
class PoisonCorpusIT {
    @RegisterExtension
    static final KafkaCluster KAFKA = KafkaCluster.create();

    private static final long SEED = 12;
    private static final int PARTITIONS = 3;
    /** Input topics take records bigger than any decoder bound, as a broker configured for big records would. */
    private static final int MAX_MESSAGE_BYTES = 8 << 20;
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path stateDir;

    private Pipeline pipeline;

    @AfterEach
    void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void poisonIsDeadLetteredOrCountedAndNothingCrashesOrSticks() throws Exception {
        long started = System.nanoTime();
        TlswatchConfig config = config();
        TopicNames topics = config.topics();
        createInputTopics(topics);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        pipeline = Pipeline.start(config, registry);
        assertThat(pipeline.awaitRunning(WAIT)).as("pipeline running").isTrue();

        List<Input> inputs = new PoisonCorpus(SEED, System.currentTimeMillis(), PARTITIONS).build();
        Map<TopicPartition, Map<Long, Input>> sent = produce(topics, inputs);
        long logInputs = inputs.stream().filter(i -> i.topic().equals(PoisonCorpus.LOGS)).count();

        try (TopicReader<String, JsonNode> handshakes = reader(topics.handshakes());
                TopicReader<String, JsonNode> inventory = reader(topics.inventory());
                TopicReader<byte[], DeadLetter> dlq = new TopicReader<>(KAFKA, topics.dlq(),
                        new ByteArrayDeserializer(), JsonSerde.of(DeadLetter.class).deserializer())) {
            for (TopicReader<?, ?> r : List.of(handshakes, inventory, dlq)) {
                r.failFast("the pipeline stopped", this::stopped);
            }

            // no stuck partition: each input partition's sentinel, sent after all its poison, comes out
            Set<String> logSentinels = new LinkedHashSet<>();
            Set<String> packetSentinels = new LinkedHashSet<>();
            Set<String> pollerSentinels = new LinkedHashSet<>();
            for (int p = 0; p < PARTITIONS; p++) {
                logSentinels.add(PoisonCorpus.logSentinelObserver(p));
                packetSentinels.add(PoisonCorpus.packetSentinelId(p));
                pollerSentinels.add(PoisonCorpus.pollerSentinelObserver(p));
            }
            handshakes.await(got -> observers(got).containsAll(logSentinels) && keys(got).containsAll(packetSentinels),
                    WAIT);
            inventory.await(got -> got.stream().map(r -> r.value().path("observer").asText())
                    .collect(Collectors.toSet()).containsAll(pollerSentinels), WAIT);

            // every record accounted for by the decode counters, exactly once: with the sentinels out, every record
            // before them has been decoded (they are the last of their partitions)
            Map<String, Long> byResult = inputCounts(registry);
            assertThat(byResult.values().stream().mapToLong(Long::longValue).sum())
                    .as("inputs = decoded + dropped + dead letters: %s", byResult).isEqualTo(inputs.size());

            // every dead letter counted by reason is on the DLQ, once, and points back at its input. The sentinels
            // are out, so every dead letter of the records before them was committed with them or earlier: the
            // topic's end as it is now holds them all
            Map<String, Long> countedDead = deadLetterCounts(registry);
            List<ConsumerRecord<byte[], DeadLetter>> letters = dlq.awaitEnd(WAIT);
            Map<String, Long> onTopic = letters.stream()
                    .collect(Collectors.groupingBy(r -> r.value().reason(), TreeMap::new, Collectors.counting()));
            assertThat(onTopic).as("dead letters on the topic by reason = counters").isEqualTo(countedDead);
            // inputs hold byte arrays: identity is what tells two of them apart
            Map<Input, String> reasonOf = new IdentityHashMap<>();
            for (ConsumerRecord<byte[], DeadLetter> r : letters) {
                DeadLetter d = r.value();
                Input in = sent.getOrDefault(new TopicPartition(d.sourceTopic(), d.sourcePartition()), Map.of())
                        .get(d.sourceOffset());
                assertThat(in).as("dead letter %s points at an input", d.sourceTopic() + "/" + d.sourcePartition()
                        + "@" + d.sourceOffset()).isNotNull();
                assertThat(reasonOf.put(in, d.reason())).as("one dead letter per input: %s", in.kind()).isNull();
                assertThat(d.valueBase64() == null ? 0 : d.valueBase64().length())
                        .as("a dead letter keeps a bounded head of the value").isLessThanOrEqualTo(
                                4 * DeadLetter.MAX_VALUE_BYTES / 3 + 4);
            }
            List<String> wrong = new ArrayList<>();
            for (Input in : inputs) {
                String reason = reasonOf.get(in);
                if (in.expect() instanceof Expect.Good && reason != null) {
                    wrong.add(in.kind() + " became a dead letter: " + reason);
                } else if (in.expect() instanceof Expect.Dead d && !d.reasons().contains(String.valueOf(reason))) {
                    wrong.add(in.kind() + " expected " + d.reasons() + ", got " + reason);
                }
            }
            assertThat(wrong).as("inputs that did not become what they must").isEmpty();
            assertThat(byResult.getOrDefault("decoded_packet_summary", 0L)).as("packet summaries that passed")
                    .isEqualTo(inputs.stream().filter(i -> i.topic().equals(PoisonCorpus.PACKETS)
                            && !reasonOf.containsKey(i)).count());
            long deadLogs = reasonOf.keySet().stream().filter(i -> i.topic().equals(PoisonCorpus.LOGS)).count();
            assertThat(byResult.getOrDefault("decoded", 0L) + byResult.getOrDefault("dropped_not_tls", 0L)
                    + byResult.getOrDefault("decoded_telemetry", 0L) + deadLogs).as("every f5.logs record")
                    .isEqualTo(logInputs);

            // every connection whose summaries passed is judged: one ECS record each, none judged twice
            Set<String> connections = inputs.stream().map(Input::connectionId).filter(id -> id != null)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            List<ConsumerRecord<String, JsonNode>> docs = handshakes.await(got -> keys(got).containsAll(connections),
                    WAIT);
            List<String> packetKeys = docs.stream().map(ConsumerRecord::key).filter(connections::contains).toList();
            assertThat(packetKeys).as("one record per connection").doesNotHaveDuplicates();
            assertThat(counter(registry, "tlswatch_packet_connections_total", "judge_error"))
                    .as("connections the verdict threw on").isZero();
            List<Double> dropped = pipeline.streamsMetrics().entrySet().stream()
                    .filter(e -> e.getKey().name().equals("dropped-records-total"))
                    .map(e -> ((Number) e.getValue().metricValue()).doubleValue()).toList();
            assertThat(dropped).as("records Kafka Streams skipped, per task").isNotEmpty().containsOnly(0.0);
            assertThat(pipeline.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(pipeline.failure()).isNull();
        }
        System.out.printf("PoisonCorpusIT: %d inputs, %.1f s%n", inputs.size(), (System.nanoTime() - started) / 1e9);
    }

    private boolean stopped() {
        return pipeline.failure() != null || pipeline.state() == KafkaStreams.State.ERROR
                || pipeline.state() == KafkaStreams.State.NOT_RUNNING
                || pipeline.state() == KafkaStreams.State.PENDING_SHUTDOWN;
    }

    private TlswatchConfig config() {
        String prefix = KAFKA.uniqueName("poison");
        Map<String, String> settings = PipelineSettings.of(KAFKA, prefix, stateDir);
        settings.putAll(Map.of(
                "topics.partitions", String.valueOf(PARTITIONS),
                "join.wait", "1s",
                "packets.wait", "1s",
                "connections.wait", "1s",
                "siem.successes", "all",
                "alerts.warmup", "0s"));
        settings.put("kafka.max.partition.fetch.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        return TlswatchConfig.of(settings);
    }

    private void createInputTopics(TopicNames topics) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
            List<NewTopic> inputs = new ArrayList<>();
            for (String name : List.of(topics.logs(), topics.packets())) {
                inputs.add(new NewTopic(name, Optional.of(PARTITIONS), Optional.empty())
                        .configs(Map.of("max.message.bytes", String.valueOf(MAX_MESSAGE_BYTES))));
            }
            admin.createTopics(inputs).all().get();
        }
    }

    /** Sends every input to its partition, in order; returns each one by where it landed. */
    private Map<TopicPartition, Map<Long, Input>> produce(TopicNames topics, List<Input> inputs) throws Exception {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_MESSAGE_BYTES,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 64L << 20);
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Input in : inputs) {
                String topic = in.topic().equals(PoisonCorpus.LOGS) ? topics.logs() : topics.packets();
                acks.add(producer.send(new ProducerRecord<>(topic, in.partition(), null, in.key(), in.value())));
            }
            producer.flush();
        }
        Map<TopicPartition, Map<Long, Input>> sent = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            RecordMetadata m = acks.get(i).get();
            sent.computeIfAbsent(new TopicPartition(m.topic(), m.partition()), tp -> new HashMap<>())
                    .put(m.offset(), inputs.get(i));
        }
        return sent;
    }

    private static TopicReader<String, JsonNode> reader(String topic) {
        return new TopicReader<>(KAFKA, topic, new StringDeserializer(), (t, bytes) -> {
            try {
                return bytes == null ? null : Json.MAPPER.readTree(bytes);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON on " + t, e);
            }
        });
    }

    private static Set<String> observers(List<ConsumerRecord<String, JsonNode>> docs) {
        return docs.stream().map(r -> r.value().path("observer").path("hostname").asText()).collect(Collectors.toSet());
    }

    private static Set<String> keys(List<ConsumerRecord<String, JsonNode>> docs) {
        return docs.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
    }

    /** {@code tlswatch_input_records_total} by result (dead letters as {@code dead_letter/<reason>}). */
    private static Map<String, Long> inputCounts(SimpleMeterRegistry registry) {
        Map<String, Long> out = new TreeMap<>();
        for (Counter c : registry.find("tlswatch_input_records_total").counters()) {
            String result = c.getId().getTag("result");
            String reason = c.getId().getTag("reason");
            long n = (long) c.count();
            if (n > 0) {
                out.merge(reason == null ? result : result + "/" + reason, n, Long::sum);
            }
        }
        return out;
    }

    private static Map<String, Long> deadLetterCounts(SimpleMeterRegistry registry) {
        Map<String, Long> out = new TreeMap<>();
        inputCounts(registry).forEach((k, v) -> {
            if (k.startsWith("dead_letter/")) {
                out.put(k.substring("dead_letter/".length()), v);
            }
        });
        return out;
    }

    private static long counter(SimpleMeterRegistry registry, String name, String result) {
        Counter c = registry.find(name).tag("result", result).counter();
        return c == null ? 0 : (long) c.count();
    }
}
