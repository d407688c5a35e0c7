package io.tlswatch.processors;

import io.tlswatch.processors.classify.ErrorClass;
import io.tlswatch.schemas.DidYouMean;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every setting tlswatch reads, so that a misspelt key is an error rather than a default silently kept. Three
 * families are patterns: {@code kafka.*} (passed to the Kafka clients unchanged; Kafka checks their values, and
 * {@link KafkaKeys} names the keys Kafka does not know),
 * {@code alerts.class.<class>.kind|ratio|min.failures} (a known error class) and
 * {@code notify.pagerduty.routing.<route>} (any route name). A new setting is added here and in
 * {@code config/tlswatch.example.properties}; {@code ConfigKeysTest} checks both.
 */
public final class ConfigKeys {
    public static final String CLASS_PREFIX = "alerts.class.";
    public static final String ROUTING_PREFIX = "notify.pagerduty.routing.";
    public static final List<String> CLASS_FIELDS = List.of("kind", "ratio", "min.failures");

    /** The exact keys, by the code that reads them. */
    public static final Set<String> KEYS = Set.of(
            // TlswatchConfig, StreamsSettings, Pipeline
            "application.id", "observer.default", "syslog.timezone", "syslog.year", "join.wait",
            "startup.timeout",
            // StreamsSettings: RocksDB memory of the process; TlswatchTopology: the encoding of state and repartitions
            "state.memory.mb", "state.format",
            // TopicNames, TopicSetup
            "topics.logs", "topics.packets", "topics.netskope", "topics.inventory", "topics.handshakes", "topics.attempts",
            "topics.rates", "topics.alerts", "topics.dlq", "topics.probes", "topics.changes", "topics.create",
            "topics.partitions", "topics.replication",
            // netskopeObserver(): the Netskope WebTx observer of rows that name no data plane; how long a silent
            // export stream keeps its header
            "netskope.observer", "netskope.header.retention",
            // TlswatchTopology: set by tlswatch analyze, not by users
            "analysis.outcomes.topic",
            // packetJoin(), connectionJoin(), scannerRules(), successSampling()
            "packets.wait", "packets.max.summaries", "packets.max.bytes",
            "connections.wait", "connections.max.skew", "connections.source.memory", "connections.expect",
            "scanners.min.vips", "scanners.window", "scanners.ja3", "scanners.ja4", "scanners.page",
            "siem.successes", "siem.successes.sample",
            // alertPolicy()
            "alerts.window", "alerts.window.long", "alerts.server.ratio", "alerts.server.min.failures",
            "alerts.client.ratio", "alerts.client.min.failures", "alerts.baseline.factor", "alerts.warmup",
            "alerts.resolve.hold", "alerts.update.every", "alerts.storm.vips", "alerts.storm.window",
            "alerts.check.every", "rates.every", "rates.bucket", "rates.poller.stale",
            // changeWindow(): configuration changes attached to a firing alert
            "alerts.changes.window",
            // CertificateWatchSettings
            "alerts.cert.horizons", "alerts.profile.min.failures", "alerts.profile.ratio", "alerts.profile.counters",
            "alerts.profile.logs.memory",
            // HttpSettings: the metrics, health, API and dashboard server
            "http.host", "http.port", "http.token", "http.advertise",
            // app NotifySettings
            "notify.pagerduty.url", "notify.alertmanager.url", "notify.alertmanager.resend",
            "notify.alertmanager.generator.url", "notify.group.id", "notify.retry.initial", "notify.retry.max",
            "notify.http.timeout", "notify.progress",
            // app ProbeSettings: the opt-in probe of a firing alert's VIP
            "probe.enabled", "probe.max.per.minute", "probe.timeout", "probe.max.snis", "probe.group.id",
            "probe.ca.file");

    /** Variables with our prefix that are not settings: the launcher's JVM options, the tests' switches. */
    public static final Set<String> ENVIRONMENT_NOT_SETTINGS = Set.of(
            "TLSWATCH_JAVA_OPTS", "TLSWATCH_MVN", "TLSWATCH_SHARED_DATA", "TLSWATCH_IT_BROKER");

    private ConfigKeys() {}

    /** Whether tlswatch reads {@code key}. */
    public static boolean known(String key) {
        if (KEYS.contains(key) || (key.startsWith(TlswatchConfig.KAFKA_PREFIX)
                && key.length() > TlswatchConfig.KAFKA_PREFIX.length())) {
            return true;
        }
        if (key.startsWith(ROUTING_PREFIX)) {
            return key.length() > ROUTING_PREFIX.length();
        }
        if (key.startsWith(CLASS_PREFIX)) {
            String rest = key.substring(CLASS_PREFIX.length());
            int dot = rest.indexOf('.');
            return dot > 0 && knownClass(rest.substring(0, dot)) && CLASS_FIELDS.contains(rest.substring(dot + 1));
        }
        return false;
    }

    /** Every concrete key but the open families ({@code kafka.*}, routes): the candidates of a suggestion. */
    public static Set<String> concrete() {
        Set<String> out = new TreeSet<>(KEYS);
        for (ErrorClass c : ErrorClass.values()) {
            for (String field : CLASS_FIELDS) {
                out.add(CLASS_PREFIX + c.wireName() + "." + field);
            }
        }
        out.add(ROUTING_PREFIX + "default");
        return out;
    }

    /** The known key closest to a misspelt one, when one is close enough to be what was meant. */
    public static Optional<String> closest(String key) {
        return DidYouMean.closest(key, concrete());
    }

    /** The key an environment variable sets (prefix already removed, lower case): underscores of keys kept. */
    static String fromEnvironmentName(String lowerName) {
        for (String candidate : concrete()) {
            if (candidate.replace('.', '_').equals(lowerName)) {
                return candidate; // alerts.class.not_tls.kind from ALERTS_CLASS_NOT_TLS_KIND
            }
        }
        return lowerName.replace('_', '.');
    }

    private static boolean knownClass(String name) {
        return ErrorClass.fromWireName(name) != ErrorClass.UNCLASSIFIED || name.equals("unclassified");
    }
}
