package io.tlswatch.processors.certs;

import io.tlswatch.processors.alerts.AlertEvents;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.CertificateSample;
import io.tlswatch.schemas.ObserverSignal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Warns before a certificate expires (DESIGN §9). Input: the certificates of each poll and the end of each
 * complete list, keyed so that one observer's arrive in order on one partition.
 *
 * <p>"Now" is the poll's own time, never the wall clock: a replay gives the same alerts. A certificate whose
 * time left is within the farthest horizon FIRES; reaching a nearer horizon, or expiring, is an UPDATE with a
 * higher severity; a new not-after (the certificate was replaced) is an UPDATE too, or a RESOLVED when it lies
 * beyond the farthest horizon; a complete list without the certificate RESOLVES it (removed). Only certificates
 * under warning have state, so a fleet's thousands of healthy certificates cost nothing; that state is in a
 * persistent, changelogged store, so a restart neither repeats nor loses a transition.
 */
final class CertificateExpiryProcessor implements Processor<String, ObserverSignal, String, AlertEvent> {
    private static final long DAY_MS = 86_400_000L;
    private final String storeName;
    private final CertificateWatchSettings settings;
    private ProcessorContext<String, AlertEvent> context;
    private KeyValueStore<String, CertificateAlertState> store;

    CertificateExpiryProcessor(String storeName, CertificateWatchSettings settings) {
        this.storeName = storeName;
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, AlertEvent> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, ObserverSignal> record) {
        ObserverSignal s = record.value();
        if (s == null || s.kind() == null) {
            return;
        }
        if (s.kind() == ObserverSignal.Kind.CERTIFICATE && s.certificate() != null) {
            certificate(s.certificate());
        } else if (s.kind() == ObserverSignal.Kind.CERTIFICATES_POLLED && s.observer() != null) {
            resolveRemoved(s.observer(), s.timestampMs());
        }
    }

    private void certificate(CertificateSample c) {
        String key = ObserverKeys.stateKey(c.observer(), c.name());
        CertificateAlertState state = store.get(key);
        long now = c.timestampMs();
        if (state != null && now < state.lastSeenMs()) {
            return; // an older poll, replayed or late: the newer one already decided
        }
        if (c.notAfterMs() == null) {
            if (state != null) {
                store.put(key, seen(state, now)); // listed, so not removed; its date says nothing new
            }
            return;
        }
        long notAfter = c.notAfterMs();
        int level = settings.level(notAfter - now);
        if (state == null) {
            if (level >= 0) {
                CertificateAlertState fired = new CertificateAlertState(c.observer(), c.name(), c.subject(),
                        c.issuer(), notAfter, level, now, now);
                store.put(key, fired);
                forward(fired, "FIRING", now, null);
            }
            return;
        }
        if (level < 0) {
            store.delete(key);
            forward(withFacts(state, c, notAfter, state.level(), now), "RESOLVED", now, "renewed");
            return;
        }
        boolean replaced = notAfter != state.notAfterMs();
        CertificateAlertState next = withFacts(state, c, notAfter, replaced ? level : Math.max(level, state.level()), now);
        store.put(key, next);
        if (replaced || level > state.level()) {
            forward(next, "UPDATE", now, replaced ? "replaced" : null);
        }
    }

    /** A complete list polled at {@code pollMs}: every warned certificate of the observer it lacks is gone. */
    private void resolveRemoved(String observer, long pollMs) {
        List<KeyValue<String, CertificateAlertState>> gone = new ArrayList<>();
        try (KeyValueIterator<String, CertificateAlertState> it =
                store.prefixScan(ObserverKeys.statePrefix(observer), new StringSerializer())) {
            while (it.hasNext()) {
                KeyValue<String, CertificateAlertState> kv = it.next();
                if (kv.value.lastSeenMs() < pollMs) {
                    gone.add(kv);
                }
            }
        }
        for (KeyValue<String, CertificateAlertState> kv : gone) {
            store.delete(kv.key);
            forward(kv.value, "RESOLVED", pollMs, "removed");
        }
    }

    private static CertificateAlertState seen(CertificateAlertState s, long now) {
        return new CertificateAlertState(s.observer(), s.name(), s.subject(), s.issuer(), s.notAfterMs(), s.level(),
                s.firedAtMs(), now);
    }

    private static CertificateAlertState withFacts(CertificateAlertState s, CertificateSample c, long notAfter,
            int level, long now) {
        return new CertificateAlertState(s.observer(), s.name(), c.subject(), c.issuer(), notAfter, level,
                s.firedAtMs(), now);
    }

    /**
     * @param reason for RESOLVED: {@code renewed} or {@code removed}; for UPDATE: {@code replaced} when the
     *               not-after changed, else null
     */
    private void forward(CertificateAlertState s, String status, long atMs, String reason) {
        boolean resolved = "RESOLVED".equals(status);
        long leftMs = s.notAfterMs() - atMs;
        // whole days, rounded down: "0 days left" on the last day, -1 the day after expiry
        long daysLeft = Math.floorDiv(leftMs, DAY_MS);
        String horizon = settings.horizonLabel(s.level());
        String notAfter = AlertEvents.iso(s.notAfterMs());
        String subject = s.subject() == null ? "unknown subject" : s.subject();
        String issuer = s.issuer() == null ? "unknown issuer" : s.issuer();
        String summary;
        if (!resolved) {
            String when = leftMs <= 0
                    ? "EXPIRED " + notAfter + " (" + -daysLeft + " days ago)"
                    : "expires " + notAfter + " (" + daysLeft + " days left)";
            summary = "Certificate " + s.name() + " on " + s.observer() + " " + when + "; subject " + subject
                    + "; issuer " + issuer;
        } else if ("removed".equals(reason)) {
            summary = "Certificate " + s.name() + " on " + s.observer() + " is no longer installed (it expired or was "
                    + "due " + notAfter + ")";
        } else {
            summary = "Certificate " + s.name() + " on " + s.observer() + " renewed: valid until " + notAfter;
        }
        String hint = "Check: tmsh list sys file ssl-cert " + s.name() + " (and which client-ssl profiles use it: "
                + "tmsh list ltm profile client-ssl one-line | grep " + s.name() + "); on the file: openssl x509 "
                + "-noout -subject -issuer -enddate -in <file>; on the VIP: openssl s_client -connect VIP:443 "
                + "-servername SNI </dev/null | openssl x509 -noout -enddate. Renew: import the new certificate and "
                + "key (tmsh install sys crypto cert ...), then point the profile's cert-key-chain at it.";
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("observer", s.observer());
        details.put("certificate", s.name());
        details.put("subject", s.subject());
        details.put("issuer", s.issuer());
        details.put("not_after", notAfter);
        details.put("days_left", daysLeft);
        details.put("horizon", horizon);
        if (reason != null) {
            details.put("reason", reason);
        }
        details.put("hint", hint);
        details.values().removeIf(v -> v == null);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", "TlsCertificateExpiring");
        labels.put("observer", s.observer());
        labels.put("certificate", s.name());
        labels.put("error_class", CertificateWatchTopology.CERT_CLASS);
        String dedupKey = AlertEvents.dedupKey(s.observer(), "cert:" + s.name(), CertificateWatchTopology.CERT_CLASS);
        AlertEvent event = AlertEvents.event(dedupKey, status, s.firedAtMs(), atMs, summary,
                settings.severity(s.level()), s.observer(), s.name(), CertificateWatchTopology.CERT_CLASS,
                details, labels, hint);
        context.forward(new Record<>(dedupKey, event, AlertEvents.recordTimestamp(atMs, context.currentSystemTimeMs())));
    }
}
