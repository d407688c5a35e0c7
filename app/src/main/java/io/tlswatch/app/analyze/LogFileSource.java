package io.tlswatch.app.analyze;

import io.tlswatch.app.decode.ByteLines;
import io.tlswatch.processors.decode.LogDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;
import java.util.function.ObjLongConsumer;
import java.util.zip.GZIPInputStream;

/**
 * The lines of one log file, stamped by their own {@link EventTimes} (lines without a time borrow the time of
 * the line before them in the same file) and read only as fast as the timeline takes them.
 */
final class LogFileSource implements TimedSource {
    private final Path file;
    private final InputStream in;
    private final ByteLines.Reader lines;
    private final EventTimes times;
    private final ArrayDeque<Timed> ready = new ArrayDeque<>();
    private boolean ended;

    /**
     * @param send called with a line and its record time when the timeline sends it
     * @throws IOException when the file cannot be opened (or is not gzip while named {@code .gz})
     */
    LogFileSource(Path file, LogDecoder decoder, LongSupplier clock, ObjLongConsumer<byte[]> send) throws IOException {
        this.file = file;
        this.in = open(file);
        this.lines = new ByteLines.Reader(in, LogDecoder.MAX_RECORD_BYTES + 1);
        this.times = new EventTimes(decoder, clock, (line, timeMs) -> ready.add(new Timed(timeMs, () -> send.accept(line, timeMs))));
    }

    @Override
    public Timed next() throws IOException {
        while (ready.isEmpty() && !ended) {
            byte[] line = lines.next();
            if (line == null) {
                ended = true;
                times.finish();
            } else if (!ByteLines.isBlank(line)) {
                times.offer(line);
            }
        }
        return ready.poll();
    }

    @Override
    public String name() {
        return file.toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName() != null && file.getFileName().toString().endsWith(".gz")) {
            try {
                return new GZIPInputStream(in, 1 << 16);
            } catch (IOException e) {
                in.close();
                throw e;
            }
        }
        return in;
    }
}
