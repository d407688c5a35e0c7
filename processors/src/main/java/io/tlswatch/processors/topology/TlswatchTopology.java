package io.tlswatch.processors.topology;

import io.micrometer.core.instrument.MeterRegistry;
import io.tlswatch.processors.StateFormat;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.processors.alerts.AlertPolicy;
import io.tlswatch.processors.alerts.EvaluatorOutput;
import io.tlswatch.processors.alerts.StormControl;
import io.tlswatch.processors.alerts.StormProcessor;
import io.tlswatch.processors.alerts.StormState;
import io.tlswatch.processors.alerts.VipRatesProcessor;
import io.tlswatch.processors.certs.CertificateWatchSettings;
import io.tlswatch.processors.changes.ChangeCorrelation;
import io.tlswatch.processors.changes.ChangeCorrelator;
import io.tlswatch.processors.certs.CertificateWatchTopology;
import io.tlswatch.processors.connection.BurstJoinProcessor;
import io.tlswatch.processors.connection.ConnectionJoinProcessor;
import io.tlswatch.processors.connection.ConnectionJoinSettings;
import io.tlswatch.processors.connection.PacketJoinProcessor;
import io.tlswatch.processors.connection.PacketJoinSettings;
import io.tlswatch.processors.connection.PendingLine;
import io.tlswatch.processors.connection.PendingConnection;
import io.tlswatch.processors.connection.PendingOutcome;
import io.tlswatch.processors.connection.TaskGauge;
import io.tlswatch.processors.decode.LogDecoder;
import io.tlswatch.processors.decode.telemetry.AttemptCounter;
import io.tlswatch.processors.inventory.InventoryEnricher;
import io.tlswatch.processors.inventory.InventoryKeys;
import io.tlswatch.processors.inventory.VipAttemptsProcessor;
import io.tlswatch.processors.netskope.NetskopeTopology;
import io.tlswatch.processors.rates.RateInput;
import io.tlswatch.processors.rates.VipState;
import io.tlswatch.processors.scanners.ScannerCheck;
import io.tlswatch.processors.scanners.ScannerRules;
import io.tlswatch.processors.scanners.ScannerTagger;
import io.tlswatch.processors.scanners.SourceActivity;
import io.tlswatch.processors.siem.EcsMapper;
import io.tlswatch.processors.siem.SuccessSampling;
import io.tlswatch.processors.views.AlertBoardProcessor;
import io.tlswatch.processors.views.BoardEntry;
import io.tlswatch.processors.views.RecentFailures;
import io.tlswatch.processors.views.RecentFailuresProcessor;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.ChangeEvent;
import io.tlswatch.schemas.DeadLetter;
import io.tlswatch.schemas.EcsHandshake;
import io.tlswatch.schemas.HandshakeEvent;
import io.tlswatch.schemas.HandshakeOutcome;
import io.tlswatch.schemas.HostPort;
import io.tlswatch.schemas.JsonSerde;
import io.tlswatch.schemas.TopicNames;
import io.tlswatch.schemas.VipAttempts;
import io.tlswatch.schemas.VipRate;
import io.tlswatch.schemas.VipTrafficSample;
import io.tlswatch.schemas.VirtualServer;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The one place the whole pipeline is wired (DESIGN §1), shared by {@code tlswatch run}, the demo and the
 * tests: raw F5 records → decode → join per connection → ECS records, failure counts, alerts; system-poller
 * documents → inventory and attempts per virtual server; packet summaries → join per connection → the same
 * outcome stream as the logs; Netskope WebTx exports → their outcomes, beside those; outcomes enriched from the inventory (a global table over {@code tlswatch.inventory}:
 * VIP name, side); rejects to the dead-letter topic. Every processor, store and repartition topic is named, so names survive changes.
 */
