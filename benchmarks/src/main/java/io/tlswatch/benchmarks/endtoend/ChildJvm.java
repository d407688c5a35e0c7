package io.tlswatch.benchmarks.endtoend;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * An application under test in its own JVM: {@code -Xmx}, a GC log ({@code -Xlog:gc}) and the caller's extra
 * flags; standard output and error go to files in its directory. {@link #stopAll} stops every child still running,
 * for a benchmark stopped by Ctrl-C or SIGTERM: an orphaned application would go on using the CPU.
 */
final class ChildJvm implements AutoCloseable {
    /** Children not yet known to have exited; guarded by the class for {@link #stopping}. */
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static boolean stopping;

    private final Process process;
    private final Path dir;
    private final long launchedMs;

    private ChildJvm(Process process, Path dir, long launchedMs) {
        this.process = process;
        this.dir = dir;
        this.launchedMs = launchedMs;
    }

    /**
     * @param dir       where {@code gc.log}, {@code stdout.log} and {@code stderr.log} go
     * @param classpath the child's class path
     * @param jvmOptions extra JVM flags (e.g. {@code -XX:StartFlightRecording=...}), after the defaults so they win
     */
    static ChildJvm launch(Path dir, String heap, String classpath, List<String> jvmOptions, String mainClass,
            List<String> args) throws IOException {
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-Xlog:gc:file=" + dir.resolve("gc.log"));
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        Files.writeString(dir.resolve("command.txt"), String.join(" ", command) + System.lineSeparator());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .redirectError(dir.resolve("stderr.log").toFile());
        long launched = System.currentTimeMillis();
        Process process;
        synchronized (ChildJvm.class) {
            if (stopping) {
                throw new IllegalStateException("the benchmark is stopping: no new application is started");
            }
            process = builder.start();
            LIVE.add(process);
        }
        return new ChildJvm(process, dir, launched);
    }

    /** SIGTERM to every child still running, then SIGKILL to those still there after 10 s. */
    static void stopAll() {
        synchronized (ChildJvm.class) {
            stopping = true;
        }
        LIVE.forEach(Process::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Process p : LIVE) {
            try {
                if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    long launchedMs() {
        return launchedMs;
    }

    long pid() {
        return process.pid();
    }

    Path gcLog() {
        return dir.resolve("gc.log");
    }

    Path stderr() {
        return dir.resolve("stderr.log");
    }

    /**
     * The last lines (at most three, non-blank) the child wrote to standard error, joined by " / ": why a child that
     * stopped early stopped (a refused setting, an exception), for the terminal; empty when it wrote nothing.
     */
    String lastWords() {
        // the last 8 KB only: a child that logged for half an hour may leave a large file
        try (SeekableByteChannel file = Files.newByteChannel(stderr())) {
            long size = file.size();
            ByteBuffer tail = ByteBuffer.allocate((int) Math.min(8192, size));
            file.position(size - tail.capacity());
            while (tail.hasRemaining() && file.read(tail) >= 0) {
                // until the buffer is full or the file ends
            }
            List<String> lines = new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty()).toList();
            return String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    /** Asks the child to stop (SIGTERM: shutdown hooks close Kafka Streams cleanly), forcibly after 60 s. */
    @Override
    public void close() {
        try {
            if (!process.isAlive()) {
                return;
            }
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            // only now: a Ctrl-C while the child is still stopping must find it in LIVE
            if (!process.isAlive()) {
                LIVE.remove(process);
            }
        }
    }
}
