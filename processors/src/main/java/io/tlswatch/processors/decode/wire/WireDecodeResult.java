package io.tlswatch.processors.decode.wire;

/**
 * What one direction's stream head became: exactly one of decoded, incomplete (the head stops before anything
 * could be decoded) or malformed (the first thing it holds breaks a rule). Never thrown, always returned.
 */
public sealed interface WireDecodeResult {

    /** Facts read from the head; {@link HandshakeFacts#truncated()} and {@code tailError} say how it ended. */
    record Decoded(HandshakeFacts facts) implements WireDecodeResult {}

    /**
     * The head ends before a first complete message (e.g. inside the ClientHello, or inside a PROXY header).
     *
     * @param needBytes at least this many more bytes are needed (a hint: the real need may be larger)
     */
    record Incomplete(int needBytes) implements WireDecodeResult {}

    /**
     * The head breaks a wire rule before anything could be decoded.
     *
     * @param offset byte offset of the offending field, from the start of the head
     */
    record Malformed(MalformedReason reason, int offset) implements WireDecodeResult {}
}
