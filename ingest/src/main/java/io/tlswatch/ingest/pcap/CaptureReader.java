package io.tlswatch.ingest.pcap;

import io.tlswatch.ingest.pcap.CaptureStats.Counter;
import io.tlswatch.schemas.PacketSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads a pcap or pcapng capture from a stream and emits one summary per TCP connection direction and handshake
 * flight (DESIGN §5), and per QUIC flow direction and Initial flight ({@link QuicFlowTable}, transport
 * {@code udp}). Streaming: the capture is never held in memory; per-connection state is bounded by
 * {@link CaptureSettings}. Never throws on capture bytes: damage is counted in the returned {@link CaptureStats}.
 * Only I/O errors of the stream itself and exceptions of the consumer propagate.
 *
 * <pre>{@code
 * try (InputStream in = CaptureReader.open("-")) {          // "-" = standard input
 *     CaptureStats stats = CaptureReader.read(in, CaptureSettings.defaults("bigip-01"), producer::send);
 * }
 * }</pre>
 */
public final class CaptureReader {
    /** Read buffer: large sequential reads keep a 200 MB capture I/O-bound. */
    static final int BUFFER_BYTES = 1 << 20;
    /** RFC 768. */
    private static final int UDP_HEADER = 8;

    private final CaptureSettings settings;
    private final CaptureStats stats = new CaptureStats();
    private final FlowTable flows;
    private final QuicFlowTable quic;
    private final LinkLayer link = new LinkLayer();
    private final IpPacket ip = new IpPacket();
    private final TcpSegment tcp = new TcpSegment();

    private CaptureReader(CaptureSettings settings, Consumer<FlightSummary> out, Consumer<CapturedConnection> closed) {
        this.settings = settings;
        this.flows = new FlowTable(settings, stats, out, closed);
        this.quic = new QuicFlowTable(settings, stats, out, closed);
    }

    /** Reads the capture and emits {@code f5.packets} records. */
    public static CaptureStats read(InputStream in, CaptureSettings settings, Consumer<PacketSummary> out)
            throws IOException {
        Objects.requireNonNull(out, "out");
        return readFlights(in, settings, flight -> out.accept(flight.toPacketSummary()));
    }

    /** Reads the capture and emits flights with their raw head bytes (no base64), for local decoding. */
    public static CaptureStats readFlights(InputStream in, CaptureSettings settings, Consumer<FlightSummary> out)
            throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(out, "out");
        return new CaptureReader(settings, out, null).run(in);
    }

    /**
     * Reads the capture and emits each TCP connection once, with all its flights, when it leaves the flow
     * table (closed, reset, idle, evicted, or at the end of the capture): what {@code tlswatch pcap} needs to
     * judge a connection. The flights held meanwhile count in {@link CaptureSettings#maxBufferedBytes()}.
     */
    public static CaptureStats readConnections(InputStream in, CaptureSettings settings,
            Consumer<CapturedConnection> out) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(out, "out");
        return new CaptureReader(settings, flight -> { }, out).run(in);
    }

    /** A file, or standard input for {@code "-"} (not closed by the caller's try-with-resources). */
    public static InputStream open(String pathOrDash) throws IOException {
        if ("-".equals(pathOrDash)) {
            return new java.io.FilterInputStream(System.in) {
                @Override
                public void close() {
                    // leave standard input open
                }
            };
        }
        return Files.newInputStream(Path.of(pathOrDash));
    }

    private CaptureStats run(InputStream in) throws IOException {
        ByteSource source = new ByteSource(in, BUFFER_BYTES);
        CaptureFormat format = CaptureFormat.open(source, stats);
        if (format == null) {
            return stats;
        }
        Frame frame = new Frame();
        while (format.next(frame)) {
            packet(frame);
        }
        flows.flush(EmitReason.END_OF_CAPTURE);
        quic.flush(EmitReason.END_OF_CAPTURE);
        return stats;
    }

    private void packet(Frame frame) {
        flows.onPacket(frame.timestampUs);
        quic.onPacket(frame.timestampUs);
        byte[] d = frame.data;
        int length = frame.length;
        switch (link.decode(d, length, frame.linkType)) {
            case IP -> { }
            case NOT_IP -> {
                stats.add(Counter.NON_IP_FRAMES);
                return;
            }
            case UNSUPPORTED -> {
                stats.add(Counter.UNSUPPORTED_LINK_TYPE);
                return;
            }
            default -> {
                stats.add(Counter.TRUNCATED_PACKETS);
                return;
            }
        }
        switch (ip.decode(d, link.offset, length, link.ipVersion)) {
            case OK -> { }
            case FRAGMENT -> {
                stats.add(Counter.IP_FRAGMENTS);
                return;
            }
            case TRUNCATED -> {
                stats.add(Counter.TRUNCATED_PACKETS);
                return;
            }
            case NO_PAYLOAD -> {
                stats.add(Counter.OTHER_IP_PROTOCOLS);
                return;
            }
            default -> {
                stats.add(Counter.MALFORMED_PACKETS);
                return;
            }
        }
        if (ip.protocol == IpPacket.PROTO_UDP) {
            udp(d, frame.timestampUs);
            return;
        }
        if (ip.protocol != IpPacket.PROTO_TCP) {
            stats.add(Counter.OTHER_IP_PROTOCOLS);
            return;
        }
        switch (tcp.decode(d, ip.payloadOffset, ip.payloadEnd)) {
            case OK -> { }
            case TRUNCATED -> {
                stats.add(Counter.TRUNCATED_PACKETS);
                return;
            }
            default -> {
                stats.add(Counter.MALFORMED_PACKETS);
                return;
            }
        }
        stats.add(Counter.TCP_SEGMENTS);
        if (ip.truncated) {
            stats.add(Counter.TRUNCATED_PACKETS);
        }
        F5Trailer trailer = null;
        if (link.ethernet && ip.datagramEnd < length) {
            trailer = F5Trailer.parse(d, ip.datagramEnd, length);
            if (trailer != null) {
                stats.add(Counter.F5_TRAILERS);
            }
        }
        flows.onSegment(ip, tcp, d, frame.timestampUs, trailer);
    }

    /**
     * A UDP datagram (RFC 768: ports, length, checksum): to or from a QUIC port, to the QUIC flows; a datagram cut
     * by the snapshot length there is counted and dropped (its protection cannot be checked, so nothing in it can
     * be read); any other is counted.
     */
    private void udp(byte[] d, long timestampUs) {
        int at = ip.payloadOffset;
        if (ip.payloadEnd - at < UDP_HEADER) {
            stats.add(ip.truncated ? Counter.TRUNCATED_PACKETS : Counter.MALFORMED_PACKETS);
            return;
        }
        int sourcePort = Bytes.u16be(d, at);
        int destinationPort = Bytes.u16be(d, at + 2);
        java.util.Set<Integer> ports = settings.quicPorts();
        if (!ports.contains(destinationPort) && !ports.contains(sourcePort)) {
            stats.add(Counter.UDP_DATAGRAMS);
            return;
        }
        int length = Bytes.u16be(d, at + 4);
        int end = at + length;
        if (length < UDP_HEADER || end > ip.payloadEnd) {
            stats.add(ip.truncated && length >= UDP_HEADER ? Counter.TRUNCATED_PACKETS : Counter.MALFORMED_PACKETS);
            return;
        }
        quic.onDatagram(ip, sourcePort, destinationPort, d, at + UDP_HEADER, end, timestampUs);
    }

    CaptureSettings settings() {
        return settings;
    }
}
