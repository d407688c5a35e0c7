package io.tlswatch.processors.packets;

import java.util.Locale;

/**
 * Why a connection's packets do not prove an outcome (DESIGN §11: only what the evidence proves is a failure). An
 * {@code unknown} outcome's reason text starts with {@link #code()} and a colon; ECS carries the code in
 * {@code event.reason}. Unknown outcomes count in no rate.
 */
public enum UnknownReason {
    /** The client sent no payload: a TCP probe or a health monitor, not a handshake. */
    NO_PAYLOAD,
    /** The server spoke and the client never did: no ClientHello to judge. */
    SERVER_FIRST,
    /** The capture started inside the connection (no SYN) and what it saw is not the start of a handshake. */
    MID_STREAM,
    /** The capture ended, or stopped following the connection (eviction, reuse), before the handshake did. */
    INCOMPLETE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason text of an unknown outcome: {@code code: detail}. */
    String text(String detail) {
        return code() + ": " + detail;
    }

    /** The reason an outcome's reason text names, or null when it names none. */
    public static UnknownReason of(String reasonText) {
        if (reasonText == null) {
            return null;
        }
        int colon = reasonText.indexOf(':');
        String code = colon < 0 ? reasonText : reasonText.substring(0, colon);
        for (UnknownReason r : values()) {
            if (r.code().equals(code)) {
                return r;
            }
        }
        return null;
    }
}
