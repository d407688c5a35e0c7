package io.tlswatch.processors.netskope;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tlswatch.processors.decode.LogDecodeResult;
import io.tlswatch.processors.decode.RejectReason;
import io.tlswatch.processors.decode.netskope.NetskopeDecoder;
import io.tlswatch.schemas.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the Netskope WebTx topic one record (one line) at a time and accounts for every record in
 * {@code tlswatch_input_records_total}: a header or directive ({@code result=header}), a row without TLS facts
 * ({@code dropped_not_tls}), a row with them ({@code decoded}: one outcome per side it describes), or a dead
 * letter with its reason ({@code missing_header} for a row no header precedes in its stream).
 *
 * <p>The header is state (ADR 2, ADR 7): each stream, the record key (an export file, a Log Streaming stream) or
 * the partition for unkeyed records, has its own, kept in the {@code netskope-headers} store whenever it changes, so
 * that rows read after a restart or a rebalance still decode. A decoder per stream is kept in memory in front of the
 * store (bounded; a stream evicted from it is read back from the store).
 *
 * <p>Streams end (an export file is read once; file names carry the date), so a header whose stream sent nothing for
 * {@code netskope.header.retention} is deleted: the store holds the live streams, not every stream ever read. The
 * clock is the wall clock of the instance that holds the task; when each stream last sent a record is kept, to the
 * minute, in the {@code netskope-header-seen} store beside the header, so that the clock survives a restart or a
 * rebalance (a header stored before that store existed starts its clock at the first check).
 */
final class NetskopeDecodeProcessor implements FixedKeyProcessor<byte[], byte[], NetskopeOutput> {
    private static final Logger LOG = LoggerFactory.getLogger(NetskopeDecodeProcessor.class);
    /** Streams whose decoder stays in memory per task; more streams are read back from the store. */
    static final int MAX_CACHED_STREAMS = 1024;
    /** Record keys longer than this name their stream by their first bytes and length. */
    static final int MAX_KEY_CHARS = 512;
    private static final Duration EXPIRY_CHECK = Duration.ofHours(1);
    /** Streams named in the log line of one expiry, at most. */
    private static final int MAX_NAMED = 10;

    /** A stream's last-seen time is written again once it is this old: the retention counts days. */
    private static final long SEEN_RESOLUTION_MS = 60_000;

