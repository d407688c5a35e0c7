package io.tlswatch.ingest.pcap;

import java.io.IOException;
import java.io.InputStream;

/**
 * A buffered reader over a stream that reports short reads instead of throwing at the end of input, so a
 * truncated capture ends cleanly. Never reads more than asked ahead of the buffer.
 */
final class ByteSource {
    private final InputStream in;
    private final byte[] buffer;
    private int position;
    private int limit;
    private boolean exhausted;

    ByteSource(InputStream in, int bufferSize) {
        this.in = in;
        this.buffer = new byte[bufferSize];
    }

    /** Reads up to {@code length} bytes; fewer only at the end of input. */
    int read(byte[] target, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int available = limit - position;
            if (available == 0) {
                if (length - done >= buffer.length) {
                    int n = exhausted ? -1 : in.read(target, offset + done, length - done);
                    if (n < 0) {
                        exhausted = true;
                        return done;
                    }
                    done += n;
                    continue;
                }
                if (!fill()) {
                    return done;
                }
                available = limit - position;
            }
            int n = Math.min(available, length - done);
            System.arraycopy(buffer, position, target, offset + done, n);
            position += n;
            done += n;
        }
        return done;
    }

    /** Skips up to {@code length} bytes; fewer only at the end of input. */
    long skip(long length) throws IOException {
        long done = 0;
        while (done < length) {
            int available = limit - position;
            if (available == 0 && !fill()) {
                return done;
            }
            available = limit - position;
            int n = (int) Math.min(available, length - done);
            position += n;
            done += n;
        }
        return done;
    }

    private boolean fill() throws IOException {
        if (exhausted) {
            return false;
        }
        int n = in.read(buffer, 0, buffer.length);
        while (n == 0) {
            n = in.read(buffer, 0, buffer.length);
        }
        if (n < 0) {
            exhausted = true;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
