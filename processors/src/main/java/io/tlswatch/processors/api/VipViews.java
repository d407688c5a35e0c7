package io.tlswatch.processors.api;

import io.tlswatch.processors.alerts.AlertEvents;
import io.tlswatch.processors.alerts.AlertPolicy;
import io.tlswatch.processors.alerts.VipEvaluator;
import io.tlswatch.processors.classify.ErrorClass;
import io.tlswatch.processors.rates.Evidence;
import io.tlswatch.processors.rates.RateInput;
import io.tlswatch.processors.rates.VipState;
import io.tlswatch.processors.rates.VipState.Bucket;
import io.tlswatch.processors.rates.VipState.ClassState;
import io.tlswatch.processors.rates.VipState.Figures;
import io.tlswatch.processors.rates.VipWindows;
import io.tlswatch.processors.views.RecentFailures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The API's view of one VIP, read out of its {@link VipState} (never changed: the store's values are shared) at
 * the VIP's own time: figures over the short (alert) and long (reference) windows, per class, a sparkline, and
 * for the VIP page the time series per bucket, the evidence of its classes and its last failed handshakes. Pure
 * functions of the state and the policy; the JSON shapes are the records below (snake_case on the wire).
 */
public final class VipViews {
    static final int TOP = 10;

    private final AlertPolicy policy;
    private final VipWindows windows;
    private final long bucketMs;
    private final long shortMs;
    private final long longMs;

    public VipViews(AlertPolicy policy) {
        this.policy = policy;
        this.bucketMs = policy.bucket().toMillis();
        this.windows = new VipWindows(bucketMs, policy.pollerStale().toMillis());
        this.shortMs = roundUp(policy.shortWindow().toMillis());
        this.longMs = roundUp(policy.longWindow().toMillis());
    }

    /** Counts over one window; {@code attempts} and {@code ratio} null when nothing counted attempts. */
    public record WindowFigures(long seconds, long failures, long scannerFailures, Long attempts, String attemptsSource,
            Double ratio) {}

    /** One class on one VIP over the short window ({@code long_failures}: over the long one). */
    public record ClassFigures(String errorClass, String kind, long failures, long scannerFailures, long longFailures,
            boolean firing) {}

    /** Failures and attempts per step over the long window, oldest first; attempts null where unknown. */
    public record Sparkline(long stepSeconds, long startMs, List<Long> failures, List<Long> attempts) {}

    /** One VIP in the fleet list. */
    public record VipSummary(String key, String observer, String vip, String name, long atMs, String at,
            WindowFigures shortWindow, WindowFigures longWindow, List<ClassFigures> classes, List<String> firing,
            Sparkline sparkline) {}

    /** One bucket of the VIP page's time series. */
    public record Point(long t, Long attempts, long failures, long scannerFailures, Map<String, Long> byClass) {}

    /** A value and how often it was seen. */
    public record Tally(String value, long count) {}

    /** The alert of a class while it fires. */
    public record FiringView(String since, long sinceMs, long peakFailures, double peakRatio) {}

    /** One class on the VIP page: its rule kind, hint, alert, and the evidence of its current episode. */
    public record ClassDetail(String errorClass, String kind, String hint, FiringView firing, String evidenceSince,
            long evidenceFailures, List<Tally> topSnis, List<Tally> topClientNetworks, List<Tally> topJa4,
            List<Tally> offeredVersions, List<String> lines) {}

    /** The VIP page. */
    public record VipDetail(VipSummary summary, long bucketSeconds, List<Point> series, List<ClassDetail> classes,
            List<Tally> topSnis, List<Tally> topJa4, List<Tally> topClientNetworks, List<Tally> offeredVersions,
            List<RecentFailures.Failure> recentFailures) {}

    /** The VIP in the fleet list, {@code name} from the inventory (may be null). */
    public VipSummary summary(String key, VipState s, String name) {
        long at = s.clockMs == Long.MIN_VALUE ? 0 : s.clockMs;
        List<ClassFigures> classes = new ArrayList<>();
        List<String> firing = new ArrayList<>();
        for (Map.Entry<String, ClassState> e : s.classes.entrySet()) {
            String c = e.getKey();
            Figures now = windows.figures(s, c, at, shortMs);
            Figures longer = windows.figures(s, c, at, longMs);
            boolean fires = e.getValue().firing != null;
            if (fires) {
                firing.add(c);
            }
            if (fires || !now.isZero() || !longer.isZero()) {
                classes.add(new ClassFigures(c, kind(c), now.failures(), now.scannerFailures(),
                        longer.failures() + longer.scannerFailures(), fires));
            }
        }
        classes.sort(Comparator.comparingLong((ClassFigures f) -> f.failures() + f.scannerFailures()).reversed()
                .thenComparing(ClassFigures::errorClass));
        return new VipSummary(key, s.observer, s.vip, name, at, Instant.ofEpochMilli(at).toString(),
                window(shortMs, windows.figures(s, VipWindows.ALL, at, shortMs)),
                window(longMs, windows.figures(s, VipWindows.ALL, at, longMs)), classes, firing, sparkline(s, at));
    }

