package io.tlswatch.processors.decode;

import java.nio.charset.StandardCharsets;

/**
 * One strict pass over a JSON document (RFC 8259) that checks its whole syntax and notes where the string
 * values of two top-level members lie: {@code data} and {@code hostname}, the fields of a Telemetry-Streaming
 * syslog event. No tree, no String: the wrapped line is then scanned in place, like a plain syslog line, and
 * most wrapped lines are dropped without a single allocation beyond this object.
 *
 * <p>Limits match {@code Json.READ_LIMITS}: nesting depth 64, numbers of at most 100 characters. A member
 * name written with escapes never matches {@code data} or {@code hostname} (Telemetry Streaming does not
 * write them that way).
 */
final class JsonEnvelope {
    static final int MAX_DEPTH = 64;
    static final int MAX_NUMBER_LENGTH = 100;

    private static final byte[] DATA = {'d', 'a', 't', 'a'};
    private static final byte[] HOSTNAME = {'h', 'o', 's', 't', 'n', 'a', 'm', 'e'};

    private final byte[] v;
    private final int from;
    private final int to;
    private int p;
    private boolean nonAscii;
    private String error;
    private int errorAt = -1;

    /** Where the top-level members' string values lie, quotes excluded; -1 when absent. */
    private int dataStart = -1;
    private int dataEnd = -1;
    private boolean dataEscaped;
    private int hostStart = -1;
    private int hostEnd = -1;
    private boolean hostEscaped;

    private JsonEnvelope(byte[] v, int from, int to) {
        this.v = v;
        this.from = from;
        this.to = to;
        this.p = from;
    }

    /** Checks {@code v[from, to)}, which starts with {@code '{'}; read {@link #error()} first. */
    static JsonEnvelope scan(byte[] v, int from, int to) {
        JsonEnvelope e = new JsonEnvelope(v, from, to);
        e.document();
        return e;
    }

    /** Why the document is not JSON (with the byte offset), or null when it is. */
    String error() {
        return error == null ? null : error + " at byte " + errorAt;
    }

    boolean hasData() {
        return dataStart >= 0;
    }

    int dataStart() {
        return dataStart;
    }

    int dataEnd() {
        return dataEnd;
    }

    /** The {@code data} value holds escapes: read it through {@link #unescape}. */
    boolean dataEscaped() {
        return dataEscaped;
    }

    /** The {@code hostname} value, or null. */
    String hostname() {
        if (hostStart < 0) {
            return null;
        }
        return hostEscaped ? new String(unescape(v, hostStart, hostEnd), StandardCharsets.UTF_8)
                : new String(v, hostStart, hostEnd - hostStart, StandardCharsets.UTF_8);
    }

    private void document() {
        space();
        if (p >= to || v[p] != '{') {
            fail("not a JSON object");
            return;
        }
        object(1, true);
        if (error != null) {
            return;
        }
        space();
        if (p < to) {
            fail("trailing content after the object");
        } else if (nonAscii && !Utf8.isValid(v, from, to)) {
            error = "invalid UTF-8";
            errorAt = from;
        }
    }

