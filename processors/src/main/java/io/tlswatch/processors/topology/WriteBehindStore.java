package io.tlswatch.processors.topology;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A key-value store that keeps what its task writes as objects until the task commits, and only then encodes
 * them into the store below (and so into its changelog): a state written for every record of a busy key — a
 * VIP's windows, a connection's summaries — is encoded once per commit instead of once per record, and an entry
 * written and deleted between two commits (most connections) never reaches RocksDB or the changelog at all.
 *
 * <p>Exactly-once is kept: Kafka Streams flushes a task's store caches, through {@link CachedStateStore#flushCache},
 * before it flushes the task's producer and commits the transaction, so the writes land in the same transaction as
 * the input offsets they follow from. {@code CachedStateStore} is an internal interface of Kafka Streams (its own
 * record cache uses it); {@code WriteBehindStoreTopologyTest} proves that the hook still runs before each commit.
 *
 * <p>Values are held by reference: a processor that changes a value after {@code put} commits the changed value.
 * Only the thread that wrote sees the held values; any other thread (interactive queries) reads the committed
 * store below, never an object the stream thread may be changing.
 */
public final class WriteBehindStore<K, V> implements KeyValueStore<K, V>, CachedStateStore<K, V> {
    private final KeyValueStore<K, V> inner;
    /** Written since the last commit, in write order; a null value is a delete. */
    private final Map<K, Held<V>> held = new LinkedHashMap<>();
    /** The thread whose writes are {@link #held}. */
    private volatile Thread writer;
    /**
     * The last key read below and what the read found (null: absent). Absence lets a get-then-put of a new key, then
     * its delete before the commit, never reach the store below; a value found spares the read-and-decode of a
     * get-then-delete (the joins' pattern) a second time. Gets still decode afresh each time, as a store without
     * this layer would. A get-then-delete returns the object the get returned (no caller of ours uses it).
     */
    private K lastReadKey;
    private V lastReadValue;

    /** A value written since the last commit; {@code belowMayHold} false when the store below has no entry. */
    private record Held<V>(V value, boolean belowMayHold) {}

