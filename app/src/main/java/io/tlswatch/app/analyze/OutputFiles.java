package io.tlswatch.app.analyze;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files {@code tlswatch analyze} writes into its output directory, one per output topic, as JSON lines.
 * The directory is created when missing; a non-empty file of that name is not overwritten unless forced, so
 * an earlier investigation is never lost by a repeated command.
 */
final class OutputFiles {
    static final String HANDSHAKES = "handshakes.jsonl";
    static final String RATES = "rates.jsonl";
    static final String ALERTS = "alerts.jsonl";
    static final String DLQ = "dlq.jsonl";
    /** The poller's connection counts per VIP: the rates' denominator, to check a ratio by hand. */
    static final String ATTEMPTS = "attempts.jsonl";
    static final List<String> NAMES = List.of(HANDSHAKES, RATES, ALERTS, DLQ, ATTEMPTS);

    private OutputFiles() {}

    /**
     * Creates {@code dir} if needed and checks that every output file may be written.
     *
     * @throws IllegalArgumentException naming the files that hold data when {@code force} is false, or when
     *                                  {@code dir} is not a directory
     */
    static void prepare(Path dir, boolean force) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--out " + dir + " is not a directory");
        }
        Files.createDirectories(dir);
        List<String> taken = new ArrayList<>();
        for (String name : NAMES) {
            Path file = dir.resolve(name);
            if (Files.exists(file) && (!Files.isRegularFile(file) || Files.size(file) > 0)) {
                taken.add(name);
            }
        }
        if (!taken.isEmpty() && !force) {
            throw new IllegalArgumentException("--out " + dir + " already holds " + String.join(", ", taken)
                    + "; choose another directory or add --force to overwrite");
        }
        for (String name : taken) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                throw new IllegalArgumentException(dir.resolve(name) + " is not a regular file");
            }
        }
    }
}
