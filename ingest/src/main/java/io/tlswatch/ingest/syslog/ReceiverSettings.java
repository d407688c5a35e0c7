package io.tlswatch.ingest.syslog;

import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How the syslog receiver listens: address, ports ({@value #OFF} off, 0 any free port), the TLS context for the
 * TLS listener, and its bounds.
 *
 * @param bind            the address every listener binds ({@code 127.0.0.1}, {@code 0.0.0.0}, {@code ::})
 * @param tls             the server context of the TLS listener; required when {@code tlsPort} is on
 * @param maxMessageBytes longest message written whole; longer ones are cut (the pipeline's 8 KiB line limit)
 * @param queueCapacity   messages waiting for Kafka before TCP reading pauses and UDP datagrams are dropped
 * @param maxConnections  TCP and TLS connections open at once; more are closed at once and counted
 * @param frameTimeout    longest a frame may take to arrive once begun; slower connections are closed
 * @param drainQuiet      on stop, a connection is read until it has been quiet this long (or closed)
 * @param drainLimit      on stop, the longest any listener is read
 */
public record ReceiverSettings(String bind, int udpPort, int tcpPort, int tlsPort, SSLContext tls,
        int maxMessageBytes, int queueCapacity, int maxConnections, Duration frameTimeout, Duration drainQuiet,
        Duration drainLimit) {
    /** A port that is off. */
    public static final int OFF = -1;
    /** The pipeline's line limit ({@code LogDecoder.MAX_LINE_BYTES}, checked equal by a test in app). */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 8 * 1024;
    public static final int DEFAULT_PORT = 5514;
    public static final int DEFAULT_QUEUE = 4096;
    public static final int DEFAULT_MAX_CONNECTIONS = 512;
    public static final Duration DEFAULT_FRAME_TIMEOUT = Duration.ofSeconds(30);
    /** A TLS handshake must finish within this (a slow one holds a connection slot). */
    public static final Duration TLS_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    public ReceiverSettings {
        Objects.requireNonNull(bind, "bind");
        port("udp", udpPort);
        port("tcp", tcpPort);
        port("tls", tlsPort);
        if (udpPort == OFF && tcpPort == OFF && tlsPort == OFF) {
            throw new IllegalArgumentException("no listener: every port is off");
        }
        if (tlsPort != OFF && tls == null) {
            throw new IllegalArgumentException("the TLS listener needs a certificate and key");
        }
        if (maxMessageBytes < 16 || queueCapacity < 1 || maxConnections < 1) {
            throw new IllegalArgumentException("maxMessageBytes >= 16, queueCapacity >= 1, maxConnections >= 1");
        }
        Objects.requireNonNull(frameTimeout, "frameTimeout");
        Objects.requireNonNull(drainQuiet, "drainQuiet");
        Objects.requireNonNull(drainLimit, "drainLimit");
    }

    /** Loopback, UDP and TCP on {@value #DEFAULT_PORT}, no TLS, the default bounds. */
    public static ReceiverSettings defaults() {
        return new ReceiverSettings("127.0.0.1", DEFAULT_PORT, DEFAULT_PORT, OFF, null, DEFAULT_MAX_MESSAGE_BYTES,
                DEFAULT_QUEUE, DEFAULT_MAX_CONNECTIONS, DEFAULT_FRAME_TIMEOUT, Duration.ofMillis(500),
                Duration.ofSeconds(10));
    }

    public ReceiverSettings withPorts(int udp, int tcp, int tlsPort, SSLContext context) {
        return new ReceiverSettings(bind, udp, tcp, tlsPort, context, maxMessageBytes, queueCapacity, maxConnections,
                frameTimeout, drainQuiet, drainLimit);
    }

    public ReceiverSettings withBind(String address) {
        return new ReceiverSettings(address, udpPort, tcpPort, tlsPort, tls, maxMessageBytes, queueCapacity,
                maxConnections, frameTimeout, drainQuiet, drainLimit);
    }

    public ReceiverSettings withBounds(int queue, int connections, Duration frame) {
        return new ReceiverSettings(bind, udpPort, tcpPort, tlsPort, tls, maxMessageBytes, queue, connections, frame,
                drainQuiet, drainLimit);
    }

    public ReceiverSettings withDrain(Duration quiet, Duration limit) {
        return new ReceiverSettings(bind, udpPort, tcpPort, tlsPort, tls, maxMessageBytes, queueCapacity, maxConnections,
                frameTimeout, quiet, limit);
    }

    public ReceiverSettings withMaxMessageBytes(int bytes) {
        return new ReceiverSettings(bind, udpPort, tcpPort, tlsPort, tls, bytes, queueCapacity, maxConnections,
                frameTimeout, drainQuiet, drainLimit);
    }

    private static void port(String name, int port) {
        if (port < OFF || port > 65_535) {
            throw new IllegalArgumentException(name + " port must be within 0..65535, or " + OFF + " for off: " + port);
        }
    }
}
