package io.tlswatch.schemas;

/**
 * The topic catalogue (DESIGN §3). These are defaults: every name can be changed in configuration, so
 * code reads names from a {@code TopicNames} value and only the wiring and the command line use these.
 */
public final class Topics {
    /** Raw F5 log records: a syslog line or a Telemetry-Streaming JSON document, key any or none. */
    public static final String F5_LOGS = "f5.logs";
    /** Packet summaries from capture points, keyed by connection id. */
    public static final String F5_PACKETS = "f5.packets";
    /**
     * Netskope Web Transactions (WebTx) exports: one line per record, a {@code #Fields:} header then rows; keyed by
     * export file or stream, so that a header and its rows share a partition (ADR 2, ADR 7).
     */
    public static final String NETSKOPE_WEBTX = "netskope.webtx";
    /** Virtual servers (compacted), keyed {@code observer/vip-address:port}. */
    public static final String INVENTORY = "tlswatch.inventory";
    /** One ECS document per handshake attempt, keyed by connection id. */
    public static final String HANDSHAKES = "tlswatch.handshakes";
    /** Attempts per virtual server between system-poller readings, keyed {@code observer/vip-name}. */
    public static final String ATTEMPTS = "tlswatch.attempts";
    /** Windowed failure counts, keyed {@code observer/vip/class}. */
    public static final String RATES = "tlswatch.rates";
    /** Alert lifecycle events, keyed by dedup key. */
    public static final String ALERTS = "tlswatch.alerts";
    /** Configuration changes that can affect TLS (audit lines), keyed {@code observer/kind/name}. */
    public static final String CHANGES = "tlswatch.changes";
    /** Rejected input: original bytes plus a reason code and the source coordinates. */
    public static final String DLQ = "tlswatch.dlq";
    /** What a TLS server presented when the opt-in probe ran for a firing alert, keyed by the alert's dedup key. */
    public static final String PROBES = "tlswatch.probes";

    private Topics() {}
}
