package io.tlswatch.processors.decode;

import io.tlswatch.schemas.CertificateSample;
import io.tlswatch.schemas.ChangeEvent;
import io.tlswatch.schemas.HandshakeEvent;
import io.tlswatch.schemas.ObserverSignal;
import io.tlswatch.schemas.ProfileTrafficSample;
import io.tlswatch.schemas.VipTrafficSample;
import io.tlswatch.schemas.VirtualServer;
import java.util.List;

/** What one input record became: exactly one of decoded, dropped (not TLS) or rejected. */
public sealed interface LogDecodeResult {

    /** An SSL message decoded into evidence. */
    record Decoded(HandshakeEvent event) implements LogDecodeResult {}

    /**
     * A Telemetry Streaming system-poller document: the virtual servers it describes (inventory) and their
     * connection counters (attempts), the certificates it lists and the client-ssl profile counters, all possibly
     * empty.
     *
     * @param certificatesPolled the end of the certificate list ({@link ObserverSignal.Kind#CERTIFICATES_POLLED})
     *                           when {@code certificates} is the BIG-IP's whole list, else null: only after a
     *                           whole list does a certificate missing from it count as removed
     */
    record Telemetry(
            List<VirtualServer> virtualServers,
            List<VipTrafficSample> samples,
            List<CertificateSample> certificates,
            ObserverSignal certificatesPolled,
            List<ProfileTrafficSample> profiles) implements LogDecodeResult {

        /** Inventory and attempts only: no certificate list, no profile counters. */
        public Telemetry(List<VirtualServer> virtualServers, List<VipTrafficSample> samples) {
            this(virtualServers, samples, List.of(), null, List.of());
        }
    }

    /** An audit line: a configuration change that can affect TLS (issue 15). */
    record Change(ChangeEvent change) implements LogDecodeResult {}

    /** A well-formed record that is not about TLS (audit, monitors, APM...): counted, then dropped. */
    record Dropped(String category) implements LogDecodeResult {}

    /** A record we cannot read: it goes to the dead-letter topic with this reason. */
    record Rejected(RejectReason reason, String detail) implements LogDecodeResult {}
}
