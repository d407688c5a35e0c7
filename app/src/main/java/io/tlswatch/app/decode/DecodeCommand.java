package io.tlswatch.app.decode;

import com.fasterxml.jackson.core.JsonParser;
import io.tlswatch.app.CapturePoint;
import io.tlswatch.app.TerminalText;
import io.tlswatch.ingest.replay.LogFiles;
import io.tlswatch.processors.decode.LogDecodeResult;
import io.tlswatch.processors.decode.LogDecoder;
import io.tlswatch.processors.decode.RejectReason;
import io.tlswatch.processors.decode.netskope.NetskopeDecoder;
import io.tlswatch.schemas.ChangeEvent;
import io.tlswatch.schemas.HandshakeEvent;
import io.tlswatch.schemas.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tlswatch decode}: the log decoder offline, over files or standard input. */
@Command(
        name = "decode",
        mixinStandardHelpOptions = true,
        description = {
            "Decodes F5 log lines (syslog, Telemetry Streaming JSON, iRule and HSL lines) or Netskope WebTx",
            "exports (recognised by their header line) offline: prints one JSON object (or table row) per",
            "TLS-related line, then a count of decoded, dropped (not TLS) and rejected lines on standard error.",
            "Files named .gz (rotated ltm.1.gz) are decompressed."
        },
        footer = {"", "Examples:", "  tlswatch decode /var/log/ltm /var/log/ltm.1.gz",
            "  tlswatch decode --format text --year 2025 --timezone Europe/Paris ltm.1",
            "  grep 0126 /var/log/ltm | tlswatch decode -"})
public final class DecodeCommand implements Callable<Integer> {
    enum Format { json, text }

    @Option(names = "--format", defaultValue = "json", description = "json (one object per line) or text (a table); default ${DEFAULT-VALUE}")
    Format format;

    @Option(names = "--year", defaultValue = "0", description = "year of syslog stamps, which carry none (default: the year closest to now)")
    int year;

