package io.tlswatch.processors.api;

import io.tlswatch.processors.views.BoardEntry;
import io.tlswatch.schemas.AlertEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The API's alerts: active ones newest first, then recently resolved ones, each with its evidence and hint. */
public final class AlertViews {
    /** Resolved alerts shown at most. */
    static final int MAX_RECENT = 50;

    private AlertViews() {}

    /**
     * One alert. {@code details} is the event's {@code custom_details}: counts, ratio, top SNIs, client networks,
     * JA4, the first F5 lines.
     */
    public record AlertView(String dedupKey, String status, boolean active, String startsAt, String endsAt,
            String updatedAt, long updatedMs, String summary, String severity, String observer, String vip,
            String errorClass, String hint, Boolean inhibited, String parentKey, Map<String, Object> details) {}

    /** The answer of {@code /api/alerts}. */
    public record AlertList(List<AlertView> active, List<AlertView> recent, boolean partial, List<String> errors) {}

    public static AlertView of(BoardEntry entry) {
        AlertEvent e = entry.event();
        AlertEvent.Payload p = e.payload();
        Map<String, String> labels = e.labels() == null ? Map.of() : e.labels();
        Map<String, String> notes = e.annotations() == null ? Map.of() : e.annotations();
        String vip = labels.get("vip");
        return new AlertView(e.dedupKey(), e.status(), entry.active(), e.startsAt(), e.endsAt(),
                Instant.ofEpochMilli(entry.updatedMs()).toString(), entry.updatedMs(),
                p == null ? notes.get("summary") : p.summary(), p == null ? null : p.severity(),
                p == null ? labels.get("observer") : p.source(), vip != null ? vip : p == null ? null : p.component(),
                p == null ? labels.get("error_class") : p.className(), notes.get("hint"), e.inhibited(), e.parentKey(),
                p == null ? null : p.customDetails());
    }

    /** Active alerts (newest first), then resolved ones (last resolved first, {@link #MAX_RECENT} at most). */
    public static AlertList list(Collection<AlertView> all, boolean partial, List<String> errors) {
        List<AlertView> active = new ArrayList<>();
        List<AlertView> recent = new ArrayList<>();
        for (AlertView a : all) {
            (a.active() ? active : recent).add(a);
        }
        Comparator<AlertView> newest = Comparator.comparing((AlertView a) -> a.startsAt() == null ? "" : a.startsAt())
                .reversed().thenComparing(AlertView::dedupKey);
        active.sort(newest);
        recent.sort(Comparator.comparingLong(AlertView::updatedMs).reversed().thenComparing(AlertView::dedupKey));
        return new AlertList(active, recent.subList(0, Math.min(MAX_RECENT, recent.size())), partial, errors);
    }
}
