package io.tlswatch.ingest.syslog;

import io.tlswatch.ingest.syslog.SyslogCounters.ConnectionResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts syslog connections over TCP, or TLS (RFC 5425) when given a context; one thread per connection
 * ({@link TcpConnection}), at most {@code maxConnections} open across the TCP and TLS listeners (the shared
 * {@code open} count); a connection over the limit is closed at once and counted.
 */
final class TcpListener {
    private static final Logger LOG = LoggerFactory.getLogger(TcpListener.class);
    private static final int BACKLOG = 128;

    private final ServerSocket server;
    private final Transport transport;
    private final ReceiverSettings settings;
    private final SyslogCounters counters;
    private final AtomicInteger open;
    private final Set<TcpConnection> connections = ConcurrentHashMap.newKeySet();
    private Handoff handoff;
    private Thread acceptor;

    TcpListener(ReceiverSettings settings, int port, Transport transport, SyslogCounters counters, AtomicInteger open)
            throws IOException {
        this.settings = settings;
        this.transport = transport;
        this.counters = counters;
        this.open = open;
        ServerSocket s = transport == Transport.TLS
                ? settings.tls().getServerSocketFactory().createServerSocket()
                : new ServerSocket();
        try {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(settings.bind(), port), BACKLOG);
            if (s instanceof SSLServerSocket tls) {
                tls.setNeedClientAuth(false);
            }
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        this.server = s;
    }

    Transport transport() {
        return transport;
    }

    /** Releases the port of a listener that never started. */
    void closeUnstarted() {
        closeQuietly(server);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    void start(Handoff to) {
        this.handoff = to;
        acceptor = new Thread(this::acceptLoop, "tlswatch-syslog-" + transport.code() + "-accept");
        acceptor.start();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (SocketException closed) {
                return; // stop() closed the server socket
            } catch (IOException e) {
                LOG.warn("Accepting a {} connection failed", transport.code(), e);
                continue;
            }
            if (open.incrementAndGet() > settings.maxConnections()) {
                open.decrementAndGet();
                counters.connection(transport, ConnectionResult.REFUSED_LIMIT);
                closeQuietly(socket);
                continue;
            }
            try {
                socket.setKeepAlive(true); // a BIG-IP that rebooted without a FIN does not hold its slot forever
            } catch (SocketException ignored) {
                // not fatal: the frame timeout and the limit still apply
            }
            TcpConnection c = new TcpConnection(socket, transport, settings, counters, handoff, this::closed);
            connections.add(c);
            counters.opened(transport);
            c.start();
        }
    }

    private void closed(TcpConnection c) {
        connections.remove(c);
        open.decrementAndGet();
        counters.closed(transport);
    }

    /** Stops accepting at once. */
    void stopAccepting() throws InterruptedException {
        closeQuietly(server);
        if (acceptor != null) {
            acceptor.join();
        }
    }

    /** Each open connection reads what its sender already sent (until quiet or closed), within the deadline. */
    void drain(long deadlineNanos) throws InterruptedException {
        for (TcpConnection c : connections) {
            c.stop(deadlineNanos);
        }
        for (TcpConnection c : connections) {
            c.join(deadlineNanos);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing: nothing to do about it
        }
    }
}
