package io.tlswatch.processors.alerts;

import io.tlswatch.processors.alerts.AlertPolicy.ClassRule;
import io.tlswatch.processors.classify.ErrorClass;
import io.tlswatch.processors.inventory.VipDirectory;
import io.tlswatch.processors.rates.Evidence;
import io.tlswatch.processors.rates.RateInput;
import io.tlswatch.processors.rates.VipState;
import io.tlswatch.processors.rates.VipState.Bucket;
import io.tlswatch.processors.rates.VipState.ClassState;
import io.tlswatch.processors.rates.VipState.Figures;
import io.tlswatch.processors.rates.VipState.Firing;
import io.tlswatch.processors.rates.VipState.PollerSpan;
import io.tlswatch.processors.rates.VipWindows;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.VipRate;
import io.tlswatch.schemas.VirtualServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The rates and alert rules of one VIP (DESIGN §9), as a pure function of its {@link VipState} and the inputs
 * and time given to it: no clock, no Kafka. The live processor and {@code tlswatch analyze} drive the same code,
 * so an analysis follows the files' timeline and the same input gives the same output.
 *
 * <p>Time moves in buckets: at every bucket boundary each class is evaluated (fire, keep firing, update,
 * resolve), at every whole minute the learned levels fold the minute in, and every {@code rates.every} the rate
 * records that changed are written. A failure is evaluated when it arrives too, so a busy VIP fires within
 * seconds.
 */
public final class VipEvaluator {
    private static final long MINUTE_MS = 60_000;
    /** Learned levels follow about the last half hour (exponential smoothing per minute, time constant 30 min). */
    private static final double ALPHA = 1 - Math.exp(-1.0 / 30);
    /** Baseline mode: how unlikely, at the learned level, a window's count must be to page. */
    static final double BASELINE_SURPRISE = 1e-6;
    private static final double FORGET_BELOW = 0.01;

    /** Where the evaluator's output goes. */
    public interface Sink {
        void rate(VipRate rate);

        /** An alert transition of one VIP's class: FIRING, UPDATE or RESOLVED, at event time {@code atMs}. */
        void alert(AlertEvent event, long atMs);
    }

    private final AlertPolicy policy;
    private final VipWindows windows;
    private final VipDirectory directory;
    private final AlertMessages messages;
    private final long bucketMs;
    private final long longMs;

    public VipEvaluator(AlertPolicy policy, VipDirectory directory) {
        this.policy = policy;
        this.bucketMs = policy.bucketMs();
        this.windows = new VipWindows(bucketMs, policy.pollerStale().toMillis());
        this.directory = directory == null ? VipDirectory.EMPTY : directory;
        this.messages = new AlertMessages(policy);
        this.longMs = roundUp(policy.longWindow().toMillis());
    }

    /** Adds one input to its VIP's state, moving the VIP's time on to it first. */
    public void apply(VipState s, RateInput in, Sink out) {
        long t = in.timeMs();
        if (s.clockMs == Long.MIN_VALUE) {
            s.clockMs = t;
            s.firstSeenMs = t;
            s.foldedMinuteMs = Math.floorDiv(t, MINUTE_MS) * MINUTE_MS;
        }
        advance(s, t, out);
        s.proxy |= in.proxy();
        long now = s.clockMs;
        if (RateInput.POLLER.equals(in.kind())) {
            addPoller(s, in, now);
            return;
        }
        long bucket = windows.bucketOf(t);
        if (bucket < windows.bucketOf(now) - longMs) {
            return; // older than anything the windows still hold: in the SIEM record, not in the rates
        }
        Bucket b = s.buckets.computeIfAbsent(bucket, k -> new Bucket());
        if (RateInput.PACKETS.equals(in.source())) {
            b.packets++;
        } else if (!in.isFailure()) {
            b.successes++;
        }
        if (in.isFailure()) {
            String c = in.errorClass();
            boolean scanner = in.scanner() != null;
            (scanner ? b.scanners : b.failures).merge(c, 1L, Long::sum);
            ClassState cs = s.classes.computeIfAbsent(c, k -> new ClassState());
            cs.lastFailureMs = Math.max(cs.lastFailureMs, t);
            if (!scanner || policy.pageScanners()) {
                cs.evidence.add(in);
                evaluate(s, c, cs, directory.find(s.observer, s.vip), now, false, out);
            }
        }
    }