public final class TlswatchTopology {
    public static final String PENDING_LINES_STORE = "pending-lines";
    public static final String VIP_RATES_STORE = "vip-rates";
    public static final String ALERT_STORMS_STORE = "alert-storms";
    /** The last failed handshakes per VIP, for the API ({@code observer/vip}, beside {@code vip-rates}). */
    public static final String VIP_RECENT_FAILURES_STORE = "vip-recent-failures";
    /** The latest event of every alert, for the API (by dedup key, from the alerts topic). */
    public static final String ALERT_BOARD_STORE = "alert-board";
    /**
     * Set by {@code tlswatch analyze} only: the topic the enriched, tagged outcomes go to instead of the live rates
     * stage; the analysis evaluates them in time order afterwards ({@code AlertReplay}, ADR 6).
     */
    public static final String ANALYSIS_OUTCOMES_TOPIC = "analysis.outcomes.topic";
    public static final String VIP_COUNTERS_STORE = "vip-counters";
    public static final String PENDING_OUTCOMES_STORE = "pending-outcomes";
    public static final String SCANNER_SOURCES_STORE = "scanner-sources";
    public static final String PENDING_CONNECTIONS_STORE = "pending-connections";
    /** The global store over {@code tlswatch.inventory}: CSV rows and what the system poller learned. */
    public static final String INVENTORY_STORE = "inventory";
    /** The global store over {@code tlswatch.changes}: the latest change of each (observer, kind, object). */
    public static final String CHANGES_STORE = "config-changes";

    private TlswatchTopology() {}

