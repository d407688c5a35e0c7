package io.tlswatch.app.faults;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code tlswatch run -c FILE} in a JVM of its own, so that a crash is a real one: {@link #kill()} is
 * {@code kill -9}, {@link #stop()} is the SIGTERM an init system sends. Everything the process prints goes to a
 * log file (kept under {@code target/} for diagnosis); its HTTP port ({@code http.port=0} picks one) is read from
 * the start-up line, and {@code /health} tells when it runs.
 */
final class AppProcess implements AutoCloseable {
    private static final String MAIN = "io.tlswatch.app.TlswatchCommand";
    private static final Pattern METRICS_URL = Pattern.compile("metrics on (http://[^/\\s]+)/metrics");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;
    private URI base;

    private AppProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code tlswatch run} with {@code config}; output is appended to {@code log}. */
    static AppProcess start(String name, Path config, Path log) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the test JVM's class path holds the application and its dependencies, as the shaded jar would
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m"));
        // -Dtlswatch.faults.log4j=FILE: another logging set-up for the application (e.g. Streams at INFO)
        String logging = System.getProperty("tlswatch.faults.log4j");
        if (logging != null) {
            command.add("-Dlog4j2.configurationFile=" + Path.of(logging).toAbsolutePath());
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN, "run", "-c", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // TLSWATCH_* variables override the file: a developer's environment must not redirect the test
        builder.environment().keySet().removeIf(variable -> variable.startsWith("TLSWATCH_"));
        try {
            return new AppProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    String name() {
        return name;
    }

    /** Waits until {@code /health} says the Streams application runs; fails at once if the process exits. */
    AppProcess awaitRunning(Duration timeout) {
        await(name + " running (log: " + log + ")").atMost(timeout).pollInterval(Duration.ofMillis(200))
                .failFast(name + " exited (log: " + log + ")", () -> !process.isAlive())
                .until(() -> healthy());
        return this;
    }

    /** {@code kill -9}: no shutdown hook, no checkpoint, an open transaction left behind. */
    void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /** SIGTERM, then waits for the exit; returns the exit code. */
    int stop(Duration timeout) {
        process.destroy();
        return waitFor(timeout);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The sum of every series of a Prometheus counter or gauge on {@code /metrics}; 0 when it has none. */
    double metric(String metric) {
        Pattern series = Pattern.compile("^" + Pattern.quote(metric) + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);
        Matcher m = series.matcher(get("/metrics").body());
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(2));
        }
        return sum;
    }

    /** Keeps what {@code /metrics} says now, for diagnosis. */
    void writeMetrics(Path file) {
        try {
            Files.writeString(file, get("/metrics").body());
        } catch (IOException | UncheckedIOException e) {
            // the process may be going away: the metrics were only a help
        }
    }

    /** What the process printed so far. */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path logFile() {
        return log;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private boolean healthy() {
        if (base == null) {
            Matcher m = METRICS_URL.matcher(log());
            if (!m.find()) {
                return false;
            }
            base = URI.create(m.group(1));
        }
        try {
            return get("/health").statusCode() == 200;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private HttpResponse<String> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5)).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(name + " did not answer " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(name + " did not exit within " + timeout + " (log: " + log + ")");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
