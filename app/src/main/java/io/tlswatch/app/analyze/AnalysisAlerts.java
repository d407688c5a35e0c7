package io.tlswatch.app.analyze;

import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.processors.alerts.AlertReplay;
import io.tlswatch.processors.changes.ChangeCorrelation;
import io.tlswatch.processors.inventory.InventoryKeys;
import io.tlswatch.processors.inventory.InventoryView;
import io.tlswatch.processors.inventory.VipDirectory;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.ChangeEvent;
import io.tlswatch.schemas.HandshakeOutcome;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.TopicNames;
import io.tlswatch.schemas.VipAttempts;
import io.tlswatch.schemas.VipRate;
import io.tlswatch.schemas.VirtualServer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The rates and alerts of an analysis (ADR 6): the pipeline's joined, enriched outcomes and the poller's counts,
 * read back after the pipeline is done, sorted by time (ties in a fixed order), and replayed through
 * {@link AlertReplay}: the live rules on the files' own timeline, so the same files give the same
 * {@code rates.jsonl} and {@code alerts.jsonl}, byte for byte.
 */
final class AnalysisAlerts {
    /** The topic the analysis pipeline writes its outcomes to instead of evaluating them live. */
    static final String OUTCOMES_TOPIC = "tlswatch.analysis.outcomes";
    private static final byte NEWLINE = '\n';

    /** Lines written to each file. */
    record Written(long rates, long alerts, long inputs) {}

    /** One input of the timeline: an outcome or a poller count, with what orders it. */
    private record Input(long timeMs, int order, String key, String text, HandshakeOutcome outcome,
                         VipAttempts attempts) {}

    private static final Comparator<Input> TIME_ORDER = Comparator.comparingLong(Input::timeMs)
            .thenComparingInt(Input::order)
            .thenComparing(Input::key)
            .thenComparing(Input::text);

    private AnalysisAlerts() {}

    static Written write(TopicDump dump, TopicNames topics, TlswatchConfig config, Path ratesFile, Path alertsFile,
            Consumer<byte[]> eachAlert) throws IOException {
        VipDirectory directory = directory(dump, topics.inventory());
        // every configuration change of the files, by BIG-IP: a firing alert lists those before it, as live
        Map<String, List<ChangeEvent>> changes = new HashMap<>();
        dump.forEach(topics.changes(), r -> {
            ChangeEvent c = r.value() == null ? null : read(r.value(), ChangeEvent.class);
            if (c != null) {
                changes.computeIfAbsent(c.observer(), k -> new ArrayList<>()).add(c);
            }
        });
        ChangeCorrelation correlation = new ChangeCorrelation(config.changeWindow());
        // alerts the pipeline did write live (certificate expiry, profile counters: deterministic, one poller
        // document after the other), merged by time with the replay's
        List<Timed> pipelineAlerts = new ArrayList<>();
        dump.forEach(topics.alerts(), r -> {
            AlertEvent a = r.value() == null ? null : read(r.value(), AlertEvent.class);
            if (a != null) {
                pipelineAlerts.add(new Timed(timeOf(a, r.timestamp()), r.value()));
            }
        });
        List<Input> inputs = new ArrayList<>();
        dump.forEach(OUTCOMES_TOPIC, r -> {
            HandshakeOutcome o = read(r.value(), HandshakeOutcome.class);
            if (o != null) {
                String text = "failure".equals(o.outcome()) ? new String(r.value(), StandardCharsets.UTF_8) : "";
                inputs.add(new Input(r.timestamp(), 1, String.valueOf(o.connectionId()), text, o, null));
            }
        });
        dump.forEach(topics.attempts(), r -> {
            VipAttempts a = read(r.value(), VipAttempts.class);
            if (a != null) {
                inputs.add(new Input(r.timestamp(), 0, a.observer() + "/" + a.vipName(), "", null, a));
            }
        });
        inputs.sort(TIME_ORDER);
        // partition after partition as read: in time order (ties by their bytes) to merge with the replay's
        pipelineAlerts.sort(Comparator.comparingLong(Timed::timeMs).thenComparing(Timed::bytes, java.util.Arrays::compare));
        long[] counts = new long[2];
        int[] next = {0};
        try (OutputStream rates = new BufferedOutputStream(Files.newOutputStream(ratesFile), 1 << 16);
                OutputStream alerts = new BufferedOutputStream(Files.newOutputStream(alertsFile), 1 << 16)) {
            AlertReplay replay = new AlertReplay(config.alertPolicy(), config.scannerRules(), directory,
                    new AlertReplay.Output() {
                        @Override
                        public void rate(VipRate rate) {
                            line(rates, Json.write(rate));
                            counts[0]++;
                        }

                        @Override
                        public void alert(AlertEvent replayed) {
                            AlertEvent alert = correlation.wants(replayed) ? correlation.attach(replayed,
                                    changes.getOrDefault(replayed.labels().get("observer"), List.of()), directory)
                                    : replayed;
                            byte[] bytes = Json.write(alert).getBytes(StandardCharsets.UTF_8);
                            long at = timeOf(alert, Long.MIN_VALUE);
                            while (next[0] < pipelineAlerts.size() && pipelineAlerts.get(next[0]).timeMs() <= at) {
                                alertLine(pipelineAlerts.get(next[0]++).bytes());
                            }
                            alertLine(bytes);
                        }

                        private void alertLine(byte[] bytes) {
                            line(alerts, bytes);
                            eachAlert.accept(bytes);
                            counts[1]++;
                        }
                    });
            for (Input in : inputs) {
                if (in.outcome() != null) {
                    replay.outcome(in.outcome(), in.timeMs());
                } else {
                    replay.attempts(in.attempts(), in.timeMs());
                }
            }
            replay.finish();
            while (next[0] < pipelineAlerts.size()) {
                byte[] bytes = pipelineAlerts.get(next[0]++).bytes();
                line(alerts, bytes);
                eachAlert.accept(bytes);
                counts[1]++;
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new Written(counts[0], counts[1], inputs.size());
    }

    /** The inventory topic as the pipeline's global table would hold it (CSV rows win field by field). */
    private static VipDirectory directory(TopicDump dump, String topic) {
        Map<String, VirtualServer> entries = new HashMap<>();
        dump.forEach(topic, r -> {
            String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
            VirtualServer vs = r.value() == null ? null : read(r.value(), VirtualServer.class);
            if (key != null && vs != null) {
                entries.put(key, vs);
            } else if (key != null && r.value() == null) {
                entries.remove(key); // a tombstone: inventory delete
            }
        });
        return (observer, hostPort) -> {
            String key = observer + "/" + hostPort;
            return InventoryView.merge(entries.get(key + InventoryKeys.CSV_SUFFIX), entries.get(key));
        };
    }

    private record Timed(long timeMs, byte[] bytes) {}

    /** An alert's event time: its payload's timestamp, else the record's. */
    private static long timeOf(AlertEvent a, long fallback) {
        try {
            return java.time.Instant.parse(a.payload().timestamp()).toEpochMilli();
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    private static <T> T read(byte[] value, Class<T> type) {
        if (value == null) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(value, type);
        } catch (IOException e) {
            return null; // our own records; one that does not parse is left out rather than stop the analysis
        }
    }

    private static void line(OutputStream out, String text) {
        line(out, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void line(OutputStream out, byte[] bytes) {
        try {
            out.write(bytes);
            out.write(NEWLINE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
