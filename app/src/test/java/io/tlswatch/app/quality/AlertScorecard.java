package io.tlswatch.app.quality;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlswatch.ingest.simulator.GroundTruth;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.ObserverName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Scores an analysis' {@code alerts.jsonl} ({@code AlertEvent} JSON lines, in the order the engine wrote them)
 * against the simulator's ground truth ({@link GroundTruth}, one record per incident and VIP) with a detection goal
 * per incident ({@link Incident}). The rules:
 * <ul>
 *   <li>an alert <em>episode</em> is a FIRING and the next RESOLVED of its dedup key; a second FIRING while one
 *       is open is a duplicate;</li>
 *   <li>an episode matches an incident with the same observer, VIP and class when it fires within
 *       {@value #SLACK_MS} ms of the incident (before onset or after its end); a storm parent
 *       ({@code tlswatch/<observer>/ * /<class>}) matches every incident of a storm group of its class;</li>
 *   <li>an incident is detected by the first <em>delivered</em> episode that matches it (not {@code inhibited}),
 *       or by its storm parent; time to detect = that FIRING's {@code payload.timestamp} minus the onset;</li>
 *   <li>time to resolve = the detecting episode's RESOLVED minus the incident's end; every matched episode,
 *       delivered or not, must resolve within {@value #RESOLVE_WITHIN_MS} ms after its incident ends, and
 *       every other episode must resolve at all;</li>
 *   <li>a false page is a delivered episode that matches no incident;</li>
 *   <li>pages per storm = delivered episodes matching the storm's incidents (parents and uninhibited children).</li>
 * </ul>
 */
final class AlertScorecard {
    /** How far before the onset or after the end a FIRING still belongs to an incident. */
    static final long SLACK_MS = 120_000;
    /** Every FIRING of an incident resolves within this after the incident ends (DESIGN §9). */
    static final long RESOLVE_WITHIN_MS = 180_000;
    /** Delivered pages one storm may cause (the issue: 25 VIPs, at most 3 pages). */
    static final int MAX_STORM_PAGES = 3;

    private AlertScorecard() {}

    /**
     * An incident to page: a ground-truth record and how soon after onset it must page.
     *
     * @param name          the incident's name in the scenario (storm members share it)
     * @param vip           {@code address:port}
     * @param errorClass    the class tlswatch gives its failures
     * @param group         the storm it belongs to, or null
     * @param detectWithinS how soon after onset it must page by the goals, or null when they set no bound
     */
    record Incident(String observer, String name, String vip, String errorClass, String start, String end,
                    String group, Long detectWithinS) {
        Incident {
            Objects.requireNonNull(vip, "vip");
            Objects.requireNonNull(errorClass, "errorClass");
        }

        static Incident of(GroundTruth truth, Long detectWithinS) {
            return new Incident(truth.observer(), truth.incident(), truth.vip(), truth.errorClass(), truth.start(),
                    truth.end(), truth.group(), detectWithinS);
        }

        long startMs() {
            return Instant.parse(start).toEpochMilli();
        }

        long endMs() {
            return Instant.parse(end).toEpochMilli();
        }
    }

    /** One line of {@code alerts.jsonl}: what the scorecard reads of it. */
    record Alert(int line, String dedupKey, String observer, String vip, String errorClass, String status,
                 boolean inhibited, long atMs) {
        boolean parent() {
            return "*".equals(vip);
        }

        String at() {
            return Instant.ofEpochMilli(atMs).toString();
        }
    }

    /** A FIRING and the RESOLVED that closed it (null: never resolved). */
    record Episode(Alert firing, Alert resolved) {}

    /**
     * @param detectMs   FIRING minus onset, null when missed
     * @param detectedBy the dedup key whose FIRING detected it
     * @param resolveMs  that episode's RESOLVED minus the incident's end, null when missed or never resolved
     * @param pages      delivered episodes matching it (a storm parent counts for each member)
     */
    record IncidentScore(Incident incident, Long detectMs, String detectedBy, Long resolveMs, int pages) {
        boolean missed() {
            return detectMs == null;
        }

        /** Detected later than the goal for it allows. */
        boolean late() {
            return detectMs != null && incident.detectWithinS() != null && detectMs > incident.detectWithinS() * 1000;
        }
    }

    /**
     * The score.
     *
     * @param unresolved    FIRINGs without a RESOLVED (dedup key and time)
     * @param lateResolves  matched FIRINGs resolved more than {@link #RESOLVE_WITHIN_MS} after their incident ended
     * @param pagesPerStorm delivered pages per storm group
     */
    record Scorecard(List<IncidentScore> incidents, List<Alert> falsePages, List<Alert> duplicates,
                     List<Alert> unresolved, List<String> lateResolves, Map<String, Integer> pagesPerStorm,
                     int firings, int deliveredFirings) {

        List<IncidentScore> missed() {
            return incidents.stream().filter(IncidentScore::missed).toList();
        }

        List<IncidentScore> late() {
            return incidents.stream().filter(IncidentScore::late).toList();
        }

        String table() {
            return ScorecardTable.render(this);
        }
    }

    static List<Alert> read(Path alertsJsonl) throws IOException {
        List<Alert> alerts = new ArrayList<>();
        List<String> lines = Files.readAllLines(alertsJsonl);
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                alerts.add(parse(lines.get(i), i + 1));
            }
        }
        return alerts;
    }

    /** One AlertEvent JSON line; the dedup key names observer, VIP and class. */
    static Alert parse(String json, int line) throws IOException {
        JsonNode doc = Json.MAPPER.readTree(json);
        String key = doc.path("dedup_key").asText();
        String[] parts = key.split("/", -1);
        if (parts.length != 4 || !"tlswatch".equals(parts[0])) {
            throw new IOException("line " + line + ": dedup_key '" + key + "' is not tlswatch/<observer>/<vip>/<class>");
        }
        String status = doc.path("status").asText();
        String at = doc.path("payload").path("timestamp").asText(null);
        if (at == null) {
            at = doc.path("RESOLVED".equals(status) ? "ends_at" : "starts_at").asText(null);
        }
        if (at == null) {
            throw new IOException("line " + line + ": no payload.timestamp");
        }
        return new Alert(line, key, parts[1], parts[2], parts[3], status, doc.path("inhibited").asBoolean(false),
                Instant.parse(at).toEpochMilli());
    }

    static Scorecard score(List<Alert> alerts, List<Incident> truth) {
        List<Alert> duplicates = new ArrayList<>();
        List<Episode> episodes = episodes(alerts, duplicates);
        Map<Episode, List<Incident>> matches = new HashMap<>();
        for (Episode e : episodes) {
            matches.put(e, truth.stream().filter(i -> matches(e.firing(), i, truth)).toList());
        }
        List<IncidentScore> scores = new ArrayList<>();
        for (Incident incident : truth) {
            List<Episode> delivered = episodes.stream()
                    .filter(e -> !e.firing().inhibited() && matches.get(e).contains(incident)).toList();
            Episode first = delivered.stream().min(Comparator.comparingLong(e -> e.firing().atMs())).orElse(null);
            if (first == null) {
                scores.add(new IncidentScore(incident, null, null, null, 0));
            } else {
                Long resolve = first.resolved() == null ? null : first.resolved().atMs() - incident.endMs();
                scores.add(new IncidentScore(incident, first.firing().atMs() - incident.startMs(),
                        first.firing().dedupKey(), resolve, delivered.size()));
            }
        }
        List<Alert> falsePages = new ArrayList<>();
        List<Alert> unresolved = new ArrayList<>();
        List<String> lateResolves = new ArrayList<>();
        Map<String, Integer> pagesPerStorm = new TreeMap<>();
        truth.stream().map(Incident::group).filter(Objects::nonNull)
                .forEach(g -> pagesPerStorm.put(g, 0));
        for (Episode e : episodes) {
            List<Incident> matched = matches.get(e);
            Alert firing = e.firing();
            if (e.resolved() == null) {
                unresolved.add(firing);
            }
            if (matched.isEmpty()) {
                if (!firing.inhibited()) {
                    falsePages.add(firing);
                }
                continue;
            }
            long end = matched.stream().mapToLong(Incident::endMs).max().orElseThrow();
            if (e.resolved() != null && e.resolved().atMs() - end > RESOLVE_WITHIN_MS) {
                lateResolves.add(firing.dedupKey() + " resolved " + (e.resolved().atMs() - end) / 1000 + " s after "
                        + Instant.ofEpochMilli(end));
            }
            if (!firing.inhibited()) {
                matched.stream().map(Incident::group).filter(Objects::nonNull).distinct()
                        .forEach(g -> pagesPerStorm.merge(g, 1, Integer::sum));
            }
        }
        int firings = (int) alerts.stream().filter(a -> "FIRING".equals(a.status())).count();
        int delivered = (int) alerts.stream().filter(a -> "FIRING".equals(a.status()) && !a.inhibited()).count();
        return new Scorecard(List.copyOf(scores), List.copyOf(falsePages), List.copyOf(duplicates),
                List.copyOf(unresolved), List.copyOf(lateResolves), Map.copyOf(pagesPerStorm), firings, delivered);
    }

    /** FIRING → RESOLVED per dedup key, in file order; a FIRING while one is open goes to {@code duplicates}. */
    static List<Episode> episodes(List<Alert> alerts, List<Alert> duplicates) {
        Map<String, Alert> open = new HashMap<>();
        List<Episode> episodes = new ArrayList<>();
        Map<Alert, Integer> index = new HashMap<>();
        for (Alert a : alerts) {
            switch (a.status()) {
                case "FIRING" -> {
                    if (open.containsKey(a.dedupKey())) {
                        duplicates.add(a);
                    } else {
                        open.put(a.dedupKey(), a);
                        index.put(a, episodes.size());
                        episodes.add(new Episode(a, null));
                    }
                }
                case "RESOLVED" -> {
                    Alert firing = open.remove(a.dedupKey());
                    if (firing != null) {
                        episodes.set(index.get(firing), new Episode(firing, a));
                    }
                }
                default -> { } // UPDATE changes nothing the scorecard counts
            }
        }
        return episodes;
    }

    private static boolean matches(Alert firing, Incident incident, List<Incident> truth) {
        if (!firing.observer().equals(ObserverName.of(incident.observer()))
                || !firing.errorClass().equals(incident.errorClass())) {
            return false;
        }
        long from;
        long to;
        if (firing.parent()) {
            if (incident.group() == null) {
                return false;
            }
            List<Incident> storm = truth.stream()
                    .filter(i -> incident.group().equals(i.group()) && i.errorClass().equals(incident.errorClass()))
                    .toList();
            from = storm.stream().mapToLong(Incident::startMs).min().orElseThrow();
            to = storm.stream().mapToLong(Incident::endMs).max().orElseThrow();
        } else {
            if (!firing.vip().equals(incident.vip())) {
                return false;
            }
            from = incident.startMs();
            to = incident.endMs();
        }
        return firing.atMs() >= from - SLACK_MS && firing.atMs() <= to + SLACK_MS;
    }
}
