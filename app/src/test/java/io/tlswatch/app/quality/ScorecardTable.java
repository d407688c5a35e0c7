package io.tlswatch.app.quality;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@link AlertScorecard.Scorecard} as a text table for people (and {@code target/alert-quality.txt}). */
final class ScorecardTable {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final String ROW = "%-18s %-20s %-20s %-8s %-8s %6s %8s %9s %5s  %s%n";
    /** Alerts listed by name under each total; the rest are counted. */
    private static final int MAX_LISTED = 15;

    private ScorecardTable() {}

    static String render(AlertScorecard.Scorecard card) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, ROW, "incident", "vip", "class", "onset", "end", "goal s", "detect s",
                "resolve s", "pages", "verdict (detected by)"));
        for (AlertScorecard.IncidentScore s : card.incidents()) {
            AlertScorecard.Incident i = s.incident();
            String verdict = s.missed() ? "MISSED" : s.late() ? "LATE (" + s.detectedBy() + ")" : "ok (" + s.detectedBy() + ")";
            if (!s.missed() && (s.resolveMs() == null || s.resolveMs() > AlertScorecard.RESOLVE_WITHIN_MS)) {
                verdict += s.resolveMs() == null ? ", NEVER RESOLVED" : ", RESOLVED LATE";
            }
            sb.append(String.format(Locale.ROOT, ROW, i.name(), i.vip(), i.errorClass(), clock(i.start()),
                    clock(i.end()), i.detectWithinS() == null ? "-" : i.detectWithinS().toString(),
                    seconds(s.detectMs()), seconds(s.resolveMs()), s.pages(), verdict));
        }
        long detected = card.incidents().size() - card.missed().size();
        sb.append(String.format(Locale.ROOT, "%nincidents %d: detected %d, missed %d, detected late %d%n",
                card.incidents().size(), detected, card.missed().size(), card.late().size()));
        sb.append(String.format(Locale.ROOT, "detect s: median %s, max %s; resolve s: median %s, max %s%n",
                seconds(median(card.incidents().stream().map(AlertScorecard.IncidentScore::detectMs).toList())),
                seconds(max(card.incidents().stream().map(AlertScorecard.IncidentScore::detectMs).toList())),
                seconds(median(card.incidents().stream().map(AlertScorecard.IncidentScore::resolveMs).toList())),
                seconds(max(card.incidents().stream().map(AlertScorecard.IncidentScore::resolveMs).toList()))));
        sb.append(String.format(Locale.ROOT, "FIRING events %d, delivered %d; pages per storm: %s (allowed %d)%n",
                card.firings(), card.deliveredFirings(), storms(card.pagesPerStorm()), AlertScorecard.MAX_STORM_PAGES));
        list(sb, "false pages", card.falsePages());
        list(sb, "duplicate FIRINGs", card.duplicates());
        list(sb, "FIRINGs never RESOLVED", card.unresolved());
        sb.append("RESOLVED more than ").append(AlertScorecard.RESOLVE_WITHIN_MS / 1000).append(" s after the end: ")
                .append(card.lateResolves().size()).append('\n');
        card.lateResolves().stream().limit(MAX_LISTED).forEach(l -> sb.append("  ").append(l).append('\n'));
        return sb.toString();
    }

    private static void list(StringBuilder sb, String title, List<AlertScorecard.Alert> alerts) {
        sb.append(title).append(": ").append(alerts.size()).append('\n');
        alerts.stream().limit(MAX_LISTED).forEach(a -> sb.append("  ").append(clock(a.at())).append(' ')
                .append(a.dedupKey()).append(a.inhibited() ? " (inhibited)" : "").append('\n'));
        if (alerts.size() > MAX_LISTED) {
            sb.append("  ... and ").append(alerts.size() - MAX_LISTED).append(" more\n");
        }
    }

    private static String storms(Map<String, Integer> pages) {
        return pages.isEmpty() ? "none" : pages.toString();
    }

    private static String clock(String instant) {
        return CLOCK.format(Instant.parse(instant));
    }

    private static String seconds(Long ms) {
        return ms == null ? "-" : String.format(Locale.ROOT, "%.1f", ms / 1000.0);
    }

    private static Long median(List<Long> values) {
        List<Long> known = values.stream().filter(v -> v != null).sorted().toList();
        return known.isEmpty() ? null : known.get(known.size() / 2);
    }

    private static Long max(List<Long> values) {
        return values.stream().filter(v -> v != null).max(Long::compare).orElse(null);
    }
}
