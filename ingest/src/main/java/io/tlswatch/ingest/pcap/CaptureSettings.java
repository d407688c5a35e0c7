package io.tlswatch.ingest.pcap;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How a capture is read.
 *
 * @param observer           the capture point written into every summary (BIG-IP host name or tap)
 * @param headBytes          payload bytes kept per connection direction (the reassembled head)
 * @param maxOpenConnections connections tracked at once; past it the least recently active one is evicted
 * @param maxBufferedBytes   head bytes held across all open connections; past it the least recently active
 *                           connections are evicted
 * @param idleTimeout        a connection silent this long in capture time is closed and summarised
 * @param captureHost        the host reading the capture, written into every summary (the SIEM record's observer
 *                           when nothing better is known); null to leave it out
 * @param quicPorts          UDP server ports whose flows are followed as QUIC when their first datagram is an
 *                           Initial ({@link #DEFAULT_QUIC_PORTS}); empty to count UDP only. The open-connection,
 *                           buffer and idle limits apply to QUIC flows as to TCP connections, each table its own
 */
public record CaptureSettings(String observer, int headBytes, int maxOpenConnections, long maxBufferedBytes,
        Duration idleTimeout, String captureHost, Set<Integer> quicPorts) {

    /** HTTP/3 (RFC 9114 §3.1: the port of the https URI, 443 by default). */
    public static final Set<Integer> DEFAULT_QUIC_PORTS = Set.of(443);

    public static final int DEFAULT_HEAD_BYTES = 16 * 1024;
    public static final int DEFAULT_MAX_OPEN_CONNECTIONS = 100_000;
    public static final long DEFAULT_MAX_BUFFERED_BYTES = 256L * 1024 * 1024;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Silence that proves a handshake stalled: the BIG-IP client-ssl profile's default handshake timeout (10 s).
     * A connection open at the end of the capture whose last packet is at least this old (or the idle timeout,
     * when shorter) while the capture went on is summarised as {@link EmitReason#IDLE_TIMEOUT}, not
     * {@link EmitReason#END_OF_CAPTURE}.
     */
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** Largest head accepted: four maximal TLS records (RFC 8446 §5.1, 2^14 + 256 each, rounded up). */
    public static final int MAX_HEAD_BYTES = 4 * 17 * 1024;

    public CaptureSettings(String observer, int headBytes, int maxOpenConnections, long maxBufferedBytes,
            Duration idleTimeout) {
        this(observer, headBytes, maxOpenConnections, maxBufferedBytes, idleTimeout, null);
    }

    public CaptureSettings(String observer, int headBytes, int maxOpenConnections, long maxBufferedBytes,
            Duration idleTimeout, String captureHost) {
        this(observer, headBytes, maxOpenConnections, maxBufferedBytes, idleTimeout, captureHost, DEFAULT_QUIC_PORTS);
    }

    public CaptureSettings {
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (observer.isBlank()) {
            throw new IllegalArgumentException("observer must not be blank");
        }
        if (headBytes < 0 || headBytes > MAX_HEAD_BYTES) {
            throw new IllegalArgumentException("headBytes must be within 0.." + MAX_HEAD_BYTES + ": " + headBytes);
        }
        if (maxOpenConnections < 1) {
            throw new IllegalArgumentException("maxOpenConnections must be positive: " + maxOpenConnections);
        }
        if (maxBufferedBytes < 0) {
            throw new IllegalArgumentException("maxBufferedBytes must not be negative: " + maxBufferedBytes);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
        }
        quicPorts = Set.copyOf(Objects.requireNonNull(quicPorts, "quicPorts"));
        for (int port : quicPorts) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("a QUIC port must be within 1..65535: " + port);
            }
        }
    }

    public static CaptureSettings defaults(String observer) {
        return new CaptureSettings(observer, DEFAULT_HEAD_BYTES, DEFAULT_MAX_OPEN_CONNECTIONS,
                DEFAULT_MAX_BUFFERED_BYTES, DEFAULT_IDLE_TIMEOUT);
    }

    public CaptureSettings withHeadBytes(int bytes) {
        return new CaptureSettings(observer, bytes, maxOpenConnections, maxBufferedBytes, idleTimeout, captureHost,
                quicPorts);
    }

    public CaptureSettings withMaxOpenConnections(int connections) {
        return new CaptureSettings(observer, headBytes, connections, maxBufferedBytes, idleTimeout, captureHost,
                quicPorts);
    }

    public CaptureSettings withMaxBufferedBytes(long bytes) {
        return new CaptureSettings(observer, headBytes, maxOpenConnections, bytes, idleTimeout, captureHost,
                quicPorts);
    }

    /** These settings with {@code host} as the capture host (blank: none). */
    public CaptureSettings withCaptureHost(String host) {
        return new CaptureSettings(observer, headBytes, maxOpenConnections, maxBufferedBytes, idleTimeout,
                host == null || host.isBlank() ? null : host, quicPorts);
    }

    public CaptureSettings withIdleTimeout(Duration timeout) {
        return new CaptureSettings(observer, headBytes, maxOpenConnections, maxBufferedBytes, timeout, captureHost,
                quicPorts);
    }

    /** These settings with {@code ports} as the QUIC server ports (empty: QUIC is counted as UDP, not followed). */
    public CaptureSettings withQuicPorts(Set<Integer> ports) {
        return new CaptureSettings(observer, headBytes, maxOpenConnections, maxBufferedBytes, idleTimeout, captureHost,
                ports);
    }
}
