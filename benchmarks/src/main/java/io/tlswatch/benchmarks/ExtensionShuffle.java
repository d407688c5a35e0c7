package io.tlswatch.benchmarks;

import io.tlswatch.processors.decode.wire.ClientHello;
import io.tlswatch.processors.decode.wire.TlsValues;
import io.tlswatch.processors.decode.wire.WireDecodeResult;
import io.tlswatch.processors.decode.wire.WireDecoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * What a Chromium browser does to its ClientHello since version 110: the order of the extensions changes on
 * every connection, except GREASE extensions and pre_shared_key (which must stay last, RFC 8446 §4.2.11).
 * A fleet therefore sees a new JA3 (wire order) for nearly every Chromium connection, while JA4 (sorted)
 * stays the same. Used to build a realistic stream for the fingerprint caches.
 */
final class ExtensionShuffle {
    private static final int PRE_SHARED_KEY = 41;
    private static final int HANDSHAKE_HEADER = 4;
    private static final int RECORD_HEADER = 5;

    private ExtensionShuffle() {}

    /** Whether a hello comes from a Chromium-family stack: it offers a GREASE cipher (RFC 8701). */
    static boolean chromium(ClientHello hello) {
        for (int c : hello.cipherSuites()) {
            if (TlsValues.isGrease(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A copy of {@code head} with the hello's movable extensions in a random order, or {@code head} itself when
     * the hello is not whole inside its first record (nothing to move safely). Lengths do not change.
     */
    static byte[] shuffled(byte[] head, ClientHello hello, Random random) {
        int message = hello.offset(); // the handshake header, right after a record header
        int recordLength = message >= RECORD_HEADER
                ? (head[message - 2] & 0xff) << 8 | (head[message - 1] & 0xff) : -1;
        int helloLength = u24(head, message + 1);
        if (recordLength < HANDSHAKE_HEADER + helloLength || message + HANDSHAKE_HEADER + helloLength > head.length) {
            return head;
        }
        int q = message + HANDSHAKE_HEADER + 2 + 32;
        q += 1 + (head[q] & 0xff); // session id
        q += 2 + u16(head, q); // cipher suites
        q += 1 + (head[q] & 0xff); // compression methods
        int end = message + HANDSHAKE_HEADER + helloLength;
        if (end - q < 2) {
            return head;
        }
        q += 2;
        List<int[]> spans = new ArrayList<>(); // {start, end, type}
        for (int p = q; p + 4 <= end; ) {
            int type = u16(head, p);
            int next = p + 4 + u16(head, p + 2);
            spans.add(new int[] {p, next, type});
            p = next;
        }
        List<int[]> movable = new ArrayList<>();
        for (int[] s : spans) {
            if (!TlsValues.isGrease(s[2]) && s[2] != PRE_SHARED_KEY) {
                movable.add(s);
            }
        }
        List<int[]> order = new ArrayList<>(movable);
        Collections.shuffle(order, random);
        byte[] out = head.clone();
        int at = q;
        int next = 0;
        for (int[] s : spans) {
            int[] from = movable.contains(s) ? order.get(next++) : s;
            System.arraycopy(head, from[0], out, at, from[1] - from[0]);
            at += from[1] - from[0];
        }
        return out;
    }

    /** The hello of a head that the decoder reads whole. */
    static ClientHello hello(WireDecoder decoder, byte[] head) {
        return ((WireDecodeResult.Decoded) decoder.decode(head)).facts().clientHello();
    }

    private static int u16(byte[] a, int p) {
        return (a[p] & 0xff) << 8 | (a[p + 1] & 0xff);
    }

    private static int u24(byte[] a, int p) {
        return (a[p] & 0xff) << 16 | u16(a, p + 1);
    }
}
