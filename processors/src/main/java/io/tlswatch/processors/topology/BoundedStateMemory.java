package io.tlswatch.processors.topology;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * One memory budget for every RocksDB store of the process ({@code state.memory.mb}), outside the Java heap.
 * Left alone, each store of each task may take 3 × 16 MB of write buffers and a 50 MB block cache: ten stores
 * × the partitions, gigabytes on a busy instance. Here all of them share one block cache, which also holds
 * their index and filter blocks and charges their write buffers (a quarter of the budget at most).
 */
public final class BoundedStateMemory implements RocksDBConfigSetter {
    /** The budget in bytes, passed through the Streams properties. */
    public static final String BYTES_CONFIG = "tlswatch.state.memory.bytes";
    private static final long DEFAULT_BYTES = 128L << 20;
    private static final long WRITE_BUFFER_BYTES = 4L << 20;

    private static Shared shared;

    /** The cache and write-buffer manager every store of the process shares; made once, never closed. */
    private record Shared(long bytes, Cache cache, WriteBufferManager writeBuffers) {}

    private static synchronized Shared shared(long bytes) {
        if (shared == null || shared.bytes() != bytes) {
            // a strict limit would fail writes when full; the write buffers' charge is what keeps the total
            Cache cache = new LRUCache(bytes, -1, false);
            shared = new Shared(bytes, cache, new WriteBufferManager(bytes / 4, cache));
        }
        return shared;
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Object configured = configs.get(BYTES_CONFIG);
        long bytes = configured == null ? DEFAULT_BYTES : Long.parseLong(configured.toString());
        Shared s = shared(bytes);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(s.cache());
        table.setCacheIndexAndFilterBlocks(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(s.writeBuffers());
        // our stores hold seconds to minutes of small entries: small memtables flush early and often
        options.setWriteBufferSize(WRITE_BUFFER_BYTES);
        options.setMaxWriteBufferNumber(2);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the manager are shared by every store of the process: closing one store keeps them
    }
}
