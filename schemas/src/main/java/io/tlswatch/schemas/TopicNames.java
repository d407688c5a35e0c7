package io.tlswatch.schemas;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The topic names one deployment uses; defaults from {@link Topics}, each overridable. */
public record TopicNames(
        String logs,
        String packets,
        String netskope,
        String inventory,
        String handshakes,
        String attempts,
        String rates,
        String alerts,
        String dlq,
        String probes,
        String changes) {

    public static TopicNames defaults() {
        return new TopicNames(
                Topics.F5_LOGS, Topics.F5_PACKETS, Topics.NETSKOPE_WEBTX, Topics.INVENTORY, Topics.HANDSHAKES, Topics.ATTEMPTS,
                Topics.RATES, Topics.ALERTS, Topics.DLQ, Topics.PROBES, Topics.CHANGES);
    }

    /**
     * Reads overrides such as {@code topics.logs=my.f5.logs}; {@code lookup} returns null for unset keys.
     */
    public static TopicNames from(UnaryOperator<String> lookup) {
        TopicNames d = defaults();
        return new TopicNames(
                or(lookup.apply("topics.logs"), d.logs),
                or(lookup.apply("topics.packets"), d.packets),
                or(lookup.apply("topics.netskope"), d.netskope),
                or(lookup.apply("topics.inventory"), d.inventory),
                or(lookup.apply("topics.handshakes"), d.handshakes),
                or(lookup.apply("topics.attempts"), d.attempts),
                or(lookup.apply("topics.rates"), d.rates),
                or(lookup.apply("topics.alerts"), d.alerts),
                or(lookup.apply("topics.dlq"), d.dlq),
                or(lookup.apply("topics.probes"), d.probes),
                or(lookup.apply("topics.changes"), d.changes));
    }

    public static TopicNames from(Map<String, String> settings) {
        return from(settings::get);
    }

    public List<String> all() {
        return List.of(logs, packets, netskope, inventory, handshakes, attempts, rates, alerts, dlq, probes, changes);
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
