package io.tlswatch.app.simulate;

import io.tlswatch.ingest.simulator.TimedLine;
import io.tlswatch.ingest.simulator.TimedPacket;
import io.tlswatch.schemas.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files {@code tlswatch analyze} reads: {@value #LOGS} (syslog lines and poller documents, one per line, as
 * {@code --logs}) and {@value #PACKETS} (packet summaries as JSON lines, as {@code --packets}).
 */
final class FileSink implements Sink {
    static final String LOGS = "f5-logs.log";
    static final String PACKETS = "f5-packets.jsonl";
    static final String TRUTH = "ground-truth.jsonl";

    private final BufferedWriter logs;
    private final BufferedWriter packets;

    FileSink(Path dir) throws IOException {
        this.logs = Files.newBufferedWriter(dir.resolve(LOGS), StandardCharsets.UTF_8);
        BufferedWriter p;
        try {
            p = Files.newBufferedWriter(dir.resolve(PACKETS), StandardCharsets.UTF_8);
        } catch (IOException e) {
            logs.close();
            throw e;
        }
        this.packets = p;
    }

    @Override
    public void line(TimedLine line) throws IOException {
        logs.write(line.line());
        logs.write('\n');
    }

    @Override
    public void packet(TimedPacket packet) throws IOException {
        packets.write(Json.write(packet.summary()));
        packets.write('\n');
    }

    @Override
    public void flush() throws IOException {
        logs.flush();
        packets.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            logs.close();
        } finally {
            packets.close();
        }
    }
}
