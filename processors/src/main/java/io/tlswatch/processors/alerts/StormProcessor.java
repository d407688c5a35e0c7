package io.tlswatch.processors.alerts;

import io.tlswatch.schemas.AlertEvent;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Storm control live: {@link StormControl} over the {@code alert-storms} store, input (the VIPs' alert
 * transitions) keyed {@code observer/class}; output keyed by dedup key, for {@code tlswatch.alerts}.
 */
public final class StormProcessor implements Processor<String, AlertEvent, String, AlertEvent> {
    private final String storeName;
    private final StormControl storms;
    private ProcessorContext<String, AlertEvent> context;
    private KeyValueStore<String, StormState> store;

    public StormProcessor(String storeName, AlertPolicy policy) {
        this.storeName = storeName;
        this.storms = new StormControl(policy);
    }

    @Override
    public void init(ProcessorContext<String, AlertEvent> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, AlertEvent> record) {
        AlertEvent e = record.value();
        if (e == null) {
            return;
        }
        String key = StormControl.stormKey(e);
        if (key == null) {
            context.forward(new Record<>(e.dedupKey(), e, record.timestamp()));
            return;
        }
        StormState st = store.get(key);
        if (st == null) {
            st = new StormState(e.payload().source(), e.payload().className());
        }
        for (StormControl.Out out : storms.process(st, e, record.timestamp())) {
            context.forward(new Record<>(out.event().dedupKey(), out.event(), out.atMs()));
        }
        if (storms.isEmpty(st, record.timestamp())) {
            store.delete(key);
        } else {
            store.put(key, st);
        }
    }
}
