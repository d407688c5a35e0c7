package io.tlswatch.schemas;

/** Bounding text taken from the input before it is kept or shown: the one place a string is cut short. */
public final class Texts {
    private static final String MARK = "…";

    private Texts() {}

    /**
     * At most {@code max} characters of {@code s}, never ending in half of a surrogate pair (an emoji in a
     * certificate name or a log line would otherwise become an unpaired surrogate, which JSON writers reject or
     * replace); null stays null.
     */
    public static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = max > 0 && Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, Math.max(0, end));
    }

    /** {@link #cut}, with "…" as the last of the {@code max} characters when something was cut. */
    public static String cutMarked(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return cut(s, max - MARK.length()) + MARK;
    }
}
