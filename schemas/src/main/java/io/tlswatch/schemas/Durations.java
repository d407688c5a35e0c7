package io.tlswatch.schemas;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The one duration grammar of tlswatch, wherever a person writes a duration: settings ({@code alerts.window}),
 * the inventory CSV's {@code alert_window}, command-line options ({@code demo --duration}). Either digits and a
 * unit, {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 30d}, or ISO-8601 ({@code PT2M}, {@code P1D}).
 * Negative durations are refused; zero is a duration (the caller says when it needs a positive one).
 */
public final class Durations {
    /** What a user is told to write. */
    public static final String FORM = "a duration such as 500ms, 30s, 5m, 1h, 30d or ISO-8601 PT30S";
    /** Longer text is not a duration anyone writes (ISO-8601 with every field fits well within it). */
    public static final int MAX_CHARS = 40;
    /** Digits of the amount: 12 of them are over 30 000 years in seconds, and never overflow a long. */
    private static final int MAX_DIGITS = 12;

    private Durations() {}

    /**
     * Parses {@code text} (surrounding blanks ignored, units in any case).
     *
     * @throws IllegalArgumentException "not a duration: '…' (use …)" or "negative duration: '…'"
     */
    public static Duration parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("not a duration: nothing given (use " + FORM + ")");
        }
        String v = text.strip().toLowerCase(Locale.ROOT);
        Duration d = v.length() > MAX_CHARS ? null : v.startsWith("p") || v.startsWith("-p") ? iso(v) : withUnit(v);
        if (d == null) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use " + FORM + ")");
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative duration: '" + text + "' (use " + FORM + ")");
        }
        return d;
    }

    /** As {@link #parse}, and more than zero. */
    public static Duration parsePositive(String text) {
        Duration d = parse(text);
        if (d.isZero()) {
            throw new IllegalArgumentException("a positive duration is needed, got '" + text + "' (use " + FORM + ")");
        }
        return d;
    }

    private static Duration iso(String v) {
        try {
            return Duration.parse(v.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    private static Duration withUnit(String v) {
        int digits = 0;
        while (digits < v.length() && v.charAt(digits) >= '0' && v.charAt(digits) <= '9') {
            digits++;
        }
        if (digits == 0 || digits > MAX_DIGITS) {
            return v.startsWith("-") && withUnit(v.substring(1)) != null ? Duration.ofMillis(-1) : null;
        }
        long n = Long.parseLong(v, 0, digits, 10);
        return switch (v.substring(digits)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> null;
        };
    }

    /** The shortest way to write {@code d} in this grammar: {@code 30d}, {@code 5m}, {@code 1500ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms != 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0 && ms != 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms != 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }
}
