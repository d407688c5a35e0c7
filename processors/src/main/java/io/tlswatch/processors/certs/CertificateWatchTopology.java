package io.tlswatch.processors.certs;

import io.tlswatch.processors.StateFormat;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.ObserverSignal;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The certificate expiry and client-ssl profile watch as one piece of the topology: observer signals in, alert
 * events (keyed by dedup key) out. The signals of one BIG-IP meet on one partition ({@link ObserverKeys#matchKey},
 * so its log lines' short host name and the poller's full one meet too), in the order the decoder wrote them.
 * Every operator, store and repartition topic is named; the stores come with their processors.
 */
public final class CertificateWatchTopology {
    /** The error class of certificate warnings and of client-ssl profile failures. */
    public static final String CERT_CLASS = "cert_expiring";
    public static final String PROFILE_CLASS = "handshake_failures";
    public static final String CERTIFICATE_ALERTS_STORE = "certificate-alerts";
    public static final String PROFILE_COUNTERS_STORE = "profile-counters";
    public static final String TLS_LOG_OBSERVERS_STORE = "tls-log-observers";
    public static final String REPARTITION = "observer-signals-by-observer";

    private CertificateWatchTopology() {}

    public static KStream<String, AlertEvent> alerts(
            KStream<?, ObserverSignal> signals, CertificateWatchSettings settings, StateFormat state) {
        Map<String, KStream<String, ObserverSignal>> bySource = signals
                .selectKey((k, s) -> ObserverKeys.matchKey(s.observer()), Named.as("key-signals-by-observer"))
                .repartition(Repartitioned.<String, ObserverSignal>as(REPARTITION)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(state.serde(ObserverSignal.class)))
                .split(Named.as("observer-signals-"))
                .branch((k, s) -> s.kind() == ObserverSignal.Kind.CERTIFICATE
                        || s.kind() == ObserverSignal.Kind.CERTIFICATES_POLLED, Branched.as("certificates"))
                .defaultBranch(Branched.as("profiles"));

        KStream<String, AlertEvent> certificates = bySource.get("observer-signals-certificates")
                .process(certificateExpiry(settings, state), Named.as("watch-certificate-expiry"));
        KStream<String, AlertEvent> profiles = bySource.get("observer-signals-profiles")
                .process(profileFailures(settings, state), Named.as("watch-profile-failures"));
        return certificates.merge(profiles, Named.as("merge-certificate-and-profile-alerts"));
    }

    private static ProcessorSupplier<String, ObserverSignal, String, AlertEvent> certificateExpiry(
            CertificateWatchSettings settings, StateFormat state) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, ObserverSignal, String, AlertEvent> get() {
                return new CertificateExpiryProcessor(CERTIFICATE_ALERTS_STORE, settings);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CERTIFICATE_ALERTS_STORE),
                        Serdes.String(), state.serde(CertificateAlertState.class)));
            }
        };
    }

    private static ProcessorSupplier<String, ObserverSignal, String, AlertEvent> profileFailures(
            CertificateWatchSettings settings, StateFormat state) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, ObserverSignal, String, AlertEvent> get() {
                return new ProfileFailuresProcessor(PROFILE_COUNTERS_STORE, TLS_LOG_OBSERVERS_STORE, settings);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(
                        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PROFILE_COUNTERS_STORE),
                                Serdes.String(), state.serde(ProfileCounterState.class)),
                        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TLS_LOG_OBSERVERS_STORE),
                                Serdes.String(), Serdes.Long()));
            }
        };
    }
}
