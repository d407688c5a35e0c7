package io.tlswatch.ingest.syslog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The syslog receiver BIG-IPs send remote syslog to: UDP, TCP and TLS listeners feeding one bounded queue that one
 * thread empties into a {@link MessageSink}.
 *
 * <pre>{@code
 * SyslogReceiver receiver = SyslogReceiver.bind(ReceiverSettings.defaults(), counters); // ports taken, not read
 * receiver.start(new KafkaMessageSink(producer));                                       // now reading
 * ...
 * receiver.close();   // stop accepting, read what senders already sent, hand everything to the sink
 * producer.close();   // flush
 * }</pre>
 * Binding first lets a command report a port in use before it waits for Kafka, and read nothing before there is
 * somewhere to write it.
 */
public final class SyslogReceiver implements AutoCloseable {
    private final ReceiverSettings settings;
    private final SyslogCounters counters;
    private final UdpListener udp;
    private final List<TcpListener> tcp;
    private Handoff handoff;
    private boolean closed;

    private SyslogReceiver(ReceiverSettings settings, SyslogCounters counters, UdpListener udp, List<TcpListener> tcp) {
        this.settings = settings;
        this.counters = counters;
        this.udp = udp;
        this.tcp = tcp;
    }

    /**
     * Binds every listener that is on, reading nothing yet.
     *
     * @throws ListenerException naming the listener (transport, address, port) that could not bind
     */
    public static SyslogReceiver bind(ReceiverSettings settings, SyslogCounters counters) {
        AtomicInteger open = new AtomicInteger();
        UdpListener udp = null;
        List<TcpListener> tcp = new ArrayList<>();
        try {
            if (settings.udpPort() != ReceiverSettings.OFF) {
                udp = bound(Transport.UDP, settings, settings.udpPort(), () -> new UdpListener(settings, counters));
            }
            if (settings.tcpPort() != ReceiverSettings.OFF) {
                tcp.add(bound(Transport.TCP, settings, settings.tcpPort(),
                        () -> new TcpListener(settings, settings.tcpPort(), Transport.TCP, counters, open)));
            }
            if (settings.tlsPort() != ReceiverSettings.OFF) {
                tcp.add(bound(Transport.TLS, settings, settings.tlsPort(),
                        () -> new TcpListener(settings, settings.tlsPort(), Transport.TLS, counters, open)));
            }
        } catch (RuntimeException e) {
            if (udp != null) {
                udp.closeUnstarted();
            }
            tcp.forEach(TcpListener::closeUnstarted);
            throw e;
        }
        return new SyslogReceiver(settings, counters, udp, tcp);
    }

    private interface Binder<T> {
        T bind() throws IOException;
    }

    private static <T> T bound(Transport t, ReceiverSettings settings, int port, Binder<T> binder) {
        try {
            return binder.bind();
        } catch (IOException | RuntimeException e) {
            throw new ListenerException("cannot listen on " + t.code() + " " + settings.bind() + ":" + port + ": "
                    + (e.getMessage() != null ? e.getMessage() : e.toString()), e);
        }
    }

    /** Starts reading, handing every message to {@code sink}. */
    public synchronized void start(MessageSink sink) {
        if (handoff != null || closed) {
            throw new IllegalStateException("started already, or closed");
        }
        handoff = new Handoff(settings.queueCapacity(), sink, counters);
        handoff.start();
        if (udp != null) {
            udp.start(handoff);
        }
        tcp.forEach(l -> l.start(handoff));
    }

    /** The UDP listener's address (its real port when bound to port 0), if on. */
    public Optional<InetSocketAddress> udpAddress() {
        return Optional.ofNullable(udp).map(UdpListener::address);
    }

    public Optional<InetSocketAddress> tcpAddress() {
        return listener(Transport.TCP);
    }

    public Optional<InetSocketAddress> tlsAddress() {
        return listener(Transport.TLS);
    }

    private Optional<InetSocketAddress> listener(Transport t) {
        return tcp.stream().filter(l -> l.transport() == t).findFirst().map(TcpListener::address);
    }

    public SyslogCounters counters() {
        return counters;
    }

    /** Messages waiting for the sink. */
    public int queued() {
        Handoff h = handoff;
        return h == null ? 0 : h.size();
    }

    /**
     * The clean stop: no new connection; every open one, and the UDP socket, read until quiet ({@code drainQuiet})
     * or closed, within {@code drainLimit}; then everything queued handed to the sink (the caller flushes it).
     *
     * @return whether everything received was handed over
     */
    public synchronized boolean stop() throws InterruptedException {
        if (closed) {
            return true;
        }
        closed = true;
        if (handoff == null) {
            if (udp != null) {
                udp.closeUnstarted();
            }
            tcp.forEach(TcpListener::closeUnstarted);
            return true;
        }
        for (TcpListener l : tcp) {
            l.stopAccepting();
        }
        long limit = settings.drainLimit().toNanos();
        long deadline = System.nanoTime() + limit;
        for (TcpListener l : tcp) {
            l.drain(deadline);
        }
        if (udp != null) {
            udp.stop(Math.max(0, deadline - System.nanoTime()));
        }
        return handoff.finish(Math.max(1_000, settings.drainLimit().toMillis()));
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A listener that could not bind (port in use, no such address, permission denied for ports below 1024). */
    public static final class ListenerException extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        ListenerException(String message, Exception cause) {
            super(message, cause instanceof IOException io ? io : new IOException(cause));
        }
    }
}