    @Option(names = "--timezone", defaultValue = "UTC", description = "zone of syslog stamps (default ${DEFAULT-VALUE})")
    String timezone;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "log files; '-' or none reads standard input")
    List<String> files;

    @Spec
    CommandSpec spec;

    private long decoded;
    private long dropped;
    private final Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);

    @Override
    public Integer call() throws IOException {
        ZoneId zone;
        try {
            zone = ZoneId.of(timezone);
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "--timezone: unknown time zone '" + timezone
                    + "' (use e.g. UTC or Europe/Paris)");
        }
        LogDecoder decoder = new LogDecoder(zone, System::currentTimeMillis, CapturePoint.UNKNOWN, year);
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.text) {
            out.printf("%-24s %-18s %-8s %-24s %-44s %s%n", "TIME", "OBSERVER", "MSGID", "CLASS", "CLIENT -> SERVER", "REASON");
        }
        List<String> inputs = files == null || files.isEmpty() ? List.of("-") : files;
        for (String input : inputs) {
            // a Netskope WebTx export announces itself with its header line; F5 logs need no header
            NetskopeDecoder[] netskope = {null};
            if (!input.equals("-")) {
                String unreadable = unreadable(Path.of(input));
                if (unreadable != null) {
                    throw new IllegalArgumentException(unreadable);
                }
                if (decodeAsOneDocument(Path.of(input), decoder, out)) {
                    continue;
                }
            }
            // the same opener as analyze: .gz files (rotated ltm.1.gz) are decompressed
            try (InputStream in = input.equals("-") ? System.in : LogFiles.open(Path.of(input))) {
                ByteLines.forEach(in, LogDecoder.MAX_RECORD_BYTES + 1, line -> {
                    if (ByteLines.isBlank(line)) {
                        return;
                    }
                    long now = System.currentTimeMillis();
                    if (netskope[0] == null && line.length < NetskopeDecoder.MAX_LINE_CHARS
                            && NetskopeDecoder.looksLikeHeader(new String(line, StandardCharsets.UTF_8))) {
                        netskope[0] = new NetskopeDecoder();
                    }
                    if (netskope[0] != null) {
                        netskope[0].decodeEachSide(new String(line, StandardCharsets.UTF_8), now).forEach(r -> print(out, r));
                    } else {
                        print(out, decoder.decode(line, now));
                    }
                });
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("cannot read " + input + ": no such file", e);
            } catch (java.util.zip.ZipException | java.io.EOFException e) {
                throw new IllegalArgumentException("cannot read " + input + ": not gzip, or cut short ("
                        + e.getMessage() + ")", e);
            }
        }
        out.flush();
        long rejectedTotal = rejected.values().stream().mapToLong(Long::longValue).sum();
        spec.commandLine().getErr().printf("decoded %d, dropped %d (not TLS), rejected %d%s%n",
                decoded, dropped, rejectedTotal, rejected.isEmpty() ? "" : " " + rejectedSummary());
        return 0;
    }

    /**
     * A file holding one (pretty-printed) JSON document, such as a saved Telemetry Streaming poller
     * output, is one record, not one record per line. Returns false for anything else (JSON lines too).
     */
    private boolean decodeAsOneDocument(Path file, LogDecoder decoder, PrintWriter out) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) > LogDecoder.MAX_RECORD_BYTES
                || file.getFileName().toString().endsWith(".gz")) {
            return false;
        }
        byte[] bytes = Files.readAllBytes(file);
        int first = 0;
        while (first < bytes.length && Character.isWhitespace(bytes[first])) {
            first++;
        }
        if (first == bytes.length || bytes[first] != '{') {
            return false;
        }
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(bytes)) {
            parser.nextToken();
            parser.skipChildren();
            if (parser.nextToken() != null) {
                return false; // more than one document: JSON lines
            }
        } catch (IOException notOneDocument) {
            return false;
        }
        print(out, decoder.decode(bytes, System.currentTimeMillis()));
        return true;
    }

    /** Why a log file cannot be read, naming it; null when it can. */
    static String unreadable(Path file) {
        if (!Files.exists(file)) {
            return "cannot read " + file + ": no such file";
        }
        if (Files.isDirectory(file)) {
            return "cannot read " + file + ": a directory (give the log files in it, e.g. " + file.resolve("ltm") + ")";
        }
        if (!Files.isReadable(file)) {
            return "cannot read " + file + ": permission denied";
        }
        return null;
    }

    private void print(PrintWriter out, LogDecodeResult result) {
        if (result instanceof LogDecodeResult.Decoded d) {
            decoded++;
            HandshakeEvent e = d.event();
            if (format == Format.json) {
                out.println(Json.write(e));
            } else {
                String where = e.hasAddresses()
                        ? e.clientIp() + ":" + e.clientPort() + " -> " + e.serverIp() + ":" + e.serverPort()
                        : e.clientIp() != null ? e.clientIp() + " -> " + (e.vipName() != null ? e.vipName() : "?") : "-";
                String what = e.errorClass() != null ? e.errorClass() : e.kind().name().toLowerCase(Locale.ROOT);
                // observer, reason text and iRule fields come from the log line: escaped for the terminal
                out.println(TerminalText.safe(String.format("%-24s %-18s %-8s %-24s %-44s %s",
                        Instant.ofEpochMilli(e.timestampMs()), e.observer(), e.msgid() != null ? e.msgid() : e.source(),
                        what, where, detail(e))));
            }
        } else if (result instanceof LogDecodeResult.Telemetry t) {
            decoded++;
            t.virtualServers().forEach(v -> out.println(format == Format.json ? Json.write(v)
                    : TerminalText.safe(String.format("%-24s %-18s %-8s %-24s %-44s %s", "-", v.observer(), "poller",
                            "inventory", v.address() + ":" + v.port(), v.name()))));
            t.samples().forEach(c -> out.println(format == Format.json ? Json.write(c)
                    : TerminalText.safe(String.format("%-24s %-18s %-8s %-24s %-44s %s",
                            Instant.ofEpochMilli(c.timestampMs()), c.observer(), "poller", "connections",
                            c.address() + ":" + c.port(), c.totalConnections()))));
        } else if (result instanceof LogDecodeResult.Change c) {
            decoded++;
            ChangeEvent e = c.change();
            out.println(format == Format.json ? Json.write(e)
                    : TerminalText.safe(String.format("%-24s %-18s %-8s %-24s %-44s %s",
                            Instant.ofEpochMilli(e.timestampMs()), e.observer(), e.msgid(), "change " + e.verb(),
                            e.objectKind() + " " + e.objectName(),
                            (e.user() == null ? "" : e.user() + " via ") + e.origin() + " " + e.aspects()
                                    + (e.ok() ? "" : " FAILED: " + e.status()))));
        } else if (result instanceof LogDecodeResult.Rejected r) {
            rejected.merge(r.reason(), 1L, Long::sum);
        } else {
            dropped++;
        }
    }

    /** The reason and alert for failures; the TLS facts for enrichment lines. */
    private static String detail(HandshakeEvent e) {
        StringBuilder sb = new StringBuilder(e.reason() == null ? "" : e.reason());
        if (e.alertCode() != null) {
            sb.append(Boolean.TRUE.equals(e.alertReceived()) ? " [alert " : " [sent alert ").append(e.alertCode()).append(']');
        }
        if (e.tls() != null) {
            HandshakeEvent.TlsFacts t = e.tls();
            if (t.version() != null) {
                sb.append(' ').append(t.version());
            }
            if (t.cipher() != null) {
                sb.append(' ').append(t.cipher());
            }
            if (t.ja4() != null) {
                sb.append(" ja4=").append(t.ja4());
            }
            if (t.offeredCiphers() != null) {
                sb.append(' ').append(t.offeredCiphers().size()).append(" ciphers offered");
            }
        }
        return sb.toString().strip();
    }

    private String rejectedSummary() {
        StringBuilder sb = new StringBuilder("(");
        rejected.forEach((reason, n) -> sb.append(sb.length() > 1 ? ", " : "").append(reason.code()).append(' ').append(n));
        return sb.append(')').toString();
    }
}
