package io.tlswatch.benchmarks.endtoend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Facts about the machine and the files a run leaves, for the report. */
final class Machine {
    private Machine() {}

    /** The 1, 5 and 15 minute load averages ({@code uptime}), or "unknown" off Linux. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Bytes of every regular file under {@code dir} (0 when it does not exist), like {@code du -sb}. */
    static long du(Path dir) {
        return du(dir, f -> true);
    }

    /** {@link #du(Path)} of the files {@code counted} accepts (by name, e.g. Kafka's {@code .log} segments). */
    static long du(Path dir, Predicate<Path> counted) {
        // a running application's RocksDB compactions delete files while we walk: try again
        for (int attempt = 1; ; attempt++) {
            try {
                return walk(dir, counted);
            } catch (UncheckedIOException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private static long walk(Path dir, Predicate<Path> counted) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(counted).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0; // a RocksDB file removed by a compaction while we walk
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + dir, e);
        }
    }

    /** {@code git describe} of the working directory's checkout (with -dirty), or "unknown". */
    static String gitRevision() {
        try {
            Process p = new ProcessBuilder("git", "describe", "--always", "--dirty").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
