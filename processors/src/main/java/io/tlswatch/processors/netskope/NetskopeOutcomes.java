package io.tlswatch.processors.netskope;

import io.tlswatch.schemas.HandshakeEvent;
import io.tlswatch.schemas.HandshakeEvent.TlsFacts;
import io.tlswatch.schemas.HandshakeOutcome;
import io.tlswatch.schemas.HostPort;
import io.tlswatch.schemas.WireFacts;
import java.util.List;

/**
 * One side of a Netskope WebTx row ({@link HandshakeEvent.Kind#PROXY_TLS}) as the outcome F5 lines and packets
 * produce: a row is a whole transaction, so it needs no join. The proxy's side ({@code client}: client to
 * Netskope; {@code server}: Netskope to the origin) is the export's own, the error class the decoder's mapping,
 * the TLS fields it prints (SNI, version, cipher, JA3, JA3S) the {@code wire} facts of the ECS record. Pure.
 */
public final class NetskopeOutcomes {
    /** An endpoint the row does not give. */
    static final String UNKNOWN = "unknown";

    private NetskopeOutcomes() {}

    /** The outcome of {@code e}, a {@code PROXY_TLS} event: a failure when it carries a class, else a success. */
    public static HandshakeOutcome of(HandshakeEvent e) {
        boolean failed = e.errorClass() != null;
        return new HandshakeOutcome(connectionId(e), e.observer(), e.timestampMs(), e.transport(), e.clientIp(),
                e.clientPort(), e.serverIp(), e.serverPort(), null, failed ? "failure" : "success",
                e.errorClass(), e.side(), null, null, null, e.reason(), List.of(),
                e.line() == null ? List.of() : List.of(e.line()), wire(e.tls()), null, null,
                HandshakeEvent.SOURCE_NETSKOPE);
    }

    /**
     * {@code observer/client-ip:port->server-ip:port} as for F5 and packets when the row gives the four endpoints'
     * parts; otherwise what it gives ({@code ip} without a port, {@code unknown} without an address).
     */
    static String connectionId(HandshakeEvent e) {
        if (e.clientIp() != null && e.clientPort() != null && e.serverIp() != null && e.serverPort() != null) {
            return HostPort.connectionId(e.observer(), e.clientIp(), e.clientPort(), e.serverIp(), e.serverPort(),
                    null);
        }
        return e.observer() + "/" + endpoint(e.clientIp(), e.clientPort()) + "->" + endpoint(e.serverIp(), e.serverPort());
    }

    private static String endpoint(String ip, Integer port) {
        if (ip == null) {
            return UNKNOWN;
        }
        return port == null ? ip : HostPort.of(ip, null, port);
    }

    /** The TLS facts the row prints, as the ECS record's {@code tls.*}; null when it prints none. */
    static WireFacts wire(TlsFacts t) {
        if (t == null) {
            return null;
        }
        String[] version = version(t.version());
        return new WireFacts(t.sni(), version == null ? null : version[1], version == null ? null : version[0],
                t.cipher(), null, null, null, t.ja3(), t.ja3s(), null, null, false);
    }

    /**
     * {@code TLSv1.3} → {@code tls}, {@code 1.3}; {@code TLSv1} → {@code 1.0}; {@code SSLv3} → {@code ssl},
     * {@code 3.0} (ECS {@code tls.version_protocol} and {@code tls.version}); null for anything else.
     */
    static String[] version(String printed) {
        if (printed == null) {
            return null;
        }
        String v = printed.strip();
        String protocol;
        if (v.regionMatches(true, 0, "TLSv", 0, 4) || v.regionMatches(true, 0, "TLS ", 0, 4)) {
            protocol = "tls";
        } else if (v.regionMatches(true, 0, "SSLv", 0, 4) || v.regionMatches(true, 0, "SSL ", 0, 4)) {
            protocol = "ssl";
        } else {
            return null;
        }
        String number = v.substring(4).strip();
        if (number.length() == 1 && Character.isDigit(number.charAt(0))) {
            number = number + ".0";
        }
        if (number.length() != 3 || !Character.isDigit(number.charAt(0)) || number.charAt(1) != '.'
                || !Character.isDigit(number.charAt(2))) {
            return null;
        }
        return new String[] {protocol, number};
    }
}
