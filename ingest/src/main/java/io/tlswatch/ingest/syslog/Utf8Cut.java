package io.tlswatch.ingest.syslog;

/** Where to cut UTF-8 bytes at most {@code limit} long without splitting a character. */
final class Utf8Cut {
    private Utf8Cut() {}

    /** The largest {@code n <= limit} such that {@code bytes[0, n)} ends on a character boundary. */
    static int boundary(byte[] bytes, int limit) {
        int n = limit;
        int back = 0;
        // back off over continuation bytes (10xxxxxx) to the sequence's lead byte
        while (back < 3 && n - back > 0 && (bytes[n - back - 1] & 0xC0) == 0x80) {
            back++;
        }
        if (n - back > 0 && sequenceLength(bytes[n - back - 1]) > back + 1) {
            n -= back + 1; // the cut left the sequence short: drop it whole
        }
        return n;
    }

    private static int sequenceLength(byte lead) {
        int b = lead & 0xFF;
        return b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    }
}
