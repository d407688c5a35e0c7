package io.tlswatch.processors.decode.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * The first certificate of a plaintext Certificate message (TLS 1.2 and earlier): the server's leaf, as DER
 * bytes, or why it could not be taken.
 *
 * <pre>
 * RFC 5246 §7.4.2:
 * opaque ASN.1Cert&lt;1..2^24-1&gt;;
 * struct { ASN.1Cert certificate_list&lt;0..2^24-1&gt;; } Certificate;
 * </pre>
 *
 * @param der     the leaf's bytes (owned by this object), null when {@code problem} is set
 * @param problem {@code empty_list}, {@code lengths} (the lengths contradict each other), {@code too_large}
 *                (more than {@link #MAX_DER} bytes) or {@code truncated} (the head ends inside it); null with DER
 */
public record LeafCertificate(byte[] der, String problem) {
    /**
     * Largest leaf taken: real leaves are 1–3 KiB, large SAN lists stay under 16 KiB; the head limit of the
     * capture reader (68 KiB) caps it anyway.
     */
    public static final int MAX_DER = 32 * 1024;

    static LeafCertificate of(byte[] der) {
        return new LeafCertificate(der, null);
    }

    static LeafCertificate failed(String problem) {
        return new LeafCertificate(null, problem);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LeafCertificate l && Arrays.equals(der, l.der) && Objects.equals(problem, l.problem);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(der) + Objects.hashCode(problem);
    }

    @Override
    public String toString() {
        return der != null ? "LeafCertificate[" + der.length + " bytes]" : "LeafCertificate[" + problem + "]";
    }

    /**
     * Gathers the leaf from the body bytes of one Certificate message as they pass, possibly across records:
     * six header bytes (list length, first certificate length), then the certificate. Every length is checked
     * against the one around it before anything is allocated.
     */
    static final class Capture {
        private final long messageLength;
        private final byte[] header = new byte[6];
        private int headerLen;
        private byte[] der;
        private int derLen;
        private LeafCertificate result;

        Capture(long messageLength) {
            this.messageLength = messageLength;
            if (messageLength < 3) {
                result = failed("lengths");
            }
        }

        boolean done() {
            return result != null;
        }

        /** What was gathered; {@code truncated} while the capture is unfinished. */
        LeafCertificate result() {
            return result != null ? result : failed("truncated");
        }

        /** Feeds {@code n} body bytes of the message from {@code a[from]}. */
        void feed(byte[] a, int from, int n) {
            int p = from;
            int end = from + n;
            while (p < end && result == null) {
                if (headerLen < 6) {
                    header[headerLen++] = a[p++];
                    if (headerLen == 3) {
                        long list = WireBytes.u24(header, 0);
                        if (list != messageLength - 3) {
                            result = failed("lengths");
                        } else if (list == 0) {
                            result = failed("empty_list");
                        }
                    } else if (headerLen == 6) {
                        int length = WireBytes.u24(header, 3);
                        if (length == 0 || length > WireBytes.u24(header, 0) - 3L) {
                            result = failed("lengths");
                        } else if (length > MAX_DER) {
                            result = failed("too_large");
                        } else {
                            der = new byte[length];
                        }
                    }
                    continue;
                }
                int take = Math.min(der.length - derLen, end - p);
                System.arraycopy(a, p, der, derLen, take);
                derLen += take;
                p += take;
                if (derLen == der.length) {
                    result = of(der);
                }
            }
        }
    }
}
