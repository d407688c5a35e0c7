package io.tlswatch.processors.packets;

import io.tlswatch.schemas.PacketSummary;
import java.util.Base64;

/**
 * One direction's flight as a capture point saw it: the bytes of the flight (a piece of the direction's stream
 * head, starting at {@code headOffset}, -1 when unknown) and the TCP facts of the direction so far.
 *
 * @param emitReason why the capture point emitted it ({@code fin}, {@code rst}, {@code flight_complete}, …),
 *                   null when unknown
 */
public record WireFlight(byte[] head, long headOffset, long firstSeenMs, long lastSeenMs, boolean syn, boolean fin,
        boolean rst, int retransmissions, long bytes, String emitReason) {

    /** A flight from {@code f5.packets}; a missing or undecodable head becomes an empty one. */
    public static WireFlight of(PacketSummary s) {
        byte[] head;
        try {
            head = s.payloadHeadBase64() == null ? new byte[0] : Base64.getDecoder().decode(s.payloadHeadBase64());
        } catch (IllegalArgumentException e) {
            head = new byte[0];
        }
        return new WireFlight(head, s.headOffset() == null ? -1 : s.headOffset(), s.firstSeenMs(), s.lastSeenMs(),
                s.synSeen(), s.finSeen(), s.rstSeen(), s.retransmissions(), s.bytes(), s.emitReason());
    }
}
