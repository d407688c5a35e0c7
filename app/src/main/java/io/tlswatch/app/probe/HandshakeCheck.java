package io.tlswatch.app.probe;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * One JSSE handshake with one SNI, trusting everything so as to SEE the chain (it is validated apart, by
 * {@link ChainCheck}). The JDK's own protocol and cipher defaults apply (TLS 1.2 and 1.3): the chain of a server
 * that speaks only TLS 1.0 or 1.1 is not seen, and the report says so through the handshake's error.
 */
final class HandshakeCheck {
    /** Closes a handshake still running at its deadline: a server dripping bytes must not hold a probe. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tlswatch-probe-watchdog");
        t.setDaemon(true);
        return t;
    });

    private HandshakeCheck() {}

    /**
     * @param chain    the server's certificates, as presented; null when none was seen
     * @param error    why the handshake failed; null when it completed
     * @param spokeTls the server sent TLS (a chain, or an alert)
     */
    record Outcome(X509Certificate[] chain, String protocol, String cipher, String error, boolean spokeTls) {}

    static Outcome run(Connector connector, String sni) throws Connector.Unreachable {
        Socket raw = connector.connect();
        Capture capture = new Capture();
        java.util.concurrent.atomic.AtomicBoolean expired = new java.util.concurrent.atomic.AtomicBoolean();
        ScheduledFuture<?> deadline = WATCHDOG.schedule(() -> {
            expired.set(true); // before the close: the reader's exception may come before this task ends
            Connector.close(raw);
        }, connector.millis(), TimeUnit.MILLISECONDS);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {capture}, null);
            SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(raw,
                    sni != null ? sni : connector.addressText(), connector.address().getPort(), true);
            SSLParameters p = s.getSSLParameters();
            // the encoded form: the String one refuses names real clients send (underscores, STD3 rules)
            p.setServerNames(sni == null ? List.of()
                    : List.of(new SNIHostName(sni.getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
            p.setEndpointIdentificationAlgorithm(null);
            s.setSSLParameters(p);
            try {
                s.startHandshake();
                return new Outcome(capture.chain, s.getSession().getProtocol(), s.getSession().getCipherSuite(), null,
                        true);
            } catch (SocketTimeoutException e) {
                return failed(capture, "no TLS answer within " + connector.seconds());
            } catch (SSLException e) {
                String m = e.getMessage() == null ? e.toString() : e.getMessage();
                return new Outcome(capture.chain, null, null, "handshake failed: " + m,
                        capture.chain != null || m.contains("alert"));
            } catch (IOException e) {
                if (!expired.get()) {
                    return failed(capture, "connection closed during the handshake (" + e.getMessage() + ")");
                }
                return failed(capture, (capture.chain == null ? "no TLS answer within " : "handshake not done within ")
                        + connector.seconds());
            } finally {
                Connector.close(s);
            }
        } catch (IllegalArgumentException e) {
            return failed(capture, "SNI " + sni + " cannot be sent: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make a TLS client: " + e.getMessage(), e);
        } catch (IOException e) {
            return failed(capture, "cannot start TLS: " + e.getMessage());
        } finally {
            deadline.cancel(false);
            Connector.close(raw);
        }
    }

    private static Outcome failed(Capture capture, String error) {
        return new Outcome(capture.chain, null, null, error, capture.chain != null);
    }

    /** Accepts every server chain and keeps it: trust is decided apart, with the reasons written down. */
    private static final class Capture extends X509ExtendedTrustManager {
        volatile X509Certificate[] chain;

        @Override
        public void checkServerTrusted(X509Certificate[] c, String authType, Socket socket) {
            keep(c);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String authType, SSLEngine engine) {
            keep(c);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String authType) {
            keep(c);
        }

        private void keep(X509Certificate[] c) {
            if (c != null && c.length > 0) {
                chain = c.clone();
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String authType, Socket socket) {
            throw new UnsupportedOperationException("a probe is a client");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("a probe is a client");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String authType) {
            throw new UnsupportedOperationException("a probe is a client");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
