package io.tlswatch.ingest.syslog;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded queue between the listeners and the sink, and the one thread that empties it: TCP readers wait for
 * room ({@link #put}), so a slow Kafka pauses their reading; UDP cannot wait ({@link #offer}), so a full queue
 * drops the datagram, counted.
 */
final class Handoff {
    private static final Logger LOG = LoggerFactory.getLogger(Handoff.class);

    private final BlockingQueue<SyslogMessage> queue;
    private final MessageSink sink;
    private final SyslogCounters counters;
    private final Thread writer;
    private volatile boolean closing;

    Handoff(int capacity, MessageSink sink, SyslogCounters counters) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.sink = sink;
        this.counters = counters;
        this.writer = new Thread(this::drain, "tlswatch-syslog-writer");
    }

    void start() {
        writer.start();
    }

    /** Waits for room: the caller (a TCP reader) stops reading meanwhile. */
    void put(SyslogMessage m) throws InterruptedException {
        queue.put(m);
    }

    /** Without waiting; false when the queue is full. */
    boolean offer(SyslogMessage m) {
        return queue.offer(m);
    }

    /** Messages waiting. */
    int size() {
        return queue.size();
    }

    private void drain() {
        SyslogMessage inHand = null;
        try {
            while (!closing || !queue.isEmpty()) {
                inHand = queue.poll(100, TimeUnit.MILLISECONDS);
                if (inHand == null) {
                    continue;
                }
                try {
                    sink.write(inHand);
                } catch (RuntimeException e) {
                    // one bad hand-over must not stop the writer: the TCP readers would wait for room forever
                    counters.countDropped(DropReason.KAFKA_ERROR);
                    LOG.warn("Could not hand a message to Kafka", e);
                }
                inHand = null;
            }
        } catch (InterruptedException e) {
            if (inHand != null) {
                counters.countDropped(DropReason.KAFKA_ERROR); // the message being written is lost too
            }
            LOG.warn("Stopped before {} queued messages were handed to Kafka", queue.size());
        }
    }

    /**
     * Once nothing more is put: hands the rest over, waiting up to {@code timeoutMs}, then gives up (interrupts).
     *
     * @return whether everything was handed over
     */
    boolean finish(long timeoutMs) throws InterruptedException {
        closing = true;
        writer.join(timeoutMs);
        if (writer.isAlive()) {
            writer.interrupt();
            writer.join(5_000);
        }
        // Kafka did not take them in time: counted, never silently left behind
        int left = 0;
        while (queue.poll() != null) {
            counters.countDropped(DropReason.KAFKA_ERROR);
            left++;
        }
        return left == 0 && !writer.isAlive();
    }
}
