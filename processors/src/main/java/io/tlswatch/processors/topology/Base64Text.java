package io.tlswatch.processors.topology;

/**
 * Whether a text is what {@link java.util.Base64#getDecoder()} decodes, without decoding it: the check of a packet
 * summary's payload head runs once per summary, and the head is decoded for real only when its connection is
 * judged. The rules are the basic decoder's (RFC 4648 alphabet, no line breaks): padding is optional, but present it
 * must be complete ({@code xx==}, {@code xxx=}) and end the text; a lone last character is an error.
 */
final class Base64Text {
    /** The alphabet, by ASCII code: one load per character, where range tests branch unpredictably on base64. */
    private static final boolean[] ALPHABET = new boolean[128];

    static {
        for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray()) {
            ALPHABET[c] = true;
        }
    }

    private Base64Text() {}

    static boolean decodable(String s) {
        int n = s.length();
        int body = 0; // the leading characters of the alphabet
        while (body < n) {
            char c = s.charAt(body);
            if (c >= ALPHABET.length || !ALPHABET[c]) {
                break;
            }
            body++;
        }
        int inUnit = body & 3; // characters of the last 4-character unit
        if (body == n) {
            return inUnit != 1;
        }
        if (s.charAt(body) != '=') {
            return false;
        }
        if (inUnit == 2) {
            return body + 2 == n && s.charAt(body + 1) == '=';
        }
        return inUnit == 3 && body + 1 == n;
    }
}
