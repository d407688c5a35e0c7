package io.tlswatch.processors.decode.wire;

/**
 * What one direction's QUIC datagrams show (RFC 9000 §17.2, RFC 9001 §5): the handshake read from the CRYPTO
 * frames of its Initial packets, and the packets around it. Counts are of packets, not datagrams.
 *
 * @param crypto the CRYPTO stream decoded ({@link StreamKind#QUIC}), incomplete when it holds no whole message
 *     (or there was no Initial), malformed when it breaks a rule or no Initial packet could be read at all
 * @param version the version of the first long header, null when there was none of a version read here
 * @param initialPackets Initial packets decrypted
 * @param undecryptablePackets Initial packets whose protection did not verify (an endpoint drops them: so do we)
 * @param malformedPackets long headers whose lengths contradict their datagram (the rest of that datagram is
 *     skipped), or decrypted packets whose frames break a rule (the rest of that packet is skipped)
 * @param handshakePackets Handshake packets: the sender has the handshake keys, so the Initial exchange is past
 * @param zeroRttPackets 0-RTT packets
 * @param retry a Retry packet was seen
 * @param versionNegotiation a Version Negotiation packet was seen (RFC 9000 §17.2.1)
 * @param shortHeader a 1-RTT (short-header) packet was seen
 * @param close the first CONNECTION_CLOSE frame of an Initial packet, or null
 */
public record QuicReading(WireDecodeResult crypto, QuicVersion version, int initialPackets,
        int undecryptablePackets, int malformedPackets, int handshakePackets, int zeroRttPackets, boolean retry,
        boolean versionNegotiation, boolean shortHeader, Close close) {

    /** RFC 9001 §4.8: a TLS alert travels as the QUIC error code 0x0100 + its description. */
    public static final long CRYPTO_ERROR_BASE = 0x0100;

    /**
     * A CONNECTION_CLOSE frame (RFC 9000 §19.19).
     *
     * @param errorCode its error code
     * @param application frame type 0x1d (an application's close; not expected in an Initial packet)
     */
    public record Close(long errorCode, boolean application) {
        /** The TLS alert the close carries (error codes 0x0100-0x01ff of frame type 0x1c), or -1. */
        public int tlsAlert() {
            return !application && errorCode >= CRYPTO_ERROR_BASE && errorCode <= CRYPTO_ERROR_BASE + 0xff
                    ? (int) (errorCode - CRYPTO_ERROR_BASE) : -1;
        }
    }

    /** The sender got past its Initial packets: it holds handshake or 1-RTT keys. */
    public boolean beyondInitial() {
        return handshakePackets > 0 || shortHeader;
    }
}
