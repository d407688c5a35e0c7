package io.tlswatch.processors.topology;

import io.tlswatch.processors.TlswatchConfig;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/** Kafka Streams properties for tlswatch: our defaults first, then every {@code kafka.*} setting. */
public final class StreamsSettings {
    private StreamsSettings() {}

    public static Properties from(TlswatchConfig config) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        // exactly-once by default (DESIGN §11): outputs are neither lost nor duplicated on a crash
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        // each repartition hop waits for the upstream commit; a longer interval also holds more in the write-behind
        // stores between commits (500 ms: the live set of a 5 M-record backlog 240 → 369 MB, no gain; performance.md)
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
        // A task of ours reads up to four topics (merges put them in one sub-topology), but no processor orders
        // records of two topics by timestamp: each join waits on the wall clock for its own input. Waiting for
        // every input to be fetched buys nothing, and cost 10–18 % of a backlog's throughput (docs/performance.md).
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        // One transaction writes to ~30 partitions (repartitions, changelogs, outputs) between two commits: 16 KB
        // batches of ~1 KB records meant many small batches for the broker to append under exactly-once. Larger
        // lz4 batches: +30 % on a backlog, 70 % fewer bytes to the broker (docs/performance.md, "Fifth round").
        // Unprefixed, so that kafka.batch.size or kafka.producer.batch.size still override them.
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // Two stream threads: one is off the CPU about a quarter of the time (its commits every 200 ms, fetches, GC
        // pauses), and a second works meanwhile: +9 % on a 5 M-record backlog, +23 % once warm, on 2 cores
        // (docs/performance.md, "Sixth round"). kafka.num.stream.threads overrides it (at least 1).
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        // opt in now to what Kafka 5.0 makes the default (and silence its start-up warning)
        p.put("processing.exception.handler.global.enabled", "true");
        // DESIGN §3: auto-generated names of stores and internal topics break upgrades; refuse to start
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // one RocksDB memory budget for the process instead of ~100 MB per store and task (operations guide)
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedStateMemory.class);
        p.put(BoundedStateMemory.BYTES_CONFIG, Long.toString(config.stateMemoryMb() * (1L << 20)));
        p.putAll(config.kafka());
        if (!p.containsKey(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalArgumentException(
                    "kafka.bootstrap.servers is not set (config file or TLSWATCH_KAFKA_BOOTSTRAP_SERVERS)");
        }
        return p;
    }
}
