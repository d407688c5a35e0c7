package io.tlswatch.processors.alerts;

import io.tlswatch.schemas.AlertEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one builder of alert events (PagerDuty Events v2 and Alertmanager fields, DESIGN §9): VIP alerts, storm
 * parents, certificate and profile warnings alike, with dedup keys bounded as the schema requires.
 */
public final class AlertEvents {
    /** The schema's bound on {@code dedup_key}. */
    public static final int MAX_DEDUP_KEY = 255;
    /** How far ahead of the wall clock an alert record may be stamped (the broker refuses more than an hour). */
    public static final long MAX_RECORD_AHEAD_MS = 60_000;
    /** The part of the observer kept in an over-long key. */
    private static final int MAX_OBSERVER_IN_KEY = 64;
    private static final int HASH_SUFFIX = 17; // "~" + 16 hex digits

    private AlertEvents() {}

    /**
     * {@code tlswatch/<observer>/<object>/<class>}, e.g. {@code tlswatch/bigip-01/cert:default.crt/cert_expiring}.
     * Names may reach 1 024 characters and the key only 255: a part that does not fit keeps its head and gets a
     * hash of the whole, so the key stays stable and distinct.
     */
    public static String dedupKey(String observer, String object, String errorClass) {
        String key = "tlswatch/" + observer + "/" + object + "/" + errorClass;
        if (key.length() <= MAX_DEDUP_KEY) {
            return key;
        }
        String o = observer.length() > MAX_OBSERVER_IN_KEY ? shorten(observer, MAX_OBSERVER_IN_KEY) : observer;
        int budget = MAX_DEDUP_KEY - ("tlswatch/" + o + "//" + errorClass).length();
        return "tlswatch/" + o + "/" + (object.length() > budget ? shorten(object, budget) : object) + "/" + errorClass;
    }

    private static String shorten(String s, int max) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return s.substring(0, max - HASH_SUFFIX) + "~" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * The Kafka timestamp of an alert about {@code atMs}, a time that may come from a device's clock: never more
     * than {@link #MAX_RECORD_AHEAD_MS} past the wall clock, so that a lying clock cannot make the broker refuse
     * the record and stop the stream thread.
     */
    public static long recordTimestamp(long atMs, long wallMs) {
        return Math.min(atMs, wallMs + MAX_RECORD_AHEAD_MS);
    }

    /**
     * The hint an alert of this class on this VIP carries, its commands filled in (the API's VIP page), for a VIP a
     * BIG-IP ({@code proxy} false) or a forward proxy saw.
     */
    public static String hint(String errorClass, String vip, String sni, boolean proxy) {
        return AlertMessages.hint(io.tlswatch.processors.classify.ErrorClass.fromWireName(errorClass), vip, sni, proxy);
    }

    /** The {@code alertname} label of the VIP alerts (Alertmanager groups by it). */
    public static final String ALERT_NAME = "TlsHandshakeFailures";

    public static String iso(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString();
    }

    /** At most {@link AlertEvent#MAX_SUMMARY} characters, an ellipsis marking a cut. */
    public static String summary(String text) {
        return text.length() <= AlertEvent.MAX_SUMMARY ? text : text.substring(0, AlertEvent.MAX_SUMMARY - 1) + "…";
    }

    /** FIRING and UPDATE trigger; RESOLVED resolves and carries {@code ends_at}. */
    public static AlertEvent event(String dedupKey, String status, long firedAtMs, long atMs, String summary, String severity,
            String source, String component, String errorClass, Map<String, Object> details,
            Map<String, String> labels, String hint) {
        boolean resolved = "RESOLVED".equals(status);
        String s = summary(summary);
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", s);
        annotations.put("hint", hint);
        return new AlertEvent(dedupKey, resolved ? "resolve" : "trigger", status, iso(firedAtMs),
                resolved ? iso(atMs) : null,
                new AlertEvent.Payload(s, severity, source, component, source, errorClass, iso(atMs), details),
                labels, annotations);
    }
}
