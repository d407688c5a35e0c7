package io.tlswatch.app.probe;

import io.micrometer.core.instrument.MeterRegistry;
import io.tlswatch.processors.rates.Evidence;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.ProbeReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The opt-in probe of {@code tlswatch run} ({@code probe.enabled}): when an alert fires, probe the VIP's address
 * with the SNIs (and cipher suites) of its failures and write the report to {@code tlswatch.probes}, keyed by the
 * alert's dedup key. It runs beside the Streams application, never in its threads: one consumer thread reads
 * {@code tlswatch.alerts} (its own group, from the newest alerts on a first start), probes run on a small bounded
 * pool, a token bucket allows {@code probe.max.per.minute} for all VIPs, and each firing (dedup key and start) is
 * probed once. An alert that finds the bucket empty or the pool full gets a report saying it was not probed.
 */
public final class AlertProber implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertProber.class);
    /** Probes running at once: each is a few sequential connections. */
    static final int THREADS = 2;
    /** Probes waiting for a thread; more are refused (and reported so) rather than queued without end. */
    static final int QUEUE = 8;
    /** Firings remembered for deduplication. */
    static final int REMEMBERED = 10_000;
    /** Reports kept for the dashboard: more than a fleet has alerts firing at once. */
    static final int LATEST = 1_000;
    private static final Duration POLL = Duration.ofMillis(500);

    private final ProbeSettings settings;
    private final String alertsTopic;
    private final String probesTopic;
    private final TlsProbe probe;
    private final TokenBucket bucket;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final ThreadPoolExecutor pool;
    private final Thread thread;
    private final ProbeCounters counters;
    private final CountDownLatch assigned = new CountDownLatch(1);
    private final Map<String, Boolean> seen = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };
    /** The newest report per alert, the oldest alerts forgotten first. */
    private final Map<String, ProbeReport> latest = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ProbeReport> eldest) {
            return size() > LATEST;
        }
    };
    private volatile boolean running = true;

    AlertProber(ProbeSettings settings, Map<String, Object> client, String alertsTopic, String probesTopic,
            TlsProbe probe, TokenBucket bucket, MeterRegistry registry) {
        this.settings = settings;
        this.alertsTopic = alertsTopic;
        this.probesTopic = probesTopic;
        this.probe = probe;
        this.bucket = bucket;
        this.counters = new ProbeCounters(registry);
        Map<String, Object> c = clientOnly(client);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true);
        // alerts are written in transactions; a first start probes what fires from now on, not the history
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.groupId() + "-alerts");
        this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        Map<String, Object> p = clientOnly(client);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, settings.groupId() + "-reports");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.pool = new ThreadPoolExecutor(THREADS, THREADS, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "tlswatch-probe");
            t.setDaemon(true);
            return t;
        });
        this.thread = new Thread(this::run, "tlswatch-probe-alerts");
        this.thread.setDaemon(true);
    }

    /** Starts reading alerts. */
    public static AlertProber start(ProbeSettings settings, Map<String, Object> client, String alertsTopic,
            String probesTopic, MeterRegistry registry) {
        AlertProber p = new AlertProber(settings, client, alertsTopic, probesTopic,
                TlsProbe.create(settings.timeout(), settings.caFile()),
                new TokenBucket(settings.maxPerMinute(), System::nanoTime), registry);
        p.thread.start();
        return p;
    }

    /** Whether the consumer has its partitions (a test writes an alert only then: the group starts at the end). */
    public boolean awaitAssigned(Duration timeout) throws InterruptedException {
        return assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The newest report of each alert this instance probed, for the dashboard. */
    public Map<String, ProbeReport> latest() {
        synchronized (latest) {
            return Map.copyOf(latest);
        }
    }

    private void run() {
        try {
            consumer.subscribe(List.of(alertsTopic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {
                    // offsets are committed automatically; nothing held per partition
                }

                @Override
                public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {
                    assigned.countDown();
                }
            });
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                    handle(r.value());
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the consumer
        } catch (RuntimeException e) {
            LOG.error("tlswatch probe stopped reading alerts: {}", e.toString(), e);
        } finally {
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    /** One alert record: a firing VIP alert not probed yet is probed, when the bucket allows. */
    void handle(byte[] value) {
        AlertEvent alert;
        try {
            alert = Json.MAPPER.readValue(value, AlertEvent.class);
        } catch (IOException | RuntimeException e) {
            counters.count("unreadable");
            return;
        }
        Request req = Request.of(alert, settings.maxSnis());
        if (req == null) {
            return;
        }
        synchronized (seen) {
            if (seen.put(alert.dedupKey() + "|" + alert.startsAt(), Boolean.TRUE) != null) {
                return;
            }
        }
        if (!bucket.tryTake()) {
            counters.count("rate_limited");
            write(req.notProbed("not probed: probe.max.per.minute (" + settings.maxPerMinute() + ") reached"));
            return;
        }
        try {
            pool.execute(() -> {
                ProbeReport report;
                try {
                    report = probe.probe(req.target(), req.snis(), req.ciphers())
                            .forAlert(req.key(), req.observer(), req.vip(), req.errorClass());
                    counters.count(report.error() != null ? "unreachable" : report.problems().isEmpty() ? "clean"
                            : "problems");
                } catch (RuntimeException e) {
                    // a bug must not lose the alert's report silently: say so in it, keep the cause in the log
                    LOG.warn("probe of {} failed", req.key(), e);
                    counters.count("failed");
                    report = req.notProbed("probe failed: " + e);
                }
                write(report);
            });
        } catch (RejectedExecutionException e) {
            counters.count("queue_full");
            write(req.notProbed("not probed: " + QUEUE + " probes already waiting"));
        }
    }

    private void write(ProbeReport report) {
        synchronized (latest) {
            latest.put(report.alertKey(), report);
        }
        producer.send(new ProducerRecord<>(probesTopic, report.alertKey(),
                Json.write(report).getBytes(StandardCharsets.UTF_8)), (meta, e) -> {
                    if (e != null) {
                        LOG.warn("probe report of {} not written to {}: {}", report.alertKey(), probesTopic, e.toString());
                    }
                });
    }

    /** Settings a plain client takes: Streams' own (application.id, processing.guarantee...) are left out. */
    private static Map<String, Object> clientOnly(Map<String, Object> client) {
        Map<String, Object> out = new HashMap<>(client);
        out.keySet().removeIf(k -> k.startsWith("application.") || k.startsWith("processing.")
                || k.startsWith("num.stream") || k.startsWith("state.") || k.startsWith("default.")
                || k.startsWith("commit.") || k.startsWith("cache.") || k.startsWith("statestore.")
                || k.startsWith("topology.") || k.startsWith("replication.") || k.startsWith("group.")
                || k.startsWith("isolation.") || k.startsWith("auto.") || k.startsWith("client.id")
                || k.startsWith("errors.") || k.startsWith("internal."));
        return out;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdown();
        try {
            // a running probe is bounded by its timeouts: a handful of connections
            if (!pool.awaitTermination(settings.timeout().toMillis() * 8, TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }

    /**
     * What to probe for one alert: a FIRING alert of one VIP (a storm parent has no address), its address from the
     * VIP key ({@code address[%rd]:port}), the failures' SNIs that are host names, the clients' cipher suites.
     */
    record Request(ProbeTarget target, List<String> snis, List<String> ciphers, String key, String observer,
            String vip, String errorClass) {

        static Request of(AlertEvent a, int maxSnis) {
            if (!"FIRING".equals(a.status()) || a.dedupKey() == null || a.payload() == null) {
                return null;
            }
            Map<String, Object> d = a.payload().customDetails() == null ? Map.of() : a.payload().customDetails();
            String vip = d.get("vip") instanceof String s ? s : a.labels() == null ? null : a.labels().get("vip");
            if (vip == null || vip.equals("*")) {
                return null;
            }
            ProbeTarget target;
            try {
                target = ProbeTarget.parse(vip);
            } catch (IllegalArgumentException notAnAddress) {
                return null;
            }
            List<String> snis = new ArrayList<>();
            for (String sni : values(d.get("top_snis"))) {
                if (snis.size() < maxSnis && SniNames.sendable(sni)) {
                    snis.add(sni);
                }
            }
            Set<String> ciphers = new LinkedHashSet<>();
            for (String list : values(d.get(Evidence.CIPHER_LISTS))) {
                for (String suite : list.split(",")) {
                    if (!suite.isBlank() && !list.equals("other") && ciphers.size() < ClientHellos.MAX_SUITES) {
                        ciphers.add(suite.strip());
                    }
                }
            }
            String observer = d.get("observer") instanceof String s ? s : a.payload().source();
            String errorClass = d.get("error_class") instanceof String s ? s : a.payload().className();
            return new Request(target, snis, List.copyOf(ciphers), a.dedupKey(), observer, vip, errorClass);
        }

        ProbeReport notProbed(String why) {
            return new ProbeReport(target.toString(), null, target.port(), Clock.systemUTC().instant().toString(), 0,
                    why, List.of(), List.of(), null, List.of(), key, observer, vip, errorClass);
        }

        /** The {@code value}s of an evidence tally ({@code [{value, count}]}). */
        private static List<String> values(Object tally) {
            List<String> out = new ArrayList<>();
            if (tally instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Map<?, ?> m && m.get("value") instanceof String v) {
                        out.add(v);
                    }
                }
            }
            return out;
        }
    }
}
