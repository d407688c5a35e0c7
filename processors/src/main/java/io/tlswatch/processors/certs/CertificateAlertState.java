package io.tlswatch.processors.certs;

/**
 * A certificate under warning, in the {@code certificate-alerts} store (only those: a certificate far from
 * expiry needs no state).
 *
 * @param level      the warning level last announced ({@link CertificateWatchSettings#level})
 * @param firedAtMs  poll time of the FIRING event
 * @param lastSeenMs poll time of the newest poll that listed it: older polls are ignored, and a complete list
 *                   polled after it without it means the certificate was removed
 */
record CertificateAlertState(
        String observer,
        String name,
        String subject,
        String issuer,
        long notAfterMs,
        int level,
        long firedAtMs,
        long lastSeenMs) {}
