package io.tlswatch.processors.decode.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the configuration text of an audit line into tokens: braces, quoted strings (quotes removed,
 * backslash escapes kept as written) and bare words. tmsh commands ({@code modify ltm virtual vs profiles add
 * { ssl { context clientside } }}) and mcpd object dumps ({@code modify { rule { rule_name "/Common/r" } }}) share
 * this syntax. Bounded: at most {@link #MAX_TOKENS} tokens, each cut to {@link #MAX_TOKEN_CHARS}.
 */
final class ConfigTokens {
    static final String OPEN = "{";
    static final String CLOSE = "}";
    /** A TLS-relevant command is a few dozen tokens; an iRule body can be thousands of words. */
    static final int MAX_TOKENS = 4096;
    /** TMOS object paths are far shorter. */
    static final int MAX_TOKEN_CHARS = 1024;

    private ConfigTokens() {}

    /** A token, and whether it was quoted (a quoted "{" is text, not a brace). */
    record Token(String text, boolean quoted) {
        boolean isOpen() {
            return !quoted && OPEN.equals(text);
        }

        boolean isClose() {
            return !quoted && CLOSE.equals(text);
        }

        boolean isWord() {
            return quoted || !(OPEN.equals(text) || CLOSE.equals(text));
        }
    }

    static List<Token> of(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n && out.size() < MAX_TOKENS) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
            } else if (c == '{' || c == '}') {
                out.add(new Token(String.valueOf(c), false));
                i++;
            } else if (c == '"') {
                int j = i + 1;
                StringBuilder sb = new StringBuilder();
                while (j < n && s.charAt(j) != '"') {
                    if (s.charAt(j) == '\\' && j + 1 < n) {
                        append(sb, s.charAt(j));
                        j++;
                    }
                    append(sb, s.charAt(j));
                    j++;
                }
                out.add(new Token(sb.toString(), true));
                i = Math.min(n, j + 1);
            } else {
                int j = i;
                while (j < n && " \t{}\"".indexOf(s.charAt(j)) < 0) {
                    j++;
                }
                String w = s.substring(i, Math.min(j, i + MAX_TOKEN_CHARS));
                out.add(new Token(w, false));
                i = j;
            }
        }
        return out;
    }

    private static void append(StringBuilder sb, char c) {
        if (sb.length() < MAX_TOKEN_CHARS) {
            sb.append(c);
        }
    }

    /** The index after the block that opens at {@code open} (a "{"), or the end of the list when unclosed. */
    static int skipBlock(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).isOpen()) {
                depth++;
            } else if (tokens.get(i).isClose() && --depth == 0) {
                return i + 1;
            }
        }
        return tokens.size();
    }
}