    private final String storeName;
    private final String seenStoreName;
    private final String defaultObserver;
    /** A stream silent this long has ended: its header goes; zero keeps every header. */
    private final Duration headerRetention;
    private final Counter decoded;
    private final Counter dropped;
    private final Counter headers;
    private final Counter expired;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Map<String, NetskopeDecoder> decoders = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, NetskopeDecoder> eldest) {
            return size() > MAX_CACHED_STREAMS;
        }
    };
    /** What the seen store holds, for the streams read since the task started (a row need not read the store). */
    private final Map<String, Long> lastSeenMs = new HashMap<>();
    private FixedKeyProcessorContext<byte[], NetskopeOutput> context;
    private KeyValueStore<String, String> store;
    private KeyValueStore<String, Long> seenStore;

    /**
     * @param defaultObserver the observer of rows that do not name their data plane ({@code netskope.observer})
     */
    NetskopeDecodeProcessor(String storeName, String seenStoreName, String defaultObserver, Duration headerRetention,
            MeterRegistry registry) {
        this.storeName = storeName;
        this.seenStoreName = seenStoreName;
        this.defaultObserver = defaultObserver;
        this.headerRetention = headerRetention;
        this.decoded = registry.counter("tlswatch_input_records_total", "result", "decoded");
        this.dropped = registry.counter("tlswatch_input_records_total", "result", "dropped_not_tls");
        this.headers = registry.counter("tlswatch_input_records_total", "result", "header");
        this.expired = registry.counter("tlswatch_netskope_headers_expired_total");
        for (RejectReason r : RejectReason.values()) {
            rejected.put(r, registry.counter("tlswatch_input_records_total", "result", "dead_letter", "reason", r.code()));
        }
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], NetskopeOutput> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.seenStore = context.getStateStore(seenStoreName);
        // a task revived after an aborted transaction has its store rolled back: forget what the memory says
        decoders.clear();
        lastSeenMs.clear();
        if (!headerRetention.isZero()) {
            // hourly, or as often as a shorter retention needs
            Duration every = headerRetention.compareTo(EXPIRY_CHECK) < 0 ? headerRetention : EXPIRY_CHECK;
            context.schedule(every, PunctuationType.WALL_CLOCK_TIME, this::expireHeaders);
        }
    }

    /** Deletes the headers of streams silent for the retention; starts the clock of those never seen. */
    private void expireHeaders(long nowMs) {
        long retentionMs = headerRetention.toMillis();
        List<String> ended = new ArrayList<>();
        try (KeyValueIterator<String, String> it = store.all()) {
            while (it.hasNext()) {
                String stream = it.next().key;
                Long seen = lastSeen(stream);
                if (seen == null) {
                    remember(stream, nowMs); // stored before its time was: the clock starts now
                } else if (nowMs - seen >= retentionMs) {
                    ended.add(stream);
                }
            }
        }
        for (String stream : ended) {
            store.delete(stream);
            seenStore.delete(stream);
            lastSeenMs.remove(stream);
            decoders.remove(stream);
        }
        if (!ended.isEmpty()) {
            expired.increment(ended.size());
            LOG.info("forgot the Netskope headers of {} stream(s) silent for {} (netskope.header.retention): {}{}",
                    ended.size(), headerRetention, String.join(", ", ended.subList(0, Math.min(MAX_NAMED, ended.size()))),
                    ended.size() > MAX_NAMED ? ", …" : "");
        }
    }

    /** When {@code stream} last sent a record, from memory or the store; null when never recorded. */
    private Long lastSeen(String stream) {
        Long seen = lastSeenMs.get(stream);
        if (seen == null) {
            seen = seenStore.get(stream);
            if (seen != null) {
                lastSeenMs.put(stream, seen);
            }
        }
        return seen;
    }

    private void remember(String stream, long nowMs) {
        lastSeenMs.put(stream, nowMs);
        seenStore.put(stream, nowMs);
    }

    @Override
    public void process(FixedKeyRecord<byte[], byte[]> record) {
        Optional<RecordMetadata> meta = context.recordMetadata();
        String stream = streamOf(record.key(), meta.map(RecordMetadata::partition).orElse(-1));
        List<LogDecodeResult> results;
        try {
            NetskopeDecoder decoder = decoderOf(stream);
            List<String> before = decoder.headerFields();
            results = decoder.decodeEachSide(record.value(), record.timestamp());
            if (!decoder.headerFields().equals(before)) {
                // the line that set it: the decoder reads it back as it read it here
                store.put(stream, new String(record.value(), StandardCharsets.UTF_8));
            }
            if (!decoder.headerFields().isEmpty()) {
                // only streams with a header are remembered (keys without one cost nothing), to the minute: the
                // retention counts days, and a busy stream need not write its time per row
                long now = context.currentSystemTimeMs();
                Long seen = lastSeen(stream);
                if (seen == null || now - seen >= SEEN_RESOLUTION_MS) {
                    remember(stream, now);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Netskope decoder failed on a record; sending it to the dead-letter topic", e);
            results = List.of(new LogDecodeResult.Rejected(RejectReason.PROCESSING_ERROR, String.valueOf(e)));
        }
        LogDecodeResult first = results.isEmpty() ? new LogDecodeResult.Dropped(NetskopeDecoder.DROPPED_NOT_TLS)
                : results.get(0);
        if (first instanceof LogDecodeResult.Rejected r) {
            rejected.get(r.reason()).increment();
            context.forward(record.withValue(new NetskopeOutput.Dead(DeadLetter.of(r.reason().code(), r.detail(),
                    meta.map(RecordMetadata::topic).orElse(null), meta.map(RecordMetadata::partition).orElse(null),
                    meta.map(RecordMetadata::offset).orElse(null), record.timestamp(), record.key(), record.value()))));
        } else if (first instanceof LogDecodeResult.Dropped d) {
            (NetskopeDecoder.DROPPED_HEADER.equals(d.category()) ? headers : dropped).increment();
        } else {
            decoded.increment();
            for (LogDecodeResult r : results) {
                if (r instanceof LogDecodeResult.Decoded side) {
                    context.forward(record.withValue(new NetskopeOutput.Outcome(NetskopeOutcomes.of(side.event()))));
                }
            }
        }
    }

    private NetskopeDecoder decoderOf(String stream) {
        NetskopeDecoder decoder = decoders.get(stream);
        if (decoder == null) {
            decoder = restored(store.get(stream));
            decoders.put(stream, decoder);
        }
        return decoder;
    }

    /** A decoder that knows the stored header; one that knows none when there is none (or it no longer reads). */
    private NetskopeDecoder restored(String header) {
        if (header != null) {
            try {
                return new NetskopeDecoder(defaultObserver, header);
            } catch (IllegalArgumentException e) {
                LOG.warn("a stored Netskope header does not read as one; its stream starts over: {}", e.getMessage());
            }
        }
        return new NetskopeDecoder(defaultObserver, null);
    }

    /**
     * The stream a record belongs to: its key ({@code key:} + the UTF-8 text, e.g. the export's file name), or for a
     * record without a key its partition ({@code partition:N}), the only order Kafka keeps for it.
     */
    static String streamOf(byte[] key, int partition) {
        if (key == null || key.length == 0) {
            return "partition:" + partition;
        }
        String text = new String(key, StandardCharsets.UTF_8);
        if (text.length() > MAX_KEY_CHARS) {
            text = text.substring(0, MAX_KEY_CHARS) + "…" + key.length + "B#" + Integer.toHexString(text.hashCode());
        }
        return "key:" + text;
    }
}
