package io.tlswatch.processors.decode;

import io.tlswatch.processors.decode.audit.AuditLines;

/**
 * The one pass over a raw line that decides what it is, kept small so the JIT compiles it well. Eight
 * bytes at a time ({@link Words}): each word is read once, and only its bytes of interest are looked at one
 * by one (a word with none costs a handful of instructions). The answer is packed in
 * a {@code long}: either {@link #NOT_TLS}, a control character's position, or the positions of the first
 * F5 message id colon, iRule tag and HSL marker plus whether every byte was ASCII.
 */
final class LineScan {
    /** The line is an F5 message of another module, or holds nothing TLS-related. */
    static final long NOT_TLS = -2;
    /** The line holds bytes that are not UTF-8. */
    static final long NOT_UTF8 = -3;

    /** An audit message id (configuration changes) ends at {@code AUDIT - scan}; the rest was not scanned. */
    private static final long AUDIT = -(1L << 40);

    private static final long CONTROL = Long.MIN_VALUE;
    private static final int BITS = 21; // positions + 1 fit: records are at most 1 MiB
    private static final long MASK = (1L << BITS) - 1;

    private LineScan() {}

    static long scan(byte[] v, int from, int to) {
        boolean ascii = true;
        int msgidColon = -1;
        int rule = -1;
        int hsl = -1;
        for (int word = from; word < to; word += Long.BYTES) {
            // every flagged byte of the word in turn, lowest address first, without reading the word again
            for (long flags = Words.bytesOfInterest(Words.wordAt(v, word, to)); flags != 0; flags &= flags - 1) {
                int i = word + (Long.numberOfTrailingZeros(flags) >>> 3);
                byte b = v[i];
                // once an SSL message id is found it wins over iRule and HSL markers: the rest of the line is
                // only checked for control characters and UTF-8
                if (b == ':') {
                    if (msgidColon < 0) {
                        if (isMsgidColon(v, from, to, i)) {
                            if (!isSslMsgid(v, i - 8)) {
                                // an F5 message of another module: its id says it is not TLS, whatever follows;
                                // audit lines are looked at apart (a configuration change may explain failures)
                                return AuditLines.isAuditMsgid(v, i - 8) ? AUDIT - i : NOT_TLS;
                            }
                            msgidColon = i;
                        } else if (rule < 0 && IRuleLines.isMarkerAfterTag(v, i, to)) {
                            rule = i + 2;
                        }
                    }
                } else if (b == ',') {
                    if (msgidColon < 0 && hsl < 0 && HslLines.isMarkerAt(v, i, to)) {
                        hsl = i;
                    }
                } else if (b < 0) {
                    ascii = false;
                } else if (b != '\t') {
                    return CONTROL | i; // below 0x20 or 0x7f
                }
            }
        }
        if (!ascii && !Utf8.isValid(v, from, to)) {
            return NOT_UTF8;
        }
        if (msgidColon < 0 && rule < 0 && hsl < 0) {
            return NOT_TLS;
        }
        return ((long) (msgidColon + 1) << (2 * BITS)) | ((long) (rule + 1) << BITS) | (hsl + 1);
    }

    /** A control character at {@link #position}: binary data, unless the bytes are not even UTF-8. */
    static boolean isControl(long scan) {
        return scan < 0 && scan != NOT_TLS && scan != NOT_UTF8 && !isAudit(scan);
    }

    /** Whether the line is an audit message ({@code 01420002}, {@code 01070417}); see {@link #auditColon}. */
    static boolean isAudit(long scan) {
        return scan <= AUDIT && scan > AUDIT - (1L << 22);
    }

    /** The colon ending the audit message id. */
    static int auditColon(long scan) {
        return (int) (AUDIT - scan);
    }

    static int position(long scan) {
        return (int) (scan & Integer.MAX_VALUE);
    }

    static int msgidColon(long scan) {
        return (int) ((scan >>> (2 * BITS)) & MASK) - 1;
    }

    static int rule(long scan) {
        return (int) ((scan >>> BITS) & MASK) - 1;
    }

    static int hsl(long scan) {
        return (int) (scan & MASK) - 1;
    }

    private static boolean isSslMsgid(byte[] v, int at) {
        return v[at] == '0' && v[at + 1] == '1' && v[at + 2] == '2' && v[at + 3] == '6';
    }

    /**
     * Whether the colon at {@code i} ends an F5 message id ({@code 01260013:4:}): 8 hex digits starting a
     * word, then a level digit and a colon.
     */
    static boolean isMsgidColon(byte[] v, int from, int to, int i) {
        if (i + 2 >= to || v[i + 2] != ':' || v[i + 1] < '0' || v[i + 1] > '9' || i - 8 < from) {
            return false;
        }
        if (i - 9 >= from && v[i - 9] != ' ' && v[i - 9] != '\t') {
            return false;
        }
        for (int j = i - 8; j < i; j++) {
            byte c = v[j];
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }
}
