package io.tlswatch.processors.decode;

/**
 * RFC 5424 structured data ({@code [F5@12276 hostname="bigip1" errdefs_msgno="01490248"]}) that F5 puts
 * between the message id and the text: skipped, so the SSL text is read the same in every envelope.
 */
final class StructuredData {
    private StructuredData() {}

    /** The position after any SD elements (and the spaces around them) starting at {@code at}. */
    static int skip(CharSequence s, int at) {
        int to = s.length();
        int i = skipSpaces(s, at, to);
        while (i < to && s.charAt(i) == '[') {
            int close = closingBracket(s, i + 1, to);
            if (close < 0) {
                return i; // unterminated: leave the text as it is
            }
            i = skipSpaces(s, close + 1, to);
        }
        return i;
    }

    /**
     * The same over the bytes of a line, {@code to} exclusive: every character it looks for is ASCII, so UTF-8
     * bytes are read as they are (the audit path, before any String; the SSL path passes its String).
     */
    static int skip(byte[] v, int at, int to) {
        return skip(new Bytes(v, to), at);
    }

    /** Bytes seen as characters, each byte one (only ASCII is compared). */
    private record Bytes(byte[] v, int to) implements CharSequence {
        @Override
        public int length() {
            return to;
        }

        @Override
        public char charAt(int i) {
            return (char) (v[i] & 0xff);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            throw new UnsupportedOperationException("not needed to skip structured data");
        }
    }

    /** Index of the {@code ]} that closes an element; {@code \]} inside a value does not (RFC 5424 §6.3.3). */
    private static int closingBracket(CharSequence s, int from, int to) {
        boolean inValue = false;
        for (int i = from; i < to; i++) {
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

    private static int skipSpaces(CharSequence s, int i, int to) {
        while (i < to && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
