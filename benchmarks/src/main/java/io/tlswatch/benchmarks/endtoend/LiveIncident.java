package io.tlswatch.benchmarks.endtoend;

import io.tlswatch.ingest.simulator.FleetSimulator;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.ObserverName;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Alert latency under load. Once the application has caught up with the pre-produced input, a live feed runs
 * at a steady rate, every record sent at the wall-clock time it carries (syslog stamp and record timestamp are
 * "now"). After a warm-up, an incident starts: failed handshakes to one VIP, of a class nothing else produces.
 *
 * <p><b>Onset</b> is the wall-clock time at which the first line of the incident was handed to the producer (the
 * broker's acknowledgement follows within milliseconds, reported too). Replaying faster than real time would
 * make "onset" meaningless (stream time jumps), so the incident is never pre-produced: it happens live, while
 * the application consumes the live load. <b>Latency</b> is from onset until the FIRING event of the incident's
 * dedup key is read from the alerts topic ({@code read_committed}, so what a notifier could see). The rule cannot
 * fire before the class's minimum number of failures has happened, so the time of the failure that reaches it is
 * reported as well: latency minus that time is what the pipeline adds.
 */
final class LiveIncident {
    /**
     * @param sentRecords  live records sent, warm-up included
     * @param sentPerSecond achieved live rate
     * @param onsetMs      first incident line handed to the producer (wall clock, ms)
     * @param onsetAckMs   its acknowledgement by the broker
     * @param minFailuresMs when the incident's {@code minFailures}-th failed handshake was sent
     * @param firingMs     when the FIRING event was read, or -1 when none came before the timeout
     * @param dedupKey     the FIRING event's dedup key, or null
     * @param summary      the FIRING event's summary (its figures and where the attempts came from), or null
     * @param lagAtOnset   input records not yet committed by the application when the incident began
     * @param maxSlipMs    most a record was sent after the time it carries (the harness falling behind its
     *                     schedule on a busy machine; then records go out in bursts)
     */
    record Result(long sentRecords, double sentPerSecond, long onsetMs, long onsetAckMs, long minFailuresMs,
                  long firingMs, String dedupKey, String summary, long lagAtOnset, long maxSlipMs) {
        boolean fired() {
            return firingMs >= 0;
        }

        double latencySeconds() {
            return (firingMs - onsetMs) / 1000.0;
        }

        double afterMinFailuresSeconds() {
            return (firingMs - minFailuresMs) / 1000.0;
        }
    }

    /** What the alert of the incident looks like. */
    record Expected(String observer, String errorClass, int minFailures) {
        boolean matches(AlertEvent e) {
            return "FIRING".equals(e.status()) && e.dedupKey() != null
                    && e.dedupKey().startsWith("tlswatch/" + ObserverName.of(observer) + "/")
                    && e.dedupKey().endsWith("/" + errorClass);
        }
    }

    /**
     * When the incident starts: after {@code warmup} of live load, once the application's input lag is at most
     * {@code maxLagRecords}, or after {@code maxExtraWait} more at the latest; FIRING is awaited {@code timeout}.
     */
    record Schedule(long startMs, Duration warmup, long maxLagRecords, Duration maxExtraWait, Duration timeout) {}

    private LiveIncident() {}

    /**
     * Runs the live feed from {@code schedule.startMs()}: warm-up, then the incident (a simulator of it from a
     * given virtual time: {@code incidentFrom}) until its FIRING event is read or the timeout passes.
     *
     * @param lag input records the application has not committed yet
     */
    static Result run(String bootstrapServers, String alertsTopic, FeedProducer producer, InputFeed feed,
            Schedule schedule, LongFunction<FleetSimulator> incidentFrom, Expected expected, LongSupplier lag)
            throws InterruptedException {
        long startMs = schedule.startMs();
        Duration timeout = schedule.timeout();
        AtomicLong firing = new AtomicLong(-1);
        AtomicReference<AlertEvent> fired = new AtomicReference<>();
        CountDownLatch positioned = new CountDownLatch(1);
        AtomicBoolean stop = new AtomicBoolean();
        Thread watcher = new Thread(() -> watch(bootstrapServers, alertsTopic, expected, firing, fired, positioned, stop),
                "alerts-watcher");
        watcher.setDaemon(true);
        watcher.start();
        // alerts already on the topic are not the incident's: read only what comes after this point
        if (!positioned.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("cannot read " + alertsTopic);
        }
        long onset = -1;
        AtomicLong onsetAck = new AtomicLong(-1);
        long minFailures = -1;
        int failures = 0;
        long sent = 0;
        long lagAtOnset = -1;
        long deadline = -1;
        long first = System.currentTimeMillis();
        boolean started = false;
        long maxSlip = 0;
        for (long second = startMs / 1_000 * 1_000; firing.get() < 0; second += 1_000) {
            if (!started && second >= startMs + schedule.warmup().toMillis()) {
                // the incident waits for the application to keep up with the live load (or for the longest wait):
                // a backlog at onset would measure how long it takes to drain, not how fast alerts come
                boolean waitedEnough = second >= startMs + schedule.warmup().plus(schedule.maxExtraWait()).toMillis();
                if (waitedEnough || lag.getAsLong() <= schedule.maxLagRecords()) {
                    feed.startIncident(incidentFrom.apply(feed.toVirtual(second)));
                    started = true;
                }
            }
            List<InputFeed.Out> records = feed.second(second);
            for (InputFeed.Out o : records) {
                long wait = o.timestampMs() - System.currentTimeMillis();
                if (wait > 1) {
                    Thread.sleep(wait);
                }
                if (o.timestampMs() < startMs) {
                    continue;
                }
                boolean firstOfIncident = o.incident() && onset < 0;
                producer.send(o, firstOfIncident ? onsetAck::set : null);
                sent++;
                maxSlip = Math.max(maxSlip, System.currentTimeMillis() - o.timestampMs());
                if (firstOfIncident) {
                    onset = System.currentTimeMillis();
                    deadline = onset + timeout.toMillis();
                    lagAtOnset = lag.getAsLong();
                }
                // one 01260013 closes each failed handshake's burst
                if (o.incident() && new String(o.value(), StandardCharsets.UTF_8).contains("01260013")
                        && ++failures == expected.minFailures()) {
                    minFailures = System.currentTimeMillis();
                }
                if (firing.get() >= 0 || (deadline > 0 && System.currentTimeMillis() > deadline)) {
                    break;
                }
            }
            if (deadline > 0 && System.currentTimeMillis() > deadline) {
                break;
            }
        }
        producer.flush();
        stop.set(true);
        watcher.join(10_000);
        double seconds = (System.currentTimeMillis() - first) / 1000.0;
        return new Result(sent, sent / Math.max(0.001, seconds), onset, onsetAck.get(), minFailures, firing.get(),
                fired.get() == null ? null : fired.get().dedupKey(),
                fired.get() == null || fired.get().payload() == null ? null : fired.get().payload().summary(),
                lagAtOnset, maxSlip);
    }

    private static void watch(String bootstrapServers, String topic, Expected expected, AtomicLong firing,
            AtomicReference<AlertEvent> fired, CountDownLatch positioned, AtomicBoolean stop) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            positioned.countDown();
            while (firing.get() < 0 && !stop.get()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    AlertEvent e = Json.MAPPER.readValue(r.value(), AlertEvent.class);
                    if (expected.matches(e)) {
                        fired.set(e);
                        firing.set(System.currentTimeMillis());
                        break;
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
