package io.tlswatch.app.pcap;

import io.tlswatch.app.CapturePoint;
import io.tlswatch.app.TerminalText;
import io.tlswatch.ingest.pcap.CaptureHost;
import io.tlswatch.ingest.pcap.CaptureReader;
import io.tlswatch.ingest.pcap.CaptureSettings;
import io.tlswatch.ingest.pcap.CaptureStats;
import io.tlswatch.ingest.pcap.CapturedConnection;
import io.tlswatch.ingest.pcap.Direction;
import io.tlswatch.ingest.pcap.FlightSummary;
import io.tlswatch.processors.TlswatchConfig;
import io.tlswatch.processors.packets.PacketVerdict;
import io.tlswatch.processors.packets.WireConnection;
import io.tlswatch.processors.packets.WireFlight;
import io.tlswatch.processors.siem.EcsMapper;
import io.tlswatch.schemas.HandshakeOutcome;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.WireFacts;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tlswatch pcap}: every TCP connection and QUIC flow of a capture, judged from its packets alone. */
@Command(
        name = "pcap",
        mixinStandardHelpOptions = true,
        description = {
            "Reads a pcap or pcapng capture (a file, or '-' for standard input: tcpdump -w - ... | tlswatch pcap -)",
            "and prints one ECS document per TCP connection or QUIC flow (JSON lines), or a table: client, server, SNI, offered",
            "and selected version, cipher, ALPN, JA4, outcome and error class. Counts go to standard error."
        },
        footer = {"", "Examples:", "  tlswatch pcap capture.pcap", "  tlswatch pcap --format text capture.pcapng",
            "  tcpdump -i 0.0:nnn -s0 -w - 'tcp port 443' | tlswatch pcap --observer bigip-01"})
public final class PcapCommand implements Callable<Integer> {
    enum Format { json, text }

    private static final String TABLE = "%-22s %-22s %-24s %-7s %-7s %-40s %-8s %-38s %-8s %s";

    @Option(names = "--format", defaultValue = "json", description = "json (one ECS document per line) or text (a table); default ${DEFAULT-VALUE}")
    Format format;

    @Option(names = "--observer", paramLabel = "NAME", description = "observer.hostname of the records: the BIG-IP "
            + "the capture was taken on (default: observer.default, else " + CapturePoint.UNKNOWN + ")")
    String observer;

    @Option(names = "--head-bytes", defaultValue = "16384", description = "bytes of each direction's stream kept for decoding; default ${DEFAULT-VALUE}")
    int headBytes;

    @Option(names = "--quic-port", paramLabel = "PORT", split = ",", description = "UDP server ports whose flows "
            + "are read as QUIC when they start with an Initial (comma-separated; default 443; 0 for none)")
    List<Integer> quicPorts;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "the capture; '-' or none reads standard input")
    String file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (headBytes < 64 || headBytes > 1 << 20) {
            throw new ParameterException(spec.commandLine(), "--head-bytes must be between 64 and 1048576, got "
                    + headBytes);
        }
        String input = file == null ? "-" : file;
        CaptureSettings settings = CaptureSettings.defaults(CapturePoint.of(observer,
                TlswatchConfig.load(null, System.getenv()))).withHeadBytes(headBytes)
                .withCaptureHost(CaptureHost.local()).withQuicPorts(QuicPorts.of(quicPorts, spec));
        PacketVerdict verdict = new PacketVerdict();
        Map<String, Long> byOutcome = new TreeMap<>();
        // a large buffer in front of the command's output: one line per connection, hundreds of thousands on a
        // big capture, and the console writer flushes every line
        PrintWriter out = new PrintWriter(new BufferedWriter(spec.commandLine().getOut(), 1 << 16));
        if (format == Format.text) {
            out.println(String.format(TABLE, "CLIENT", "SERVER", "SNI", "OFFERED", "VERSION", "CIPHER", "ALPN", "JA4",
                    "OUTCOME", "CLASS / REASON"));
        }
        CaptureStats stats;
        try (InputStream in = CaptureReader.open(input)) {
            stats = CaptureReader.readConnections(in, settings, connection -> {
                HandshakeOutcome o = verdict.judge(wireConnection(connection));
                byOutcome.merge(o.errorClass() != null ? o.outcome() + " " + o.errorClass() : o.outcome(), 1L, Long::sum);
                print(out, o);
            });
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + input, e);
        }
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        if (stats.ending() == CaptureStats.Ending.UNKNOWN_FORMAT) {
            err.println("not a pcap or pcapng capture: " + input);
            return 1;
        }
        long total = byOutcome.values().stream().mapToLong(Long::longValue).sum();
        err.printf("%d connections: %s%n", total, byOutcome.isEmpty() ? "none" : byOutcome.toString()
                .replace("{", "").replace("}", "").replace("=", " "));
        err.println(stats.summary());
        err.flush();
        return 0;
    }

    /** The reader's flights as the verdict's input, without the base64 round trip of f5.packets. */
    static WireConnection wireConnection(CapturedConnection c) {
        List<WireFlight> client = new ArrayList<>();
        List<WireFlight> server = new ArrayList<>();
        FlightSummary last = c.flights().get(c.flights().size() - 1);
        String vip = null;
        boolean trailer = false;
        for (FlightSummary f : c.flights()) {
            WireFlight w = new WireFlight(f.head(), f.headOffset(), f.firstSeenUs() / 1000, f.lastSeenUs() / 1000,
                    f.synSeen(), f.finSeen(), f.rstSeen(), f.retransmissions(), f.bytes(), f.reason().wireName());
            (f.direction() == Direction.CLIENT_TO_SERVER ? client : server).add(w);
            vip = f.vipName() != null ? f.vipName() : vip;
            trailer |= f.vipName() != null || f.f5FlowId() != null || f.f5PeerFlowId() != null;
        }
        return new WireConnection(c.connectionId(), last.observer(), last.transport(), last.clientIp(), last.clientPort(),
                last.serverIp(), last.serverPort(), vip, List.copyOf(client), List.copyOf(server),
                last.captureHost(), trailer);
    }

    private void print(PrintWriter out, HandshakeOutcome o) {
        if (format == Format.json) {
            out.println(Json.write(EcsMapper.toEcs(o)));
            return;
        }
        WireFacts w = o.wire();
        String offered = w == null || w.offeredVersions() == null ? "-"
                : w.offeredVersions().stream().max(String::compareTo).orElse("-");
        String why = o.errorClass() != null ? o.errorClass() + (o.reason() == null ? "" : ": " + o.reason())
                : o.reason() == null ? "" : o.reason();
        // SNI and ALPN are the client's bytes: the row is escaped whole, so no field can end it or move the cursor
        out.println(TerminalText.safe(String.format(TABLE, o.clientIp() + ":" + o.clientPort(),
                o.serverIp() + ":" + o.serverPort(), dash(w == null ? null : w.sni()), offered,
                dash(w == null ? null : w.version()), dash(w == null ? null : w.cipher()),
                dash(alpn(w)), dash(w == null ? null : w.ja4()), o.outcome(), why)));
    }

    /** The selected ALPN, else what the client offered (a QUIC server's choice is encrypted). */
    private static String alpn(WireFacts w) {
        if (w == null) {
            return null;
        }
        return w.alpn() != null || w.offeredAlpn() == null ? w.alpn() : String.join(",", w.offeredAlpn());
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }
}
