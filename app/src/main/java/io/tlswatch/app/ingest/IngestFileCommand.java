package io.tlswatch.app.ingest;

import io.tlswatch.app.CtrlC;
import io.tlswatch.app.KafkaTargetOptions;
import io.tlswatch.app.Speed;
import io.tlswatch.app.TerminalText;
import io.tlswatch.ingest.pcap.CountingInputStream;
import io.tlswatch.ingest.replay.LinePacing;
import io.tlswatch.ingest.replay.LogFiles;
import io.tlswatch.ingest.replay.LogLineProducer;
import io.tlswatch.processors.TlswatchConfig;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tlswatch ingest file FILE...}: replays log files (plain or {@code .gz}, or standard input) to a topic, one
 * line per record, as fast as possible or with the pacing of their syslog stamps ({@link LinePacing}).
 */
@Command(
        name = "file",
        mixinStandardHelpOptions = true,
        description = {
            "Replays log files (plain or .gz, or - for standard input) to Kafka, one line per record (f5.logs,",
            "or --topic), in the order given: as fast as possible, or with the pacing of the lines' syslog",
            "stamps (--speed 1x for real time, 10x ten times faster). The record time is the time of sending,",
            "as for lines from a live BIG-IP. Blank lines are skipped; bytes that are not UTF-8 are replaced.",
            "Records have no key, except on the Netskope WebTx topic (topics.netskope, netskope.webtx), where each",
            "file's lines are keyed by its name so that its header and rows share a partition (--key).",
            "Progress goes to standard error every two seconds. Kafka must answer and the topic exist within",
            "startup.timeout (30s), else one line and exit 1.",
            "",
            "Exit codes: 0 done, 1 a file could not be read (a .gz that is not gzip) or Kafka failed, 2 usage",
            "(a file that is missing or cannot be read included: checked before anything is sent)."
        },
        footer = {"", "Examples:", "  tlswatch ingest file --bootstrap-server broker1:9092 ltm.1.gz ltm",
            "  tlswatch ingest file --config tlswatch.properties --speed 10x ltm.1.gz",
            "  zcat ltm.*.gz | tlswatch ingest file --topic f5.logs.replay -",
            "  tlswatch ingest file --topic netskope.webtx webtx-export.csv"})
