package io.tlswatch.processors.inventory;

import io.tlswatch.processors.decode.telemetry.AttemptCounter;
import io.tlswatch.schemas.VipAttempts;
import io.tlswatch.schemas.VipTrafficSample;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns consecutive system-poller readings of one virtual server's connection counter into attempts
 * (DESIGN §9). Input is keyed {@code observer/vip-name}; the last reading per key lives in the
 * {@code vip-counters} store, so a restart continues where it stopped. Resets count from zero; repeated and
 * out-of-order readings change nothing.
 */
public final class VipAttemptsProcessor implements Processor<String, VipTrafficSample, String, VipAttempts> {
    private final String storeName;
    private KeyValueStore<String, AttemptCounter.Reading> store;
    private ProcessorContext<String, VipAttempts> context;

    public VipAttemptsProcessor(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, VipAttempts> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, VipTrafficSample> record) {
        VipTrafficSample sample = record.value();
        if (sample == null || record.key() == null) {
            return;
        }
        AttemptCounter.Reading previous = store.get(record.key());
        AttemptCounter.Step step = AttemptCounter.next(previous, sample);
        if (step.state() != previous) {
            store.put(record.key(), step.state());
        }
        if (step.delta().isPresent()) {
            long to = sample.timestampMs();
            VipAttempts attempts = new VipAttempts(sample.observer(), sample.vipName(), sample.address(), sample.port(),
                    sample.routeDomain(), to - step.intervalMs(), to, step.attempts(), step.reset());
            context.forward(new Record<>(record.key(), attempts, record.timestamp()));
        }
    }
}
