package io.tlswatch.processors.serve;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The {@code http.token} check: {@code Authorization: Bearer <token>}, compared in constant time. Without a
 * configured token (loopback only, {@link HttpSettings}) every request passes.
 */
final class BearerToken {
    private final byte[] expected;

    BearerToken(String token) {
        this.expected = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    boolean allows(HttpExchange exchange) {
        if (expected == null) {
            return true;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(expected, header.substring(7).strip().getBytes(StandardCharsets.UTF_8));
    }
}