    /**
     * @param streamsProperties the Streams settings the topology will run with ({@link StreamsSettings#from});
     *                          topology-level settings such as explicit-naming enforcement come from them
     */
    public static Topology build(
            TlswatchConfig config, Properties streamsProperties, LogDecoder decoder, MeterRegistry registry) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsProperties)));
        TopicNames topics = config.topics();
        StateFormat state = config.stateFormat();

        KStream<byte[], byte[]> raw = builder.stream(
                topics.logs(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("read-f5-logs"));
        Map<String, KStream<byte[], DecodeOutput>> decoded = raw
                .processValues(() -> new LogDecodeProcessor(decoder, registry), Named.as("decode-logs"))
                .split(Named.as("decode-"))
                .branch((k, v) -> v instanceof DecodeOutput.Event, Branched.as("events"))
                .branch((k, v) -> v instanceof DecodeOutput.Inventory, Branched.as("inventory"))
                .branch((k, v) -> v instanceof DecodeOutput.Traffic, Branched.as("traffic"))
                .branch((k, v) -> v instanceof DecodeOutput.Signal, Branched.as("observer-signals"))
                .branch((k, v) -> v instanceof DecodeOutput.Change, Branched.as("changes"))
                .defaultBranch(Branched.as("dead-letters"));

        // configuration changes that can affect TLS (audit lines), keyed per object: the topic is their view
        decoded.get("decode-changes")
                .map((k, v) -> {
                    ChangeEvent c = ((DecodeOutput.Change) v).change();
                    return KeyValue.pair(c.key(), c);
                }, Named.as("key-changes"))
                .to(topics.changes(), Produced.with(Serdes.String(), JsonSerde.of(ChangeEvent.class))
                        .withName("write-changes"));

        decoded.get("decode-inventory")
                .map((k, v) -> {
                    VirtualServer vs = ((DecodeOutput.Inventory) v).virtualServer();
                    return KeyValue.pair(InventoryKeys.of(vs), vs);
                }, Named.as("key-inventory"))
                .to(topics.inventory(), Produced.with(Serdes.String(), JsonSerde.of(VirtualServer.class))
                        .withName("write-inventory"));

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(VIP_COUNTERS_STORE),
                Serdes.String(), state.serde(AttemptCounter.Reading.class)));
        KStream<String, VipAttempts> attempts = decoded.get("decode-traffic")
                .map((k, v) -> {
                    VipTrafficSample sample = ((DecodeOutput.Traffic) v).sample();
                    return KeyValue.pair(sample.observer() + "/" + sample.vipName(), sample);
                }, Named.as("key-traffic-by-vip"))
                .repartition(Repartitioned.<String, VipTrafficSample>as("traffic-by-vip")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(state.serde(VipTrafficSample.class)))
                .process(() -> new VipAttemptsProcessor(VIP_COUNTERS_STORE), Named.as("count-attempts"),
                        VIP_COUNTERS_STORE);
        attempts.to(topics.attempts(), Produced.with(Serdes.String(), JsonSerde.of(VipAttempts.class))
                        .withName("write-attempts"));

        // certificate expiry and client-ssl profile failures from the same poller documents (DESIGN §9)
        CertificateWatchTopology.alerts(decoded.get("decode-observer-signals")
                        .mapValues(v -> ((DecodeOutput.Signal) v).signal(), Named.as("unwrap-observer-signal")),
                        CertificateWatchSettings.from(config), state)
                .to(topics.alerts(), Produced.with(Serdes.String(), JsonSerde.of(AlertEvent.class))
                        .withName("write-certificate-alerts"));

        // packet summaries (f5.packets): checked, joined per connection, judged by the wire decoder
        KStream<byte[], byte[]> rawPackets = builder.stream(
                topics.packets(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("read-f5-packets"));
        Map<String, KStream<byte[], DecodeOutput>> packets = rawPackets
                .processValues(() -> new PacketDecodeProcessor(registry), Named.as("decode-packets"))
                .split(Named.as("decode-packets-"))
                .branch((k, v) -> v instanceof DecodeOutput.Packet, Branched.as("summaries"))
                .defaultBranch(Branched.as("dead-letters"));

        decoded.get("decode-dead-letters")
                .merge(packets.get("decode-packets-dead-letters"), Named.as("merge-dead-letters"))
                .mapValues(v -> ((DecodeOutput.Dead) v).letter(), Named.as("unwrap-dead-letter"))
                .to(topics.dlq(), Produced.with(Serdes.ByteArray(), JsonSerde.of(DeadLetter.class))
                        .withName("write-dlq"));

        // Netskope WebTx exports: the header kept per stream, each row's sides become outcomes (ADR 7); their own
        // dead-letter sink keeps the export's subtopology apart from the F5 inputs'
        KStream<byte[], byte[]> rawNetskope = builder.stream(topics.netskope(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("read-netskope-webtx"));
        NetskopeTopology.Decoded netskope = NetskopeTopology.decode(builder, rawNetskope, config.netskopeObserver(),
                config.netskopeHeaderRetention(), registry);
        netskope.deadLetters().to(topics.dlq(), Produced.with(Serdes.ByteArray(), JsonSerde.of(DeadLetter.class))
                .withName("write-netskope-dlq"));

        KStream<String, HandshakeEvent> events = decoded.get("decode-events")
                .mapValues(v -> ((DecodeOutput.Event) v).event(), Named.as("unwrap-event"))
                // failures, and the iRule lines (JA4, ciphers) the burst join attaches to their connections
                .filter((k, e) -> e.isFailureEvidence() || e.isConnectionEnrichment(), Named.as("handshake-evidence-only"))
                .selectKey((k, e) -> e.observer() + "/" + e.process() + "/" + e.pid(), Named.as("key-by-tmm"))
                .repartition(Repartitioned.<String, HandshakeEvent>as("events-by-tmm")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(state.serde(HandshakeEvent.class)));

        builder.addStateStore(WriteBehindStore.wrap(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(PENDING_LINES_STORE), Serdes.String(), state.serde(PendingLine.class))));
        KStream<String, HandshakeOutcome> logOutcomes = events.process(
                () -> new BurstJoinProcessor(PENDING_LINES_STORE, config.joinWait()),
                Named.as("join-bursts"), PENDING_LINES_STORE);

        // input keyed by connection id (DESIGN §3): the join keys its store by the id inside each summary
        builder.addStateStore(WriteBehindStore.wrap(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(PENDING_CONNECTIONS_STORE),
                Serdes.String(), state.serde(PendingConnection.class))));
        PacketJoinSettings packetJoin = config.packetJoin();
        TaskGauge pending = TaskGauge.pendingConnections(registry);
        KStream<String, HandshakeOutcome> packetOutcomes = packets.get("decode-packets-summaries")
                .mapValues(v -> ((DecodeOutput.Packet) v).summary(), Named.as("unwrap-packet-summary"))
                .process(() -> new PacketJoinProcessor(PENDING_CONNECTIONS_STORE, packetJoin, registry, pending),
                        Named.as("join-packets"), PENDING_CONNECTIONS_STORE);

        // the inventory (poller-learned and CSV rows, two key spaces: InventoryKeys) on every instance
        builder.globalTable(topics.inventory(),
                Consumed.with(Serdes.String(), JsonSerde.of(VirtualServer.class)).withName("read-inventory"),
                Materialized.<String, VirtualServer, KeyValueStore<Bytes, byte[]>>as(INVENTORY_STORE)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(JsonSerde.of(VirtualServer.class)));

        // one outcome per connection, whatever saw it: both sources meet on one partition per connection id (the
        // key includes the client's address and port, so one busy VIP still spreads over every partition)
        builder.addStateStore(WriteBehindStore.wrap(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(PENDING_OUTCOMES_STORE),
                Serdes.String(), state.serde(PendingOutcome.class))));
        ConnectionJoinSettings connectionJoin = config.connectionJoin();
        TaskGauge pendingOutcomes = new TaskGauge(registry, "tlswatch_pending_outcomes",
                "connections whose outcome from one source waits for the other's");
        KStream<String, HandshakeOutcome> outcomes = logOutcomes
                .merge(packetOutcomes, Named.as("merge-outcomes"))
                // by four-tuple, not id: F5 lines cannot name a reused four-tuple's later attempt ("#2"), so its
                // lines and packets meet only where every attempt of the four-tuple is joined
                .selectKey((key, o) -> o.connectionId() != null ? HostPort.fourTupleOf(o.connectionId()) : key,
                        Named.as("key-outcomes-by-four-tuple"))
                .repartition(Repartitioned.<String, HandshakeOutcome>as("outcomes-by-connection")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(state.serde(HandshakeOutcome.class)))
                .process(() -> new ConnectionJoinProcessor(PENDING_OUTCOMES_STORE, connectionJoin, registry,
                        pendingOutcomes), Named.as("join-connections"), PENDING_OUTCOMES_STORE)
                // the VIP and the side, before the ECS record and the rates
                .processValues(() -> new InventoryEnricher(INVENTORY_STORE), Named.as("enrich-from-inventory"))
                // a proxy's transactions (netskope.webtx): whole outcomes already, sides its own (ADR 7)
                .merge(netskope.outcomes(), Named.as("merge-netskope-outcomes"));

        // scanners: a client's failures across VIPs meet on one partition per client address
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SCANNER_SOURCES_STORE),
                Serdes.String(), state.serde(SourceActivity.class)));
        ScannerRules scannerRules = config.scannerRules();
        // only failures need the client's memory: the rest (nearly every handshake) are tagged where they are
        Map<String, KStream<String, HandshakeOutcome>> byMemory = outcomes
                .split(Named.as("scanner-check-"))
                .branch((id, o) -> ScannerCheck.needsMemory(o), Branched.as("by-client"))
                .defaultBranch(Branched.as("in-place"));
        KStream<String, HandshakeOutcome> tagged = byMemory.get("scanner-check-by-client")
                .selectKey((id, o) -> o.clientIp() != null ? o.clientIp() : id, Named.as("key-by-client"))
                .repartition(Repartitioned.<String, HandshakeOutcome>as("outcomes-by-client")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(state.serde(HandshakeOutcome.class)))
                .process(() -> new ScannerTagger(SCANNER_SOURCES_STORE, scannerRules, registry),
                        Named.as("tag-scanners"), SCANNER_SOURCES_STORE)
                .merge(byMemory.get("scanner-check-in-place")
                                .mapValues(ScannerTagger.stateless(scannerRules, registry),
                                        Named.as("tag-scanners-by-list")),
                        Named.as("merge-tagged-outcomes"));

        SuccessSampling successes = config.successSampling();
        tagged.filter((id, o) -> successes.keeps(o), Named.as("sample-successes"))
                .mapValues(new EcsMapper(config.syslogZone(), System::currentTimeMillis)::map, Named.as("to-ecs"))
                .to(topics.handshakes(), Produced.with(Serdes.String(), JsonSerde.of(EcsHandshake.class))
                        .withName("write-handshakes"));

        String analysisOutcomes = config.get(ANALYSIS_OUTCOMES_TOPIC);
        if (analysisOutcomes != null && !analysisOutcomes.isBlank()) {
            // tlswatch analyze evaluates rates and alerts after the fact, in the files' time order (ADR 6)
            tagged.to(analysisOutcomes.strip(), Produced.with(Serdes.String(), JsonSerde.of(HandshakeOutcome.class))
                    .withName("write-analysis-outcomes"));
            return builder.build();
        }

        // rates: every outcome of a VIP (failures, and handshakes that count as attempts) and the poller's counts
        // meet on one partition per VIP
        KStream<String, RateInput> outcomeInputs = tagged
                .mapValues(o -> RateInput.of(o, 0L), Named.as("to-rate-inputs"))
                .filter((k, in) -> in != null, Named.as("rate-inputs-only"));
        KStream<String, RateInput> pollerInputs = attempts
                .mapValues((VipAttempts a) -> RateInput.of(a), Named.as("attempts-to-rate-inputs"))
                .filter((k, in) -> in != null, Named.as("poller-inputs-with-address"));
        builder.addStateStore(WriteBehindStore.wrap(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(VIP_RATES_STORE), Serdes.String(), state.serde(VipState.class))));
        AlertPolicy policy = config.alertPolicy();
        KStream<String, RateInput> rateInputs = outcomeInputs
                .merge(pollerInputs, Named.as("merge-rate-inputs"))
                .selectKey((k, in) -> in.key(), Named.as("key-rate-inputs-by-vip"))
                .repartition(Repartitioned.<String, RateInput>as("rate-inputs-by-vip")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(state.serde(RateInput.class)));
        // the API's VIP page: the last failed handshakes of each VIP, beside its rates (same key, same partition)
        builder.addStateStore(WriteBehindStore.wrap(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(VIP_RECENT_FAILURES_STORE),
                Serdes.String(), state.serde(RecentFailures.class))));
        rateInputs.process(() -> new RecentFailuresProcessor(VIP_RECENT_FAILURES_STORE),
                Named.as("keep-recent-failures"), VIP_RECENT_FAILURES_STORE);
        Map<String, KStream<String, EvaluatorOutput>> evaluated = rateInputs
                .process(() -> new VipRatesProcessor(VIP_RATES_STORE, policy, INVENTORY_STORE),
                        Named.as("evaluate-vip-rates"), VIP_RATES_STORE)
                .split(Named.as("evaluated-"))
                .branch((k, out) -> out.rate() != null, Branched.as("rates"))
                .defaultBranch(Branched.as("alerts"));
        evaluated.get("evaluated-rates")
                .map((k, out) -> KeyValue.pair(out.rate().key(), out.rate()), Named.as("key-rates"))
                .to(topics.rates(), Produced.with(Serdes.String(), JsonSerde.of(VipRate.class))
                        .withName("write-rates"));

        // the changes of every BIG-IP on every instance, read by the alerts that fire
        builder.globalTable(topics.changes(),
                Consumed.with(Serdes.String(), JsonSerde.of(ChangeEvent.class)).withName("read-changes"),
                Materialized.<String, ChangeEvent, KeyValueStore<Bytes, byte[]>>as(CHANGES_STORE)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(JsonSerde.of(ChangeEvent.class)));
        ChangeCorrelation correlation = new ChangeCorrelation(config.changeWindow());

        // storm control: the alerts of one class on one BIG-IP meet on one partition
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ALERT_STORMS_STORE), Serdes.String(), state.serde(StormState.class)));
        evaluated.get("evaluated-alerts")
                .map((k, out) -> KeyValue.pair(stormKeyOrDedup(out.alert()), out.alert()),
                        Named.as("key-alerts-by-observer-class"))
                .repartition(Repartitioned.<String, AlertEvent>as("alerts-by-observer-class")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(state.serde(AlertEvent.class)))
                .process(() -> new StormProcessor(ALERT_STORMS_STORE, policy), Named.as("control-storms"),
                        ALERT_STORMS_STORE)
                // a firing alert names the changes on its BIG-IP before it (global store: see ChangeCorrelator)
                .processValues(() -> new ChangeCorrelator(CHANGES_STORE, INVENTORY_STORE, correlation),
                        Named.as("attach-changes"))
                .to(topics.alerts(), Produced.with(Serdes.String(), JsonSerde.of(AlertEvent.class))
                        .withName("write-alerts"));

        // the API's alert board: the latest event of every alert, read back from the alerts topic (keyed by dedup
        // key), so that certificate alerts and storm parents are on it too
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ALERT_BOARD_STORE),
                Serdes.String(), state.serde(BoardEntry.class)));
        builder.stream(topics.alerts(), Consumed.with(Serdes.String(), JsonSerde.of(AlertEvent.class))
                        .withName("read-alerts-for-board"))
                .process(() -> new AlertBoardProcessor(ALERT_BOARD_STORE), Named.as("keep-alert-board"),
                        ALERT_BOARD_STORE);

        return builder.build();
    }

    private static String stormKeyOrDedup(AlertEvent alert) {
        String key = StormControl.stormKey(alert);
        return key != null ? key : alert.dedupKey();
    }
}
