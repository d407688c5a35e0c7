package io.tlswatch.app.notify;

import io.tlswatch.processors.changes.ChangeCorrelation;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.ChangeEvent;
import io.tlswatch.schemas.VirtualServer;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Alert events as the alert engine writes them, for the notify tests. */
final class TestAlerts {
    static final String OBSERVER = "bigip-01.example.net";

    private TestAlerts() {}

    static String key(String vip, String errorClass) {
        return "tlswatch/" + OBSERVER + "/" + vip + "/" + errorClass;
    }

    /** A FIRING event of {@code vip}; {@code route} is the inventory's paging route, or null. */
    static AlertEvent firing(String vip, String errorClass, String route, String at) {
        return event(vip, errorClass, route, "FIRING", at, at, null, null);
    }

    static AlertEvent update(AlertEvent firing, String at) {
        return with(firing, "UPDATE", "trigger", at, null);
    }

    static AlertEvent resolved(AlertEvent firing, String at) {
        return with(firing, "RESOLVED", "resolve", at, at);
    }

    /** A VIP's alert covered by the storm parent {@code tlswatch/<observer>/ * /<class>}. */
    static AlertEvent inhibited(AlertEvent e) {
        String parent = "tlswatch/" + OBSERVER + "/*/" + e.payload().className();
        return new AlertEvent(e.dedupKey(), e.eventAction(), e.status(), e.startsAt(), e.endsAt(), e.payload(),
                e.labels(), e.annotations(), true, parent);
    }

    private static AlertEvent with(AlertEvent f, String status, String action, String at, String endsAt) {
        AlertEvent.Payload p = f.payload();
        return new AlertEvent(f.dedupKey(), action, status, f.startsAt(), endsAt,
                new AlertEvent.Payload(p.summary(), p.severity(), p.source(), p.component(), p.group(), p.className(),
                        at, p.customDetails()),
                f.labels(), f.annotations(), f.inhibited(), f.parentKey());
    }

    static AlertEvent event(String vip, String errorClass, String route, String status, String startsAt, String at,
            Boolean inhibited, String parentKey) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("error_class", errorClass);
        details.put("vip", vip);
        details.put("failures", 12);
        if (route != null) {
            details.put("paging_route", route);
        }
        String summary = errorClass + " on VIP " + vip + " at " + OBSERVER + ": 12 failed handshakes in 60s";
        return new AlertEvent(key(vip, errorClass), "RESOLVED".equals(status) ? "resolve" : "trigger", status,
                startsAt, "RESOLVED".equals(status) ? at : null,
                new AlertEvent.Payload(summary, "error", OBSERVER, vip, OBSERVER, errorClass, at, details),
                Map.of("alertname", "TlsHandshakeFailures", "observer", OBSERVER, "vip", vip,
                        "error_class", errorClass),
                Map.of("summary", summary, "hint", "renew the certificate"), inhibited, parentKey);
    }

    /**
     * The FIRING event as the pipeline writes it when a cipher change on the VIP's client-ssl profile came 90 s
     * before (the alert engine's own correlation step).
     */
    static AlertEvent withCipherChange(AlertEvent firing) {
        String vip = firing.labels().get("vip");
        long at = Instant.parse(firing.startsAt()).toEpochMilli() - 90_000;
        ChangeEvent change = new ChangeEvent(OBSERVER, at, "01420002", "tmsh", "tmsh", "admin", null, null, "modify",
                "client_ssl_profile", "/Common/shop_ssl", List.of("ciphers"), List.of(), "Command OK", true,
                "modify ltm profile client-ssl shop_ssl ciphers ECDHE+AES-GCM", null);
        VirtualServer vs = new VirtualServer(OBSERVER, "/Common/shop_vs", vip.substring(0, vip.lastIndexOf(':')),
                Integer.parseInt(vip.substring(vip.lastIndexOf(':') + 1)), "Common", null, null, null,
                List.of("/Common/shop_ssl"), "ts_system_poller");
        return new ChangeCorrelation(Duration.ofMinutes(15)).attach(firing, List.of(change), (o, hp) -> vs);
    }
}
