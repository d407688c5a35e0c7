package io.tlswatch.ingest.pcap;

import io.tlswatch.schemas.DatagramHead;
import java.util.Arrays;

/**
 * One QUIC flow being followed through its Initial exchange: the client is the sender of the Initial that opened
 * it. Each direction keeps the datagrams worth reading ({@link DatagramHead} framing) up to the head size.
 */
final class QuicFlow extends Flow {
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

    final Side client = new Side();
    final Side server = new Side();

    /** {@code source} is the client: the sender of the Initial that opened the flow (side {@code a}). */
    QuicFlow(FlowKey key, byte[] source, byte[] destination, int addressLength, int sourcePort,
            int destinationPort) {
        super(key, source, destination, addressLength, sourcePort, destinationPort);
    }

    /** Whether a datagram from this source travels client→server. */
    boolean fromClient(byte[] source, int sourcePort) {
        return fromA(source, sourcePort);
    }

    @Override
    int capacity() {
        return client.capacity() + server.capacity() + retainedBytes;
    }
}
