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
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        int b;
        boolean any = false;
        while ((b = buffered.read()) != -1) {
            any = true;
            if (b == '\n') {
                consumer.accept(line.toByteArray());
                line.reset();
                any = false;
            } else if (line.size() < maxBytes) {
                line.write(b);
            }
        }
        if (any) {
            consumer.accept(line.toByteArray());
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
