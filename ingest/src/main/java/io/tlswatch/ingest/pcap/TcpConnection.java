package io.tlswatch.ingest.pcap;

/**
 * One TCP connection: its two endpoints, each direction's reassembled stream and facts, who the client is, and
 * what the BIG-IP trailer said. Side {@code a} is the direction of the first packet seen ({@link Flow}).
 *
 * <p>Who is the client, first rule that applies: the sender of a SYN without ACK; the receiver of a SYN-ACK; the
 * sender of the first payload if it starts like a client (TLS ClientHello, SSLv2 ClientHello, PROXY header);
 * at the first summary, the side with the higher port (the ephemeral one); on equal ports, side {@code a}.
 */
final class TcpConnection extends Flow {
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

    final Side a;
    final Side b;
    Role role = Role.UNKNOWN;
    boolean payloadSeen;
    String vipName;

    TcpConnection(FlowKey key, byte[] source, byte[] destination, int addressLength, int sourcePort,
            int destinationPort, int headBytes) {
        super(key, source, destination, addressLength, sourcePort, destinationPort);
        this.a = new Side(headBytes);
        this.b = new Side(headBytes);
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

    @Override
    int capacity() {
        return a.stream.capacity() + b.stream.capacity() + retainedBytes;
    }
}
