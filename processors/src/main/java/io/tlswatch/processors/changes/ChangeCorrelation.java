package io.tlswatch.processors.changes;

import io.tlswatch.processors.alerts.AlertEvents;
import io.tlswatch.processors.inventory.VipDirectory;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.ChangeEvent;
import io.tlswatch.schemas.Texts;
import io.tlswatch.schemas.VirtualServer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Attaches to a FIRING alert the configuration changes on its BIG-IP in the window before it fired that touch
 * its VIP (issue 15): the virtual server itself, its client-ssl profiles (the inventory: the TS system poller lists
 * each VIP's profiles), and what those name in turn (a profile's certificates, keys, chain, cipher group, parent
 * profile; a VIP's iRules), as far as the changes seen name them. Newest first, and the newest whose kind of
 * change explains the alert's class is the "likely cause". A storm parent gets the changes of all its VIPs; a
 * change on an object many of them share is said to be shared. Pure: the live processor and tests drive it.
 */
public final class ChangeCorrelation {
    /** Changes listed per alert. */
    public static final int MAX_LISTED = 10;
    /** Hops from the VIP: VIP → profile → certificate / cipher group → cipher rule. */
    static final int MAX_HOPS = 3;
    /** Objects followed per alert: a storm parent lists at most 100 VIPs. */
    static final int MAX_RELATED = 5_000;
    private static final int MAX_COMMAND_IN_LINE = 120;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Duration window;

    public ChangeCorrelation(Duration window) {
        this.window = window;
    }

    /** Whether {@link #attach} may change this alert: a FIRING VIP alert or storm parent. */
    public boolean wants(AlertEvent alert) {
        return !window.isZero() && alert != null && "FIRING".equals(alert.status()) && alert.labels() != null
                && AlertEvents.ALERT_NAME.equals(alert.labels().get("alertname")) && alert.labels().get("observer") != null
                && alert.payload() != null;
    }

    /**
     * @param changes   the latest change of each object of the alert's BIG-IP (the view); any order
     * @param directory the inventory
     * @return the alert with {@code changes} and, when one explains the class, {@code likely_cause} in its details
     *         and annotations; the alert itself when no change touches its VIP
     */
    public AlertEvent attach(AlertEvent alert, Collection<ChangeEvent> changes, VipDirectory directory) {
        if (!wants(alert) || changes.isEmpty()) {
            return alert;
        }
        String observer = alert.labels().get("observer");
        String errorClass = alert.payload().className();
        long firedAt;
        try {
            firedAt = Instant.parse(alert.startsAt()).toEpochMilli();
        } catch (DateTimeParseException | NullPointerException e) {
            return alert;
        }
        Map<String, List<ChangeEvent>> byName = new HashMap<>();
        for (ChangeEvent c : changes) {
            byName.computeIfAbsent(c.objectName(), k -> new ArrayList<>()).add(c);
        }
        // object → how it relates to the alert's VIPs, and how many of them it touches
        Map<String, String> via = new LinkedHashMap<>();
        Map<String, Integer> vipsTouched = new HashMap<>();
        for (Map<String, String> vip : vips(alert)) {
            for (Map.Entry<String, String> e : related(observer, vip, byName, directory).entrySet()) {
                via.putIfAbsent(e.getKey(), e.getValue());
                vipsTouched.merge(e.getKey(), 1, Integer::sum);
            }
        }
        List<ChangeEvent> hits = changes.stream()
                .filter(c -> c.ok() && via.containsKey(c.objectName()))
                .filter(c -> c.timestampMs() <= firedAt && c.timestampMs() >= firedAt - window.toMillis())
                .sorted(Comparator.comparingLong(ChangeEvent::timestampMs).reversed()
                        .thenComparing(ChangeEvent::key))
                .limit(MAX_LISTED)
                .toList();
        if (hits.isEmpty()) {
            return alert;
        }
        boolean storm = "*".equals(alert.labels().get("vip"));
        List<Map<String, Object>> listed = new ArrayList<>();
        String likely = null;
        for (ChangeEvent c : hits) {
            String reason = LikelyCause.explains(errorClass, c);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", AlertEvents.iso(c.timestampMs()));
            m.put("seconds_before", (firedAt - c.timestampMs()) / 1000);
            putIfSet(m, "user", c.user());
            m.put("origin", c.origin());
            m.put("verb", c.verb());
            m.put("object_kind", c.objectKind());
            m.put("object", c.objectName());
            m.put("aspects", c.aspects());
            m.put("related_as", via.get(c.objectName()));
            int shared = vipsTouched.getOrDefault(c.objectName(), 0);
            if (storm) {
                m.put("vips_sharing", shared);
            }
            putIfSet(m, "command", c.command());
            m.put("likely_cause", reason != null);
            listed.add(m);
            if (reason != null && likely == null) {
                likely = line(c, observer, firedAt, reason, storm && shared > 1 ? shared : 0);
            }
        }
        Map<String, Object> details = new LinkedHashMap<>(
                alert.payload().customDetails() == null ? Map.of() : alert.payload().customDetails());
        details.put("changes", listed);
        Map<String, String> annotations = new LinkedHashMap<>(
                alert.annotations() == null ? Map.of() : alert.annotations());
        String summary = alert.payload().summary();
        if (likely != null) {
            details.put("likely_cause", likely);
            annotations.put("likely_cause", likely);
            summary = AlertEvents.summary(summary + " — " + likely);
            annotations.put("summary", summary);
        }
        AlertEvent.Payload p = alert.payload();
        return new AlertEvent(alert.dedupKey(), alert.eventAction(), alert.status(), alert.startsAt(),
                alert.endsAt(), new AlertEvent.Payload(summary, p.severity(), p.source(), p.component(), p.group(),
                        p.className(), p.timestamp(), details),
                alert.labels(), annotations, alert.inhibited(), alert.parentKey());
    }

    /** "likely cause: at 08:11:20 UTC admin ran `modify ...` (tmsh) on bigip-01, 64 s before the alert: ...". */
    private static String line(ChangeEvent c, String observer, long firedAt, String reason, int sharedBy) {
        String who = c.user() != null ? c.user() : "someone";
        String command = c.command() == null ? c.verb() + " " + c.objectKind() + " " + c.objectName()
                : Texts.cutMarked(c.command(), MAX_COMMAND_IN_LINE);
        String shared = sharedBy > 1 ? String.format(Locale.ROOT, "; %s is shared by %d of these VIPs",
                c.objectName(), sharedBy) : "";
        return String.format(Locale.ROOT, "likely cause: at %s %s ran `%s` (%s) on %s, %d s before the alert: %s%s",
                CLOCK.format(Instant.ofEpochMilli(c.timestampMs())), who, command, c.origin(), observer,
                (firedAt - c.timestampMs()) / 1000, reason, shared);
    }

    /** The alert's VIPs: its own, or a storm parent's list. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> vips(AlertEvent alert) {
        Map<String, Object> d = alert.payload().customDetails();
        List<Map<String, String>> out = new ArrayList<>();
        if (d == null) {
            return out;
        }
        if (d.get("vips") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) {
                    Map<String, String> v = new HashMap<>();
                    v.put("vip", m.get("vip") instanceof String s ? s : null);
                    v.put("vip_name", m.get("vip_name") instanceof String s ? s : null);
                    out.add(v);
                }
            }
        } else {
            Map<String, String> v = new HashMap<>();
            v.put("vip", d.get("vip") instanceof String s ? s : null);
            v.put("vip_name", d.get("vip_name") instanceof String s ? s : null);
            out.add(v);
        }
        return out;
    }

    /** The objects one VIP depends on, each with how: the VIP, its profiles, what the changes say they name. */
    static Map<String, String> related(String observer, Map<String, String> vip, Map<String, List<ChangeEvent>> byName,
            VipDirectory directory) {
        Map<String, String> via = new LinkedHashMap<>();
        VirtualServer vs = vip.get("vip") == null ? null : directory.find(observer, vip.get("vip"));
        String name = vip.get("vip_name") != null ? vip.get("vip_name") : vs == null ? null : vs.name();
        Deque<String[]> queue = new ArrayDeque<>(); // name, hops
        if (name != null) {
            via.put(qualify(name), "the virtual server");
            queue.add(new String[] {qualify(name), "0"});
        }
        if (vs != null && vs.clientSslProfiles() != null) {
            for (String p : vs.clientSslProfiles()) {
                if (via.putIfAbsent(qualify(p), "client-ssl profile of the virtual server") == null) {
                    queue.add(new String[] {qualify(p), "1"});
                }
            }
        }
        while (!queue.isEmpty() && via.size() < MAX_RELATED) {
            String[] at = queue.poll();
            int hops = Integer.parseInt(at[1]);
            if (hops >= MAX_HOPS) {
                continue;
            }
            for (ChangeEvent c : byName.getOrDefault(at[0], List.of())) {
                for (String ref : c.references()) {
                    if (via.putIfAbsent(ref, "named by " + at[0]) == null) {
                        queue.add(new String[] {ref, String.valueOf(hops + 1)});
                    }
                }
            }
        }
        return via;
    }

    /** Inventory names are full paths; a bare name is in /Common, as tmsh would take it. */
    static String qualify(String name) {
        return name.startsWith("/") ? name : "/Common/" + name;
    }

    private static void putIfSet(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
