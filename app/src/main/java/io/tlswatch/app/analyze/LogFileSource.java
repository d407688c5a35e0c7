package io.tlswatch.app.analyze;

import io.tlswatch.app.decode.ByteLines;
import io.tlswatch.ingest.replay.LogFiles;
import io.tlswatch.processors.decode.LogDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;
import java.util.function.ObjLongConsumer;

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
    /** A read failure, thrown once the lines read before it have been handed out. */
    private IOException failure;

    /**
     * @param send called with a line and its record time when the timeline sends it
     * @throws IOException when the file cannot be opened (or is not gzip while named {@code .gz})
     */
    LogFileSource(Path file, LogDecoder decoder, LongSupplier clock, ObjLongConsumer<byte[]> send) throws IOException {
        this.file = file;
        this.in = LogFiles.open(file);
        this.lines = new ByteLines.Reader(in, LogDecoder.MAX_RECORD_BYTES + 1);
        this.times = new EventTimes(decoder, clock, (line, timeMs) -> ready.add(new Timed(timeMs, () -> send.accept(line, timeMs))));
    }

    /** @throws IOException when the file breaks off (a truncated gzip): after the lines read before it */
    @Override
    public Timed next() throws IOException {
        while (ready.isEmpty() && !ended) {
            byte[] line;
            try {
                line = lines.next();
            } catch (IOException e) {
                failure = e;
                line = null;
            }
            if (line == null) {
                ended = true;
                times.finish(); // lines still waiting for a time go out too
            } else if (!ByteLines.isBlank(line)) {
                times.offer(line);
            }
        }
        if (ready.isEmpty() && failure != null) {
            IOException e = failure;
            failure = null;
            throw e;
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
}
