package io.tlswatch.ingest.syslog;

import io.tlswatch.ingest.syslog.SyslogCounters.ConnectionResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sender's TCP (or TLS) stream, read by its own thread into a {@link SyslogFramer}. Each message is put on
 * the queue, waiting for room: while Kafka is slow, this thread stops reading and TCP flow control slows the
 * sender. Reads wake up every {@value #TICK_MS} ms to check the frame timeout (a frame begun and not finished
 * within it closes the connection: slowloris) and whether the receiver is stopping; then the connection is read
 * until its sender has been quiet for the drain period, or has closed.
 */
final class TcpConnection {
    private static final Logger LOG = LoggerFactory.getLogger(TcpConnection.class);
    private static final int TICK_MS = 1_000;
    private static final int READ_BUFFER = 64 << 10;

    private final Socket socket;
    private final Transport transport;
    private final ReceiverSettings settings;
    private final SyslogCounters counters;
    private final Handoff handoff;
    private final Consumer<TcpConnection> onClose;
    private final String sender;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile long stopBy;

    TcpConnection(Socket socket, Transport transport, ReceiverSettings settings, SyslogCounters counters,
            Handoff handoff, Consumer<TcpConnection> onClose) {
        this.socket = socket;
        this.transport = transport;
        this.settings = settings;
        this.counters = counters;
        this.handoff = handoff;
        this.onClose = onClose;
        this.sender = Senders.of(socket.getRemoteSocketAddress());
        this.thread = new Thread(this::run, "tlswatch-syslog-" + transport.code() + "-" + sender);
    }

    void start() {
        thread.start();
    }

    private void run() {
        SyslogFramer framer = new SyslogFramer(settings.maxMessageBytes(), new SyslogFramer.Sink() {
            @Override
            public void message(byte[] message, boolean cut) {
                counters.countReceived(transport);
                try {
                    handoff.put(new SyslogMessage(message, sender, System.currentTimeMillis(), transport));
                } catch (InterruptedException e) {
                    // the stop's deadline passed while Kafka did not take messages: this one is lost, and counted
                    Thread.currentThread().interrupt();
                    counters.countDropped(DropReason.KAFKA_ERROR);
                }
            }

            @Override
            public void dropped(DropReason reason) {
                counters.countDropped(reason);
            }
        });
        try {
            if (!handshake()) {
                return;
            }
            counters.connection(transport, ConnectionResult.ACCEPTED);
            read(framer);
        } catch (IOException e) {
            LOG.debug("{} connection from {} ended: {}", transport.code(), sender, e.toString());
            framer.end();
        } finally {
            close();
            onClose.accept(this);
        }
    }

    private boolean handshake() throws IOException {
        if (!(socket instanceof SSLSocket tls)) {
            return true;
        }
        try {
            tls.setSoTimeout((int) ReceiverSettings.TLS_HANDSHAKE_TIMEOUT.toMillis());
            tls.startHandshake();
            return true;
        } catch (IOException e) {
            counters.connection(transport, ConnectionResult.TLS_HANDSHAKE_FAILED);
            LOG.debug("TLS handshake with {} failed: {}", sender, e.toString());
            return false;
        }
    }

    private void read(SyslogFramer framer) throws IOException {
        socket.setSoTimeout(TICK_MS);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[READ_BUFFER];
        long frameStarted = System.nanoTime();
        long frameTimeout = settings.frameTimeout().toNanos();
        boolean draining = false;
        while (true) {
            if (stopping && !draining) {
                draining = true;
                socket.setSoTimeout((int) Math.max(1, settings.drainQuiet().toMillis()));
            }
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException quiet) {
                if (draining) {
                    framer.end(); // quiet since the stop began: what was sent is read; a partial frame is lost
                    return;
                }
                if (tooSlow(framer, frameStarted, frameTimeout)) {
                    return;
                }
                continue;
            }
            if (n < 0) {
                framer.end();
                return;
            }
            boolean wasMid = framer.midFrame();
            long frames = framer.frames();
            framer.feed(buffer, 0, n);
            if (framer.midFrame() && (!wasMid || framer.frames() != frames)) {
                frameStarted = System.nanoTime(); // a new frame began in these bytes
            } else if (tooSlow(framer, frameStarted, frameTimeout)) {
                return; // a byte now and then keeps the frame open, not the connection
            }
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            if (draining && System.nanoTime() - stopBy > 0) {
                framer.end(); // a sender that keeps sending while we stop: stop anyway
                return;
            }
        }
    }

    private boolean tooSlow(SyslogFramer framer, long frameStarted, long frameTimeout) {
        if (framer.midFrame() && System.nanoTime() - frameStarted > frameTimeout) {
            counters.countDropped(DropReason.FRAME_TIMEOUT);
            LOG.debug("{} connection from {} closed: a frame unfinished after {}", transport.code(), sender,
                    settings.frameTimeout());
            return true;
        }
        return false;
    }

    /** Asks the connection to read what was already sent and then close, by {@code deadlineNanos}. */
    void stop(long deadlineNanos) {
        stopBy = deadlineNanos;
        stopping = true;
    }

    /** Waits for the connection to end, forcing it closed at the deadline. */
    void join(long deadlineNanos) throws InterruptedException {
        long left = deadlineNanos - System.nanoTime();
        if (left > 0) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
        if (thread.isAlive()) {
            close();
            thread.interrupt();
            thread.join(5_000);
        }
    }

    private void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing: nothing to do about it
        }
    }
}
