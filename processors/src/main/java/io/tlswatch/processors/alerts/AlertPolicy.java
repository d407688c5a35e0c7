package io.tlswatch.processors.alerts;

import io.tlswatch.processors.classify.ErrorClass;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The alert rules (DESIGN §9): two windows, the per-kind thresholds, per-class overrides, and the lifecycle
 * timings. Per-VIP overrides from the inventory are applied on top by {@link VipEvaluator}.
 *
 * @param bucket           the resolution of every window (windows are whole buckets)
 * @param shortWindow      the window the rules fire and resolve on
 * @param longWindow       the reference window (rates, learned level)
 * @param classes          per class: its kind and thresholds
 * @param baselineFactor   baseline mode: how far above the learned level the short window must be
 * @param warmup           how long a VIP is watched before levels it has not learned yet can page
 * @param resolveHold      how long the resolve condition must hold before RESOLVED (no flapping)
 * @param updateEvery      the least time between two UPDATE events of one alert
 * @param pollerStale      poller attempts older than this no longer make a denominator
 * @param ratesEvery       how often (event time) a rate record may be written per VIP and class
 * @param stormVips        this many VIPs of one BIG-IP firing one class within {@code stormWindow} make a storm
 * @param stormWindow      see {@code stormVips}
 * @param checkEvery       live only: how often the wall clock moves idle VIPs' time on
 * @param pageScanners     whether scanner-tagged failures count toward paging
 */
public record AlertPolicy(
        Duration bucket,
        Duration shortWindow,
        Duration longWindow,
        Map<ErrorClass, ClassRule> classes,
        double baselineFactor,
        Duration warmup,
        Duration resolveHold,
        Duration updateEvery,
        Duration pollerStale,
        Duration ratesEvery,
        int stormVips,
        Duration stormWindow,
        Duration checkEvery,
        boolean pageScanners) {

    public static final Duration BUCKET = Duration.ofSeconds(5);

    /**
     * What makes one class page.
     *
     * @param kind        server, client or noise
     * @param ratio       ratio mode: the failure ratio (over the short window) that fires
     * @param minFailures failures in the short window below which nothing fires, whatever the ratio
     */
    public record ClassRule(ClassKind kind, double ratio, int minFailures) {
        public ClassRule {
            if (!(ratio > 0 && ratio <= 1)) {
                throw new IllegalArgumentException("a fire ratio must be in (0, 1], got " + ratio);
            }
            if (minFailures < 1) {
                throw new IllegalArgumentException("a minimum of failures must be at least 1, got " + minFailures);
            }
        }
    }

    public AlertPolicy {
        classes = Map.copyOf(classes);
        positive("rates.bucket", bucket);
        if (60_000 % bucket.toMillis() != 0) {
            throw new IllegalArgumentException("rates.bucket must divide a minute (1s, 5s, 10s, 15s, 30s...), got "
                    + bucket);
        }
        if (ratesEvery.toMillis() % bucket.toMillis() != 0) {
            throw new IllegalArgumentException("rates.every (" + ratesEvery + ") must be a whole number of "
                    + "rates.bucket (" + bucket + ")");
        }
        positive("alerts.window", shortWindow);
        positive("alerts.window.long", longWindow);
        if (longWindow.compareTo(shortWindow) < 0) {
            throw new IllegalArgumentException("alerts.window.long (" + longWindow
                    + ") must be at least alerts.window (" + shortWindow + ")");
        }
        if (baselineFactor < 1) {
            throw new IllegalArgumentException("alerts.baseline.factor must be at least 1, got " + baselineFactor);
        }
        notNegative("alerts.warmup", warmup);
        notNegative("alerts.resolve.hold", resolveHold);
        notNegative("alerts.update.every", updateEvery);
        positive("rates.poller.stale", pollerStale);
        positive("rates.every", ratesEvery);
        positive("alerts.check.every", checkEvery);
        positive("alerts.storm.window", stormWindow);
        if (stormVips < 2) {
            throw new IllegalArgumentException("alerts.storm.vips must be at least 2, got " + stormVips);
        }
    }

    /** The defaults of the README's policy table. */
    public static AlertPolicy defaults() {
        return new AlertPolicy(BUCKET, Duration.ofMinutes(1), Duration.ofMinutes(5), defaultClasses(), 3.0,
                Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(5),
                Duration.ofSeconds(15), 3, Duration.ofMinutes(2), Duration.ofSeconds(5), false);
    }

    /** Server-side: 10 % and 5 failures; client population: 5 % and 10 failures; noise: never. */
    public static Map<ErrorClass, ClassRule> defaultClasses() {
        Map<ErrorClass, ClassRule> rules = new EnumMap<>(ErrorClass.class);
        for (ErrorClass c : ErrorClass.values()) {
            rules.put(c, defaultRule(ClassKind.defaultFor(c)));
        }
        return rules;
    }

    public static ClassRule defaultRule(ClassKind kind) {
        return switch (kind) {
            case SERVER -> new ClassRule(kind, 0.10, 5);
            case CLIENT -> new ClassRule(kind, 0.05, 10);
            case NOISE -> new ClassRule(kind, 0.5, 50);
        };
    }

    public ClassRule rule(ErrorClass c) {
        ClassRule r = classes.get(c);
        return r != null ? r : defaultRule(ClassKind.defaultFor(c));
    }

    /** A policy for these windows, the rest unchanged (tests and the demo use short windows). */
    public AlertPolicy withWindows(Duration shortW, Duration longW) {
        return new AlertPolicy(bucket, shortW, longW, classes, baselineFactor, warmup, resolveHold,
                updateEvery, pollerStale, ratesEvery, stormVips, stormWindow, checkEvery, pageScanners);
    }

    long bucketMs() {
        return bucket.toMillis();
    }

    private static void positive(String key, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, got " + d);
        }
    }

    private static void notNegative(String key, Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException(key + " must not be negative, got " + d);
        }
    }
}
