package io.tlswatch.ingest.syslog;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syslog over UDP (RFC 5426): one message per datagram, a trailing newline dropped, longer than the limit cut. A
 * datagram cannot wait: when the queue is full it is dropped and counted ({@link DropReason#UDP_QUEUE_FULL}). On
 * stop, what the socket already holds is still read.
 */
final class UdpListener {
    private static final Logger LOG = LoggerFactory.getLogger(UdpListener.class);
    /** Largest UDP payload over IPv4 (65535 - 20 - 8). */
    private static final int MAX_DATAGRAM = 65_507;
    /** Asked of the kernel to absorb bursts; Linux caps it at net.core.rmem_max. */
    private static final int RECEIVE_BUFFER = 4 << 20;
    private static final int TICK_MS = 250;

    private final DatagramSocket socket;
    private final ReceiverSettings settings;
    private final SyslogCounters counters;
    private Handoff handoff;
    private Thread thread;
    private volatile boolean stopping;
    private volatile long stopBy;

    UdpListener(ReceiverSettings settings, SyslogCounters counters) throws IOException {
        this.settings = settings;
        this.counters = counters;
        DatagramSocket s = new DatagramSocket(null);
        try {
            s.setReceiveBufferSize(RECEIVE_BUFFER);
            s.bind(new InetSocketAddress(settings.bind(), settings.udpPort()));
            s.setSoTimeout(TICK_MS);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        this.socket = s;
    }

    /** Releases the port of a listener that never started. */
    void closeUnstarted() {
        socket.close();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    void start(Handoff to) {
        this.handoff = to;
        thread = new Thread(this::run, "tlswatch-syslog-udp");
        thread.start();
    }

    private void run() {
        byte[] buffer = new byte[MAX_DATAGRAM];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            while (true) {
                try {
                    packet.setLength(buffer.length);
                    socket.receive(packet);
                } catch (SocketTimeoutException quiet) {
                    if (stopping) {
                        return; // stopping, and nothing left in the socket
                    }
                    continue;
                }
                accept(packet);
                if (stopping && System.nanoTime() - stopBy > 0) {
                    return; // a flood while stopping: stop anyway
                }
            }
        } catch (SocketException closed) {
            // closed under us: a hard stop
        } catch (IOException e) {
            LOG.error("UDP syslog listener failed", e);
        } finally {
            socket.close();
        }
    }

    private void accept(DatagramPacket packet) {
        int n = packet.getLength();
        int limit = settings.maxMessageBytes();
        boolean cut = n > limit;
        if (cut) {
            n = Utf8Cut.boundary(packet.getData(), limit);
            counters.countDropped(DropReason.OVERSIZED_CUT);
        }
        while (n > 0 && (packet.getData()[n - 1] == '\n' || packet.getData()[n - 1] == '\r')) {
            n--;
        }
        if (n == 0) {
            return;
        }
        counters.countReceived(Transport.UDP);
        SyslogMessage m = new SyslogMessage(Arrays.copyOf(packet.getData(), n), Senders.of(packet.getSocketAddress()),
                System.currentTimeMillis(), Transport.UDP);
        if (!handoff.offer(m)) {
            counters.countDropped(DropReason.UDP_QUEUE_FULL);
        }
    }

    /** Reads what the socket holds (until quiet), at most {@code limitNanos}, then closes. */
    void stop(long limitNanos) throws InterruptedException {
        if (thread == null) {
            socket.close();
            return;
        }
        stopBy = System.nanoTime() + limitNanos;
        stopping = true;
        thread.join(limitNanos / 1_000_000 + TICK_MS * 2L);
        socket.close();
        thread.join();
    }
}
