package io.tlswatch.ingest.pcap;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one capture read saw and skipped. Every frame that did not become part of a summary is counted under
 * exactly one reason; {@link #ending()} says how the input ended.
 */
public final class CaptureStats {

    /** Counted things; {@link #metricName()} is the bounded label used in metrics and reports. */
    public enum Counter {
        /** Records read from the capture (frames). */
        PACKETS,
        /** Captured bytes of those records. */
        CAPTURED_BYTES,
        /** pcapng sections (SHB) read. */
        SECTIONS,
        TCP_SEGMENTS,
        /** UDP datagrams to and from other ports than the QUIC ports (DNS, tunnels): counted, not summarised. */
        UDP_DATAGRAMS,
        /** Datagrams of QUIC flows followed through their Initial exchange (those also counted below included). */
        QUIC_DATAGRAMS,
        /**
         * Datagrams on a QUIC port that belong to no followed flow and do not open one: the capture started after
         * the flow's first Initial (1-RTT, Handshake), a version not read here, or not QUIC.
         */
        QUIC_DATAGRAMS_WITHOUT_FLOW,
        /** Datagrams of a QUIC flow already summarised (its Initial exchange was over, or it was closed). */
        QUIC_DATAGRAMS_AFTER_CLOSE,
        /**
         * QUIC long headers whose lengths contradict their datagram (a Length or token past its end, a connection
         * ID over 20 bytes, a packet too short to hold its protection sample, garbage after a whole packet): such a
         * datagram opens no flow; in a followed flow it is kept up to its last whole packet.
         */
        QUIC_MALFORMED_HEADERS,
        /** Datagrams of a followed QUIC flow not kept: the direction's head was full (a flood of Initials). */
        QUIC_DATAGRAMS_NOT_KEPT,
        QUIC_FLOWS_OPENED,
        /** QUIC flows dropped because the table or the byte budget was full (summarised first). */
        QUIC_FLOWS_EVICTED,
        QUIC_FLOWS_IDLE_CLOSED,
        /** IP packets of other protocols (ICMP, ESP, ...). */
        OTHER_IP_PROTOCOLS,
        /** Frames whose link layer carries no IPv4/IPv6 (ARP, LLDP, ...). */
        NON_IP_FRAMES,
        /** Frames of an interface whose link type this reader does not decode. */
        UNSUPPORTED_LINK_TYPE,
        /** IPv4/IPv6 fragments after the first (dropped); first fragments are read. */
        IP_FRAGMENTS,
        /** Packets cut by the snapshot length: decoded as far as captured. */
        TRUNCATED_PACKETS,
        /** Headers that contradict themselves (bad IHL, data offset, lengths): dropped. */
        MALFORMED_PACKETS,
        /** Records or blocks larger than the reader accepts: skipped by their length. */
        OVERSIZED_RECORDS,
        /** pcapng blocks of types this reader does not use (name resolution, statistics, ...): skipped. */
        SKIPPED_BLOCKS,
        /** Segments whose bytes had all been seen before. */
        RETRANSMISSIONS,
        /** Segments that arrived ahead of a gap and were buffered. */
        OUT_OF_ORDER_SEGMENTS,
        /** Segments whose bytes could not be placed because a direction had too many gaps. */
        REASSEMBLY_OVERFLOWS,
        /** Payload-less non-SYN segments of unknown connections (late ACK/FIN/RST): skipped. */
        SEGMENTS_WITHOUT_CONNECTION,
        /**
         * Non-SYN segments of a four-tuple whose connection already left the table (closed, reset, idle, evicted):
         * the tail of a connection already summarised, skipped rather than judged again as a second connection.
         */
        SEGMENTS_AFTER_CLOSE,
        /** A SYN reusing the four-tuple of an earlier connection of the capture: a new connection, its own id. */
        CONNECTIONS_REUSED,
        CONNECTIONS_OPENED,
        /** Connections dropped because the table or the byte budget was full (summarised first). */
        CONNECTIONS_EVICTED,
        CONNECTIONS_IDLE_CLOSED,
        SUMMARIES_EMITTED,
        /** Frames carrying a BIG-IP Ethernet trailer that was read. */
        F5_TRAILERS;

        public String metricName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How the input ended. */
    public enum Ending {
        /** Read to a clean end. */
        COMPLETE,
        /** Nothing at all to read. */
        EMPTY,
        /** The input stopped inside a header or record: everything before it was read. */
        TRUNCATED,
        /** A file or block header that cannot be true (bad block length, absurd record length): reading stopped. */
        MALFORMED,
        /** Not pcap or pcapng (unknown magic number). */
        UNKNOWN_FORMAT
    }

    private final long[] counts = new long[Counter.values().length];
    private Ending ending = Ending.COMPLETE;
    private String format = "unknown";

    void add(Counter counter) {
        counts[counter.ordinal()]++;
    }

    void add(Counter counter, long n) {
        counts[counter.ordinal()] += n;
    }

    void end(Ending how) {
        this.ending = how;
    }

    void format(String name) {
        this.format = name;
    }

    public long get(Counter counter) {
        return counts[counter.ordinal()];
    }

    public Ending ending() {
        return ending;
    }

    /** {@code pcap}, {@code pcap-nsec}, {@code pcapng} or {@code unknown}. */
    public String format() {
        return format;
    }

    /** Every counter, zeroes included, in declaration order. */
    public Map<Counter, Long> counters() {
        Map<Counter, Long> all = new EnumMap<>(Counter.class);
        for (Counter c : Counter.values()) {
            all.put(c, counts[c.ordinal()]);
        }
        return all;
    }

    /** One line for people: {@code pcap, complete: packets 9735, connections_opened 759, ...} (non-zero counters). */
    public String summary() {
        StringBuilder b = new StringBuilder(format).append(", ").append(ending.name().toLowerCase(java.util.Locale.ROOT));
        String sep = ": ";
        for (Counter c : Counter.values()) {
            long n = counts[c.ordinal()];
            if (n != 0) {
                b.append(sep).append(c.metricName()).append(' ').append(n);
                sep = ", ";
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("CaptureStats{format=").append(format).append(", ending=").append(ending);
        for (Counter c : Counter.values()) {
            long n = counts[c.ordinal()];
            if (n != 0) {
                b.append(", ").append(c.metricName()).append('=').append(n);
            }
        }
        return b.append('}').toString();
    }
}
