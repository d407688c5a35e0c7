package io.tlswatch.processors.decode.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * The scratch of one decode call: the facts gathered so far, the plaintext/encrypted state of the direction and
 * the reassembly of a hello spanning records. Created by {@link WireDecoder} for each call and dropped after it,
 * so no part of the decoder keeps state between calls.
 */
final class WireScan {
    /** the input, and the offset that result offsets count from */
    final byte[] in;
    final int base;

    String httpMethod;
    boolean httpTunnel;
    /** hellos and alerts: the first one in a field, a list only from the second (nearly every head has one) */
    private ClientHello clientHello;
    private List<ClientHello> clientHellos;
    private ServerHello serverHello;
    private List<ServerHello> serverHellos;
    private TlsAlert alert;
    private List<TlsAlert> alerts;
    boolean certificate;
    boolean certificateRequest;
    boolean serverHelloDone;
    boolean changeCipherSpec;
    int encryptedRecords;
    int encryptedAlerts;
    int heartbeats;
    int events;
    /** this direction speaks TLS 1.3: its CCS is the compatibility one */
    boolean tls13;
    /** the compatibility CCS of TLS 1.3 was seen */
    boolean ccs13;
    boolean encrypted;
    MalformedReason failReason;
    int failOffset = -1;
    /** handshake reassembly: header and body of the hello being gathered (allocated on the first one) */
    byte[] hs;
    int hsLen;
    int hsTotal;
    int hsOffset;
    /** bytes of a non-hello handshake message still to skip */
    long skip;
    /** the leaf of the first plaintext Certificate message, gathered while its body is skipped */
    LeafCertificate.Capture leafCapture;

    WireScan(byte[] in, int base) {
        this.in = in;
        this.base = base;
    }

    void add(ClientHello hello) {
        if (clientHello == null) {
            clientHello = hello;
        } else {
            if (clientHellos == null) {
                clientHellos = new ArrayList<>(4);
                clientHellos.add(clientHello);
            }
            clientHellos.add(hello);
        }
    }

    void add(ServerHello hello) {
        if (serverHello == null) {
            serverHello = hello;
        } else {
            if (serverHellos == null) {
                serverHellos = new ArrayList<>(4);
                serverHellos.add(serverHello);
            }
            serverHellos.add(hello);
        }
    }

    void add(TlsAlert a) {
        if (alert == null) {
            alert = a;
        } else {
            if (alerts == null) {
                alerts = new ArrayList<>(4);
                alerts.add(alert);
            }
            alerts.add(a);
        }
    }

    /** Notes a malformed structure at {@code offset} (in the input); false, for {@code return s.failAt(..)}. */
    boolean failAt(MalformedReason reason, int offset) {
        failReason = reason;
        failOffset = offset;
        return false;
    }

    /** Offsets: in the input when {@code a} is the input, else {@code reassembledAt} plus the position in {@link #hs}. */
    int at(byte[] a, int q, int reassembledAt) {
        return a == in ? q : reassembledAt + q;
    }

    WireDecodeResult decoded(StreamKind kind, ProxyHeader proxy, String method, int bytesRead, boolean truncated) {
        return new WireDecodeResult.Decoded(new HandshakeFacts(kind, proxy, method != null ? method : httpMethod,
                httpTunnel, list(clientHello, clientHellos),
                list(serverHello, serverHellos), certificate, certificateRequest, serverHelloDone, changeCipherSpec,
                list(alert, alerts), encryptedRecords, encryptedAlerts, heartbeats, bytesRead, truncated,
                failReason, failReason == null ? -1 : failOffset - base,
                leafCapture == null ? null : leafCapture.result()));
    }

    /** An immutable list with one allocation for the usual sizes (0, 1, 2). */
    private static <T> List<T> list(T first, List<T> all) {
        if (all == null) {
            return first == null ? List.of() : List.of(first);
        }
        return all.size() == 2 ? List.of(all.get(0), all.get(1)) : List.copyOf(all);
    }
}
