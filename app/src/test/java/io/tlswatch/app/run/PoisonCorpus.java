package io.tlswatch.app.run;

import static io.tlswatch.app.run.HostileHeads.bytes;
import static io.tlswatch.app.run.HostileHeads.concat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlswatch.ingest.pcap.CaptureReader;
import io.tlswatch.ingest.pcap.CaptureSettings;
import io.tlswatch.ingest.simulator.FleetSimulator;
import io.tlswatch.ingest.simulator.SimulatorSettings;
import io.tlswatch.ingest.simulator.TimedLine;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.PacketSummary;
import io.tlswatch.schemas.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Real traffic (F5 lines from the shared data, fleet-simulator lines, the real system-poller document, summaries
 * of real captures) with a seeded poison corpus mixed in, for {@code f5.logs} and {@code f5.packets}, and one
 * good sentinel per input partition after everything else. Each input says what must become of it.
 */
final class PoisonCorpus {
    static final String LOGS = "logs";
    static final String PACKETS = "packets";
    /** Above every bound of the decoders (1 MiB for a log record, 256 KiB for a packet summary). */
    static final int HUGE_RECORD_BYTES = 3 << 20;

    private static final DateTimeFormatter SYSLOG_STAMP =
            DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.US).withZone(ZoneOffset.UTC);
    /** 2026-01-01T00:00:00Z: where the simulated seconds are taken from. */
    private static final long SIMULATED_START_MS = 1_767_225_600_000L;
    private static final String PACKET_OBSERVER = "bigip-poison";
    private static final List<String> CAPTURES = List.of("g03-tls12-success-alpn.pcap",
            "g05-tls12-alert40-cipher-mismatch.pcap", "g08-tls12-alert45-cert-expired.pcap",
            "g18-http-request-to-tls-port.pcap", "g19-proxy-v1-tls13-coalesced.pcap",
            "g22-split-clienthello-3-segments-tls13.pcap");

    /** What must become of an input record. */
    sealed interface Expect {
        /** Decoded or counted and dropped: never a dead letter. */
        record Good() implements Expect {}

        /** A dead letter with one of these reasons. */
        record Dead(Set<String> reasons) implements Expect {}

        /** Anything, as long as it is accounted for. */
        record Any() implements Expect {}
    }

    static final Expect GOOD = new Expect.Good();
    static final Expect ANY = new Expect.Any();

    /**
     * One record to produce.
     *
     * @param connectionId for a packet summary that must pass its checks: the connection whose one ECS record
     *                     must come out; else null
     */
    record Input(String topic, int partition, byte[] key, byte[] value, String kind, Expect expect,
            String connectionId) {}

    private final Random random;
    private final long nowMs;
    private final int partitions;
    private final String stamp;
    private final List<Input> logs = new ArrayList<>();
    private final List<Input> packets = new ArrayList<>();
    private int nextPort = 20_000;

    PoisonCorpus(long seed, long nowMs, int partitions) {
        this.random = new Random(seed);
        this.nowMs = nowMs;
        this.partitions = partitions;
        this.stamp = SYSLOG_STAMP.format(Instant.ofEpochMilli(nowMs));
    }

    /** Every input, poison spread among the real records, then the sentinels of each partition last. */
    List<Input> build() throws IOException {
        realLogs();
        poisonLogs();
        realPackets();
        poisonPackets();
        List<Input> all = new ArrayList<>();
        all.addAll(logs);
        all.addAll(packets);
        java.util.Collections.shuffle(all, random);
        for (int p = 0; p < partitions; p++) {
            all.addAll(sentinels(p));
        }
        return all;
    }

    static String logSentinelObserver(int partition) {
        return "sentinel-logs-p" + partition;
    }

    static String pollerSentinelObserver(int partition) {
        return "sentinel-poller-p" + partition;
    }

    static String packetSentinelId(int partition) {
        return "sentinel-packets-p" + partition;
    }

    private List<Input> sentinels(int p) throws IOException {
        List<Input> out = new ArrayList<>();
        out.add(log(p, line(stamp + " " + logSentinelObserver(p) + " warning tmm3[777]: 01260013:4: SSL Handshake"
                + " failed for TCP 203.0.113." + (p + 1) + ":4" + p + "000 -> 10.99.0.1:443"), "sentinel", GOOD));
        out.add(log(p, line("{\"telemetryEventCategory\":\"systemInfo\",\"system\":{\"hostname\":\""
                + pollerSentinelObserver(p) + "\"},\"virtualServers\":{\"/Common/sentinel_vs\":{\"destination\":"
                + "\"10.98.0." + (p + 1) + ":443\",\"clientside.totConns\":5}}}"), "sentinel-poller", GOOD));
        List<PacketSummary> capture = capture("g08-tls12-alert45-cert-expired.pcap");
        int port = port();
        for (PacketSummary s : capture) {
            ObjectNode n = tree(s);
            n.put("connection_id", packetSentinelId(p)).put("client_port", port);
            out.add(packet(p, packetSentinelId(p), n, "sentinel", GOOD, packetSentinelId(p)));
        }
        return out;
    }

    // ---------------------------------------------------------------- f5.logs

    private void realLogs() throws IOException {
        for (String l : Files.readAllLines(SharedData.f5("real-lines.jsonl"))) {
            if (!l.isBlank()) {
                logs.add(log(line(Json.MAPPER.readTree(l).get("line").asText()), "real-line", GOOD));
            }
        }
        SimulatorSettings settings = SimulatorSettings.defaults(random.nextLong()).withBackgroundSslFailuresPerSecond(20);
        FleetSimulator fleet = new FleetSimulator(settings);
        // the same three simulated seconds every run (the corpus stays the same), restamped to the last three
        for (int k = 0; k < 3; k++) {
            long simulated = SIMULATED_START_MS + k * 1000L;
            String from = SYSLOG_STAMP.format(Instant.ofEpochMilli(simulated));
            String to = SYSLOG_STAMP.format(Instant.ofEpochMilli(nowMs - (2 - k) * 1000L));
            for (TimedLine t : fleet.timedLinesForSecond(simulated)) {
                String l = t.line().startsWith(from) ? to + t.line().substring(from.length()) : t.line();
                logs.add(log(line(l), "simulator", GOOD));
            }
        }
        logs.add(log(Files.readAllBytes(SharedData.f5("ts-system-poller-output.json")), "real-poller", GOOD));
        logs.add(log(Files.readAllBytes(SharedData.f5("ts-ltm-request-log.json")), "real-ltm-log", GOOD));
        logs.add(log(line(bigPoller(3000, "poller-fanout")), "poller-3000-vips", GOOD));
    }

    private void poisonLogs() {
        List<Input> real = List.copyOf(logs);
        Input any = real.get(0);
        for (int i = 0; i < 40; i++) {
            byte[] v = real.get(random.nextInt(real.size())).value();
            if (v.length > 2) {
                logs.add(log(java.util.Arrays.copyOf(v, 1 + random.nextInt(v.length - 1)), "truncated", ANY));
            }
        }
        for (int i = 0; i < 30; i++) {
            logs.add(log(bytes(random, 1 + random.nextInt(4096)), "binary", ANY));
        }
        logs.add(log(null, "null-value", dead("empty")));
        logs.add(log(new byte[0], "empty-value", dead("empty")));
        logs.add(log(line(" \r\n\t "), "white-space", dead("empty")));
        String ssl = stamp + " bigip-poison warning tmm1[4242]: 01260009:4: 198.51.100.7:50000 -> 10.10.9.9:443:"
                + " Connection error: ssl_codec_rx:2314: alert(45) received alert";
        logs.add(log(repeat(line(ssl + "\n"), (1 << 20) + 1), "oversized-1MiB+1", dead("oversized")));
        logs.add(log(repeat(line(ssl + " "), HUGE_RECORD_BYTES), "oversized-3MiB", dead("oversized")));
        // under the record bound, far above any syslog line: an event carries the line (and its reason) through
        // repartition topics and join stores, whose records the broker bounds
        logs.add(log(line(ssl.replace("received alert", "received alert " + "x".repeat(900_000))), "huge-ssl-line", dead("oversized")));
        logs.add(log(line(stamp + " bigip-poison warning tmm1[4242]: 01260013:4: SSL Handshake failed for TCP "
                + "1".repeat(600_000) + ":1 -> 10.10.9.9:443"), "huge-address", dead("oversized")));
        logs.add(log(line("{\"data\":\"" + ssl.replace("received alert", "received alert " + "y".repeat(900_000))
                + "\",\"hostname\":\"bigip-poison\",\"telemetryEventCategory\":\"syslog\"}"), "huge-ts-syslog", dead("oversized")));
        byte[] sslBytes = line(ssl);
        int at = sslBytes.length - 10;
        for (byte[] bad : List.of(new byte[] {(byte) 0x80}, new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc0,
                (byte) 0xaf}, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, new byte[] {(byte) 0xf4,
                (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xe2, (byte) 0x82})) {
            logs.add(log(concat(java.util.Arrays.copyOf(sslBytes, at), bad, java.util.Arrays.copyOfRange(sslBytes, at,
                    sslBytes.length)), "invalid-utf8", dead("not_utf8")));
        }
        logs.add(log(concat(sslBytes, new byte[] {(byte) 0xf0, (byte) 0x9f, (byte) 0x98}), "utf8-cut-at-end",
                dead("not_utf8")));
        logs.add(log(line(ssl.replace("Connection error", "Connection\u0000error")), "nul", dead("control_characters")));
        logs.add(log(line(ssl.replace("alert(45)", "\u001b[31malert(45)")), "escape", dead("control_characters")));
        logs.add(log(line(stamp + " bigip-poison warning tmm1[4242]: 01260013:4: SSL Handshake failed for TCP "
                + "not-an-address"), "malformed-ssl", dead("malformed_ssl_message")));
        logs.add(log(line("{\"a\":" + "[".repeat(100_000)), "nested-100000-in-object", dead("invalid_json")));
        logs.add(log(line("{".repeat(100_000)), "nested-100000-objects", dead("invalid_json")));
        logs.add(log(line("{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"), "nested-balanced",
                dead("invalid_json")));
        logs.add(log(line("[".repeat(100_000)), "nested-100000-arrays", ANY));
        logs.add(log(line("{\"data\":\"" + "z".repeat(2 << 20) + "\"}"), "json-2MiB", dead("oversized")));
        logs.add(log(line(bigPoller(60_000, "poller-too-big")), "poller-60000-vips", dead("oversized")));
        logs.add(log(line("{\"telemetryEventCategory\":\"systemInfo\",\"system\":\"bigip\",\"virtualServers\":{}}"),
                "system-is-text", dead("invalid_json")));
        logs.add(log(line("{\"telemetryEventCategory\":\"systemInfo\",\"system\":{\"hostname\":42},"
                + "\"virtualServers\":{}}"), "hostname-is-number", dead("invalid_json")));
        logs.add(log(line("{\"telemetryEventCategory\":\"systemInfo\",\"system\":{\"hostname\":\"b\"},"
                + "\"virtualServers\":[1,2]}"), "virtual-servers-is-array", dead("invalid_json")));
        logs.add(log(line("{\"data\":\"\\uZZZZ\"}"), "bad-escape", dead("invalid_json")));
        logs.add(log(line("{\"data\":\"x\"} trailing"), "trailing-content", dead("invalid_json")));
        logs.add(log(line("{\"data\":42,\"hostname\":[]}"), "data-is-number", ANY));
        logs.add(log(line("{\"data\":{\"a\":[null]},\"telemetryEventCategory\":17}"), "data-is-object", ANY));
        logs.add(log(line("{\"data\":\"" + ssl.replace("Connection error", "Connection\\u0000error") + "\"}"),
                "escaped-nul-in-data", ANY));
        logs.add(log(line("{\"telemetryEventCategory\":\"systemInfo\",\"system\":{\"hostname\":\"bigip-types\","
                + "\"systemTimestamp\":{\"x\":1}},\"virtualServers\":{\"/C/a\":{\"destination\":42,"
                + "\"clientside.totConns\":\"many\"},\"/C/b\":[],\"/C/c\":{\"destination\":\"999.1.1.1:99999\","
                + "\"clientside.totConns\":-5},\"/C/d\":{\"destination\":\"10.1.1.1:443\",\"clientside.totConns\":1e308,"
                + "\"profiles\":\"clientssl\"}},\"sslCerts\":[1],\"clientSslProfiles\":{\"/C/p\":{\"handshakeFailures\":"
                + "\"12\",\"totNativeConns\":{}}}}"), "poller-wrong-types", ANY));
        // a poller whose clock lies by thousands of years, with a certificate about to expire then and profile
        // counters that jump: alerts stamped with that time must not reach the broker, which refuses them
        for (String when : List.of("2026-01-01T00:00:00Z", "9999-12-30T00:00:00Z", "9999-12-31T23:59:59Z")) {
            logs.add(log(line(lyingPoller(when)), "poller-time-" + when.substring(0, 4), ANY));
        }
        for (int i = 0; i < 10; i++) {
            byte[] v = any.value();
            Input keyed = log(v, "keyed", GOOD);
            byte[] key = i % 2 == 0 ? bytes(random, 1 + random.nextInt(64)) : repeat(line("k"), 100_000);
            logs.add(new Input(LOGS, keyed.partition(), key, v, "odd-key", GOOD, null));
        }
    }

    private String bigPoller(int count, String host) {
        StringBuilder sb = new StringBuilder("{\"telemetryEventCategory\":\"systemInfo\",\"system\":{\"hostname\":\"")
                .append(host).append("\"},\"virtualServers\":{");
        for (int i = 0; i < count; i++) {
            sb.append(i == 0 ? "" : ",").append("\"/C/v").append(i).append("\":{\"destination\":\"10.")
                    .append(i >> 16 & 255).append('.').append(i >> 8 & 255).append('.').append(i & 255)
                    .append(":443\"}");
        }
        return sb.append("}}").toString();
    }

    private static String lyingPoller(String when) {
        return "{\"telemetryEventCategory\":\"systemInfo\",\"system\":{\"hostname\":\"bigip-time-lies\","
                + "\"systemTimestamp\":\"" + when + "\"},\"virtualServers\":{\"/Common/vs\":{\"destination\":"
                + "\"10.77.0.1:443\",\"clientside.totConns\":" + (when.startsWith("2026") ? 10 : 9_000_000) + ","
                + "\"profiles\":{\"/Common/clientssl\":{}}}},\"sslCerts\":{\"doomed.crt\":{\"expirationString\":"
                + "\"9999-12-31T23:59:59Z\",\"subject\":\"CN=doomed\",\"issuer\":\"CN=ca\",\"name\":\"doomed.crt\"}},"
                + "\"clientSslProfiles\":{\"/Common/clientssl\":{\"name\":\"/Common/clientssl\",\"handshakeFailures\":"
                + (when.startsWith("2026") ? 0 : 5_000_000) + ",\"totNativeConns\":" + (when.startsWith("2026") ? 10
                : 6_000_000) + ",\"totCompatConns\":0}}}";
    }

    // ---------------------------------------------------------------- f5.packets

    private void realPackets() throws IOException {
        for (String name : CAPTURES) {
            int p = random.nextInt(partitions);
            String id = "real-" + name.substring(0, 3);
            int port = port();
            for (PacketSummary s : capture(name)) {
                ObjectNode n = tree(s);
                n.put("connection_id", id).put("client_port", port);
                packets.add(packet(p, id, n, "real-capture", GOOD, id));
            }
        }
    }

    private void poisonPackets() throws IOException {
        Map<String, byte[]> clients = HostileHeads.client(random);
        List<byte[]> servers = new ArrayList<>(HostileHeads.server(random).values());
        int k = 0;
        for (Map.Entry<String, byte[]> c : clients.entrySet()) {
            String id = "hostile-" + c.getKey();
            connection(id, c.getValue(), k % 3 == 0 ? new byte[0] : servers.get(k % servers.size()), "hostile-head");
            k++;
        }
        for (Map.Entry<String, byte[]> s : HostileHeads.server(random).entrySet()) {
            connection("hostile-server-" + s.getKey(), clientHead(), s.getValue(), "hostile-head");
        }
        // framed as the capture reader frames datagrams (DatagramHead), so that the QUIC decoder reads the lies
        ObjectNode quic = summary("hostile-quic", "client_to_server",
                io.tlswatch.schemas.DatagramHead.of(List.of(HostileHeads.quicInitial())));
        quic.put("transport", "udp");
        packets.add(packet(random.nextInt(partitions), "hostile-quic", quic, "hostile-head", GOOD, "hostile-quic"));

        lies();
        badSummaries();
    }

    /** Summaries that pass every check yet whose times, counts, offsets, names or sizes lie. */
    private void lies() throws IOException {
        Map<String, Map<String, Object>> lies = new LinkedHashMap<>();
        lies.put("times-max", Map.of("first_seen_ms", Long.MAX_VALUE, "last_seen_ms", Long.MAX_VALUE));
        lies.put("times-year-9999", Map.of("first_seen_ms", 253_402_300_799_000L, "last_seen_ms", 253_402_300_799_000L));
        lies.put("times-backwards", Map.of("first_seen_ms", nowMs, "last_seen_ms", 0L));
        lies.put("times-zero", Map.of("first_seen_ms", 0L, "last_seen_ms", 0L));
        lies.put("counts-max", Map.of("bytes", Long.MAX_VALUE, "retransmissions", Integer.MAX_VALUE));
        lies.put("offset-max", Map.of("head_offset", Long.MAX_VALUE, "flight", Integer.MAX_VALUE));
        lies.put("offset-negative", Map.of("head_offset", -7L));
        lies.put("ports-zero", Map.of("server_port", 0));
        lies.put("address-not-ip", Map.of("client_ip", "999.999.999.999", "server_ip", "::zz::"));
        lies.put("address-huge", Map.of("client_ip", "1".repeat(60_000)));
        lies.put("observer-huge", Map.of("observer", "o".repeat(100_000)));
        lies.put("vip-name-hostile", Map.of("vip_name", "\u202e\u001b[2J<script>" + "v".repeat(100_000)));
        lies.put("flow-ids-junk", Map.of("f5_flow_id", "zz", "f5_peer_flow_id", "\u0000".repeat(100)));
        lies.put("emit-evicted", Map.of("emit_reason", "evicted", "rst_seen", true));
        byte[] hello = clientHead();
        for (Map.Entry<String, Map<String, Object>> lie : lies.entrySet()) {
            String id = "lie-" + lie.getKey();
            int p = random.nextInt(partitions);
            for (String direction : List.of("client_to_server", "server_to_client")) {
                ObjectNode n = summary(id, direction, direction.startsWith("client") ? hello : new byte[0]);
                lie.getValue().forEach((field, value) -> n.set(field, Json.MAPPER.valueToTree(value)));
                packets.add(packet(p, id, n, "lying-summary", GOOD, id));
            }
        }
        String hugeId = "lie-id-" + "i".repeat(100_000);
        int p = random.nextInt(partitions);
        packets.add(packet(p, hugeId, summary(hugeId, "client_to_server", hello), "lying-summary", GOOD, hugeId));
        // more summaries than the join keeps for one connection
        String many = "lie-twenty-summaries";
        p = random.nextInt(partitions);
        for (int f = 0; f < 20; f++) {
            ObjectNode n = summary(many, "client_to_server", hello);
            n.put("flight", f).put("emit_reason", "flight_complete").put("head_offset", (long) f * hello.length);
            packets.add(packet(p, many, n, "lying-summary", GOOD, many));
        }
        // a head of ~190 KiB (under the record bound, far over the 16 KiB a capture point keeps)
        byte[] big = concat(new byte[] {22, 3, 1, (byte) 0xff, (byte) 0xff}, bytes(random, 140 * 1024));
        packets.add(packet(random.nextInt(partitions), "lie-big-head", summary("lie-big-head", "client_to_server", big),
                "lying-summary", GOOD, "lie-big-head"));
    }

    /** Records that must become dead letters (or, where the JSON library decides, are at least accounted for). */
    private void badSummaries() throws IOException {
        byte[] good = Json.MAPPER.writeValueAsBytes(summary("bad", "client_to_server", clientHead()));
        Set<String> json = Set.of("invalid_json");
        badPacket(null, "null-value", dead("empty"));
        badPacket(new byte[0], "empty-value", dead("empty"));
        badPacket(concat(line("{\"connection_id\":\"x\",\"pad\":\""), repeat(line("p"), 300 * 1024), line("\"}")),
                "oversized-300KiB", dead("oversized"));
        badPacket(repeat(line("{\"a\":1}"), HUGE_RECORD_BYTES), "oversized-3MiB", dead("oversized"));
        badPacket(line("[".repeat(100_000)), "nested-100000-arrays", new Expect.Dead(json));
        badPacket(line("{\"a\":".repeat(50_000)), "nested-50000-objects", new Expect.Dead(json));
        badPacket(line("{\"connection_id\":" + "[".repeat(100_000)), "nested-in-field", new Expect.Dead(json));
        for (int i = 0; i < 20; i++) {
            badPacket(java.util.Arrays.copyOf(good, random.nextInt(good.length - 1)), "truncated", ANY);
        }
        for (int i = 0; i < 20; i++) {
            byte[] b = bytes(random, 1 + random.nextInt(2048));
            b[0] = (byte) 0xfe;
            badPacket(b, "binary", new Expect.Dead(json));
        }
        for (byte[] bad : List.of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0x80}, new byte[] {(byte) 0xc3})) {
            String text = new String(good, StandardCharsets.UTF_8);
            int at = text.indexOf("\"bad\"") + 2;
            badPacket(concat(java.util.Arrays.copyOf(good, at), bad, java.util.Arrays.copyOfRange(good, at, good.length)),
                    "invalid-utf8", new Expect.Dead(json));
        }
        // sequences a lenient decoder takes: overlong, surrogate
        for (byte[] odd : List.of(new byte[] {(byte) 0xc0, (byte) 0xaf}, new byte[] {(byte) 0xed, (byte) 0xa0,
                (byte) 0x80})) {
            int at = new String(good, StandardCharsets.UTF_8).indexOf("\"bad\"") + 2;
            badPacket(concat(java.util.Arrays.copyOf(good, at), odd, java.util.Arrays.copyOfRange(good, at, good.length)),
                    "lenient-utf8", ANY);
        }
        Map<String, Object> wrongTypes = new LinkedHashMap<>();
        wrongTypes.put("client_port", "https");
        wrongTypes.put("server_port", Map.of("n", 443));
        wrongTypes.put("first_seen_ms", List.of(1));
        wrongTypes.put("syn_seen", "yes");
        wrongTypes.put("flight", "first");
        wrongTypes.put("payload_head_base64", Map.of("b", 1));
        wrongTypes.put("bytes", 1e300);
        for (Map.Entry<String, Object> w : wrongTypes.entrySet()) {
            ObjectNode n = (ObjectNode) Json.MAPPER.readTree(good);
            n.set(w.getKey(), Json.MAPPER.valueToTree(w.getValue()));
            badPacket(Json.MAPPER.writeValueAsBytes(n), "wrong-type-" + w.getKey(), new Expect.Dead(json));
        }
        ObjectNode bigPort = (ObjectNode) Json.MAPPER.readTree(good);
        badPacket(line(Json.MAPPER.writeValueAsString(bigPort).replace("\"client_port\":", "\"client_port\":1e10,\"x\":")),
                "port-1e10", new Expect.Dead(json));
        for (String doc : List.of("[]", "\"text\"", "42", "true")) {
            badPacket(line(doc), "not-an-object", new Expect.Dead(json));
        }
        badPacket(line("null"), "json-null", dead("invalid_packet_summary"));
        badPacket(line("{}"), "empty-object", dead("invalid_packet_summary"));
        Map<String, Object> broken = new LinkedHashMap<>();
        broken.put("client_port", 70_000);
        broken.put("server_port", -1);
        broken.put("first_seen_ms", -5L);
        broken.put("retransmissions", -1);
        broken.put("direction", "sideways");
        broken.put("transport", "sctp");
        broken.put("emit_reason", "boom");
        broken.put("flight", -1);
        broken.put("payload_head_base64", "not base64!\n");
        broken.put("observer", " ");
        for (Map.Entry<String, Object> b : broken.entrySet()) {
            ObjectNode n = (ObjectNode) Json.MAPPER.readTree(good);
            n.set(b.getKey(), Json.MAPPER.valueToTree(b.getValue()));
            badPacket(Json.MAPPER.writeValueAsBytes(n), "schema-" + b.getKey(), dead("invalid_packet_summary"));
        }
        ObjectNode noIp = (ObjectNode) Json.MAPPER.readTree(good);
        noIp.putNull("client_ip");
        badPacket(Json.MAPPER.writeValueAsBytes(noIp), "null-client-ip", dead("invalid_packet_summary"));
    }

    private void badPacket(byte[] value, String kind, Expect expect) {
        int p = random.nextInt(partitions);
        byte[] key = switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> bytes(random, 1 + random.nextInt(32));
            default -> line("bad-" + kind);
        };
        packets.add(new Input(PACKETS, p, key, value, kind, expect, null));
    }

    /** A client and a server summary, both closing: the join judges the connection at once. */
    private void connection(String id, byte[] clientHead, byte[] serverHead, String kind) {
        int p = random.nextInt(partitions);
        packets.add(packet(p, id, summary(id, "client_to_server", clientHead), kind, GOOD, id));
        packets.add(packet(p, id, summary(id, "server_to_client", serverHead), kind, GOOD, id));
    }

    private ObjectNode summary(String id, String direction, byte[] head) {
        int port = port();
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("connection_id", id).put("observer", PACKET_OBSERVER).put("direction", direction).put("transport", "tcp")
                .put("client_ip", "198.18." + (port >> 8 & 255) + "." + (port & 255)).put("client_port", port)
                .put("server_ip", "10.20.0.1").put("server_port", 443).put("first_seen_ms", nowMs)
                .put("last_seen_ms", nowMs).put("syn_seen", true).put("fin_seen", true).put("rst_seen", false)
                .put("retransmissions", 0).put("bytes", head.length)
                .put("payload_head_base64", Base64.getEncoder().encodeToString(head)).put("flight", 0)
                .put("emit_reason", "fin").put("head_offset", 0L);
        return n;
    }

    /** The client head of a real capture: a real ClientHello. */
    private byte[] clientHead() throws IOException {
        for (PacketSummary s : capture("g08-tls12-alert45-cert-expired.pcap")) {
            if ("client_to_server".equals(s.direction()) && s.payloadHeadBase64() != null) {
                return Base64.getDecoder().decode(s.payloadHeadBase64());
            }
        }
        throw new IllegalStateException("g08 has no client head");
    }

    private final Map<String, List<PacketSummary>> captures = new LinkedHashMap<>();

    private List<PacketSummary> capture(String name) throws IOException {
        List<PacketSummary> cached = captures.get(name);
        if (cached != null) {
            return cached;
        }
        List<PacketSummary> out = new ArrayList<>();
        Path pcap = SharedData.root().resolve("tls/pcap").resolve(name);
        try (InputStream in = Files.newInputStream(pcap)) {
            CaptureReader.read(in, CaptureSettings.defaults(PACKET_OBSERVER), out::add);
        }
        captures.put(name, List.copyOf(out));
        return out;
    }

    private static ObjectNode tree(PacketSummary s) {
        return (ObjectNode) Json.MAPPER.valueToTree(s);
    }

    private Input packet(int p, String key, JsonNode summary, String kind, Expect expect, String connectionId) {
        try {
            return new Input(PACKETS, p, line(key), Json.MAPPER.writeValueAsBytes(summary), kind, expect, connectionId);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Input log(byte[] value, String kind, Expect expect) {
        return log(random.nextInt(partitions), value, kind, expect);
    }

    private static Input log(int partition, byte[] value, String kind, Expect expect) {
        return new Input(LOGS, partition, null, value, kind, expect, null);
    }

    private int port() {
        return nextPort++;
    }

    private static Expect dead(String reason) {
        return new Expect.Dead(Set.of(reason));
    }

    private static byte[] line(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code unit} repeated up to exactly {@code size} bytes. */
    private static byte[] repeat(byte[] unit, int size) {
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = unit[i % unit.length];
        }
        return out;
    }
}
