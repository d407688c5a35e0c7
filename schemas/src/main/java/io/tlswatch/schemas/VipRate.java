package io.tlswatch.schemas;

/**
 * The failure rate of one (observer, VIP, error class), or of the VIP's failures of every class together
 * ({@code error_class = all}), on {@code tlswatch.rates} (DESIGN §9). Written when the figures change materially,
 * at most once per {@code rates.every} of event time per key, and once more when they fall to zero.
 *
 * @param atMs           event time the figures were taken at: the end of both windows
 * @param mode           {@code ratio} when attempts are known, {@code baseline} when not
 * @param attemptsSource where the attempts came from: {@code packets} (handshakes seen on the wire),
 *                       {@code events} (success events plus failures), {@code poller} (the TS poller's
 *                       {@code clientside.totConns}), or {@code none}
 * @param baselinePerMinute the learned failures per minute of this class on this VIP
 * @param baselineRatio  the learned usual ratio, where attempts were known
 * @param firing         whether this class's alert on this VIP fires
 */
public record VipRate(
        String observer,
        String vip,
        String vipName,
        String errorClass,
        long atMs,
        String at,
        String mode,
        String attemptsSource,
        Window shortWindow,
        Window longWindow,
        Double baselinePerMinute,
        Double baselineRatio,
        boolean firing) {

    /** The error class of the record that sums every class of a VIP. */
    public static final String ALL_CLASSES = "all";

    /**
     * One window's figures: ratio = failures / attempts (never an average of ratios); scanner failures are
     * counted apart and are not in {@code failures}.
     */
    public record Window(long windowMs, long failures, long scannerFailures, Long attempts, Double ratio) {}

    /** The message key: {@code observer/vip/class}. */
    public String key() {
        return observer + "/" + vip + "/" + errorClass;
    }
}
