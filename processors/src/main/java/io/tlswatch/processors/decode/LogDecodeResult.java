package io.tlswatch.processors.decode;

import io.tlswatch.schemas.HandshakeEvent;
import io.tlswatch.schemas.VipTrafficSample;
import io.tlswatch.schemas.VirtualServer;
import java.util.List;

/** What one input record became: exactly one of decoded, dropped (not TLS) or rejected. */
public sealed interface LogDecodeResult {

    /** An SSL message decoded into evidence. */
    record Decoded(HandshakeEvent event) implements LogDecodeResult {}

    /**
     * A Telemetry Streaming system-poller document: the virtual servers it describes (inventory) and their
     * connection counters (attempts), both possibly empty.
     */
    record Telemetry(List<VirtualServer> virtualServers, List<VipTrafficSample> samples) implements LogDecodeResult {}

    /** A well-formed record that is not about TLS (audit, monitors, APM...): counted, then dropped. */
    record Dropped(String category) implements LogDecodeResult {}

    /** A record we cannot read: it goes to the dead-letter topic with this reason. */
    record Rejected(RejectReason reason, String detail) implements LogDecodeResult {}
}
