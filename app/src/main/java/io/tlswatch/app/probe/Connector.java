package io.tlswatch.app.probe;

import io.tlswatch.schemas.HostPort;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Opens the TCP connections of one probe, each bounded by the probe's timeout (connect and every read), and turns
 * their failures into one line a person reads: the name does not resolve, the port refuses, nobody answers.
 */
final class Connector {
    private final InetSocketAddress address;
    private final Duration timeout;

    private Connector(InetSocketAddress address, Duration timeout) {
        this.address = address;
        this.timeout = timeout;
    }

    /** Resolves the target once: every connection of the probe goes to the same address. */
    static Connector resolve(ProbeTarget target, Duration timeout) throws Unreachable {
        try {
            InetAddress a = InetAddress.getByName(target.host());
            return new Connector(new InetSocketAddress(a, target.port()), timeout);
        } catch (UnknownHostException e) {
            throw new Unreachable("cannot resolve " + target.host() + ": no such host");
        } catch (SecurityException e) {
            throw new Unreachable("cannot resolve " + target.host() + ": " + e.getMessage());
        }
    }

    InetSocketAddress address() {
        return address;
    }

    /** The address as a report writes it. */
    String addressText() {
        return address.getAddress().getHostAddress();
    }

    Duration timeout() {
        return timeout;
    }

    /** A connected socket whose reads time out after the probe's timeout. */
    Socket connect() throws Unreachable {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(millis());
            s.connect(address, millis());
            return s;
        } catch (SocketTimeoutException e) {
            close(s);
            throw new Unreachable("no answer from " + where() + " within " + seconds() + " (connect timeout)");
        } catch (ConnectException e) {
            close(s);
            throw new Unreachable("connection refused by " + where());
        } catch (NoRouteToHostException e) {
            close(s);
            throw new Unreachable("no route to " + where());
        } catch (IOException e) {
            close(s);
            throw new Unreachable("cannot connect to " + where() + ": " + e.getMessage());
        }
    }

    int millis() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    }

    String seconds() {
        long ms = timeout.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    String where() {
        return HostPort.hostText(addressText()) + ":" + address.getPort();
    }

    static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do about a socket that fails to close
        }
    }

    /** The server gave no TCP answer: a one-line reason. */
    static final class Unreachable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreachable(String message) {
            super(message, null, false, false);
        }
    }
}
