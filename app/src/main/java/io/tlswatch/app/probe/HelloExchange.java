package io.tlswatch.app.probe;

import io.tlswatch.processors.classify.TlsAlerts;
import io.tlswatch.processors.decode.wire.HandshakeFacts;
import io.tlswatch.processors.decode.wire.ServerHello;
import io.tlswatch.processors.decode.wire.StreamKind;
import io.tlswatch.processors.decode.wire.TlsAlert;
import io.tlswatch.processors.decode.wire.TlsNames;
import io.tlswatch.processors.decode.wire.WireDecodeResult;
import io.tlswatch.processors.decode.wire.WireDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Locale;

/**
 * Sends one {@link ClientHellos hello} on a fresh connection and reads the server's first answer with the
 * pipeline's own wire decoder: a ServerHello (or HelloRetryRequest), an alert, a closed connection, silence, or
 * something that is not TLS. The whole exchange is bounded by the probe's timeout and {@link #MAX_ANSWER} bytes.
 */
final class HelloExchange {
    /** A ServerHello fits in one record (RFC 8446 §5.1: 2^14 bytes) and its header. */
    static final int MAX_ANSWER = WireDecoder.MAX_CIPHERTEXT_RECORD + 5;
    private static final WireDecoder DECODER = new WireDecoder();

    private HelloExchange() {}

    /**
     * What the server answered.
     *
     * @param version    the ServerHello's negotiated version ({@code 0x0303}); 0 when there was none
     * @param cipher     the ServerHello's suite; -1 when there was none
     * @param retry      the answer was a HelloRetryRequest (TLS 1.3 accepted, another key share wanted)
     * @param detail     the answer in words
     */
    record Answer(int version, int cipher, boolean retry, String detail) {
        boolean hello() {
            return version != 0;
        }

        String versionName() {
            return TlsNames.version(version);
        }

        String cipherName() {
            String n = cipher < 0 ? null : TlsNames.cipherSuite(cipher);
            return n != null ? n : String.format(Locale.ROOT, "0x%04x", cipher);
        }
    }

    /** @throws Connector.Unreachable when not even TCP connects */
    static Answer send(Connector connector, byte[] hello) throws Connector.Unreachable {
        Socket s = connector.connect();
        try {
            long deadline = System.nanoTime() + connector.timeout().toNanos();
            s.getOutputStream().write(hello);
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[MAX_ANSWER];
            int n = 0;
            while (n < buf.length) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return silent(connector, n);
                }
                s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
                int r;
                try {
                    r = in.read(buf, n, buf.length - n);
                } catch (SocketTimeoutException e) {
                    return silent(connector, n);
                }
                if (r < 0) {
                    return new Answer(0, -1, false, n == 0 ? "closed the connection without answering"
                            : "closed the connection inside its answer");
                }
                n += r;
                Answer a = read(buf, n);
                if (a != null) {
                    return a;
                }
            }
            return new Answer(0, -1, false, "no ServerHello in the first " + MAX_ANSWER + " bytes");
        } catch (IOException e) {
            // a reset after the hello is an answer too: the server refused to talk
            return new Answer(0, -1, false, "connection reset (" + e.getMessage() + ")");
        } finally {
            Connector.close(s);
        }
    }

    /** The answer in the first {@code n} bytes, or null when more are needed. */
    static Answer read(byte[] buf, int n) {
        WireDecodeResult r = DECODER.decode(buf, 0, n);
        if (r instanceof WireDecodeResult.Incomplete) {
            return null;
        }
        if (r instanceof WireDecodeResult.Malformed m) {
            return new Answer(0, -1, false, "not a TLS answer (" + m.reason() + ")");
        }
        HandshakeFacts f = ((WireDecodeResult.Decoded) r).facts();
        if (f.kind() != StreamKind.TLS) {
            return new Answer(0, -1, false, "not a TLS answer (" + f.kind().name().toLowerCase(Locale.ROOT)
                    + (f.httpMethod() != null ? " " + f.httpMethod() : "") + ")");
        }
        if (!f.serverHellos().isEmpty()) {
            ServerHello sh = f.serverHellos().get(0);
            Answer a = new Answer(sh.version(), sh.cipherSuite(), sh.helloRetryRequest(), "");
            // the version too: a server below the version offered answers with its own (a TLS 1.0 ServerHello to a
            // TLS 1.2 hello), which refuses the version offered
            String version = a.versionName() != null ? a.versionName() : String.format(Locale.ROOT, "0x%04x", a.version());
            return new Answer(a.version(), a.cipher(), a.retry(),
                    (a.retry() ? "HelloRetryRequest TLS " : "ServerHello TLS ") + version + ", " + a.cipherName());
        }
        if (!f.alerts().isEmpty()) {
            TlsAlert alert = f.alerts().get(0);
            return new Answer(0, -1, false, "alert " + alert.description() + " " + TlsAlerts.name(alert.description()));
        }
        return f.truncated() ? null : new Answer(0, -1, false, "no ServerHello in the server's first records");
    }

    private static Answer silent(Connector connector, int bytes) {
        return new Answer(0, -1, false, "no answer within " + connector.seconds()
                + (bytes > 0 ? " (" + bytes + " bytes, no whole message)" : ""));
    }
}
