package io.tlswatch.schemas;

/**
 * A windowed count for one (observer, VIP, error class), published on {@code tlswatch.rates}.
 * {@code attempts} and {@code ratio} stay null until a denominator source exists (DESIGN §9).
 */
public record RateWindow(
        String observer,
        String vip,
        String errorClass,
        long windowStartMs,
        long windowEndMs,
        String windowStart,
        String windowEnd,
        long failures,
        Long attempts,
        Double ratio) {

    /** The message key: {@code observer/vip/class}. */
    public String key() {
        return observer + "/" + vip + "/" + errorClass;
    }
}