    /** The VIP page: the summary, the series per bucket, the classes with their evidence, the last failures. */
    public VipDetail detail(String key, VipState s, String name, RecentFailures recent) {
        VipSummary summary = summary(key, s, name);
        long at = summary.atMs();
        List<Point> series = new ArrayList<>();
        // one attempts source for the whole series, as for the sparkline
        boolean known = !"none".equals(windows.source(s, at, longMs));
        for (long b = firstBucket(at); b <= windows.bucketOf(at); b += bucketMs) {
            Bucket bucket = s.buckets.get(b);
            Figures f = windows.figures(s, VipWindows.ALL, b, b + bucketMs - 1, longMs);
            Map<String, Long> byClass = new TreeMap<>();
            if (bucket != null) {
                bucket.failures.forEach((c, n) -> byClass.merge(c, n, Long::sum));
                bucket.scanners.forEach((c, n) -> byClass.merge(c, n, Long::sum));
            }
            series.add(new Point(b, known ? f.attempts() : null, f.failures(), f.scannerFailures(), byClass));
        }
        Map<String, Long> snis = new TreeMap<>();
        Map<String, Long> ja4 = new TreeMap<>();
        Map<String, Long> networks = new TreeMap<>();
        Map<String, Long> versions = new TreeMap<>();
        List<ClassDetail> classes = new ArrayList<>();
        for (Map.Entry<String, ClassState> e : s.classes.entrySet()) {
            ClassState cs = e.getValue();
            Evidence ev = cs.evidence == null ? new Evidence() : cs.evidence;
            ev.snis.forEach((v, n) -> snis.merge(v, n, Long::sum));
            ev.ja4.forEach((v, n) -> ja4.merge(v, n, Long::sum));
            ev.networks.forEach((v, n) -> networks.merge(v, n, Long::sum));
            ev.versions.forEach((v, n) -> versions.merge(v, n, Long::sum));
            FiringView firing = cs.firing == null ? null : new FiringView(Instant.ofEpochMilli(cs.firing.firedAtMs)
                    .toString(), cs.firing.firedAtMs, cs.firing.peakFailures, cs.firing.peakRatio);
            classes.add(new ClassDetail(e.getKey(), kind(e.getKey()),
                    AlertEvents.hint(e.getKey(), s.vip, Evidence.first(ev.snis), s.proxy), firing,
                    ev.isEmpty() ? null : Instant.ofEpochMilli(ev.sinceMs).toString(), ev.failures,
                    tallies(ev.snis), tallies(ev.networks), tallies(ev.ja4), tallies(ev.versions), List.copyOf(ev.lines)));
        }
        classes.sort(Comparator.comparing((ClassDetail d) -> d.firing() == null)
                .thenComparing(Comparator.comparingLong(ClassDetail::evidenceFailures).reversed())
                .thenComparing(ClassDetail::errorClass));
        return new VipDetail(summary, bucketMs / 1000, series, classes, tallies(snis), tallies(ja4), tallies(networks),
                tallies(versions), recent == null ? List.of() : List.copyOf(recent.failures));
    }

    /**
     * The fleet order: the worst failure ratio first (a VIP without attempts by its failures alone, after those
     * whose ratio is known to be higher), then the most failures, then the key.
     */
    public static final Comparator<VipSummary> WORST_FIRST = Comparator
            .comparingDouble((VipSummary v) -> v.shortWindow().ratio() != null ? v.shortWindow().ratio()
                    : v.shortWindow().failures() > 0 ? 0.5 : 0)
            .thenComparingLong(v -> v.shortWindow().failures())
            .reversed()
            .thenComparing(VipSummary::key);

    private Sparkline sparkline(VipState s, long at) {
        List<Long> failures = new ArrayList<>();
        List<Long> attempts = new ArrayList<>();
        long first = firstBucket(at);
        // one source for the whole line: a ratio that jumps because the source changed would mislead
        String source = windows.source(s, at, longMs);
        boolean known = !"none".equals(source);
        for (long b = first; b <= windows.bucketOf(at); b += bucketMs) {
            Bucket bucket = s.buckets.get(b);
            long f = 0;
            if (bucket != null) {
                for (long n : bucket.failures.values()) {
                    f += n;
                }
                for (long n : bucket.scanners.values()) {
                    f += n;
                }
            }
            failures.add(f);
            attempts.add(known ? attempts(s, source, bucket, f, b) : null);
        }
        return new Sparkline(bucketMs / 1000, first, failures, attempts);
    }

    /**
     * The attempts of one bucket, as {@link VipWindows#figures} counts them, straight from the bucket for packets
     * and events (the fleet list draws a sparkline per VIP: no window scan per point); the poller's spread is
     * VipWindows' own.
     */
    private Long attempts(VipState s, String source, Bucket bucket, long failures, long b) {
        long packets = bucket == null ? 0 : bucket.packets;
        long successes = bucket == null ? 0 : bucket.successes;
        return switch (source) {
            case RateInput.PACKETS -> Math.max(packets, failures);
            case RateInput.EVENTS -> successes + failures;
            default -> windows.figures(s, VipWindows.ALL, b, b + bucketMs - 1, longMs).attempts();
        };
    }

    private long firstBucket(long at) {
        return windows.bucketOf(at) - longMs + bucketMs;
    }

    private String kind(String errorClass) {
        return policy.rule(ErrorClass.fromWireName(errorClass)).kind().wireName();
    }

    private static WindowFigures window(long ms, Figures f) {
        return new WindowFigures(ms / 1000, f.failures(), f.scannerFailures(), f.attemptsKnown() ? f.attempts() : null,
                f.attemptsSource(), f.ratio() == null ? null : VipEvaluator.round(f.ratio()));
    }

    private static List<Tally> tallies(Map<String, Long> tally) {
        return Evidence.top(tally, TOP).stream()
                .map(m -> new Tally((String) m.get("value"), (Long) m.get("count")))
                .toList();
    }

    private long roundUp(long ms) {
        return Math.max(bucketMs, (ms + bucketMs - 1) / bucketMs * bucketMs);
    }
}
