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
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Tags outcomes whose client looks like a scanner (DESIGN §7), with the reason, in this order: a JA3 or JA4 on
 * the configured list; an SSLv2 hello; failures on at least {@code scanners.min.vips} distinct VIPs within
 * {@code scanners.window} (the outcome that crosses the line and every later one inside the window). Input
 * keyed by client address (one repartition), output keyed by connection id again.
 */
public final class ScannerTagger implements Processor<String, HandshakeOutcome, String, HandshakeOutcome> {
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private final String storeName;
    private final ScannerRules rules;
    private final Counter tagged;
    private ProcessorContext<String, HandshakeOutcome> context;
    private KeyValueStore<String, SourceActivity> store;

    public ScannerTagger(String storeName, ScannerRules rules, MeterRegistry registry) {
        this.storeName = storeName;
        this.rules = rules;
        this.tagged = registry.counter("tlswatch_scanner_outcomes_total");
    }

    @Override
    public void init(ProcessorContext<String, HandshakeOutcome> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        context.schedule(SWEEP_EVERY, PunctuationType.WALL_CLOCK_TIME, now -> sweep());
    }

    @Override
    public void process(Record<String, HandshakeOutcome> record) {
        HandshakeOutcome o = record.value();
        if (o == null) {
            return;
        }
        String why = listed(o.wire());
        if (why == null && ErrorClass.SSLV2_HELLO.wireName().equals(o.errorClass())) {
            why = "sent an SSLv2 hello";
        }
        if (o.clientIp() != null) {
            String fanOut = fanOut(o, record.timestamp());
            why = why != null ? why : fanOut;
        }
        HandshakeOutcome out = why == null ? o : o.taggedScanner(why);
        if (why != null) {
            tagged.increment();
        }
        String key = o.connectionId() != null ? o.connectionId() : record.key();
        context.forward(new Record<>(key, out, record.timestamp()));
    }

    private String listed(WireFacts w) {
        if (w == null) {
            return null;
        }
        if (w.ja4() != null && rules.ja4().contains(w.ja4().toLowerCase(Locale.ROOT))) {
            return "JA4 " + w.ja4() + " is on the scanner list";
        }
        if (w.ja3() != null && rules.ja3().contains(w.ja3().toLowerCase(Locale.ROOT))) {
            return "JA3 " + w.ja3() + " is on the scanner list";
        }
        return null;
    }

    /** Records a failure of this client; says so when it has now failed on enough distinct VIPs. */
    private String fanOut(HandshakeOutcome o, long timeMs) {
        long windowMs = rules.window().toMillis();
        SourceActivity activity = store.get(o.clientIp());
        if ("failure".equals(o.outcome())) {
            activity = (activity == null ? new SourceActivity(List.of()) : activity).with(o.vip(), timeMs, windowMs);
            store.put(o.clientIp(), activity);
        }
        int vips = activity == null ? 0 : activity.vipsWithin(timeMs, windowMs);
        return vips >= rules.minVips() ? "failed on " + vips + " VIPs within " + human(rules.window()) : null;
    }

    private static String human(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
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
