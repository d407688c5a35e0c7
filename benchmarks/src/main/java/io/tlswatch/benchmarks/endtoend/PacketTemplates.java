package io.tlswatch.benchmarks.endtoend;

import io.tlswatch.ingest.pcap.CaptureReader;
import io.tlswatch.ingest.pcap.CaptureSettings;
import io.tlswatch.ingest.simulator.Vip;
import io.tlswatch.schemas.HostPort;
import io.tlswatch.schemas.PacketSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The TCP connections of the real captures, as the {@code f5.packets} summaries {@link CaptureReader} makes of
 * them, ready to be replayed as many connections: each copy gets its own client address and port, a fleet VIP as
 * server, that VIP's BIG-IP as observer, and times shifted to when it is replayed.
 */
final class PacketTemplates {
    /** One captured connection: its summaries in capture order, times relative to its first packet. */
    record Template(String source, List<PacketSummary> summaries, long firstMs) {}

    /**
     * Longest a replayed connection lasts; those that started in the first half of a second end within it, so a
     * live feed that sends each second's records within that second never waits on a later one.
     */
    static final long MAX_SPAN_MS = 499;

    private final List<Template> templates;

    private PacketTemplates(List<Template> templates) {
        if (templates.isEmpty()) {
            throw new IllegalArgumentException("no TCP connection found in the captures");
        }
        this.templates = List.copyOf(templates);
    }

    /** Reads every {@code .pcap} and {@code .pcapng} file of {@code dir}, in name order. */
    static PacketTemplates read(Path dir) {
        List<Template> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".pcap") || name.endsWith(".pcapng")) {
                    out.addAll(read(file, name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read captures in " + dir, e);
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no TCP connection in the .pcap and .pcapng files of " + dir);
        }
        return new PacketTemplates(out);
    }

    private static List<Template> read(Path file, String name) throws IOException {
        Map<String, List<PacketSummary>> byConnection = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file)) {
            CaptureReader.read(in, CaptureSettings.defaults("capture"),
                    s -> byConnection.computeIfAbsent(s.connectionId(), k -> new ArrayList<>()).add(s));
        }
        List<Template> out = new ArrayList<>();
        byConnection.values().forEach(list -> out.add(new Template(name, List.copyOf(list),
                list.stream().mapToLong(PacketSummary::firstSeenMs).min().orElse(0))));
        return out;
    }

    int size() {
        return templates.size();
    }

    long summaryCount() {
        return templates.stream().mapToLong(t -> t.summaries().size()).sum();
    }

    /**
     * Copy number {@code n} (any non-negative number; copies cycle through the templates) of a connection to
     * {@code vip}, starting at {@code startMs}. Distinct {@code n} below 2^30 give distinct client endpoints.
     */
    List<PacketSummary> copy(long n, Vip vip, long startMs) {
        Template t = templates.get((int) (n % templates.size()));
        // 100.64.0.0/10 (shared address space) holds 4 M clients; the port varies too, so 4-tuples never repeat
        int client = (int) (n & 0x3F_FFFF);
        String clientIp = "100." + (64 + (client >>> 16)) + "." + ((client >>> 8) & 0xFF) + "." + (client & 0xFF);
        int clientPort = 1_024 + (int) ((n >>> 22) % 64_000);
        String id = HostPort.connectionId(vip.observer(), clientIp, clientPort, vip.address(), vip.port(), null);
        List<PacketSummary> out = new ArrayList<>(t.summaries().size());
        for (PacketSummary s : t.summaries()) {
            out.add(new PacketSummary(id, vip.observer(), s.direction(), s.transport(), clientIp, clientPort,
                    vip.address(), vip.port(), startMs + offset(s.firstSeenMs(), t), startMs + offset(s.lastSeenMs(), t), s.synSeen(), s.finSeen(), s.rstSeen(),
                    s.retransmissions(), s.bytes(), s.payloadHeadBase64(), null, s.flight(), s.emitReason(), null,
                    null, s.headOffset()));
        }
        return out;
    }

    /** Time since the template's first packet, at most {@link #MAX_SPAN_MS}: a long capture is compressed. */
    private static long offset(long ms, Template t) {
        return Math.min(MAX_SPAN_MS, Math.max(0, ms - t.firstMs()));
    }
}
