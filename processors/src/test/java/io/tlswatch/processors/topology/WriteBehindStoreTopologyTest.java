package io.tlswatch.processors.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link WriteBehindStore} inside a real Kafka Streams task (the test driver commits after every input record): what
 * reaches the store and its changelog at a commit, and what the processor reads before it.
 *
 * <p>The input commands are {@code op key [value]} separated by {@code ;}, all applied while one record is processed.
 */
class WriteBehindStoreTopologyTest {
    private static final String STORE = "held";
    private static final String CHANGELOG = "app-" + STORE + "-changelog";

    private TopologyTestDriver driver;
    private TestInputTopic<String, String> input;
    private TestOutputTopic<String, String> reads;
    private TestOutputTopic<String, String> changelog;
    /** Values the store below decoded (its serde's reads). */
    private final AtomicInteger decoded = new AtomicInteger();

    private void start() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(WriteBehindStore.wrap(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORE), Serdes.String(),
                Serdes.serdeFrom(new StringSerializer(), (topic, bytes) -> {
                    decoded.incrementAndGet();
                    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
                }))));
        builder.stream("commands", Consumed.with(Serdes.String(), Serdes.String()))
                .process(Commands::new, STORE)
                .to("reads", Produced.with(Serdes.String(), Serdes.String()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(builder.build(), props);
        input = driver.createInputTopic("commands", new StringSerializer(), new StringSerializer());
        reads = driver.createOutputTopic("reads", new StringDeserializer(), new StringDeserializer());
        changelog = driver.createOutputTopic(CHANGELOG, new StringDeserializer(), new StringDeserializer());
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    /** Applies the commands of each record to the store; forwards what each {@code get} returned. */
    private final class Commands implements Processor<String, String, String, String> {
        private ProcessorContext<String, String> context;
        private KeyValueStore<String, String> store;

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, String> record) {
            for (String command : record.value().split(";")) {
                String[] w = command.strip().split(" ");
                switch (w[0]) {
                    case "put" -> store.put(w[1], w[2]);
                    case "delete" -> context.forward(record.withKey(w[1]).withValue("deleted:" + store.delete(w[1])));
                    case "get" -> context.forward(record.withKey(w[1]).withValue(String.valueOf(store.get(w[1]))));
                    case "count" -> {
                        int n = 0;
                        try (KeyValueIterator<String, String> it = store.all()) {
                            for (; it.hasNext(); it.next()) {
                                n++;
                            }
                        }
                        context.forward(record.withKey("all").withValue(String.valueOf(n)));
                    }
                    default -> throw new IllegalArgumentException(command);
                }
            }
        }
    }

    @Test
    void aKeyWrittenManyTimesBeforeACommitReachesTheChangelogOnceWithItsLastValue() {
        start();
        input.pipeInput("r", "put vip 1; put vip 2; put vip 3; get vip");
        assertThat(reads.readValuesToList()).containsExactly("3");
        assertThat(changelog.readKeyValuesToList()).containsExactly(KeyValue.pair("vip", "3"));
        assertThat(driver.<String, String>getKeyValueStore(STORE).get("vip")).isEqualTo("3");
    }

    @Test
    void anEntryWrittenAndDeletedBeforeACommitNeverReachesTheChangelog() {
        start();
        input.pipeInput("r", "get conn; put conn a; put conn b; delete conn; get conn");
        assertThat(reads.readValuesToList()).containsExactly("null", "deleted:b", "null");
        assertThat(changelog.readKeyValuesToList()).isEmpty();
    }

    @Test
    void anEntryCommittedBeforeIsDeletedWithATombstone() {
        start();
        input.pipeInput("r", "put conn a");
        input.pipeInput("r", "put conn b; delete conn");
        assertThat(reads.readValuesToList()).containsExactly("deleted:b");
        assertThat(changelog.readKeyValuesToList())
                .containsExactly(KeyValue.pair("conn", "a"), KeyValue.pair("conn", (String) null));
        assertThat(driver.<String, String>getKeyValueStore(STORE).get("conn")).isNull();
    }

    @Test
    void aGetThenDeleteOfACommittedEntryDecodesItOnce() {
        start();
        input.pipeInput("r", "put conn a");
        decoded.set(0);
        input.pipeInput("r", "get conn; delete conn; get conn");
        assertThat(reads.readValuesToList()).containsExactly("a", "deleted:a", "null");
        assertThat(decoded).as("values decoded from the store below").hasValue(1);
        assertThat(changelog.readKeyValuesToList())
                .containsExactly(KeyValue.pair("conn", "a"), KeyValue.pair("conn", (String) null));
    }

    @Test
    void aPutWithoutAReadStillDeletesWhatTheStoreBelowMayHold() {
        start();
        input.pipeInput("r", "put line-7 x");
        input.pipeInput("r", "put line-7 y; delete line-7");
        assertThat(changelog.readKeyValuesToList())
                .containsExactly(KeyValue.pair("line-7", "x"), KeyValue.pair("line-7", (String) null));
    }

    @Test
    void scansSeeTheValuesNotYetCommitted() {
        start();
        input.pipeInput("r", "put a 1");
        input.pipeInput("r", "put b 2; put c 3; delete a; count");
        assertThat(reads.readValuesToList()).containsExactly("deleted:1", "2");
    }

    @Test
    void anotherThreadReadsTheCommittedValueNotTheHeldOne() throws Exception {
        start();
        input.pipeInput("r", "put vip committed");
        // hold a newer value without committing: write through the store the driver exposes, on this thread
        KeyValueStore<String, String> store = driver.getKeyValueStore(STORE);
        store.put("vip", "held");
        assertThat(store.get("vip")).isEqualTo("held");
        AtomicReference<String> fromOther = new AtomicReference<>();
        Thread other = new Thread(() -> fromOther.set(store.get("vip")));
        other.start();
        other.join();
        assertThat(fromOther.get()).isEqualTo("committed");
    }
}
