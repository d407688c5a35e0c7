package io.tlswatch.schemas;

/**
 * One certificate the Telemetry Streaming system poller listed ({@code sslCerts}, called {@code tlsCerts} by
 * early TS releases), as read at one poll. Consecutive polls per (observer, name) drive the expiry warnings of
 * DESIGN §9.
 *
 * @param observer    the BIG-IP host name ({@code system.hostname})
 * @param name        the certificate object's name as TS keys it ({@code default.crt}, {@code /Common/shop.crt})
 * @param subject     the subject DN as the BIG-IP prints it, null when absent or unusable
 * @param issuer      the issuer DN, null when absent or unusable
 * @param notAfterMs  the end of validity, epoch milliseconds ({@code expirationDate}, else
 *                    {@code expirationString}); null when neither is usable (the certificate is still listed)
 * @param timestampMs when the poller read the list (system timestamp), epoch milliseconds: "now" for the
 *                    time left, never the wall clock
 */
public record CertificateSample(
        String observer,
        String name,
        String subject,
        String issuer,
        Long notAfterMs,
        long timestampMs) {}
