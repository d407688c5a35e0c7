package io.tlswatch.processors.decode.netskope;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one Netskope export line into fields: CSV (RFC 4180: separator {@code ,}, fields optionally in
 * double quotes, a quote inside a quoted field written twice) or W3C extended log style (separator one or
 * more spaces, values with spaces in double quotes). Tabs work like commas.
 *
 * <p>Rules, in the order they apply to each field:
 * <ul>
 *   <li>a field that starts with {@code "} is quoted: it ends at the next lone {@code "}, and {@code ""}
 *       inside it stands for one quote ({@code "a""b"} → {@code a"b}, {@code ""} → empty);</li>
 *   <li>a field that starts with {@code ""} followed by text ({@code ""Cloud Storage,Technology""}) is
 *       quoted with doubled quotes: it ends at the next {@code ""} followed by a separator or the end of the
 *       line. Netskope samples published through the Sumo Logic documentation are written this way;</li>
 *   <li>any other field runs to the next separator; a quote inside it is an ordinary character;</li>
 *   <li>comma and tab: empty fields are kept, a trailing separator ends with an empty field; space: runs of
 *       spaces are one separator and leading or trailing spaces are ignored (W3C);</li>
 *   <li>a quote that never closes, or text right after a closing quote, makes the line
 *       {@link Malformed}.</li>
 * </ul>
 * Linear in the line length, no regular expression, never throws.
 */
final class NetskopeFieldSplitter {
    /** Most fields in one line: a WebTx export has under 200 columns (the W3C sample 183). */
    static final int MAX_FIELDS = 1024;

    private static final char QUOTE = '"';

    private NetskopeFieldSplitter() {}

    /** The outcome of splitting one line. */
    sealed interface Result permits Fields, Malformed {}

    /** Every field of the line, unquoted. */
    record Fields(List<String> values) implements Result {}

    /**
     * A line that does not split: {@code problem} says why, {@code offset} the character where
     * reading stopped, {@code before} the complete fields read up to there.
     */
    record Malformed(Problem problem, int offset, List<String> before) implements Result {}

    /** Why a line does not split. */
    enum Problem {
        UNTERMINATED_QUOTE("unterminated quote"),
        TEXT_AFTER_CLOSING_QUOTE("text after a closing quote"),
        TOO_MANY_FIELDS("more than " + MAX_FIELDS + " fields");

        private final String text;

        Problem(String text) {
            this.text = text;
        }

        String text() {
            return text;
        }
    }

    /** Splits with the default field limit {@link #MAX_FIELDS}. */
    static Result split(String line, char separator) {
        return split(line, separator, MAX_FIELDS);
    }

    static Result split(String line, char separator, int maxFields) {
        List<String> out = new ArrayList<>();
        if (line == null) {
            return new Fields(out);
        }
        boolean collapse = separator == ' ';
        int n = line.length();
        int i = 0;
        if (collapse) {
            i = skipSpaces(line, i);
            if (i == n) {
                return new Fields(out);
            }
        }
        while (true) {
            if (out.size() >= maxFields) {
                return new Malformed(Problem.TOO_MANY_FIELDS, i, out);
            }
            if (i < n && line.charAt(i) == QUOTE) {
                if (startsDoubledQuoteField(line, i, separator)) {
                    int close = doubledQuoteClose(line, i + 2, separator);
                    if (close < 0) {
                        return new Malformed(Problem.UNTERMINATED_QUOTE, i, out);
                    }
                    out.add(line.substring(i + 2, close));
                    i = close + 2;
                } else {
                    StringBuilder value = new StringBuilder();
                    int j = i + 1;
                    boolean closed = false;
                    while (j < n) {
                        char c = line.charAt(j);
                        if (c == QUOTE) {
                            if (j + 1 < n && line.charAt(j + 1) == QUOTE) {
                                value.append(QUOTE);
                                j += 2;
                                continue;
                            }
                            closed = true;
                            j++;
                            break;
                        }
                        value.append(c);
                        j++;
                    }
                    if (!closed) {
                        return new Malformed(Problem.UNTERMINATED_QUOTE, i, out);
                    }
                    if (j < n && line.charAt(j) != separator) {
                        return new Malformed(Problem.TEXT_AFTER_CLOSING_QUOTE, j, out);
                    }
                    out.add(value.toString());
                    i = j;
                }
            } else {
                int j = line.indexOf(separator, i);
                if (j < 0) {
                    j = n;
                }
                out.add(line.substring(i, j));
                i = j;
            }
            if (i >= n) {
                return new Fields(out);
            }
            i++; // the separator
            if (collapse) {
                i = skipSpaces(line, i);
                if (i == n) {
                    return new Fields(out);
                }
            }
        }
    }

    /** {@code ""} then text: neither the empty quoted field {@code ""} nor an escaped quote {@code """}. */
    private static boolean startsDoubledQuoteField(String line, int i, char separator) {
        if (i + 2 >= line.length() || line.charAt(i + 1) != QUOTE) {
            return false;
        }
        char third = line.charAt(i + 2);
        return third != QUOTE && third != separator;
    }

    /** Index of the {@code ""} that ends a doubled-quote field: followed by the separator or the end; or -1. */
    private static int doubledQuoteClose(String line, int from, char separator) {
        int n = line.length();
        int k = line.indexOf("\"\"", from);
        while (k >= 0) {
            if (k + 2 == n || line.charAt(k + 2) == separator) {
                return k;
            }
            k = line.indexOf("\"\"", k + 1);
        }
        return -1;
    }

    private static int skipSpaces(String line, int i) {
        int n = line.length();
        while (i < n && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
