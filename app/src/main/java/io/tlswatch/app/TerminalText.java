package io.tlswatch.app;

/**
 * Text bound for a terminal (text tables, progress and status lines), made safe to print (DESIGN §11): fields
 * such as an SNI, an ALPN protocol, an iRule's text or a log line come from clients and must not move the cursor,
 * ring the bell, start a new row or reorder what follows. Escaped, each as {@code \\uXXXX} (a backslash as
 * {@code \\\\}, so an escape cannot be forged): C0 controls and DEL, C1 controls U+0080–U+009F (U+009B is a
 * one-character CSI), the bidi controls U+061C, U+200E/U+200F, U+202A–U+202E and U+2066–U+2069, line and
 * paragraph separators U+2028/U+2029. Everything else is printed as it is. The one place that does this: JSON
 * output is escaped by Jackson instead.
 */
public final class TerminalText {
    private TerminalText() {}

    /** {@code text} with every unsafe character escaped; null stays null. */
    public static String safe(String text) {
        if (text == null) {
            return null;
        }
        int i = 0;
        while (i < text.length() && !unsafe(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                b.append("\\\\");
            } else if (unsafe(c)) {
                b.append("\\u").append(Character.forDigit(c >> 12 & 0xf, 16)).append(Character.forDigit(c >> 8 & 0xf, 16))
                        .append(Character.forDigit(c >> 4 & 0xf, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\\' || c == 0x061c || c == 0x200e || c == 0x200f
                || (c >= 0x2028 && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }
}