    /** Moves the VIP's time on to {@code toMs}, evaluating every bucket boundary on the way. */
    public void advance(VipState s, long toMs, Sink out) {
        if (s.clockMs == Long.MIN_VALUE || toMs <= s.clockMs) {
            return;
        }
        long b = windows.bucketOf(s.clockMs) + bucketMs;
        // the inventory once per move, not per class and bucket: it is a store lookup
        VirtualServer vs = b <= toMs && !idle(s) ? directory.find(s.observer, s.vip) : null;
        while (b <= toMs) {
            if (idle(s)) {
                break;
            }
            s.clockMs = b;
            if (b % MINUTE_MS == 0) {
                fold(s, b);
            }
            s.buckets.headMap(b - longMs - bucketMs).clear();
            for (Map.Entry<String, ClassState> e : List.copyOf(s.classes.entrySet())) {
                evaluate(s, e.getKey(), e.getValue(), vs, b, true, out);
            }
            if (b % policy.ratesEvery().toMillis() == 0) {
                emitRates(s, b, out);
            }
            forget(s, b);
            b += bucketMs;
        }
        s.clockMs = toMs;
        decayTo(s, toMs);
    }

    /**
     * Idle, nothing learned, no poller reading that still makes a denominator at {@code nowMs}: the state can be
     * deleted; a new input starts a new one (warm-up included).
     */
    boolean forgettable(VipState s, long nowMs) {
        return idle(s) && s.classes.isEmpty() && (s.poller.isEmpty()
                || s.poller.get(s.poller.size() - 1).toMs() < nowMs - longMs - policy.pollerStale().toMillis());
    }

    /** Nothing can change until new input: no counts in the windows, no alert, no rate record standing. */
    static boolean idle(VipState s) {
        if (!s.buckets.isEmpty() || s.lastAll != null) {
            return false;
        }
        for (ClassState cs : s.classes.values()) {
            if (cs.firing != null || cs.lastRates != null) {
                return false;
            }
        }
        return true;
    }

    private void addPoller(VipState s, RateInput in, long now) {
        if (in.timeMs() <= in.fromMs() || in.count() < 0) {
            return;
        }
        List<PollerSpan> spans = new ArrayList<>(s.poller);
        spans.removeIf(p -> p.toMs() == in.timeMs());
        spans.add(new PollerSpan(in.fromMs(), in.timeMs(), in.count()));
        spans.sort(Comparator.comparingLong(PollerSpan::toMs));
        long keepAfter = now - longMs - policy.pollerStale().toMillis();
        spans.removeIf(p -> p.toMs() < keepAfter);
        // a reading of every few seconds must not grow the state without bound
        s.poller = new ArrayList<>(spans.subList(Math.max(0, spans.size() - 64), spans.size()));
    }

    // ---- rules ----------------------------------------------------------------------------------------------

    /** The rule of one class on one VIP: the configured one, with the inventory's per-VIP overrides. */
    record Applied(ClassRule rule, long shortMs, int minFailures, int keepFailures, VirtualServer vs) {}

    /** @param vs the VIP in the inventory, or null */
    Applied applied(String errorClass, VirtualServer vs) {
        ClassRule rule = policy.rule(ErrorClass.fromWireName(errorClass));
        long shortMs = roundUp(policy.shortWindow().toMillis());
        int min = rule.minFailures();
        Integer keep = null;
        if (vs != null) {
            if (vs.alertWindow() != null) {
                shortMs = Math.min(longMs, roundUp(VipWindowOverride.parse(vs.alertWindow(), shortMs)));
            }
            if (vs.alertFireFailures() != null && vs.alertFireFailures() > 0) {
                min = vs.alertFireFailures();
            }
            if (vs.alertResolveFailures() != null && vs.alertResolveFailures() > 0) {
                keep = Math.min(vs.alertResolveFailures(), min);
            }
        }
        return new Applied(rule, shortMs, min, keep != null ? keep : Math.max(1, (min + 1) / 2), vs);
    }

