package io.tlswatch.schemas;

import java.util.Optional;

/**
 * The JSON Schemas (draft 2020-12) of every topic value and of the internal records, shipped as resources
 * under {@code schemas/} in this jar. Look them up by topic or record type with {@link SchemaCatalog}.
 */
public enum Schema {
    /** Telemetry-Streaming JSON on {@code f5.logs}; raw syslog lines on the same topic are not JSON. */
    F5_LOGS_TS("f5-logs-ts", Topics.F5_LOGS, null),
    /** {@link PacketSummary} on {@code f5.packets}. */
    PACKET_SUMMARY("packet-summary", Topics.F5_PACKETS, PacketSummary.class),
    /** {@link VirtualServer} on the compacted {@code tlswatch.inventory}. */
    VIRTUAL_SERVER("virtual-server", Topics.INVENTORY, VirtualServer.class),
    /** {@link EcsHandshake}, the ECS document on {@code tlswatch.handshakes} (DESIGN §8). */
    HANDSHAKE_ECS("handshake-ecs", Topics.HANDSHAKES, EcsHandshake.class),
    /** {@link VipRate} on {@code tlswatch.rates}. */
    VIP_RATE("vip-rate", Topics.RATES, VipRate.class),
    /** {@link AlertEvent} on {@code tlswatch.alerts} (DESIGN §9). */
    ALERT_EVENT("alert-event", Topics.ALERTS, AlertEvent.class),
    /** {@link ChangeEvent} on {@code tlswatch.changes}: TLS-relevant configuration changes from audit lines. */
    CHANGE_EVENT("change-event", Topics.CHANGES, ChangeEvent.class),
    /** {@link DeadLetter} on {@code tlswatch.dlq}. */
    DEAD_LETTER("dead-letter", Topics.DLQ, DeadLetter.class),
    /** {@link ProbeReport} on {@code tlswatch.probes}: the opt-in probe of a firing alert's VIP. */
    PROBE_REPORT("probe-report", Topics.PROBES, ProbeReport.class),
    /** {@link HandshakeEvent}: internal (repartition and state stores), no topic of its own. */
    HANDSHAKE_EVENT("handshake-event", null, HandshakeEvent.class),
    /** {@link HandshakeOutcome}: internal (repartition and state stores), no topic of its own. */
    HANDSHAKE_OUTCOME("handshake-outcome", null, HandshakeOutcome.class),
    /** {@link VipTrafficSample}: internal (attempt counting per VIP, DESIGN §9), no topic of its own. */
    VIP_TRAFFIC_SAMPLE("vip-traffic-sample", null, VipTrafficSample.class),
    /** {@code tlswatch.attempts}: attempts per virtual server between poller readings. */
    VIP_ATTEMPTS("vip-attempts", Topics.ATTEMPTS, VipAttempts.class),
    /** {@link CertificateSample}: internal (certificate expiry, DESIGN §9), inside {@link ObserverSignal}. */
    CERTIFICATE_SAMPLE("certificate-sample", null, CertificateSample.class),
    /** {@link ProfileTrafficSample}: internal (client-ssl profile counters), inside {@link ObserverSignal}. */
    PROFILE_TRAFFIC_SAMPLE("profile-traffic-sample", null, ProfileTrafficSample.class),
    /** {@link ObserverSignal}: internal (repartition by observer for the certificate and profile watch). */
    OBSERVER_SIGNAL("observer-signal", null, ObserverSignal.class);

    /** The resource folder that holds every schema file. */
    public static final String RESOURCE_DIR = "schemas/";

    private final String baseName;
    private final String defaultTopic;
    private final Class<?> recordType;

    Schema(String baseName, String defaultTopic, Class<?> recordType) {
        this.baseName = baseName;
        this.defaultTopic = defaultTopic;
        this.recordType = recordType;
    }

    /** The short name, e.g. {@code alert-event}. */
    public String baseName() {
        return baseName;
    }

    /** The file name, e.g. {@code alert-event.schema.json}. */
    public String fileName() {
        return baseName + ".schema.json";
    }

    /** The class-path resource, e.g. {@code schemas/alert-event.schema.json} (no leading slash). */
    public String resourcePath() {
        return RESOURCE_DIR + fileName();
    }

    /** The schema's {@code $id}. */
    public String id() {
        return "urn:tlswatch:schema:" + baseName;
    }

    /** The default topic whose values this schema describes; empty for internal records. */
    public Optional<String> defaultTopic() {
        return Optional.ofNullable(defaultTopic);
    }

    /** The Java record that serialises to this schema; empty for input formats we do not model. */
    public Optional<Class<?>> recordType() {
        return Optional.ofNullable(recordType);
    }
}
