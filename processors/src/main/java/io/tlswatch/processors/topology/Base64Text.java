package io.tlswatch.processors.topology;

/**
 * Whether a text is what {@link java.util.Base64#getDecoder()} decodes, without decoding it: the check of a packet
 * summary's payload head runs once per summary, and the head is decoded for real only when its connection is
 * judged. The rules are the basic decoder's (RFC 4648 alphabet, no line breaks): padding is optional, but present it
 * must be complete ({@code xx==}, {@code xxx=}) and end the text; a lone last character is an error.
 */
final class Base64Text {
    private Base64Text() {}

    static boolean decodable(String s) {
        int inUnit = 0; // characters of the current 4-character unit so far
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/') {
                inUnit = (inUnit + 1) & 3;
                continue;
            }
            if (c != '=') {
                return false;
            }
            if (inUnit == 2) {
                return i + 2 == n && s.charAt(i + 1) == '=';
            }
            return inUnit == 3 && i + 1 == n;
        }
        return inUnit != 1;
    }
}
