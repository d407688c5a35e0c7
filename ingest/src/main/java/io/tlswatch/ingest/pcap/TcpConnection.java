package io.tlswatch.ingest.pcap;

import io.tlswatch.schemas.IpText;
import java.util.Arrays;
import java.util.List;

/**
 * One TCP connection: its two endpoints, each direction's reassembled stream and facts, who the client is, and
 * what the BIG-IP trailer said. Side {@code a} is the direction of the first packet seen.
 *
 * <p>Who is the client, first rule that applies: the sender of a SYN without ACK; the receiver of a SYN-ACK; the
 * sender of the first payload if it starts like a client (TLS ClientHello, SSLv2 ClientHello, PROXY header);
 * at the first summary, the side with the higher port (the ephemeral one); on equal ports, side {@code a}.
 */
final class TcpConnection {
    enum Role { UNKNOWN, A_IS_CLIENT, B_IS_CLIENT }

    /** One direction. */
    static final class Side {
        final TcpReassembler stream;
        long firstUs = -1;
        long lastUs;
        boolean syn;
        boolean fin;
        boolean rst;
        /** Relative stream offset of the FIN, -1 before one is seen. */
        long finOffset = -1;
        /** The FIN summary has gone out. */
        boolean closed;
        /** Relative stream offset where the flight not yet summarised starts. */
        long flightStart;
        int flights;
        /** The head is full: no more flights, only the closing summary. */
        boolean headDone;
        Long flowId;
        Long peerFlowId;
        // what the last summary said, to skip closing summaries that would say nothing new
        long emittedBytes = -1;
        boolean emittedFin;
        boolean emittedRst;
        int emittedRetransmissions;

        Side(int headBytes) {
            stream = new TcpReassembler(headBytes);
            headDone = headBytes == 0;
        }

        boolean seen() {
            return firstUs >= 0;
        }

        long pending() {
            return Math.max(0, stream.contiguousEnd() - flightStart);
        }

        boolean changedSinceSummary() {
            return stream.bytes() != emittedBytes || fin != emittedFin || rst != emittedRst
                    || stream.retransmissions() != emittedRetransmissions;
        }
    }

    final FlowKey key;
    final byte[] addressA;
    final byte[] addressB;
    final int addressLength;
    final int portA;
    final int portB;
    final Side a;
    final Side b;
    /** 1 for the first connection of this four-tuple in the capture, then 2, 3... (see {@link FlightSummary}). */
    int generation = 1;
    Role role = Role.UNKNOWN;
    boolean payloadSeen;
    long lastUs;
    String vipName;
    private String textA;
    private String textB;

    TcpConnection(FlowKey key, byte[] source, byte[] destination, int addressLength, int sourcePort,
            int destinationPort, int headBytes) {
        this.key = key;
        this.addressA = Arrays.copyOf(source, addressLength);
        this.addressB = Arrays.copyOf(destination, addressLength);
        this.addressLength = addressLength;
        this.portA = sourcePort;
        this.portB = destinationPort;
        this.a = new Side(headBytes);
        this.b = new Side(headBytes);
    }

    /** Whether a packet with this source travels a→b. */
    boolean fromA(byte[] source, int sourcePort) {
        if (sourcePort != portA) {
            return false;
        }
        if (portA != portB) {
            return true;
        }
        return Arrays.equals(source, 0, addressLength, addressA, 0, addressLength);
    }

    Side other(Side side) {
        return side == a ? b : a;
    }

    void clientIs(Side side) {
        role = side == a ? Role.A_IS_CLIENT : Role.B_IS_CLIENT;
    }

    /** Settles the role by ports when nothing better was seen. */
    Role resolveRole() {
        if (role == Role.UNKNOWN) {
            role = portB > portA ? Role.B_IS_CLIENT : Role.A_IS_CLIENT;
        }
        return role;
    }

    boolean isClient(Side side) {
        return (resolveRole() == Role.A_IS_CLIENT) == (side == a);
    }

    String textA() {
        if (textA == null) {
            textA = IpText.format(addressA, 0, addressLength);
        }
        return textA;
    }

    String textB() {
        if (textB == null) {
            textB = IpText.format(addressB, 0, addressLength);
        }
        return textB;
    }

    /** The flights summarised so far, kept only when the reader hands out whole connections. */
    List<FlightSummary> flights;
    /** Head bytes held by {@link #flights}. */
    int retainedBytes;

    int capacity() {
        return a.stream.capacity() + b.stream.capacity() + retainedBytes;
    }
}
