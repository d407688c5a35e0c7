package io.tlswatch.ingest.syslog;

import java.util.Locale;

/** How a syslog message arrived: the {@code transport} label of the receiver's metrics. */
public enum Transport {
    UDP, TCP, TLS;

    /** The metric label value. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