    /**
     * Evaluates one class at {@code t}: fire, keep firing, update, resolve. On a failure's arrival
     * ({@code boundary} false) only firing and "still hot" are decided; updates and resolution wait for a
     * bucket boundary.
     */
    private void evaluate(VipState s, String c, ClassState cs, VirtualServer vs, long t, boolean boundary,
            Sink out) {
        Applied a = applied(c, vs);
        if (cs.firing == null && a.rule().kind() == ClassKind.NOISE) {
            return;
        }
        Look look = look(s, c, cs, a, t);
        if (cs.firing == null) {
            if (look.fires()) {
                Firing f = new Firing();
                f.firedAtMs = t;
                f.lastUpdateMs = t;
                f.sentRatio = look.ratio();
                f.sentFailures = look.failures();
                f.peakFailures = look.failures();
                f.peakRatio = look.ratio();
                cs.firing = f;
                out.alert(messages.vipAlert(s, c, cs, look, a, AlertMessages.FIRING, t), t);
            }
            return;
        }
        Firing f = cs.firing;
        if (look.fires() || look.keeps()) {
            f.clearSinceMs = Long.MIN_VALUE;
            f.peakFailures = Math.max(f.peakFailures, look.failures());
            f.peakRatio = Math.max(f.peakRatio, look.ratio());
            if (boundary && t - f.lastUpdateMs >= policy.updateEvery().toMillis() && changed(f, look)) {
                f.lastUpdateMs = t;
                f.sentRatio = look.ratio();
                f.sentFailures = look.failures();
                out.alert(messages.vipAlert(s, c, cs, look, a, AlertMessages.UPDATE, t), t);
            }
            return;
        }
        if (!boundary) {
            return;
        }
        if (f.clearSinceMs == Long.MIN_VALUE) {
            f.clearSinceMs = t;
        }
        if (t - f.clearSinceMs >= policy.resolveHold().toMillis()) {
            out.alert(messages.vipAlert(s, c, cs, look, a, AlertMessages.RESOLVED, t), t);
            cs.firing = null;
            cs.evidence = new Evidence();
        }
    }

    /**
     * A material change since the last event sent: the ratio or the failures doubled. Only worse news is worth an
     * UPDATE: when it gets better, RESOLVED follows.
     */
    private static boolean changed(Firing f, Look look) {
        return look.ratio() >= f.sentRatio * 2 || look.failures() >= f.sentFailures * 2;
    }

    /**
     * What the short window shows for one class, from its first failure on, and what the rules make of it.
     *
     * @param figures  the span's failures and attempts
     * @param failures the failures that page (scanners only when {@code scanners.page})
     * @param ratio    failures / attempts in ratio mode; in baseline mode failures / the learned level
     * @param level    ratio mode: the usual ratio; baseline mode: the learned failures per short window
     */
    record Look(Figures figures, boolean ratioMode, long failures, double ratio, double level, long spanMs,
                long windowMs, boolean fires, boolean keeps) {}

