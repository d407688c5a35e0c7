package io.tlswatch.app.decode;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Splits a stream into lines of raw bytes (on {@code \n}), so the decoder sees exactly what the file holds,
 * invalid UTF-8 included. A line longer than {@code maxBytes} is cut there (the decoder rejects it as
 * oversized) and memory stays bounded however long the line is.
 */
public final class ByteLines {
    private ByteLines() {}

    public static void forEach(InputStream in, int maxBytes, Consumer<byte[]> consumer) throws IOException {
        Reader lines = new Reader(in, maxBytes);
        for (byte[] line = lines.next(); line != null; line = lines.next()) {
            consumer.accept(line);
        }
    }

    /** The same lines, one at a time: for callers that take lines from several files in turn. */
    public static final class Reader {
        private final BufferedInputStream in;
        private final int maxBytes;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);

        public Reader(InputStream in, int maxBytes) {
            this.in = new BufferedInputStream(in, 1 << 16);
            this.maxBytes = maxBytes;
        }

        /** The next line without its {@code \n}, or null at the end of the stream. */
        public byte[] next() throws IOException {
            line.reset();
            boolean any = false;
            int b;
            while ((b = in.read()) != -1) {
                any = true;
                if (b == '\n') {
                    return line.toByteArray();
                }
                if (line.size() < maxBytes) {
                    line.write(b);
                }
            }
            return any ? line.toByteArray() : null;
        }
    }

    public static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
