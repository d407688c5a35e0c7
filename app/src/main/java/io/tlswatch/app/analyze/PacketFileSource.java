package io.tlswatch.app.analyze;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tlswatch.app.decode.ByteLines;
import io.tlswatch.ingest.replay.LogFiles;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.PacketSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * A file of packet summaries, one JSON object per line, as they travel on {@code f5.packets} ({@code tlswatch
 * simulate --out}, or a dump of the topic). Each line goes to the packets topic as it is, keyed by its connection
 * id: the pipeline checks it and dead-letters what is not a summary. Its record time is the time of its packets
 * ({@link Analysis#recordTime}); a line that cannot be read takes the time of the line before it.
 */
final class PacketFileSource implements TimedSource {
    /** Sends one line: its key (null when unreadable), its bytes, its record time. */
    interface Send {
        void send(String key, byte[] value, long timeMs);
    }

    private final Path file;
    private final InputStream in;
    private final ByteLines.Reader lines;
    private final LongSupplier clock;
    private final Send send;
    private long lastTimeMs = -1;

    PacketFileSource(Path file, LongSupplier clock, Send send) throws IOException {
        this.file = file;
        this.in = LogFiles.open(file);
        // a summary holds at most a 16 KiB head, base64: far below this
        this.lines = new ByteLines.Reader(in, 1 << 20);
        this.clock = clock;
        this.send = send;
    }

    @Override
    public Timed next() throws IOException {
        byte[] line;
        do {
            line = lines.next();
        } while (line != null && ByteLines.isBlank(line));
        if (line == null) {
            return null;
        }
        String key = null;
        long time = lastTimeMs >= 0 ? lastTimeMs : clock.getAsLong();
        try {
            PacketSummary s = Json.MAPPER.readValue(line, PacketSummary.class);
            key = s.connectionId();
            time = Analysis.recordTime(s, clock.getAsLong());
        } catch (JsonProcessingException e) {
            // not a summary: the pipeline's packet decoder dead-letters it with its reason
        }
        lastTimeMs = time;
        String k = key;
        byte[] value = line;
        long t = time;
        return new Timed(t, () -> send.send(k, value, t));
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
