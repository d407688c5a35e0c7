package io.tlswatch.processors.scanners;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tlswatch.processors.classify.ErrorClass;
import io.tlswatch.schemas.HandshakeOutcome;
import io.tlswatch.schemas.WireFacts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.streams.kstream.ValueMapper;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Tags outcomes whose client looks like a scanner ({@link ScannerCheck}), with the reason. Input keyed by client
 * address (one repartition) when the check needs the client's memory ({@link ScannerCheck#needsMemory}: failures),
 * output keyed by connection id again; other outcomes are tagged where they are, with no store ({@link #stateless}).
 */
public final class ScannerTagger implements Processor<String, HandshakeOutcome, String, HandshakeOutcome> {
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private final String storeName;
    private final ScannerRules rules;
    private final Counter tagged;
    private ProcessorContext<String, HandshakeOutcome> context;
    private KeyValueStore<String, SourceActivity> store;
    private ScannerCheck check;
    private ScannerCheck.Memory memory;

    public ScannerTagger(String storeName, ScannerRules rules, MeterRegistry registry) {
        this.storeName = storeName;
        this.rules = rules;
        this.tagged = registry.counter("tlswatch_scanner_outcomes_total");
    }

    @Override
    public void init(ProcessorContext<String, HandshakeOutcome> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.check = new ScannerCheck(rules);
        this.memory = ScannerCheck.Memory.of(store::get, store::put);
        context.schedule(SWEEP_EVERY, PunctuationType.WALL_CLOCK_TIME, now -> sweep());
    }

    @Override
    public void process(Record<String, HandshakeOutcome> record) {
        HandshakeOutcome o = record.value();
        if (o == null) {
            return;
        }
        String why = check.why(o, record.timestamp(), memory);
        HandshakeOutcome out = why == null ? o : o.taggedScanner(why);
        if (why != null) {
            tagged.increment();
        }
        String key = o.connectionId() != null ? o.connectionId() : record.key();
        context.forward(new Record<>(key, out, record.timestamp()));
    }

    /** Tags outcomes that need no memory of their client (see {@link ScannerCheck#needsMemory}) in place. */
    public static ValueMapper<HandshakeOutcome, HandshakeOutcome> stateless(ScannerRules rules, MeterRegistry registry) {
        ScannerCheck check = new ScannerCheck(rules);
        Counter tagged = registry.counter("tlswatch_scanner_outcomes_total");
        ScannerCheck.Memory none = ScannerCheck.Memory.of(ip -> null, (ip, activity) -> {
            throw new IllegalStateException("an outcome that needs its client's memory went the stateless way");
        });
        return o -> {
            String why = check.why(o, 0, none);
            if (why == null) {
                return o;
            }
            tagged.increment();
            return o.taggedScanner(why);
        };
    }

    /** Forgets clients silent for a whole window (in stream time), so the store follows the active ones. */
    private void sweep() {
        long now = context.currentStreamTimeMs();
        long windowMs = rules.window().toMillis();
        List<String> quiet = new ArrayList<>();
        try (KeyValueIterator<String, SourceActivity> it = store.all()) {
            while (it.hasNext()) {
                var kv = it.next();
                if (now - kv.value.newestMs() > windowMs) {
                    quiet.add(kv.key);
                }
            }
        }
        quiet.forEach(store::delete);
    }
}
