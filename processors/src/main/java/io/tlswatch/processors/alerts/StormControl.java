package io.tlswatch.processors.alerts;

import io.tlswatch.processors.alerts.StormState.Child;
import io.tlswatch.processors.alerts.StormState.Parent;
import io.tlswatch.processors.alerts.StormState.Recent;
import io.tlswatch.processors.classify.ErrorClass;
import io.tlswatch.schemas.AlertEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Storm control (DESIGN §9): when {@code alerts.storm.vips} VIPs of one BIG-IP fire the same class within
 * {@code alerts.storm.window}, one parent alert {@code tlswatch/<observer>/ * /<class>} lists them; the alerts of
 * VIPs that fire while the storm lasts are written {@code inhibited} and not delivered. Those delivered before
 * the storm was seen keep being delivered (a page once sent must also be resolved). The parent resolves when the
 * last of its VIPs does. Pure: the live processor and the analysis drive it alike.
 */
public final class StormControl {
    static final int MAX_LISTED = 100;
    private static final long PARENT_UPDATE_EVERY_MS = 60_000;
    private static final int MAX_RECENT = 1_000;

    /** An event to write, at event time {@code atMs}. */
    public record Out(AlertEvent event, long atMs) {}

    private final AlertPolicy policy;

    public StormControl(AlertPolicy policy) {
        this.policy = policy;
    }

    /** The key of the storm state an alert belongs to: {@code observer/class}; null for an alert no storm covers. */
    public static String stormKey(AlertEvent e) {
        if (e.payload() == null || e.payload().source() == null || e.payload().className() == null
                || !AlertMessages.ALERT_NAME.equals(e.labels() == null ? null : e.labels().get("alertname"))) {
            return null;
        }
        return e.payload().source() + "/" + e.payload().className();
    }

    /** One VIP alert transition through storm control: the events to write, children first. */
    public List<Out> process(StormState st, AlertEvent child, long t) {
        List<Out> out = new ArrayList<>();
        String key = child.dedupKey();
        Map<String, Object> d = child.payload().customDetails();
        switch (child.status()) {
            case AlertMessages.FIRING -> {
                st.recent.removeIf(r -> r.firedAtMs() < t - policy.stormWindow().toMillis());
                st.recent.add(new Recent(child.payload().component(), t));
                if (st.recent.size() > MAX_RECENT) {
                    st.recent.subList(0, st.recent.size() - MAX_RECENT).clear();
                }
                Child c = new Child();
                c.vip = child.payload().component();
                c.vipName = d == null ? null : (String) d.get("vip_name");
                c.severity = child.payload().severity();
                note(c, d);
                st.children.put(key, c);
                if (st.parent == null && distinctVips(st) >= policy.stormVips()) {
                    st.parent = new Parent();
                    st.parent.firedAtMs = t;
                    st.parent.lastUpdateMs = t;
                    st.children.values().forEach(x -> x.member = true);
                    c.inhibited = true;
                    out.add(new Out(inhibit(child, st), t));
                    st.parent.sentMembers = members(st);
                    // one observer per storm: a BIG-IP's VIPs, or the servers one forward proxy talked to
                    st.parent.proxy = st.children.values().stream().allMatch(x -> x.proxy);
                    out.add(new Out(parent(st, "FIRING", t), t));
                } else if (st.parent != null) {
                    c.inhibited = true;
                    c.member = true;
                    out.add(new Out(inhibit(child, st), t));
                    maybeUpdate(st, t, out);
                } else {
                    out.add(new Out(child, t));
                }
            }
            case AlertMessages.UPDATE -> {
                Child c = st.children.get(key);
                if (c != null) {
                    note(c, d);
                }
                out.add(new Out(c != null && c.inhibited ? inhibit(child, st) : child, t));
                if (c != null && c.member) {
                    maybeUpdate(st, t, out);
                }
            }
            default -> {
                Child c = st.children.remove(key);
                out.add(new Out(c != null && c.inhibited ? inhibit(child, st) : child, t));
                if (st.parent != null && members(st) == 0) {
                    out.add(new Out(parent(st, "RESOLVED", t), t));
                    st.parent = null;
                }
            }
        }
        return out;
    }

    /** Nothing to remember: no parent, no child, no recent firing inside the window. */
    public boolean isEmpty(StormState st, long t) {
        st.recent.removeIf(r -> r.firedAtMs() < t - policy.stormWindow().toMillis());
        return st.parent == null && st.children.isEmpty() && st.recent.isEmpty();
    }

