package io.tlswatch.app.notify;

import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.JsonSerde;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tlswatch notify} running in a thread of its own: consumes the alerts topic in a consumer group, delivers
 * each record to every target ({@link Deliverer}) and only then commits its offset; re-sends firing alerts to
 * Alertmanager. Partition bookkeeping (history replay, catch-up) is {@link PartitionStarts}'. {@link #stop()}
 * finishes the request in flight and commits nothing it did not deliver.
 */
public final class Notifier implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final NotifySettings settings;
    private final NotifyOptions options;
    private final Map<String, Object> client;
    private final Clock clock;
    private final NotifyCounters counters = new NotifyCounters();
    private final AlertLedger ledger = new AlertLedger();
    private final CompletableFuture<Void> stop = new CompletableFuture<>();
    private final CompletableFuture<Void> abort = new CompletableFuture<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Deserializer<AlertEvent> alerts = JsonSerde.of(AlertEvent.class).deserializer();
    private final AlertmanagerSender alertmanager;
    private final Deliverer deliverer;
    private final Thread thread;
    private volatile Throwable failure;
    private volatile PartitionStarts starts;

    private Notifier(NotifySettings settings, NotifyOptions options, Map<String, Object> client, Clock clock) {
        this.settings = settings;
        this.options = options;
        this.clock = clock;
        this.client = new HashMap<>(client);
        this.client.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        this.client.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.client.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.client.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.client.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "tlswatch-notify");
        List<Target> targets = new ArrayList<>();
        if (settings.pagerDutyEnabled()) {
            targets.add(new PagerDutySender(settings.pagerDutyUrl(), settings.routingKeys()));
        }
        alertmanager = settings.alertmanagerEnabled()
                ? new AlertmanagerSender(settings.alertmanagerUrl(), settings.resend(), settings.generatorUrl()) : null;
        if (alertmanager != null) {
            targets.add(alertmanager);
        }
        deliverer = new Deliverer(targets, new HttpPoster(settings.httpTimeout(), clock),
                Backoff.of(settings.retryInitial(), settings.retryMax()), counters, clock, stop, abort,
                options.dryRun() ? options.out() : null);
        thread = new Thread(this::run, "tlswatch-notify");
    }

    /** Starts a notifier; {@code client} holds the Kafka client settings (bootstrap servers, security). */
    public static Notifier start(NotifySettings settings, NotifyOptions options, Map<String, Object> client) {
        Notifier n = new Notifier(settings, options, client, Clock.systemUTC());
        n.thread.start();
        return n;
    }

    /** Asks the notifier to stop: the request in flight finishes, no new retry starts. */
    public void stop() {
        stop.complete(null);
    }

    /** Waits until the notifier has stopped (by itself, after {@link #stop()}, or failing). */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Why the notifier stopped by itself, or null. */
    public Throwable failure() {
        return failure;
    }

    /** How many partitions this notifier owns and has started on (history replayed), for readiness checks. */
    public int readyPartitions() {
        PartitionStarts s = starts;
        return s == null ? 0 : s.ready();
    }

    public NotifyCounters counters() {
        return counters;
    }

    /** Stops and waits for the request in flight (its timeout at most), then gives it up. */
    @Override
    public void close() {
        stop();
        try {
            if (!awaitStopped(settings.httpTimeout().plusSeconds(1))) {
                abort.complete(null);
                awaitStopped(Duration.ofSeconds(30));
            }
        } catch (InterruptedException e) {
            abort.complete(null);
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try (DeadLetterWriter dlq = options.dryRun() ? DeadLetterWriter.printing(options.dlqTopic(), options.out())
                        : DeadLetterWriter.toKafka(client, options.dlqTopic());
                KafkaConsumer<byte[], byte[]> consumer =
                        new KafkaConsumer<>(client, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            PartitionStarts starts = new PartitionStarts(consumer, client, options, ledger, clock);
            this.starts = starts;
            if (options.dryRun()) {
                starts.assignAll();
            } else {
                consumer.subscribe(List.of(options.alertsTopic()), starts);
            }
            Instant nextProgress = clock.instant().plus(settings.progressEvery());
            while (!stop.isDone()) {
                starts.resumeAll();
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                starts.batchStarted();
                // a partition assigned in this poll catches up before any of its new records (offsets only grow)
                if (!catchUp(consumer, starts)) {
                    starts.rewind(records, null);
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (stop.isDone() || starts.batchStale() || !handle(record, consumer, starts, dlq)) {
                        starts.rewind(records, record);
                        break;
                    }
                    commit(consumer, starts, record.topic(), record.partition(), record.offset() + 1);
                }
                resendDue();
                if (!clock.instant().isBefore(nextProgress)) {
                    progress();
                    nextProgress = clock.instant().plus(settings.progressEvery());
                }
                if (options.dryRun() && starts.reachedEnd()) {
                    break;
                }
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            log.error("notify failed", e);
        } finally {
            progress();
            finished.countDown();
        }
    }

    /** Delivers what a fresh partition's history left firing, then commits its end; false when abandoned. */
    private boolean catchUp(KafkaConsumer<byte[], byte[]> consumer, PartitionStarts starts) {
        for (PartitionStarts.CatchUp c; (c = starts.nextCatchUp()) != null; ) {
            for (AlertEvent event : c.firing()) {
                if (!(deliverer.deliver(event, starts.keepAlive(c.partition())) instanceof Deliverer.Result.Done done)) {
                    return false;
                }
                ledger.delivered(event, c.partition().partition(),
                        nextResend(done.accepted().contains(AlertmanagerSender.NAME)));
            }
            starts.catchUpDone(c);
            commit(consumer, starts, c.partition().topic(), c.partition().partition(), c.endOffset());
        }
        return true;
    }

    /** One record; false when the delivery was abandoned (stopping, or the partition went elsewhere). */
    private boolean handle(ConsumerRecord<byte[], byte[]> record, KafkaConsumer<byte[], byte[]> consumer,
            PartitionStarts starts, DeadLetterWriter dlq) {
        if (record.value() == null) {
            counters.add(NotifyCounters.SKIPPED, "tombstone");
            return true;
        }
        AlertEvent event;
        try {
            event = alerts.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) { // SerializationException mostly: hostile input never stops the loop
            deadLetter(dlq, record, DeadLetterWriter.INVALID_ALERT, "not an alert event: " + rootMessage(e));
            return true;
        }
        String problem = AlertChecks.problem(event).orElse(null);
        if (problem != null) {
            deadLetter(dlq, record, DeadLetterWriter.INVALID_ALERT, problem);
            return true;
        }
        AlertStatus status = AlertStatus.of(event);
        // an inhibited child is never sent; but a resolve closes what was sent before the storm parent covered it
        if (!event.delivered() && !(status == AlertStatus.RESOLVED && ledger.isFiring(event.dedupKey()))) {
            counters.add(NotifyCounters.SKIPPED, "inhibited");
            return true;
        }
        if (ledger.isRepeat(event)) {
            counters.add(NotifyCounters.SKIPPED, "repeat");
            return true;
        }
        Deliverer.Result result = deliverer.deliver(event,
                starts.keepAlive(new TopicPartition(record.topic(), record.partition())));
        if (result instanceof Deliverer.Result.Abandoned a) {
            log.info("{} at {}-{}@{} not finished ({}): left for the next run", event.dedupKey(), record.topic(),
                    record.partition(), record.offset(), a.why());
            return false;
        }
        Deliverer.Result.Done done = (Deliverer.Result.Done) result;
        for (Deliverer.Rejection r : done.rejections()) {
            deadLetter(dlq, record, DeadLetterWriter.DELIVERY_REJECTED, r.detail());
        }
        ledger.delivered(event, record.partition(), nextResend(done.accepted().contains(AlertmanagerSender.NAME)));
        return true;
    }

    private Instant nextResend(boolean alertmanagerHasIt) {
        return alertmanager != null && alertmanagerHasIt && !options.dryRun()
                ? clock.instant().plus(alertmanager.resend()) : Instant.MAX;
    }

    /** Alertmanager forgets a firing alert when its endsAt passes: tell it again. One attempt each; no blocking. */
    private void resendDue() {
        if (alertmanager == null || options.dryRun()) {
            return;
        }
        for (AlertLedger.Entry due : ledger.dueForResend(clock.instant())) {
            if (stop.isDone()) {
                return;
            }
            Target.Plan plan = alertmanager.plan(due.event(), clock.instant());
            HttpPoster.Answer answer = deliverer.once(((Target.Plan.Send) plan).request());
            String key = due.event().dedupKey();
            if (answer instanceof HttpPoster.Answer.Accepted) {
                counters.add(NotifyCounters.RESENT, AlertmanagerSender.NAME);
                ledger.resendAt(key, clock.instant().plus(alertmanager.resend()));
            } else if (answer instanceof HttpPoster.Answer.Retry r) {
                counters.add(NotifyCounters.RETRIED, AlertmanagerSender.NAME);
                log.warn("alertmanager: re-send of {} failed ({}), trying again in {}", key, r.reason(),
                        settings.retryInitial());
                ledger.resendAt(key, clock.instant().plus(r.retryAfter().orElse(settings.retryInitial())));
            } else if (answer instanceof HttpPoster.Answer.Rejected r) {
                log.warn("alertmanager: re-send of {} refused with HTTP {}: {}", key, r.status(), r.body());
                ledger.resendAt(key, clock.instant().plus(alertmanager.resend()));
            }
        }
    }

    private void deadLetter(DeadLetterWriter dlq, ConsumerRecord<byte[], byte[]> record, String reason, String detail) {
        dlq.write(record, reason, detail);
        counters.add(NotifyCounters.DEAD_LETTERED, reason);
        log.warn("dead letter ({}) for {}-{}@{}: {}", reason, record.topic(), record.partition(), record.offset(),
                detail);
    }

    private void commit(KafkaConsumer<byte[], byte[]> consumer, PartitionStarts starts, String topic, int partition,
            long next) {
        if (options.dryRun()) {
            return;
        }
        try {
            consumer.commitSync(Map.of(new TopicPartition(topic, partition), new OffsetAndMetadata(next)));
        } catch (KafkaException e) {
            // the partition moved to another notifier (rebalance): it will repeat at most this record
            log.warn("cannot commit {}-{} at {}: {}", topic, partition, next, e.toString());
            starts.markStale();
        }
    }

    private void progress() {
        options.err().println("notify: " + counters.line());
        options.err().flush();
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
