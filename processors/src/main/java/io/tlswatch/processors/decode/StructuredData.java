package io.tlswatch.processors.decode;

import java.util.function.IntUnaryOperator;

/**
 * RFC 5424 structured data ({@code [F5@12276 hostname="bigip1" errdefs_msgno="01490248"]}) that F5 puts
 * between the message id and the text: skipped, so the SSL text is read the same in every envelope.
 */
final class StructuredData {
    private StructuredData() {}

    /** The position after any SD elements (and the spaces around them) starting at {@code at}. */
    static int skip(String s, int at) {
        return skip(s::charAt, at, s.length());
    }

    /**
     * The same over the bytes of a line, {@code to} exclusive: every character it looks for is ASCII, so UTF-8
     * bytes need no decoding first.
     */
    static int skip(byte[] v, int at, int to) {
        return skip(i -> v[i], at, to);
    }

    private static int skip(IntUnaryOperator charAt, int at, int to) {
        int i = skipSpaces(charAt, at, to);
        while (i < to && charAt.applyAsInt(i) == '[') {
            int close = closingBracket(charAt, i + 1, to);
            if (close < 0) {
                return i; // unterminated: leave the text as it is
            }
            i = skipSpaces(charAt, close + 1, to);
        }
        return i;
    }

    /** Index of the {@code ]} that closes an element; {@code \]} inside a value does not (RFC 5424 §6.3.3). */
    private static int closingBracket(IntUnaryOperator charAt, int from, int to) {
        boolean inValue = false;
        for (int i = from; i < to; i++) {
            int c = charAt.applyAsInt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                inValue = !inValue;
            } else if (c == ']' && !inValue) {
                return i;
            }
        }
        return -1;
    }

    private static int skipSpaces(IntUnaryOperator charAt, int i, int to) {
        while (i < to && charAt.applyAsInt(i) == ' ') {
            i++;
        }
        return i;
    }
}
