package io.tlswatch.ingest.syslog;

import java.util.Arrays;

/**
 * Splits one TCP stream into syslog messages (RFC 6587), deciding the framing at the start of every frame, so a
 * connection may use either or switch:
 * <ul>
 *   <li><b>octet counting</b> (§3.4.1): {@code MSG-LEN SP SYSLOG-MSG}, a count without a leading zero, one space, then the message, which must start with a {@code <PRI>}
 *       (RFC 5424 §6): a newline-framed line that happens to start with digits and a space (an HSL time stamp)
 *       is thus not mistaken for a count;</li>
 *   <li><b>non-transparent framing</b> (§3.4.2): a line ended by LF (a CR before it is dropped).</li>
 * </ul>
 * A message longer than the limit is cut at a UTF-8 character boundary, its head emitted and the rest skipped
 * ({@link DropReason#OVERSIZED_CUT}); a count over {@value #MAX_OCTET_COUNT} is a {@link DropReason#FRAMING_ERROR}
 * and the frame is skipped up to the next newline, where the stream can be read again. Only whole messages are
 * emitted: a frame unfinished at the end of the stream is {@link DropReason#INCOMPLETE_FRAME}. Empty lines are
 * skipped (some senders end an octet-counted frame with a newline as well). Memory is bounded by the limit;
 * never throws on data. Not thread-safe: one per connection.
 */
public final class SyslogFramer {
    /**
     * Leading digits looked at before a frame is taken for a line: a count with more digits than fit in
     * {@link #MAX_OCTET_COUNT} but at most this many, followed by a space and a PRI, is a framing error.
     */
    public static final int MAX_COUNT_DIGITS = 20;
    /** The largest octet count taken as a frame (64 MiB): larger ones are not a syslog message's. */
    public static final int MAX_OCTET_COUNT = 64 << 20;

    /** What the framer found. */
    public interface Sink {
        /** A whole message, without its frame; {@code cut} when it was longer than the limit. */
        void message(byte[] message, boolean cut);

        /** Something dropped or cut (already counted once per message). */
        void dropped(DropReason reason);
    }

    private enum State { START, COUNT, COUNT_SPACE, LINE, SKIP_LINE, BODY }

    private final int maxMessageBytes;
    private final Sink sink;
    private final byte[] buffer;
    private int length;
    private State state = State.START;
    private long count;
    private long remaining;
    private boolean cut;
    private long frames;

    /** @param maxMessageBytes the longest message emitted whole (the pipeline's line limit, 8 KiB) */
    public SyslogFramer(int maxMessageBytes, Sink sink) {
        if (maxMessageBytes < 16) {
            throw new IllegalArgumentException("maxMessageBytes must be >= 16: " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
        this.sink = sink;
        // a count header (up to 9 digits and a space) is kept with a line until the framing is known
        this.buffer = new byte[maxMessageBytes + MAX_COUNT_DIGITS + 2];
    }

    /** Frames {@code data[offset, offset + n)}, the next bytes of the stream. */
    public void feed(byte[] data, int offset, int n) {
        int i = offset;
        int end = offset + n;
        while (i < end) {
            switch (state) {
                case START -> {
                    byte b = data[i++];
                    if (b == '\n' || b == '\r') {
                        continue; // an empty line, or the newline after an octet-counted frame
                    }
                    if (b >= '1' && b <= '9') {
                        state = State.COUNT;
                        count = b - '0';
                    } else {
                        state = State.LINE;
                    }
                    append(b);
                }
                case COUNT -> {
                    byte b = data[i];
                    if (b >= '0' && b <= '9' && length < MAX_COUNT_DIGITS) {
                        // saturates just past the limit: twenty digits cannot overflow the long
                        count = count > MAX_OCTET_COUNT ? count : count * 10 + (b - '0');
                        append(b);
                        i++;
                    } else if (b == ' ') {
                        state = State.COUNT_SPACE;
                        append(b);
                        i++;
                    } else {
                        state = State.LINE; // digits that are the line itself: read b again as line text
                    }
                }
                case COUNT_SPACE -> {
                    if (data[i] != '<') {
                        state = State.LINE; // "digits space" then no PRI: a line (an HSL time stamp)
                    } else if (count > MAX_OCTET_COUNT) {
                        sink.dropped(DropReason.FRAMING_ERROR);
                        length = 0;
                        state = State.SKIP_LINE;
                    } else {
                        length = 0;
                        remaining = count;
                        state = State.BODY;
                    }
                }
                case LINE -> {
                    int newline = indexOf(data, i, end, (byte) '\n');
                    int stop = newline < 0 ? end : newline;
                    int room = maxMessageBytes - length;
                    int take = Math.min(room, stop - i);
                    System.arraycopy(data, i, buffer, length, take);
                    length += take;
                    i += take;
                    if (i == newline) {
                        i++;
                        emitLine();
                    } else if (length >= maxMessageBytes && i < end) {
                        // more bytes of the same line than fit: emit the head now, skip to the newline
                        cut = true;
                        emit();
                        state = State.SKIP_LINE;
                    }
                }
                case SKIP_LINE -> {
                    int newline = indexOf(data, i, end, (byte) '\n');
                    if (newline < 0) {
                        i = end;
                    } else {
                        i = newline + 1;
                        state = State.START;
                        frames++;
                    }
                }
                case BODY -> {
                    int take = (int) Math.min(remaining, end - i);
                    int keep = Math.min(take, maxMessageBytes - length);
                    System.arraycopy(data, i, buffer, length, keep);
                    length += keep;
                    cut |= keep < take;
                    i += take;
                    remaining -= take;
                    if (remaining == 0) {
                        emit();
                        state = State.START;
                    }
                }
                default -> throw new AssertionError(state);
            }
        }
    }

    /** The stream ended (or is abandoned): an unfinished frame is dropped and counted. */
    public void end() {
        if (state != State.START && state != State.SKIP_LINE) {
            sink.dropped(DropReason.INCOMPLETE_FRAME);
        }
        length = 0;
        cut = false;
        state = State.START;
    }

    /** Whether part of a frame has arrived and the rest has not. */
    public boolean midFrame() {
        return state != State.START;
    }

    /** Frames finished so far (emitted or skipped): lets the caller see a new frame begin. */
    public long frames() {
        return frames;
    }

    private void append(byte b) {
        buffer[length++] = b;
    }

    private void emitLine() {
        if (length > 0 && buffer[length - 1] == '\r') {
            length--;
        }
        emit();
        state = State.START;
    }

    /** Emits the buffer, cut at a character boundary when it was too long; an empty message is skipped. */
    private void emit() {
        int n = length;
        if (cut) {
            n = Utf8Cut.boundary(buffer, Math.min(n, maxMessageBytes));
            sink.dropped(DropReason.OVERSIZED_CUT);
        }
        while (n > 0 && (buffer[n - 1] == '\n' || buffer[n - 1] == '\r')) {
            n--;
        }
        if (n > 0) {
            sink.message(Arrays.copyOf(buffer, n), cut);
        }
        length = 0;
        cut = false;
        frames++;
    }

    private static int indexOf(byte[] data, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
