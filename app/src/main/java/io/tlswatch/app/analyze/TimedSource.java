package io.tlswatch.app.analyze;

import java.io.Closeable;
import java.io.IOException;

/** One input file of an analysis, as records in the file's own order, each with its record time. */
interface TimedSource extends Closeable {

    /** A record ready to go: its Kafka record time and what sends it. */
    record Timed(long timeMs, Runnable send) {}

    /** The next record, or null when the file is done. */
    Timed next() throws IOException;

    /** The file, for messages. */
    String name();
}
