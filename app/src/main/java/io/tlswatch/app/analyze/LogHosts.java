package io.tlswatch.app.analyze;

import io.tlswatch.app.decode.ByteLines;
import io.tlswatch.ingest.replay.LogFiles;
import io.tlswatch.processors.decode.LogDecodeResult;
import io.tlswatch.processors.decode.LogDecoder;
import io.tlswatch.schemas.VirtualServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The BIG-IPs that log files name, read before the analysis starts so that captures given without
 * {@code --observer} can be given to the one BIG-IP the logs are from. Only the records the pipeline joins
 * with packets count: TLS lines (their syslog host, or the Telemetry Streaming {@code hostname}) and the
 * system poller's virtual servers. A line that names no host (header-stripped) names nobody.
 *
 * <p>Bounded: it stops at {@link #ENOUGH} distinct hosts (two already mean "ask") or after {@link #MAX_LINES}
 * lines over all files, so a large analysis does not read its files twice; a BIG-IP that logs only after that
 * many lines is not seen.
 */
final class LogHosts {
    /** Lines read over all files before the scan stops: a few seconds of the largest F5 logs. */
    static final int MAX_LINES = 500_000;
    /** Distinct hosts after which the scan stops: two BIG-IPs are already too many to guess. */
    static final int ENOUGH = 2;
    /** What the decoder names a line without a host: not a host name (it holds a NUL, which lines cannot). */
    private static final String NO_HOST = "\0no-host";

    private LogHosts() {}

    /**
     * The hosts named in {@code files}, at most {@link #ENOUGH}, in name order. A file that cannot be read (or
     * breaks off) gives the hosts of the lines read before: the analysis itself reports it.
     */
    static Set<String> scan(List<Path> files) {
        // any zone and year: only the hosts are read
        LogDecoder decoder = new LogDecoder(ZoneOffset.UTC, System::currentTimeMillis, NO_HOST, 2000);
        Set<String> hosts = new TreeSet<>();
        int read = 0;
        for (Path file : files) {
            try (InputStream in = LogFiles.open(file)) {
                ByteLines.Reader lines = new ByteLines.Reader(in, LogDecoder.MAX_RECORD_BYTES + 1);
                byte[] line;
                while (hosts.size() < ENOUGH && read < MAX_LINES && (line = lines.next()) != null) {
                    read++;
                    if (!ByteLines.isBlank(line)) {
                        add(decoder.decode(line, 0L), hosts);
                    }
                }
            } catch (IOException e) {
                // reported by the analysis, which reads the file again
            }
            if (hosts.size() >= ENOUGH || read >= MAX_LINES) {
                break;
            }
        }
        return hosts;
    }

    private static void add(LogDecodeResult result, Set<String> hosts) {
        if (result instanceof LogDecodeResult.Decoded d) {
            addHost(d.event().observer(), hosts);
        } else if (result instanceof LogDecodeResult.Telemetry t) {
            for (VirtualServer vs : t.virtualServers()) {
                addHost(vs.observer(), hosts);
            }
        }
    }

    private static void addHost(String host, Set<String> hosts) {
        if (host != null && !host.isBlank() && !NO_HOST.equals(host)) {
            hosts.add(host);
        }
    }
}
