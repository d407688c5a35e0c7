package io.tlswatch.ingest.pcap;

import io.tlswatch.schemas.DatagramHead;
import io.tlswatch.schemas.IpText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One QUIC flow being followed through its Initial exchange: the client is the sender of the Initial that opened
 * it. Each direction keeps the datagrams worth reading ({@link DatagramHead} framing) up to the head size.
 */
final class QuicFlow {
    /** One direction. */
    static final class Side {
        long firstUs = -1;
        long lastUs;
        /** UDP payload bytes seen. */
        long bytes;
        /** Framed bytes kept so far (emitted or pending): the head budget. */
        int keptBytes;
        /** Kept bytes not summarised yet. */
        byte[] pending = new byte[0];
        int pendingLength;
        int flights;
        /** Stream offset (in framed bytes) of the pending bytes. */
        long pendingOffset;

        boolean seen() {
            return firstUs >= 0;
        }

        /** Appends one datagram's kept bytes; false when the head has no room for it. */
        boolean keep(byte[] d, int from, int length, int headBytes) {
            int framed = DatagramHead.framed(length);
            if (length > DatagramHead.MAX_DATAGRAM || framed > headBytes - keptBytes) {
                return false;
            }
            if (pending.length - pendingLength < framed) {
                pending = Arrays.copyOf(pending, Math.max(pendingLength + framed, pending.length * 2));
            }
            pendingLength = DatagramHead.put(pending, pendingLength, d, from, length);
            keptBytes += framed;
            return true;
        }

        /** The pending bytes, handed out; the buffer is released. */
        byte[] take() {
            byte[] head = Arrays.copyOf(pending, pendingLength);
            pendingOffset += pendingLength;
            pending = new byte[0];
            pendingLength = 0;
            return head;
        }

        int capacity() {
            return pending.length;
        }
    }

    final FlowKey key;
    final byte[] clientAddress;
    final byte[] serverAddress;
    final int addressLength;
    final int clientPort;
    final int serverPort;
    final Side client = new Side();
    final Side server = new Side();
    long lastUs;
    /** The flights summarised so far, kept only when the reader hands out whole connections. */
    List<FlightSummary> flights;
    int retainedBytes;
    private String clientText;
    private String serverText;

    QuicFlow(FlowKey key, byte[] clientAddress, byte[] serverAddress, int addressLength, int clientPort,
            int serverPort) {
        this.key = key;
        this.clientAddress = Arrays.copyOf(clientAddress, addressLength);
        this.serverAddress = Arrays.copyOf(serverAddress, addressLength);
        this.addressLength = addressLength;
        this.clientPort = clientPort;
        this.serverPort = serverPort;
    }

    /** Whether a datagram from this source travels client→server. */
    boolean fromClient(byte[] source, int sourcePort) {
        if (sourcePort != clientPort) {
            return false;
        }
        return clientPort != serverPort || Arrays.equals(source, 0, addressLength, clientAddress, 0, addressLength);
    }

    String clientText() {
        if (clientText == null) {
            clientText = IpText.format(clientAddress, 0, addressLength);
        }
        return clientText;
    }

    String serverText() {
        if (serverText == null) {
            serverText = IpText.format(serverAddress, 0, addressLength);
        }
        return serverText;
    }

    void retain(FlightSummary f) {
        if (flights == null) {
            flights = new ArrayList<>(4);
        }
        flights.add(f);
        retainedBytes += f.head().length;
    }

    int capacity() {
        return client.capacity() + server.capacity() + retainedBytes;
    }
}
