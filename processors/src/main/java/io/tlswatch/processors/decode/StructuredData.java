package io.tlswatch.processors.decode;

/**
 * RFC 5424 structured data ({@code [F5@12276 hostname="bigip1" errdefs_msgno="01490248"]}) that F5 puts
 * between the message id and the text: skipped, so the SSL text is read the same in every envelope.
 */
final class StructuredData {
    private StructuredData() {}

    /** The position after any SD elements (and the spaces around them) starting at {@code at}. */
    static int skip(String s, int at) {
        int i = skipSpaces(s, at);
        while (i < s.length() && s.charAt(i) == '[') {
            int close = closingBracket(s, i + 1);
            if (close < 0) {
                return i; // unterminated: leave the text as it is
            }
            i = skipSpaces(s, close + 1);
        }
        return i;
    }

    /** Index of the {@code ]} that closes an element; {@code \]} inside a value does not (RFC 5424 §6.3.3). */
    private static int closingBracket(String s, int from) {
        boolean inValue = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
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

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