    private void value(int depth) {
        if (p >= to) {
            fail("unexpected end of input");
            return;
        }
        switch (v[p]) {
            case '{' -> object(depth + 1, false);
            case '[' -> array(depth + 1);
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    private void object(int depth, boolean topLevel) {
        if (depth > MAX_DEPTH) {
            fail("nesting deeper than " + MAX_DEPTH);
            return;
        }
        p++; // '{'
        space();
        if (p < to && v[p] == '}') {
            p++;
            return;
        }
        while (error == null) {
            space();
            if (p >= to || v[p] != '"') {
                fail("expected a member name");
                return;
            }
            int nameStart = p + 1;
            boolean nameEscaped = string();
            int nameEnd = p - 1;
            space();
            if (p >= to || v[p] != ':') {
                fail("expected ':'");
                return;
            }
            p++;
            space();
            int valueStart = p + 1;
            boolean isString = p < to && v[p] == '"';
            if (isString) {
                boolean escaped = string();
                if (topLevel && !nameEscaped && error == null) {
                    note(nameStart, nameEnd, valueStart, p - 1, escaped);
                }
            } else {
                value(depth);
            }
            if (error != null) {
                return;
            }
            space();
            if (p < to && v[p] == ',') {
                p++;
            } else if (p < to && v[p] == '}') {
                p++;
                return;
            } else {
                fail("expected ',' or '}'");
            }
        }
    }

    private void note(int nameStart, int nameEnd, int valueStart, int valueEnd, boolean escaped) {
        if (is(DATA, nameStart, nameEnd)) {
            dataStart = valueStart;
            dataEnd = valueEnd;
            dataEscaped = escaped;
        } else if (is(HOSTNAME, nameStart, nameEnd)) {
            hostStart = valueStart;
            hostEnd = valueEnd;
            hostEscaped = escaped;
        }
    }

    private boolean is(byte[] name, int start, int end) {
        if (end - start != name.length) {
            return false;
        }
        for (int k = 0; k < name.length; k++) {
            if (v[start + k] != name[k]) {
                return false;
            }
        }
        return true;
    }

    private void array(int depth) {
        if (depth > MAX_DEPTH) {
            fail("nesting deeper than " + MAX_DEPTH);
            return;
        }
        p++; // '['
        space();
        if (p < to && v[p] == ']') {
            p++;
            return;
        }
        while (error == null) {
            space();
            value(depth);
            if (error != null) {
                return;
            }
            space();
            if (p < to && v[p] == ',') {
                p++;
            } else if (p < to && v[p] == ']') {
                p++;
                return;
            } else {
                fail("expected ',' or ']'");
            }
        }
    }

    /** A string starting at {@code v[p] == '"'}; leaves {@code p} after the closing quote. Returns whether it held escapes. */
    private boolean string() {
        p++;
        boolean escaped = false;
        while (p < to) {
            if (p + Long.BYTES <= to) {
                // eight plain characters at a time
                long flags = Words.jsonStringBytesOfInterest((long) Words.LONGS.get(v, p));
                if (flags == 0) {
                    p += Long.BYTES;
                    continue;
                }
                p += Long.numberOfTrailingZeros(flags) >>> 3;
            }
            byte b = v[p];
            if (b == '"') {
                p++;
                return escaped;
            }
            if (b == '\\') {
                escaped = true;
                if (p + 1 >= to) {
                    break;
                }
                byte e = v[p + 1];
                if (e == 'u') {
                    if (p + 6 > to || !isHex(v[p + 2]) || !isHex(v[p + 3]) || !isHex(v[p + 4]) || !isHex(v[p + 5])) {
                        fail("bad \\u escape");
                        return escaped;
                    }
                    p += 6;
                } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r'
                        || e == 't') {
                    p += 2;
                } else {
                    fail("bad escape");
                    return escaped;
                }
            } else if (b >= 0 && b < 0x20) {
                fail("control character in a string");
                return escaped;
            } else {
                nonAscii |= b < 0;
                p++;
            }
        }
        fail("unterminated string");
        return escaped;
    }

    private void literal(String word) {
        for (int k = 0; k < word.length(); k++) {
            if (p + k >= to || v[p + k] != word.charAt(k)) {
                fail("unexpected character");
                return;
            }
        }
        p += word.length();
    }

    /** {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?} */
    private void number() {
        int start = p;
        if (p < to && v[p] == '-') {
            p++;
        }
        if (p < to && v[p] == '0') {
            p++;
        } else if (!digits()) {
            fail("unexpected character");
            return;
        }
        if (p < to && v[p] == '.') {
            p++;
            if (!digits()) {
                fail("digits expected after '.'");
                return;
            }
        }
        if (p < to && (v[p] == 'e' || v[p] == 'E')) {
            p++;
            if (p < to && (v[p] == '+' || v[p] == '-')) {
                p++;
            }
            if (!digits()) {
                fail("digits expected in the exponent");
                return;
            }
        }
        if (p - start > MAX_NUMBER_LENGTH) {
            errorAt = start;
            error = "number longer than " + MAX_NUMBER_LENGTH + " characters";
        }
    }

    private boolean digits() {
        int start = p;
        while (p < to && v[p] >= '0' && v[p] <= '9') {
            p++;
        }
        return p > start;
    }

    private void space() {
        while (p < to && (v[p] == ' ' || v[p] == '\n' || v[p] == '\r' || v[p] == '\t')) {
            p++;
        }
    }

    private void fail(String why) {
        if (error == null) {
            error = p >= to ? "unexpected end of input" : why;
            errorAt = p;
        }
    }

    private static boolean isHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    /**
     * The UTF-8 bytes a checked JSON string body {@code v[from, to)} stands for: escapes resolved, a
     * surrogate pair written as one 4-byte sequence, a lone surrogate as {@code ?} (as Java's encoder does).
     */
    static byte[] unescape(byte[] v, int from, int to) {
        byte[] out = new byte[to - from]; // an escape is never shorter than what it stands for
        int n = 0;
        int i = from;
        while (i < to) {
            byte b = v[i];
            if (b != '\\') {
                out[n++] = b;
                i++;
                continue;
            }
            byte e = v[i + 1];
            i += 2;
            switch (e) {
                case 'b' -> out[n++] = '\b';
                case 'f' -> out[n++] = '\f';
                case 'n' -> out[n++] = '\n';
                case 'r' -> out[n++] = '\r';
                case 't' -> out[n++] = '\t';
                case 'u' -> {
                    int c = hex4(v, i);
                    i += 4;
                    if (Character.isHighSurrogate((char) c) && i + 6 <= to && v[i] == '\\' && v[i + 1] == 'u'
                            && Character.isLowSurrogate((char) hex4(v, i + 2))) {
                        c = Character.toCodePoint((char) c, (char) hex4(v, i + 2));
                        i += 6;
                    } else if (Character.isSurrogate((char) c)) {
                        c = '?';
                    }
                    n = utf8(out, n, c);
                }
                default -> out[n++] = e; // " \ /
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static int hex4(byte[] v, int at) {
        return Character.digit(v[at], 16) << 12 | Character.digit(v[at + 1], 16) << 8
                | Character.digit(v[at + 2], 16) << 4 | Character.digit(v[at + 3], 16);
    }

    /** Writes code point {@code c} as UTF-8 at {@code out[n]}; returns the new length. */
    private static int utf8(byte[] out, int n, int c) {
        if (c < 0x80) {
            out[n++] = (byte) c;
        } else if (c < 0x800) {
            out[n++] = (byte) (0xc0 | c >> 6);
            out[n++] = (byte) (0x80 | c & 0x3f);
        } else if (c < 0x10000) {
            out[n++] = (byte) (0xe0 | c >> 12);
            out[n++] = (byte) (0x80 | c >> 6 & 0x3f);
            out[n++] = (byte) (0x80 | c & 0x3f);
        } else {
            out[n++] = (byte) (0xf0 | c >> 18);
            out[n++] = (byte) (0x80 | c >> 12 & 0x3f);
            out[n++] = (byte) (0x80 | c >> 6 & 0x3f);
            out[n++] = (byte) (0x80 | c & 0x3f);
        }
        return n;
    }
}
