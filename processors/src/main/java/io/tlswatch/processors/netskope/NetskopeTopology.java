package io.tlswatch.processors.netskope;

import io.micrometer.core.instrument.MeterRegistry;
import io.tlswatch.schemas.DeadLetter;
import io.tlswatch.schemas.HandshakeOutcome;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * The Netskope WebTx piece of the pipeline (ADR 7): raw export lines in, outcomes keyed by connection id and dead
 * letters out. The header of each stream is kept in the {@value #HEADERS_STORE} store ({@link NetskopeDecodeProcessor});
 * a row is a whole transaction, so its outcomes need no join and go straight to tagging, the ECS records and the
 * rates, beside the joined F5 and packet outcomes. The wiring ({@code TlswatchTopology}) names the topics.
 */
public final class NetskopeTopology {
    /** The current header per stream (record key, or partition of unkeyed records). */
    public static final String HEADERS_STORE = "netskope-headers";
    /**
     * When each stream with a header last sent a record (wall clock, to the minute), for the retention: in a store, so
     * that a restart or a rebalance does not start the clock again.
     */
    public static final String HEADER_SEEN_STORE = "netskope-header-seen";

    /** What the piece gives back: outcomes (key: connection id) and dead letters (key: the record's own). */
    public record Decoded(KStream<String, HandshakeOutcome> outcomes, KStream<byte[], DeadLetter> deadLetters) {}

    private NetskopeTopology() {}

    /**
     * @param raw             the export's lines, one per record, keyed by export file or stream
     * @param defaultObserver the observer of rows that name no data plane ({@code netskope.observer})
     * @param headerRetention how long a silent stream keeps its header ({@code netskope.header.retention}; zero: for ever)
     */
    public static Decoded decode(StreamsBuilder builder, KStream<byte[], byte[]> raw, String defaultObserver,
            Duration headerRetention, MeterRegistry registry) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HEADERS_STORE),
                Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HEADER_SEEN_STORE),
                Serdes.String(), Serdes.Long()));
        Map<String, KStream<byte[], NetskopeOutput>> decoded = raw
                .processValues(() -> new NetskopeDecodeProcessor(HEADERS_STORE, HEADER_SEEN_STORE, defaultObserver,
                                headerRetention, registry),
                        Named.as("decode-netskope"), HEADERS_STORE, HEADER_SEEN_STORE)
                .split(Named.as("decode-netskope-"))
                .branch((k, v) -> v instanceof NetskopeOutput.Outcome, Branched.as("outcomes"))
                .defaultBranch(Branched.as("dead-letters"));
        KStream<String, HandshakeOutcome> outcomes = decoded.get("decode-netskope-outcomes")
                .map((k, v) -> {
                    HandshakeOutcome o = ((NetskopeOutput.Outcome) v).outcome();
                    return KeyValue.pair(o.connectionId(), o);
                }, Named.as("key-netskope-outcomes"));
        KStream<byte[], DeadLetter> dead = decoded.get("decode-netskope-dead-letters")
                .mapValues(v -> ((NetskopeOutput.Dead) v).letter(), Named.as("unwrap-netskope-dead-letter"));
        return new Decoded(outcomes, dead);
    }
}
