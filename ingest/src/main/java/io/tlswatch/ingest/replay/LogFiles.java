package io.tlswatch.ingest.replay;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads log lines from files or stdin. Lines are decoded as UTF-8 with malformed bytes replaced by U+FFFD
 * (logs are not always clean UTF-8, and one bad byte must not lose a file); blank lines are skipped; a
 * leading byte-order mark is dropped; files whose name ends in {@code .gz} (rotated {@code ltm.1.gz}) are
 * decompressed. Every returned stream must be closed.
 */
public final class LogFiles {

    /** The source name that means standard input. */
    public static final String STDIN = "-";

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private LogFiles() {}

    /**
     * The lines of every source in order, each a file path or {@link #STDIN}. Sources are opened lazily, as
     * the stream reaches them; an I/O error is thrown as {@link UncheckedIOException}.
     */
    public static Stream<String> lines(List<String> sources) {
        return List.copyOf(sources).stream().flatMap(source -> {
            try {
                return lines(source);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The lines of one source: a file path, or {@link #STDIN} (which closing the stream leaves open). */
    public static Stream<String> lines(String source) throws IOException {
        Objects.requireNonNull(source, "source");
        return STDIN.equals(source) ? lines(new FilterInputStream(System.in) {
            @Override
            public void close() {
                // stdin belongs to the process, not to this stream
            }
        }) : lines(Path.of(source));
    }

    /** The lines of one file, decompressed if its name ends in {@code .gz}. */
    public static Stream<String> lines(Path file) throws IOException {
        return lines(open(file));
    }

    /** One file's bytes, decompressed if its name ends in {@code .gz} (an IOException when it is not gzip). */
    public static InputStream open(Path file) throws IOException {
        return decompressed(file, Files.newInputStream(file));
    }

    /**
     * {@code raw}, the bytes of {@code file} (e.g. counted on their way), decompressed if the file's name ends in
     * {@code .gz}; closes {@code raw} when it is not gzip.
     */
    public static InputStream decompressed(Path file, InputStream raw) throws IOException {
        if (file.getFileName() != null && file.getFileName().toString().endsWith(".gz")) {
            try {
                return new GZIPInputStream(raw, 1 << 16);
            } catch (IOException e) {
                raw.close();
                throw e;
            }
        }
        return raw;
    }

    /** The lines of {@code in}, which closing the stream closes. */
    public static Stream<String> lines(InputStream in) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)));
        AtomicBoolean first = new AtomicBoolean(true);
        return reader.lines()
                .map(line -> first.getAndSet(false) && !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK
                        ? line.substring(1) : line)
                .filter(line -> !line.isBlank())
                .onClose(() -> {
                    try {
                        reader.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }
}
