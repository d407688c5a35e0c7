package io.tlswatch.app.simulate;

import io.tlswatch.ingest.simulator.TimedLine;
import io.tlswatch.ingest.simulator.TimedPacket;
import java.io.IOException;

/** Where a simulation writes: Kafka topics or files. */
interface Sink extends AutoCloseable {
    void line(TimedLine line) throws IOException;

    void packet(TimedPacket packet) throws IOException;

    /** Everything written so far is delivered (acknowledged, or on disk). */
    void flush() throws IOException;

    @Override
    void close() throws IOException;
}