    WriteBehindStore(KeyValueStore<K, V> inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    /** Builds the stores of {@code builder} wrapped in a write-behind store. */
    public static <K, V> StoreBuilder<KeyValueStore<K, V>> wrap(StoreBuilder<KeyValueStore<K, V>> builder) {
        return new Builder<>(builder);
    }

    @Override
    public void put(K key, V value) {
        Objects.requireNonNull(key, "key");
        if (value == null) {
            delete(key);
            return;
        }
        claim();
        Held<V> before = held.get(key);
        boolean belowMayHold = before != null ? before.belowMayHold() : !knownAbsentBelow(key);
        held.put(key, new Held<>(value, belowMayHold));
    }

    @Override
    public V putIfAbsent(K key, V value) {
        V current = get(key);
        if (current == null) {
            put(key, value);
        }
        return current;
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        for (KeyValue<K, V> kv : entries) {
            put(kv.key, kv.value);
        }
    }

    @Override
    public V delete(K key) {
        Objects.requireNonNull(key, "key");
        claim();
        Held<V> before = held.get(key);
        V old;
        boolean belowMayHold;
        if (before != null) {
            old = before.value();
            belowMayHold = before.belowMayHold();
        } else {
            old = key.equals(lastReadKey) ? lastReadValue : inner.get(key);
            belowMayHold = old != null;
        }
        if (belowMayHold) {
            held.put(key, new Held<>(null, true));
        } else {
            held.remove(key); // written and deleted between two commits: the store below never sees it
        }
        return old;
    }

    @Override
    public V get(K key) {
        if (Thread.currentThread() == writer) {
            Held<V> h = held.get(key);
            if (h != null) {
                return h.value();
            }
            return readBelow(key);
        }
        return inner.get(key);
    }

    private V readBelow(K key) {
        V v = inner.get(key);
        lastReadKey = key;
        lastReadValue = v;
        return v;
    }

    private boolean knownAbsentBelow(K key) {
        return lastReadValue == null && key.equals(lastReadKey);
    }

    private void forgetLastRead() {
        lastReadKey = null;
        lastReadValue = null;
    }

    /** Writes start (or continue) on this thread; a write from a new thread first commits the old one's. */
    private void claim() {
        Thread current = Thread.currentThread();
        if (writer != current) {
            writeHeld();
            writer = current;
        }
    }

    /** Encodes every held value into the store below, which logs it to the changelog in the open transaction. */
    private void writeHeld() {
        forgetLastRead();
        if (held.isEmpty()) {
            return;
        }
        for (Map.Entry<K, Held<V>> e : held.entrySet()) {
            // a null put deletes without reading and decoding the old value, as delete would
            inner.put(e.getKey(), e.getValue().value());
        }
        held.clear();
    }

    /** Called by Kafka Streams before it flushes the task's producer and commits (see the class comment). */
    @Override
    public void flushCache() {
        writer = Thread.currentThread(); // the task's thread, whichever it is now
        writeHeld();
        if (inner instanceof CachedStateStore<?, ?> cached) {
            cached.flushCache();
        }
    }

    /** A task closed dirty (its transaction aborts): what it held was never committed. */
    @Override
    public void clearCache() {
        held.clear();
        forgetLastRead();
        if (inner instanceof CachedStateStore<?, ?> cached) {
            cached.clearCache();
        }
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<K, V> listener, boolean sendOldValues) {
        return false; // nothing is forwarded from here: processors forward their own records
    }

    // Scans see every write: the writer's held values go below first (same transaction, only earlier).

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        writeHeldIfWriter();
        return inner.range(from, to);
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        writeHeldIfWriter();
        return inner.reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<K, V> all() {
        writeHeldIfWriter();
        return inner.all();
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        writeHeldIfWriter();
        return inner.reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        writeHeldIfWriter();
        return inner.prefixScan(prefix, prefixKeySerializer);
    }

    private void writeHeldIfWriter() {
        if (Thread.currentThread() == writer) {
            writeHeld();
        }
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries();
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        inner.init(context, root);
        writer = Thread.currentThread(); // the task's thread; a write from another thread claims the store

    }

    /** Only the store below: held values go down in {@link #flushCache}, the one hook before the commit. */
    @Override
    @SuppressWarnings("deprecation")
    public void flush() {
        inner.flush();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        inner.commit(changelogOffsets);
    }

    @Override
    public Long committedOffset(TopicPartition partition) {
        return inner.committedOffset(partition);
    }

    @Override
    @SuppressWarnings("deprecation")
    public boolean managesOffsets() {
        return inner.managesOffsets();
    }

    @Override
    public void close() {
        held.clear();
        forgetLastRead();
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return inner.query(query, positionBound, config);
    }

    @Override
    public long approximateNumUncommittedBytes() {
        return inner.approximateNumUncommittedBytes();
    }

    @Override
    public Position getPosition() {
        return inner.getPosition();
    }

    /** Number of values held for the next commit (tests). */
    int heldCount() {
        return held.size();
    }

    private record Builder<K, V>(StoreBuilder<KeyValueStore<K, V>> inner)
            implements StoreBuilder<KeyValueStore<K, V>> {
        @Override
        public StoreBuilder<KeyValueStore<K, V>> withCachingEnabled() {
            return new Builder<>(inner.withCachingEnabled());
        }

        @Override
        public StoreBuilder<KeyValueStore<K, V>> withCachingDisabled() {
            return new Builder<>(inner.withCachingDisabled());
        }

        @Override
        public StoreBuilder<KeyValueStore<K, V>> withLoggingEnabled(Map<String, String> config) {
            return new Builder<>(inner.withLoggingEnabled(config));
        }

        @Override
        public StoreBuilder<KeyValueStore<K, V>> withLoggingDisabled() {
            return new Builder<>(inner.withLoggingDisabled());
        }

        @Override
        public KeyValueStore<K, V> build() {
            return new WriteBehindStore<>(inner.build());
        }

        @Override
        public Map<String, String> logConfig() {
            return inner.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return inner.loggingEnabled();
        }

        @Override
        public String name() {
            return inner.name();
        }
    }
}
