package io.tlswatch.app;

import java.util.Locale;

/**
 * How fast recorded or simulated time runs against the clock ({@code --speed} of {@code simulate} and
 * {@code ingest file}): {@code 1x} real time, {@code 10x} ten seconds of the records' time per second, {@code 0.5x}
 * slow motion, {@code max} as fast as the sink takes it.
 */
public record Speed(double factor) {
    public static final Speed REAL_TIME = new Speed(1);
    public static final Speed MAX = new Speed(Double.POSITIVE_INFINITY);
    /** Beyond this, pacing means nothing: use max. */
    public static final double MAX_FACTOR = 10_000;

    /** {@code 10x}, {@code 10}, {@code 0.5x} or {@code max}. */
    public static Speed parse(String text) {
        String v = text.strip().toLowerCase(Locale.ROOT);
        if (v.equals("max")) {
            return MAX;
        }
        String number = v.endsWith("x") ? v.substring(0, v.length() - 1) : v;
        double f;
        try {
            f = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            f = Double.NaN;
        }
        if (!(f > 0 && f <= MAX_FACTOR) || number.contains("e") || number.startsWith("+")) {
            throw new IllegalArgumentException("--speed: expected a factor such as 1x, 10x or 0.5x (at most "
                    + (long) MAX_FACTOR + "x), or max; got '" + text + "'");
        }
        return new Speed(f);
    }

    public boolean isMax() {
        return Double.isInfinite(factor);
    }

    /** Wall-clock milliseconds that {@code simulatedMs} take at this speed. */
    public long wallMs(long simulatedMs) {
        return isMax() ? 0 : (long) (simulatedMs / factor);
    }

    /**
     * Where a live run of {@code durationMs} starts so that its last stamps reach the clock just as it ends, never
     * ahead of it: {@code now - duration + duration / speed} (now itself at real time or slower).
     */
    public long liveStartMs(long nowMs, long durationMs) {
        long second = Math.floorDiv(nowMs, 1_000) * 1_000;
        if (factor <= 1) {
            return second;
        }
        return Math.floorDiv(second - durationMs + wallMs(durationMs), 1_000) * 1_000;
    }

    @Override
    public String toString() {
        return isMax() ? "max" : (factor == Math.rint(factor) ? Long.toString((long) factor) : Double.toString(factor))
                + "x";
    }
}
