package io.tlswatch.app.analyze;

import io.tlswatch.ingest.pcap.CaptureReader;
import io.tlswatch.ingest.pcap.CaptureSettings;
import io.tlswatch.ingest.pcap.CaptureStats;
import io.tlswatch.schemas.PacketSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * The packet summaries of one capture, each at the time of its packets ({@link Analysis#recordTime}). The
 * reader pushes summaries as connections end; a thread runs it into a small bounded queue so that the
 * timeline can take them one at a time like log lines.
 */
final class CaptureSource implements TimedSource {
    /** Summaries read ahead of the timeline, at most. */
    static final int READ_AHEAD = 1024;

    private final Path file;
    private final InputStream in;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(READ_AHEAD);
    private final Thread reader;
    private final LongSupplier clock;
    private final BiConsumer<PacketSummary, Long> send;
    private boolean ended;

    /** Where the reader stopped: the capture's statistics, or why it could not be read. */
    private record End(CaptureStats stats, IOException error) {}

    /** @param send called with a summary and its record time when the timeline sends it */
    CaptureSource(Path file, CaptureSettings settings, LongSupplier clock, BiConsumer<PacketSummary, Long> send)
            throws IOException {
        this.file = file;
        this.in = Files.newInputStream(file);
        this.clock = clock;
        this.send = send;
        this.reader = new Thread(() -> read(settings), "tlswatch-analyze-capture");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(CaptureSettings settings) {
        End end;
        try {
            end = new End(CaptureReader.read(in, settings, this::put), null);
        } catch (IOException e) {
            end = new End(null, e);
        } catch (Closed e) {
            return; // closed before the end: nobody is waiting
        } catch (RuntimeException e) {
            // a reader bug must not leave the timeline waiting for a summary that never comes
            end = new End(null, new IOException("the capture reader failed: " + e, e));
        }
        try {
            queue.put(end);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void put(PacketSummary summary) {
        try {
            queue.put(summary);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Closed();
        }
    }

    /** Unwinds the capture reader when the source is closed early. */
    private static final class Closed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Closed() {
            super(null, null, false, false);
        }
    }

    /**
     * @throws IOException when the capture cannot be read, or is not a pcap / pcapng capture (the summaries read
     *     before the problem have been returned)
     */
    @Override
    public Timed next() throws IOException {
        if (ended) {
            return null;
        }
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + file, e);
        }
        if (item instanceof PacketSummary summary) {
            long time = Analysis.recordTime(summary, clock.getAsLong());
            return new Timed(time, () -> send.accept(summary, time));
        }
        ended = true;
        End end = (End) item;
        if (end.error() != null) {
            throw end.error();
        }
        if (end.stats().ending() == CaptureStats.Ending.UNKNOWN_FORMAT) {
            throw new IOException("not a pcap or pcapng capture (unknown magic number)");
        }
        return null;
    }

    @Override
    public String name() {
        return file.toString();
    }

    @Override
    public void close() throws IOException {
        reader.interrupt();
        in.close();
    }
}
