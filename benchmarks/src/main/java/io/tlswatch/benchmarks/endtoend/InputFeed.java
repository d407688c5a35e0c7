package io.tlswatch.benchmarks.endtoend;

import io.tlswatch.ingest.simulator.FleetSimulator;
import io.tlswatch.ingest.simulator.TimedLine;
import io.tlswatch.ingest.simulator.Vip;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.PacketSummary;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The benchmark's input, one simulated second at a time, deterministic for a seed:
 * <ul>
 *   <li>{@code f5.logs}: the {@link FleetSimulator}'s syslog lines (healthy BIG-IP chatter and ordinary TLS
 *       failures), of which about 5 % wrapped as Telemetry-Streaming syslog JSON, 1 % header-stripped and 2 %
 *       with a {@code <PRI>} prefix (as relays write them, like the decoder benchmark's {@code LogMix}), no key;
 *       plus one TS system-poller document per BIG-IP per minute (DESIGN §3: the poller shares {@code f5.logs});</li>
 *   <li>{@code f5.packets}: whole connections of the real captures ({@link PacketTemplates}) re-addressed to
 *       the fleet's VIPs, keyed by connection id, about {@code packetPercent} % of all records.</li>
 * </ul>
 * Records carry the time they describe as their Kafka timestamp, as a live collector would.
 *
 * <p>The simulator runs on a fixed virtual clock ({@link #VIRTUAL_EPOCH_MS}) and every second is moved to the real
 * second asked for (record times, syslog stamps): the same seed gives the same records, whenever the run starts.
 */
final class InputFeed {
    enum Kind { SYSLOG, TS_SYSLOG, POLLER, PACKET }

    /** One record to produce; {@code incident} marks lines of the injected incident. */
    record Out(String topic, byte[] key, byte[] value, long timestampMs, Kind kind, boolean ssl, boolean incident) {}

    /** Where the simulator's clock starts: the first real second asked for is this virtual one. */
    static final long VIRTUAL_EPOCH_MS = Instant.parse("2026-02-01T00:00:00Z").toEpochMilli();
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.US).withZone(ZoneOffset.UTC);
    private static final int JSON_PER_MILLE = 50;
    private static final int STRIPPED_PER_MILLE = 10;
    private static final int PRI_PER_MILLE = 20;

    private final FleetSimulator fleet;
    private FleetSimulator incident;
    private final PacketTemplates templates;
    private final double packetPercent;
    private final String logsTopic;
    private final String packetsTopic;
    private final long seed;
    private long shiftMs = Long.MIN_VALUE;
    private double packetDebt;
    private long nextConnection;

    /**
     * @param firstConnection number of the first replayed connection: feeds that run one after the other on
     *                        the same topics take distinct ranges so client endpoints never repeat
     */
    InputFeed(FleetSimulator fleet, PacketTemplates templates, double packetPercent,
            String logsTopic, String packetsTopic, long firstConnection) {
        if (packetPercent < 0 || packetPercent >= 100) {
            throw new IllegalArgumentException("packet percent must be 0..<100: " + packetPercent);
        }
        this.fleet = fleet;
        this.templates = templates;
        this.packetPercent = packetPercent;
        this.logsTopic = logsTopic;
        this.packetsTopic = packetsTopic;
        this.seed = fleet.settings().seed();
        this.nextConnection = firstConnection;
    }

    /**
     * Every record of the second starting at {@code secondStartMs} (a whole second), in time order. The first
     * second asked for fixes the shift between the simulator's virtual clock and real time.
     */
    List<Out> second(long secondStartMs) {
        long virtual = toVirtual(secondStartMs);
        String virtualStamp = STAMP.format(Instant.ofEpochMilli(virtual));
        String realStamp = STAMP.format(Instant.ofEpochMilli(secondStartMs));
        Random r = new Random(seed * 31 + virtual / 1_000);
        List<Out> out = new ArrayList<>();
        for (TimedLine line : fleet.timedLinesForSecond(virtual)) {
            out.add(logLine(r, line, virtualStamp, realStamp, false));
        }
        if (incident != null) {
            for (TimedLine line : incident.timedLinesForSecond(virtual)) {
                out.add(logLine(r, line, virtualStamp, realStamp, true));
            }
        }
        int lines = out.size();
        List<String> hosts = fleet.settings().observers();
        long second = virtual / 1_000;
        for (int i = 0; i < hosts.size(); i++) {
            // each BIG-IP polls once a minute, the fleet's polls spread over the minute
            if (Math.floorMod(second + 7L * i, PollerDocs.INTERVAL_S) == 0) {
                String host = hosts.get(i);
                List<Vip> vips = fleet.vips().stream().filter(v -> v.observer().equals(host)).toList();
                out.add(new Out(logsTopic, null, PollerDocs.document(host, vips, secondStartMs), secondStartMs,
                        Kind.POLLER, false, false));
            }
        }
        packetDebt += lines * packetPercent / (100 - packetPercent);
        List<Vip> vips = fleet.vips();
        while (packetDebt > 0) {
            Vip vip = vips.get(r.nextInt(vips.size()));
            // connections start in the first half of the second and end within it (PacketTemplates.MAX_SPAN_MS)
            long start = secondStartMs + r.nextInt(500);
            List<PacketSummary> connection = templates.copy(nextConnection++, vip, start);
            for (PacketSummary s : connection) {
                out.add(new Out(packetsTopic, s.connectionId().getBytes(StandardCharsets.UTF_8),
                        Json.write(s).getBytes(StandardCharsets.UTF_8), s.lastSeenMs(),
                        Kind.PACKET, false, false));
            }
            packetDebt -= connection.size();
        }
        out.sort(Comparator.comparingLong(Out::timestampMs));
        return out;
    }

    private Out logLine(Random r, TimedLine timed, String virtualStamp, String realStamp, boolean fromIncident) {
        // same width, same place: the line moves to the real second and keeps every other byte
        String line = timed.line().replace(virtualStamp, realStamp);
        boolean ssl = line.contains("]: 0126");
        int roll = r.nextInt(1_000);
        if (roll < STRIPPED_PER_MILLE) {
            // collectors that keep only "process[pid]: msgid:level: text"
            line = line.substring(line.lastIndexOf(' ', line.indexOf("]: ")) + 1);
        } else if (roll < STRIPPED_PER_MILLE + PRI_PER_MILLE) {
            line = "<" + (16 * 8 + (ssl ? 4 : 5)) + ">" + line;
        }
        Kind kind = Kind.SYSLOG;
        if (r.nextInt(1_000) < JSON_PER_MILLE) {
            String host = timed.line().split(" +", 5)[3];
            line = "{\"data\":\"" + jsonEscape(line) + "\",\"hostname\":\"" + host
                    + "\",\"telemetryEventCategory\":\"syslog\"}";
            kind = Kind.TS_SYSLOG;
        }
        return new Out(logsTopic, null, line.getBytes(StandardCharsets.UTF_8), timed.timestampMs() + shiftMs, kind,
                ssl, fromIncident);
    }

    private static String jsonEscape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The simulator's time for a real time; the first call anchors the virtual epoch at that real second. */
    long toVirtual(long realMs) {
        if (shiftMs == Long.MIN_VALUE) {
            shiftMs = Math.floorDiv(realMs, 1_000) * 1_000 - VIRTUAL_EPOCH_MS;
        }
        return realMs - shiftMs;
    }

    /**
     * Adds the lines of {@code incidentOnly} (a simulator of the incident alone, no noise, no background, on the
     * virtual clock: see {@link #toVirtual}) to the seconds generated from now on; they are marked
     * {@link Out#incident()}.
     */
    void startIncident(FleetSimulator incidentOnly) {
        this.incident = incidentOnly;
    }

    /** Connections replayed so far, and the number the next one gets. */
    long nextConnection() {
        return nextConnection;
    }
}