    private Look look(VipState s, String c, ClassState cs, Applied a, long t) {
        boolean scanners = policy.pageScanners();
        Long first = windows.firstFailure(s, c, t, a.shortMs(), scanners);
        // from the first failure, but over a quarter window at least: one client retrying ten times within a
        // second is not a tenth of a busy VIP's handshakes
        long atLeast = windows.bucketOf(t - a.shortMs() / 4);
        long from = first != null ? Math.min(first, atLeast) : windows.bucketOf(t);
        Figures fig = windows.figures(s, c, from, t, longMs);
        long failures = fig.failures() + (scanners ? fig.scannerFailures() : 0);
        long spanMs = Math.max(bucketMs, t - from);
        boolean warm = t - s.firstSeenMs >= policy.warmup().toMillis();
        ClassKind kind = a.rule().kind();
        if (fig.attemptsKnown()) {
            double ratio = fig.attempts() <= 0 ? 0 : Math.min(1, (double) failures / Math.max(fig.attempts(), failures));
            double usual = cs.levelRatioAttempts > 0 ? cs.levelRatioFailures / cs.levelRatioAttempts : 0;
            boolean fires = failures >= a.minFailures() && ratio >= a.rule().ratio()
                    && (kind == ClassKind.SERVER || (kind == ClassKind.CLIENT && warm
                            && ratio >= policy.baselineFactor() * usual));
            boolean keeps = kind != ClassKind.NOISE && failures >= a.keepFailures() && ratio >= a.rule().ratio() / 2;
            return new Look(fig, true, failures, ratio, usual, spanMs, a.shortMs(), fires, keeps);
        }
        // the minimum of failures is the floor: a class never seen (level 0) fires on it alone; above a level,
        // the count must also be one that level gives by chance with a probability of BASELINE_SURPRISE at most
        double level = perMinute(cs) * a.shortMs() / MINUTE_MS;
        boolean fires = kind != ClassKind.NOISE && warm && failures >= a.minFailures()
                && failures >= policy.baselineFactor() * level
                && PoissonTail.atLeast(failures, level) <= BASELINE_SURPRISE;
        boolean keeps = kind != ClassKind.NOISE && failures >= a.keepFailures()
                && failures >= policy.baselineFactor() / 2 * level;
        return new Look(fig, false, failures, level <= 0 ? failures : failures / level, level, spanMs, a.shortMs(),
                fires, keeps);
    }

    // ---- learned levels -------------------------------------------------------------------------------------

    /** Folds the minute that ends at {@code minuteEnd} into every class's learned level (not while it fires). */
    private void fold(VipState s, long minuteEnd) {
        long skipped = (minuteEnd - MINUTE_MS - s.foldedMinuteMs) / MINUTE_MS;
        if (skipped > 0) {
            decay(s, skipped);
        }
        long from = minuteEnd - MINUTE_MS;
        for (Map.Entry<String, ClassState> e : s.classes.entrySet()) {
            ClassState cs = e.getValue();
            if (cs.firing != null) {
                continue;
            }
            Figures minute = windows.figures(s, e.getKey(), from, minuteEnd - 1, longMs);
            cs.levelFailures += ALPHA * (minute.failures() - cs.levelFailures);
            cs.levelWeight += ALPHA * (1 - cs.levelWeight);
            if (minute.attemptsKnown()) {
                cs.levelRatioFailures += ALPHA * (minute.failures() - cs.levelRatioFailures);
                cs.levelRatioAttempts += ALPHA * (minute.attempts() - cs.levelRatioAttempts);
            }
        }
        s.foldedMinuteMs = minuteEnd;
    }

    /** The learned failures per minute, corrected for the few minutes a new class has been watched. */
    static double perMinute(ClassState cs) {
        return cs.levelWeight <= 0 ? 0 : cs.levelFailures / cs.levelWeight;
    }

    /** Folds the quiet minutes up to {@code toMs} at once (no counts: every level decays). */
    private void decayTo(VipState s, long toMs) {
        long minuteEnd = Math.floorDiv(toMs, MINUTE_MS) * MINUTE_MS;
        long quiet = (minuteEnd - s.foldedMinuteMs) / MINUTE_MS;
        if (quiet > 0 && s.buckets.isEmpty()) {
            decay(s, quiet);
            s.foldedMinuteMs = minuteEnd;
        }
    }

    private static void decay(VipState s, long minutes) {
        double keep = Math.pow(1 - ALPHA, Math.min(minutes, 100_000));
        for (ClassState cs : s.classes.values()) {
            if (cs.firing == null) {
                cs.levelFailures *= keep;
                cs.levelWeight = 1 - (1 - cs.levelWeight) * keep;
                cs.levelRatioFailures *= keep;
                cs.levelRatioAttempts *= keep;
            }
        }
    }