    private void maybeUpdate(StormState st, long t, List<Out> out) {
        Parent p = st.parent;
        int members = members(st);
        if (members != p.sentMembers && t - p.lastUpdateMs >= PARENT_UPDATE_EVERY_MS) {
            p.lastUpdateMs = t;
            p.sentMembers = members;
            out.add(new Out(parent(st, "UPDATE", t), t));
        }
    }

    private static void note(Child c, Map<String, Object> d) {
        if (d == null) {
            return;
        }
        if (d.get("failures") instanceof Number n) {
            c.failures = n.longValue();
        }
        if (d.get("ratio") instanceof Number n) {
            c.ratio = n.doubleValue();
        }
        c.proxy = Boolean.TRUE.equals(d.get(AlertMessages.PROXY_DETAIL));
    }

    /** VIPs that fired within the window and still fire: a storm is many VIPs down at once. */
    private static int distinctVips(StormState st) {
        Set<String> firing = new LinkedHashSet<>();
        st.children.values().forEach(c -> firing.add(c.vip));
        Set<String> vips = new LinkedHashSet<>();
        st.recent.forEach(r -> {
            if (firing.contains(r.vip())) {
                vips.add(r.vip());
            }
        });
        return vips.size();
    }

    private static int members(StormState st) {
        return (int) st.children.values().stream().filter(c -> c.member).count();
    }

    public static String parentKey(String observer, String errorClass) {
        return AlertEvents.dedupKey(observer, "*", errorClass);
    }

    private static AlertEvent inhibit(AlertEvent e, StormState st) {
        return new AlertEvent(e.dedupKey(), e.eventAction(), e.status(), e.startsAt(), e.endsAt(), e.payload(),
                e.labels(), e.annotations(), true, parentKey(st.observer, st.errorClass));
    }

    private AlertEvent parent(StormState st, String status, long t) {
        List<Map<String, Object>> vips = new ArrayList<>();
        StringBuilder names = new StringBuilder();
        long failures = 0;
        String severity = "warning";
        for (Map.Entry<String, Child> e : st.children.entrySet()) {
            Child c = e.getValue();
            if (!c.member) {
                continue;
            }
            failures += c.failures;
            severity = "error".equals(c.severity) ? "error" : severity;
            if (vips.size() < MAX_LISTED) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("vip", c.vip);
                if (c.vipName != null) {
                    v.put("vip_name", c.vipName);
                }
                v.put("failures", c.failures);
                if (c.ratio != null) {
                    v.put("ratio", c.ratio);
                }
                v.put("dedup_key", e.getKey());
                v.put("delivered_alone", !c.inhibited);
                vips.add(v);
                names.append(names.length() == 0 ? "" : ", ").append(c.vipName != null ? c.vipName : c.vip);
            }
        }
        int members = members(st);
        ErrorClass c = ErrorClass.fromWireName(st.errorClass);
        boolean proxy = st.parent.proxy;
        boolean resolved = "RESOLVED".equals(status);
        String summary = resolved
                ? String.format(Locale.ROOT, "%s storm on %s resolved: every VIP recovered", st.errorClass, st.observer)
                : String.format(Locale.ROOT, "%s on %d VIPs of %s (storm: %d or more within %d s, one change "
                        + "behind many VIPs?): %s", st.errorClass, members, st.observer, policy.stormVips(),
                        policy.stormWindow().toSeconds(), names);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("error_class", st.errorClass);
        details.put("observer", st.observer);
        details.put("storm", true);
        details.put("vip_count", members);
        details.put("failures", failures);
        details.put("vips", vips);
        details.put("hint", proxy
                ? c.hint(true) + "; what these servers share (a CA, a hosting provider, the proxy's own trust store) "
                        + "is the first suspect"
                : c.hint(false) + "; a change shared by these VIPs (a profile, a CA bundle, a cipher group) "
                        + "is the first suspect");
        if (proxy) {
            details.put(AlertMessages.PROXY_DETAIL, true);
        }
        String key = parentKey(st.observer, st.errorClass);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", AlertMessages.ALERT_NAME);
        labels.put("observer", st.observer);
        labels.put("vip", "*");
        labels.put("error_class", st.errorClass);
        labels.put("severity", severity);
        labels.put("storm", "true");
        return AlertEvents.event(key, status, st.parent.firedAtMs, t, summary, severity, st.observer, "*",
                st.errorClass, details, labels, (String) details.get("hint"));
    }
}
