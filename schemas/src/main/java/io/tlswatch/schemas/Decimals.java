package io.tlswatch.schemas;

/**
 * Bounded decimal numbers in text: ports, route domains, octets, pids, counts, dates. One parser for every
 * decoder and loader, so that "a number" means the same everywhere: ASCII digits only (no sign, no blanks,
 * no {@code _}), leading zeros allowed (callers that refuse them, such as IPv4 octets, say so), at most
 * {@link #MAX_DIGITS} digits, and never above the caller's bound. Never throws on text, never allocates.
 */
public final class Decimals {
    /** Digits read at most: 18 always fit in a long. */
    public static final int MAX_DIGITS = 18;

    private Decimals() {}

    /** The number in {@code s}, at most {@code max}; -1 when it is not one. */
    public static int parse(CharSequence s, int max) {
        return parse(s, 0, s.length(), max);
    }

    /** The number in {@code s[from, to)}, at most {@code max}; -1 when it is not one (or is empty). */
    public static int parse(CharSequence s, int from, int to, int max) {
        return (int) parseLong(s, from, to, max);
    }

    /** The number in {@code s[from, to)}, at most {@code max}; -1 when it is not one (or is empty). */
    public static long parseLong(CharSequence s, int from, int to, long max) {
        if (from < 0 || from >= to || to > s.length() || to - from > MAX_DIGITS) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= max ? value : -1;
    }
}
