package io.tlswatch.processors.alerts;

import io.tlswatch.processors.alerts.VipEvaluator.Applied;
import io.tlswatch.processors.alerts.VipEvaluator.Look;
import io.tlswatch.processors.classify.ErrorClass;
import io.tlswatch.processors.rates.Evidence;
import io.tlswatch.processors.rates.VipState;
import io.tlswatch.processors.rates.VipState.ClassState;
import io.tlswatch.processors.rates.VipState.Firing;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.VirtualServer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the alert events of one VIP's class (DESIGN §9): PagerDuty Events v2 fields, Alertmanager labels and
 * annotations, and the evidence in {@code custom_details}: counts, attempts, ratio, top SNIs, client networks,
 * offered versions, JA4, up to three raw F5 lines, and the class hint with its commands filled in.
 */
final class AlertMessages {
    static final String FIRING = "FIRING";
    static final String UPDATE = "UPDATE";
    static final String RESOLVED = "RESOLVED";
    static final String ALERT_NAME = AlertEvents.ALERT_NAME;
    /** In an alert's details when its VIP is a server a forward proxy talked to (absent otherwise). */
    static final String PROXY_DETAIL = "proxy";
    private static final int TOP = 5;
    private static final java.util.regex.Pattern HOST_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,252}");

    private final AlertPolicy policy;

    AlertMessages(AlertPolicy policy) {
        this.policy = policy;
    }

    static String dedupKey(String observer, String vip, String errorClass) {
        return AlertEvents.dedupKey(observer, vip, errorClass);
    }

    AlertEvent vipAlert(VipState s, String c, ClassState cs, Look look, Applied a, String status, long atMs) {
        Firing f = cs.firing;
        VirtualServer vs = a.vs();
        ErrorClass errorClass = ErrorClass.fromWireName(c);
        String named = vs == null || vs.name() == null ? s.vip : vs.name() + " (" + s.vip + ")";
        String sni = Evidence.first(cs.evidence.snis);
        String hint = hint(errorClass, s.vip, sni, s.proxy);
        String summary = switch (status) {
            case RESOLVED -> String.format(Locale.ROOT, "%s on %s at %s resolved after %s: at its peak %d failures%s",
                    c, named, s.observer, duration(atMs - f.firedAtMs), f.peakFailures,
                    look.ratioMode() ? " (" + percent(f.peakRatio, true) + " of attempts)" : "");
            case UPDATE -> String.format(Locale.ROOT, "%s on %s at %s still failing: %s", c, named, s.observer,
                    describe(look));
            default -> String.format(Locale.ROOT, "%s on %s at %s: %s", c, named, s.observer, describe(look));
        };
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("error_class", c);
        details.put("kind", a.rule().kind().wireName());
        details.put("observer", s.observer);
        details.put("vip", s.vip);
        if (s.proxy) {
            details.put(PROXY_DETAIL, true); // a forward proxy's server, not a VIP: storm parents word their hint so
        }
        if (vs != null) {
            putIfSet(details, "vip_name", vs.name());
            putIfSet(details, "partition", vs.partition());
            putIfSet(details, "application", vs.application());
            putIfSet(details, "owner", vs.owner());
            putIfSet(details, "paging_route", vs.pagingRoute());
        }
        details.put("mode", look.ratioMode() ? "ratio" : "baseline");
        details.put("failures", look.failures());
        details.put("scanner_failures", look.figures().scannerFailures());
        if (look.ratioMode()) {
            details.put("attempts", look.figures().attempts());
            details.put("attempts_source", look.figures().attemptsSource());
            details.put("ratio", VipEvaluator.round(look.ratio()));
            details.put("usual_ratio", VipEvaluator.round(look.level()));
        } else {
            details.put("usual_failures_per_window", VipEvaluator.round(look.level()));
        }
        details.put("span_seconds", look.spanMs() / 1000);
        details.put("rule", rule(a, look.ratioMode()));
        details.put("peak_failures", f.peakFailures);
        if (look.ratioMode()) {
            details.put("peak_ratio", VipEvaluator.round(f.peakRatio));
        }
        Evidence e = cs.evidence;
        if (!e.isEmpty()) {
            details.put("evidence_since", Instant.ofEpochMilli(e.sinceMs).toString());
            details.put("top_snis", Evidence.top(e.snis, TOP));
            details.put("top_client_networks", Evidence.top(e.networks, TOP));
            details.put("offered_versions", Evidence.top(e.versions, TOP));
            details.put("top_ja4", Evidence.top(e.ja4, TOP));
            if (!e.certificates.isEmpty()) {
                details.put("server_certificates", Evidence.top(e.certificates, TOP));
            }
            if (!e.cipherLists.isEmpty()) {
                details.put(Evidence.CIPHER_LISTS, Evidence.top(e.cipherLists, Evidence.MAX_CIPHER_LISTS));
            }
            details.put("lines", e.lines);
        }
        details.put("hint", hint);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", ALERT_NAME);
        labels.put("observer", s.observer);
        labels.put("vip", s.vip);
        labels.put("error_class", c);
        // no VIP name among the labels: the inventory may learn or change it while the alert fires, and
        // Alertmanager would take the RESOLVED for another alert
        String severity = severity(a.rule().kind());
        labels.put("severity", severity);
        return AlertEvents.event(dedupKey(s.observer, s.vip, c), status, f.firedAtMs, atMs, summary, severity,
                s.observer, s.vip, c, details, labels, hint);
    }

    private static String describe(Look look) {
        if (look.ratioMode()) {
            return String.format(Locale.ROOT, "%d of %d handshakes failed (%s) in the last %d s (attempts from %s)",
                    look.failures(), look.figures().attempts(), percent(look.ratio(), true), look.spanMs() / 1000,
                    look.figures().attemptsSource());
        }
        String usual = look.level() < 0.05 ? "a class not seen on this VIP lately"
                : String.format(Locale.ROOT, "usually %.1f per %d s", look.level(), look.windowMs() / 1000);
        return String.format(Locale.ROOT, "%d failed handshakes in the last %d s, %s (no attempt count for this VIP)",
                look.failures(), look.spanMs() / 1000, usual);
    }

    private static String duration(long ms) {
        long s = Math.max(0, ms / 1000);
        return s < 120 ? s + " s" : s / 60 + " min";
    }

    private String rule(Applied a, boolean ratioMode) {
        if (ratioMode) {
            String r = String.format(Locale.ROOT, "fire at >= %s of attempts and >= %d failures", percent(a.rule().ratio(),
                    true), a.minFailures());
            return a.rule().kind() == ClassKind.CLIENT
                    ? r + String.format(Locale.ROOT, " and >= %.1fx the usual ratio", policy.baselineFactor()) : r;
        }
        return String.format(Locale.ROOT, "fire at >= %d failures, >= %.1fx the learned level and a count that level"
                + " gives by chance at most once in %,d windows", a.minFailures(), policy.baselineFactor(),
                Math.round(1 / VipEvaluator.BASELINE_SURPRISE));
    }

    private static String percent(double ratio, boolean ratioMode) {
        return ratioMode ? String.format(Locale.ROOT, "%.1f %%", ratio * 100) : String.format(Locale.ROOT, "%.1fx", ratio);
    }

    /**
     * The class hint with this VIP and SNI in its commands; server-side classes get a check command if none.
     *
     * @param proxy the VIP is a server a forward proxy (Netskope) talked to: the hint speaks of a server, not of
     *              BIG-IP profiles
     */
    static String hint(ErrorClass c, String vip, String sni, boolean proxy) {
        String h = c.hint(proxy);
        if (!h.contains("openssl") && ClassKind.defaultFor(c) == ClassKind.SERVER) {
            h = h + "; openssl s_client -connect VIP:PORT -servername SNI";
        }
        // the SNI comes from the client: only a host name goes into a command an operator may paste into a shell
        boolean safe = sni != null && HOST_NAME.matcher(sni).matches();
        return h.replace("VIP:PORT", vip).replace("-servername SNI", "-servername " + (safe ? sni : "<sni>"));
    }

    static String severity(ClassKind kind) {
        return kind == ClassKind.SERVER ? "error" : "warning";
    }

    private static void putIfSet(Map<String, Object> details, String key, String value) {
        if (value != null) {
            details.put(key, value);
        }
    }
}
