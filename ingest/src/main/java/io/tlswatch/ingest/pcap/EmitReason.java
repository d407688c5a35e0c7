package io.tlswatch.ingest.pcap;

import java.util.Locale;

/** Why a summary was emitted; {@link #wireName()} is the {@code emit_reason} value of {@code f5.packets}. */
public enum EmitReason {
    /** The direction's FIN arrived and its stream was whole up to it. */
    FIN,
    /** A RST in either direction ended the connection. */
    RST,
    /** The flight is whole by its TLS records, or the peer started talking. */
    FLIGHT_COMPLETE,
    /** The direction reached the head size; later bytes are only counted. */
    HEAD_FULL,
    /**
     * The connection was silent for the idle timeout while the capture went on (capture time), or, at the end of
     * the capture, for {@link CaptureSettings#HANDSHAKE_TIMEOUT}: the capture shows the silence.
     */
    IDLE_TIMEOUT,
    /** The capture ended with the connection open and recently active: what came next is not known. */
    END_OF_CAPTURE,
    /**
     * The flow table was full and this connection was the least recently active, or a new SYN reused its
     * four-tuple: the capture stops following it.
     */
    EVICTED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
