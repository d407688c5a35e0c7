package io.tlswatch.schemas;

/**
 * What the certificate and client-ssl profile watch learns about one BIG-IP, on the internal topic that
 * brings it together per observer: a listed certificate, the end of one poll's certificate list (so that a
 * certificate missing from it is known to be removed), a profile counter reading, or the mark that the
 * observer sent per-connection TLS failure logs (so that the profile counters need not page).
 *
 * <p>One record type, not four topics: the four must meet, in order, on the partition of their observer.
 *
 * @param observer     the BIG-IP host name
 * @param timestampMs  the poll time (or, for {@link Kind#TLS_FAILURES_SEEN}, the log line's time), epoch ms
 * @param kind         which of the four
 * @param certificate  the certificate, for {@link Kind#CERTIFICATE} only
 * @param profile      the counter reading, for {@link Kind#PROFILE} only
 * @param certificates how many certificates the poll listed, for {@link Kind#CERTIFICATES_POLLED} only
 */
public record ObserverSignal(
        String observer,
        long timestampMs,
        Kind kind,
        CertificateSample certificate,
        ProfileTrafficSample profile,
        Integer certificates) {

    public enum Kind {
        CERTIFICATE,
        CERTIFICATES_POLLED,
        PROFILE,
        TLS_FAILURES_SEEN
    }

    public static ObserverSignal of(CertificateSample c) {
        return new ObserverSignal(c.observer(), c.timestampMs(), Kind.CERTIFICATE, c, null, null);
    }

    public static ObserverSignal of(ProfileTrafficSample p) {
        return new ObserverSignal(p.observer(), p.timestampMs(), Kind.PROFILE, null, p, null);
    }

    /** The end of one poll's complete certificate list. */
    public static ObserverSignal certificatesPolled(String observer, long timestampMs, int count) {
        return new ObserverSignal(observer, timestampMs, Kind.CERTIFICATES_POLLED, null, null, count);
    }

    /** The observer logged a per-connection TLS failure at this time. */
    public static ObserverSignal tlsFailuresSeen(String observer, long timestampMs) {
        return new ObserverSignal(observer, timestampMs, Kind.TLS_FAILURES_SEEN, null, null, null);
    }
}
