package io.tlswatch.app.demo;

import io.micrometer.core.instrument.MeterRegistry;
import io.tlswatch.app.analyze.PipelineOffsets;
import io.tlswatch.app.analyze.Quiescence;
import io.tlswatch.app.run.Pipeline;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.schemas.TopicNames;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * The end of a demo: before the counts are printed and the pipeline stops, waits until what was produced has
 * gone all the way through — every line decoded, dropped or dead-lettered, the pipeline caught up on its input
 * and repartition topics with its joins' last wait over (nothing moved for longer than the join wait), and every
 * alert it wrote printed. Bounded: a pipeline that does not settle within {@link #AT_MOST} is reported, not
 * waited for.
 */
final class DemoSettling {
    static final Duration AT_MOST = Duration.ofSeconds(60);
    private static final Duration CHECK_EVERY = Duration.ofMillis(100);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

    private DemoSettling() {}

    /**
     * @return null when settled; else what it was still waiting for (time ran out, Ctrl-C, or the pipeline failed)
     */
    static String await(String bootstrap, TlswatchConfig config, Pipeline pipeline, MeterRegistry registry,
            long produced, DemoCommand.AlertPrinter alerts, CountDownLatch stop) throws InterruptedException {
        Map<String, Object> client = Map.of("bootstrap.servers", bootstrap);
        TopicNames topics = config.topics();
        long deadline = System.nanoTime() + AT_MOST.toNanos();
        // the joins' waits: the burst join, the packet join, the join of logs and packets
        Quiescence quiescence = new Quiescence(Quiescence.quietFor(config.joinWait(), config.packetJoin().quiet(),
                config.connectionJoin().waitTime()), AT_MOST);
        String waitingFor = "every produced line to be decoded";
        try (PipelineOffsets offsets = new PipelineOffsets(client, pipeline.applicationId(), pipeline.sourceTopics(),
                        List.of(topics.handshakes(), topics.alerts(), topics.dlq()), ADMIN_TIMEOUT);
                Admin admin = Admin.create(client)) {
            while (System.nanoTime() < deadline && pipeline.failure() == null) {
                if (Counts.total(registry) < produced) {
                    waitingFor = "every produced line to be decoded";
                } else if (quiescence.observe(offsets.snapshot(), System.currentTimeMillis())
                        != Quiescence.State.DONE) {
                    waitingFor = "the pipeline to finish its input and its joins' last wait";
                } else if (!alerts.caughtUp(committedEnds(admin, topics.alerts()))) {
                    waitingFor = "the last alerts to be printed";
                } else {
                    return null;
                }
                if (stop.await(CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
                    return waitingFor + " (stopped)";
                }
            }
        }
        return pipeline.failure() != null ? "the pipeline failed" : waitingFor;
    }

    /** The end of each partition of {@code topic} that a read_committed consumer can reach. */
    private static Map<TopicPartition, Long> committedEnds(Admin admin, String topic) {
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(topic).partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()),
                            OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the end of " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the end of " + topic + ": " + e, e);
        }
    }
}