    /** Forgets classes with nothing left to say: no alert, no standing rate, no recent failure, no learned level. */
    private void forget(VipState s, long t) {
        s.classes.entrySet().removeIf(e -> {
            ClassState cs = e.getValue();
            boolean quiet = cs.lastFailureMs < t - longMs;
            if (quiet && cs.firing == null && !cs.evidence.isEmpty()) {
                cs.evidence = new Evidence();
            }
            return quiet && cs.firing == null && cs.lastRates == null && cs.levelFailures < FORGET_BELOW
                    && cs.levelRatioFailures < FORGET_BELOW;
        });
    }

    // ---- rate records -----------------------------------------------------------------------------------------

    /** Writes the rate records that changed since their last one, at {@code t} (the end of an analysis' input). */
    public void writeRates(VipState s, long t, Sink out) {
        emitRates(s, t, out);
    }

    private void emitRates(VipState s, long t, Sink out) {
        long shortMs = roundUp(policy.shortWindow().toMillis());
        String vipName = null;
        boolean named = false;
        for (Map.Entry<String, ClassState> e : s.classes.entrySet()) {
            ClassState cs = e.getValue();
            Figures now = windows.figures(s, e.getKey(), t, shortMs);
            Figures longFig = windows.figures(s, e.getKey(), t, longMs);
            if (!material(cs.lastRates, now, longFig)) {
                continue;
            }
            if (!named) {
                vipName = vipName(s);
                named = true;
            }
            cs.lastRates = now.isZero() && longFig.isZero() ? null : now;
            Double usual = cs.levelRatioAttempts > 0 ? cs.levelRatioFailures / cs.levelRatioAttempts : null;
            out.rate(rate(s, vipName, e.getKey(), t, shortMs, now, longFig, round(perMinute(cs)), usual,
                    cs.firing != null));
        }
        Figures all = windows.figures(s, VipWindows.ALL, t, shortMs);
        Figures allLong = windows.figures(s, VipWindows.ALL, t, longMs);
        if (material(s.lastAll, all, allLong)) {
            s.lastAll = all.isZero() && allLong.isZero() ? null : all;
            out.rate(rate(s, named ? vipName : vipName(s), VipRate.ALL_CLASSES, t, shortMs, all, allLong, null, null,
                    false));
        }
    }

    /**
     * Whether the figures differ enough from the last record written to be worth another: the first ones, any
     * change in failures, attempts off by a tenth, a new source, or the fall to zero (written once).
     */
    private static boolean material(Figures last, Figures now, Figures longFig) {
        if (last == null) {
            return !(now.isZero() && longFig.isZero());
        }
        if (now.isZero() && longFig.isZero()) {
            return true;
        }
        return last.failures() != now.failures() || last.scannerFailures() != now.scannerFailures()
                || !last.attemptsSource().equals(now.attemptsSource())
                || Math.abs(last.attempts() - now.attempts()) * 10 > Math.max(last.attempts(), 1);
    }

    private VipRate rate(VipState s, String vipName, String c, long t, long shortMs, Figures shortFig, Figures longFig,
            Double perMinute, Double usual, boolean firing) {
        return new VipRate(s.observer, s.vip, vipName, c, t, Instant.ofEpochMilli(t).toString(),
                shortFig.attemptsKnown() ? "ratio" : "baseline", shortFig.attemptsSource(),
                window(shortMs, shortFig), window(longMs, longFig), perMinute, usual == null ? null : round(usual),
                firing);
    }

    private static VipRate.Window window(long ms, Figures f) {
        Double ratio = f.ratio();
        return new VipRate.Window(ms, f.failures(), f.scannerFailures(), f.attemptsKnown() ? f.attempts() : null,
                ratio == null ? null : round(ratio));
    }

    private String vipName(VipState s) {
        VirtualServer vs = directory.find(s.observer, s.vip);
        return vs == null ? null : vs.name();
    }

    /** Six decimals: enough for a ratio, and the same text on every run (the rates topic and the API alike). */
    public static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    private long roundUp(long ms) {
        return Math.max(bucketMs, (ms + bucketMs - 1) / bucketMs * bucketMs);
    }
}