public final class IngestFileCommand implements Callable<Integer> {
    static final long PROGRESS_EVERY_MS = 2_000;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "log files in the order to send, - for standard input")
    List<String> files;

    @CommandLine.Mixin
    KafkaTargetOptions where = new KafkaTargetOptions();

    @Option(names = "--speed", paramLabel = "SPEED",
            description = "max (as fast as possible), or how many times the lines' own pace: 1x, 10x, 0.5x "
                    + "(default: ${DEFAULT-VALUE})")
    String speed = "max";

    @Option(names = "--key", paramLabel = "KEY",
            description = "record key: none, file (each file's name; standard input: stdin) or text:VALUE (one key "
                    + "for all). Default: file on the Netskope topic (topics.netskope), none otherwise")
    String key;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The key of each file's records: null for none. */
    private UnaryOperator<String> keyOf = f -> null;

    private volatile String current = "";
    private volatile CountingInputStream counting;
    private volatile long currentSize = -1;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        double factor = speed(speed);
        for (String f : files) {
            String problem = LogFiles.STDIN.equals(f) ? null : unreadable(Path.of(f));
            if (problem != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), problem);
            }
        }
        if (files.stream().filter(LogFiles.STDIN::equals).count() > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "standard input (-) can be read once only");
        }
        TlswatchConfig settings = where.settings(spec.commandLine());
        String topic = where.topic(settings.topics().logs());
        keyOf = keyOf(key, topic.equals(settings.topics().netskope())); // every usage error before any about Kafka
        Map<String, Object> client = where.client(settings, "tlswatch-ingest-file", "", spec.commandLine());
        LinePacing pacing = factor == 0 ? null : LinePacing.of(factor);

        long started = System.nanoTime();
        try (CtrlC ctrlC = new CtrlC("ingest-file");
                LogLineProducer out = LogTopicWriter.open(client, topic, settings.startupTimeout())) {
            boolean stopped = false;
            Progress progress = new Progress(err, out, started);
            try {
                for (String f : files) {
                    if (!send(f, out, pacing, ctrlC)) {
                        stopped = true;
                        break;
                    }
                }
                out.flush();
            } finally {
                progress.stop();
            }
            err.printf(Locale.ROOT, "ingest file: %s%d lines from %d file(s) written to %s (%d acknowledged) in %.1f s%n",
                    stopped ? "stopped (Ctrl-C): " : "", out.sent(), files.size(), topic, out.acknowledged(),
                    (System.nanoTime() - started) / 1e9);
            err.flush();
            return 0;
        }
    }

    /** Sends one file; false when Ctrl-C asked to stop. */
    private boolean send(String file, LogLineProducer out, LinePacing pacing, CtrlC ctrlC) throws Exception {
        current = LogFiles.STDIN.equals(file) ? "standard input" : file;
        String recordKey = keyOf.apply(file);
        try (Stream<String> lines = LogFiles.lines(open(file))) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (ctrlC.stopRequested().getCount() == 0) {
                    return false;
                }
                if (pacing != null) {
                    pacing.await(line);
                }
                out.send(recordKey, line, System.currentTimeMillis());
            }
        } catch (UncheckedIOException e) {
            throw new IllegalStateException("cannot read " + current + ": " + describe(e.getCause()), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + current + ": " + describe(e), e);
        }
        return true;
    }

    private InputStream open(String file) throws IOException {
        if (LogFiles.STDIN.equals(file)) {
            currentSize = -1;
            counting = new CountingInputStream(new FilterInputStream(System.in) {
                @Override
                public void close() {
                    // stdin belongs to the process
                }
            });
            return counting;
        }
        Path path = Path.of(file);
        currentSize = Files.size(path);
        counting = new CountingInputStream(Files.newInputStream(path)); // progress counts the bytes on disk
        return LogFiles.decompressed(path, counting);
    }

    private static String describe(IOException e) {
        if (e instanceof ZipException || "Not in GZIP format".equals(e.getMessage())) {
            return "not gzip (" + e.getMessage() + ")";
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /**
     * The record key of a file's lines for {@code --key}: {@code none}, {@code file} (its name without directories,
     * {@code stdin} for standard input: a Netskope export replayed twice keeps its key), {@code text:VALUE}; when not
     * given, {@code file} on the Netskope topic (its header is state: ADR 2, ADR 7), else {@code none}.
     */
    UnaryOperator<String> keyOf(String option, boolean netskopeTopic) {
        String k = option == null ? (netskopeTopic ? "file" : "none") : option.strip();
        if (k.equals("none")) {
            return f -> null;
        }
        if (k.equals("file")) {
            return f -> {
                if (LogFiles.STDIN.equals(f)) {
                    return "stdin";
                }
                Path name = Path.of(f).getFileName();
                return name == null ? f : name.toString();
            };
        }
        if (k.startsWith("text:") && k.length() > "text:".length()) {
            String fixed = k.substring("text:".length());
            return f -> fixed;
        }
        throw new CommandLine.ParameterException(spec.commandLine(),
                "--key: none, file or text:VALUE, got '" + option + "'");
    }

    /** {@code --speed} as {@link LinePacing} takes it: 0 for max, else the factor. */
    double speed(String text) {
        try {
            Speed parsed = Speed.parse(text);
            return parsed.isMax() ? 0 : parsed.factor();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Why a log file cannot be read, or null. */
    static String unreadable(Path file) {
        if (!Files.exists(file)) {
            return "cannot read " + file + ": no such file";
        }
        if (Files.isDirectory(file)) {
            return "cannot read " + file + ": a directory, not a log file";
        }
        if (!Files.isReadable(file)) {
            return "cannot read " + file + ": permission denied";
        }
        return null;
    }

    /** Prints a progress line every two seconds while sending. */
    private final class Progress {
        private final java.util.concurrent.ScheduledExecutorService timer;

        Progress(PrintWriter err, LogLineProducer out, long started) {
            timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "tlswatch-ingest-progress");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(() -> {
                CountingInputStream c = counting;
                long read = c == null ? 0 : c.count();
                long size = currentSize;
                double seconds = Math.max((System.nanoTime() - started) / 1e9, 1e-3);
                err.println(String.format(Locale.ROOT, "ingest file: %s: %s, %d lines sent (%d acknowledged), %.0f lines/s",
                        TerminalText.safe(current), size > 0 ? String.format(Locale.ROOT, "%.1f of %.1f MiB (%d%%)",
                                read / 1048576.0, size / 1048576.0, read * 100 / size)
                                : String.format(Locale.ROOT, "%.1f MiB", read / 1048576.0),
                        out.sent(), out.acknowledged(), out.sent() / seconds));
                err.flush();
            }, PROGRESS_EVERY_MS, PROGRESS_EVERY_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        void stop() {
            timer.shutdownNow();
        }
    }
}
