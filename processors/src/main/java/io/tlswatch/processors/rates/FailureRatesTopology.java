package io.tlswatch.processors.rates;

import io.tlswatch.schemas.HandshakeOutcome;
import io.tlswatch.schemas.JsonSerde;
import io.tlswatch.schemas.RateWindow;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Counts failures per (observer, VIP, class) in hopping windows (time = when the lines entered Kafka).
 * Counts are published as they grow (Streams' record cache batches them per commit), so alerts can fire
 * before a window closes.
 */
public final class FailureRatesTopology {
    public static final String COUNTS_STORE = "failure-counts";

    private FailureRatesTopology() {}

    public static KStream<RateKey, RateWindow> countFailures(
            KStream<String, HandshakeOutcome> outcomes, Duration window, Duration advance, Duration grace) {
        JsonSerde<RateKey> keySerde = JsonSerde.of(RateKey.class);
        return outcomes
                .filter((id, o) -> "failure".equals(o.outcome()), Named.as("failures-only"))
                .selectKey((id, o) -> new RateKey(o.observer(), o.vip(), o.errorClass()), Named.as("key-by-vip-class"))
                .groupByKey(Grouped.<RateKey, HandshakeOutcome>as("failures-by-vip-class")
                        .withKeySerde(keySerde)
                        .withValueSerde(JsonSerde.of(HandshakeOutcome.class)))
                .windowedBy(TimeWindows.ofSizeAndGrace(window, grace).advanceBy(advance))
                .count(Named.as("count-failures"),
                        Materialized.<RateKey, Long, WindowStore<Bytes, byte[]>>as(COUNTS_STORE)
                                .withKeySerde(keySerde)
                                .withValueSerde(Serdes.Long()))
                .toStream(Named.as("failure-counts-stream"))
                .map((windowed, count) -> {
                    RateKey key = windowed.key();
                    long start = windowed.window().start();
                    long end = windowed.window().end();
                    return KeyValue.pair(key, new RateWindow(
                            key.observer(), key.vip(), key.errorClass(), start, end,
                            Instant.ofEpochMilli(start).toString(), Instant.ofEpochMilli(end).toString(),
                            count == null ? 0 : count, null, null));
                }, Named.as("to-rate-window"));
    }
}
