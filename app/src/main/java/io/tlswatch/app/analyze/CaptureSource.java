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
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The packet summaries of one capture, each at the time of its packets ({@link Analysis#recordTime}). The
 * reader pushes summaries as connections end; a thread runs it into a small bounded queue so that the
 * timeline can take them one at a time like log lines. The thread always leaves an end marker, whatever
 * stops it, and the timeline never waits on it blindly: it looks every {@link #CHECK_EVERY_MS} ms whether
 * the analysis was stopped or the reader died.
 */
final class CaptureSource implements TimedSource {
    /** Summaries read ahead of the timeline, at most. */
    static final int READ_AHEAD = 1024;
    static final long CHECK_EVERY_MS = 200;
    static final String THREAD_NAME = "tlswatch-analyze-capture";

    private final String name;
    private final InputStream in;
    private final BlockingQueue<Object> queue;
    private final Thread reader;
    private final LongSupplier clock;
    private final BooleanSupplier stopped;
    private final BiConsumer<PacketSummary, Long> send;
    private boolean ended;

    /** Where the reader stopped: the capture's statistics, or why it could not be read. */
    private record End(CaptureStats stats, IOException error) {}

    /**
     * @param settings the reader's limits; open several captures at once with a share of the memory each
     *     ({@link #share})
     * @param stopped  the analysis was stopped: stop waiting for this capture
     * @param send     called with a summary and its record time when the timeline sends it
     */
    CaptureSource(Path file, CaptureSettings settings, LongSupplier clock, BooleanSupplier stopped,
            BiConsumer<PacketSummary, Long> send) throws IOException {
        this(file.toString(), Files.newInputStream(file), READ_AHEAD, settings, clock, stopped, send);
    }

    CaptureSource(String name, InputStream in, int readAhead, CaptureSettings settings, LongSupplier clock,
            BooleanSupplier stopped, BiConsumer<PacketSummary, Long> send) {
        this.name = name;
        this.queue = new ArrayBlockingQueue<>(readAhead);
        this.in = in;
        this.clock = clock;
        this.stopped = stopped;
        this.send = send;
        this.reader = new Thread(() -> read(settings), THREAD_NAME);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * The settings for one of {@code captures} read at the same time: the head bytes held across open
     * connections are shared, so that N captures together hold what one would.
     */
    static CaptureSettings share(CaptureSettings settings, int captures) {
        return captures <= 1 ? settings : settings.withMaxBufferedBytes(settings.maxBufferedBytes() / captures);
    }

    private void read(CaptureSettings settings) {
        End end = new End(null, new IOException("the capture reader stopped"));
        try {
            end = new End(CaptureReader.read(in, settings, this::put), null);
        } catch (IOException e) {
            end = new End(null, e);
        } catch (Closed e) {
            return; // closed early: nobody waits for the end
        } catch (RuntimeException | Error e) {
            // a reader bug must not leave the timeline waiting for a summary that never comes
            end = new End(null, new IOException("the capture reader failed: " + e, e));
        } finally {
            deliver(end);
        }
    }

    /** The end marker, after the summaries still queued; given up only when the source is closed. */
    private void deliver(End end) {
        if (Thread.currentThread().isInterrupted()) {
            return;
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
     * @return the next summary, or null at the end of the capture or when the analysis was stopped
     * @throws IOException when the capture cannot be read, or is not a pcap / pcapng capture (the summaries read
     *     before the problem have been returned)
     */
    @Override
    public Timed next() throws IOException {
        Object item = null;
        while (item == null && !ended) {
            if (stopped.getAsBoolean()) {
                return null;
            }
            try {
                item = queue.poll(CHECK_EVERY_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null; // interrupted means stop, not a broken file
            }
            if (item == null && !reader.isAlive() && queue.isEmpty()) {
                ended = true;
                throw new IOException("the capture reader stopped without finishing " + name);
            }
        }
        if (ended) {
            return null;
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
        return name;
    }

    @Override
    public void close() throws IOException {
        reader.interrupt();
        in.close();
    }
}
