package io.tlswatch.app.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A JSSE server on a free loopback port presenting a chosen chain (a leaf alone, to miss an intermediate) with
 * chosen protocols. Each connection handshakes and closes; handshakes that fail (hellos it refuses) are counted.
 */
final class TlsTestServer implements AutoCloseable {
    private final ServerSocket server;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tls-test-server");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger connections = new AtomicInteger();

    private final byte[] answer;

    private TlsTestServer(ServerSocket server, byte[] answer) {
        this.server = server;
        this.answer = answer;
        workers.submit(this::accept);
    }

    /** @param protocols e.g. {@code TLSv1.3}; none: the JDK's defaults (TLS 1.2 and 1.3) */
    static TlsTestServer start(PrivateKey key, X509Certificate[] chain, String... protocols)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = "test".toCharArray();
        store.setKeyEntry("server", key, password, chain);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        SSLServerSocket s = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        if (protocols.length > 0) {
            s.setEnabledProtocols(protocols);
        }
        return new TlsTestServer(s, null);
    }

    /** A plain TCP server that never answers: the bytes a client sends are read and ignored. */
    static TlsTestServer silent() throws IOException {
        return new TlsTestServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), null);
    }

    /**
     * A server that answers every client's first bytes with {@code answer} and closes: an old server's ServerHello
     * written by hand, as no JDK server speaks TLS 1.0 any more.
     */
    static TlsTestServer answering(byte[] answer) throws IOException {
        return new TlsTestServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), answer);
    }

    int port() {
        return server.getLocalPort();
    }

    String target() {
        return "127.0.0.1:" + port();
    }

    int connections() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket c = server.accept();
                connections.incrementAndGet();
                workers.submit(() -> serve(c, answer));
            } catch (IOException | RuntimeException closed) {
                return;
            }
        }
    }

    private static void serve(Socket c, byte[] answer) {
        try (c) {
            c.setSoTimeout(10_000);
            if (c instanceof SSLSocket s) {
                s.startHandshake();
            } else if (answer != null) {
                c.getInputStream().read(new byte[16_384]);
                c.getOutputStream().write(answer);
                c.getOutputStream().flush();
            } else {
                while (c.getInputStream().read() >= 0) {
                    // a silent server: reads until the client gives up
                }
            }
        } catch (IOException | RuntimeException refusedOrDone) {
            // a refused hello is what several probes look for
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
