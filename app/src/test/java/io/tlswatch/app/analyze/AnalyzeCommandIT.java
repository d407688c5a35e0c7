package io.tlswatch.app.analyze;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlswatch.app.testing.CommandRun;
import io.tlswatch.ingest.pcap.CaptureReader;
import io.tlswatch.ingest.pcap.CaptureSettings;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.PacketSummary;
import io.tlswatch.schemas.Schema;
import io.tlswatch.schemas.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tlswatch analyze} end to end, in-process as a user types it: the command starts its own embedded
 * broker and the real pipeline, replays real F5 lines and a shared capture, and writes every output topic as
 * JSON lines. One run covers both inputs (a broker start is the expensive part).
 */
class AnalyzeCommandIT {
    @TempDir
    Path dir;

    @Test
    void realLinesAndACaptureBecomeSchemaValidOutputFiles() throws IOException {
        Path log = realLog();
        Path pcap = SharedData.root().resolve("tls/pcap/g08-tls12-alert45-cert-expired.pcap");
        Path out = dir.resolve("out");
        CommandRun cli = new CommandRun();

        int exit = cli.run("analyze", "--year", "2021", "--logs", log.toString(), "--pcap", pcap.toString(),
                "--observer", "bigip-it", "--out", out.toString());

        assertThat(exit).as("stderr: %s", cli.err()).isZero();
        System.out.println(cli.err()); // the user's view, kept in the failsafe report
        List<JsonNode> handshakes = read(out.resolve("handshakes.jsonl"), Schema.HANDSHAKE_ECS);
        List<JsonNode> rates = read(out.resolve("rates.jsonl"), Schema.VIP_RATE);
        List<JsonNode> alerts = read(out.resolve("alerts.jsonl"), Schema.ALERT_EVENT);
        List<JsonNode> dlq = read(out.resolve("dlq.jsonl"), Schema.DEAD_LETTER);

        // the two-TMM LDAPS burst: two failures, one per TMM, each joined from its three lines
        List<JsonNode> ldaps = handshakes.stream().filter(h -> h.path("destination").path("port").asInt() == 636).toList();
        assertThat(ldaps).hasSize(2).allSatisfy(h -> {
            assertThat(h.path("tlswatch").path("error_class").asText()).isEqualTo("no_shared_cipher");
            assertThat(h.path("destination").path("ip").asText()).isEqualTo("192.168.20.230");
            // the record keeps the BIG-IP's own time, in the year given
            assertThat(Instant.parse(h.path("@timestamp").asText())).isEqualTo(Instant.parse("2021-02-01T08:12:14Z"));
        });
        assertThat(ldaps).extracting(h -> h.path("source").path("port").asInt()).containsExactlyInAnyOrder(32962, 32963);

        // the capture: one connection, judged from its packets
        List<JsonNode> expired = handshakes.stream()
                .filter(h -> "cert_expired".equals(h.path("tlswatch").path("error_class").asText())).toList();
        assertThat(expired).hasSize(1);
        JsonNode cert = expired.get(0);
        assertThat(cert.path("tlswatch").path("evidence").path("packets").asBoolean()).isTrue();
        assertThat(cert.path("tls").path("client").path("server_name").asText()).isNotBlank();
        assertThat(cert.path("tls").path("client").path("ja3").asText()).matches("[0-9a-f]{32}");
        assertThat(cert.path("observer").path("hostname").asText()).isEqualTo("bigip-it");
        // no F5 line, trailer nor inventory entry for this connection: the capture's point is a sensor
        assertThat(cert.path("observer").path("type").asText()).isEqualTo("sensor");
        assertThat(cert.at("/tls/server/x509/not_after").asText()).isEqualTo("2029-03-01T08:28:19Z");
        assertThat(cert.at("/tls/server/x509/issuer/common_name/0").asText()).isEqualTo("Research Test CA");
        assertThat(cert.at("/tls/server/hash/sha256").asText())
                .isEqualTo("11773D417B81B815C54B4B9226912A2D551696F80A0C77386AC21174E1010BF3");
        assertThat(cert.at("/event/duration").asLong()).isEqualTo(3_000_000L);
        // the log records: F5 lines, read in the configured zone, kept as the original
        assertThat(ldaps).allSatisfy(h -> {
            assertThat(h.at("/ecs/version").asText()).isEqualTo("9.3.0");
            assertThat(h.at("/observer/vendor").asText()).isEqualTo("F5");
            assertThat(h.at("/event/original").asText()).contains("01260013");
            assertThat(h.at("/network/community_id").asText()).startsWith("1:");
        });

        // every failure is in a rate window; the real lines are all accounted for (decode counts 16 + 32, no rejects)
        assertThat(rates).isNotEmpty();
        assertThat(alerts).isEmpty(); // a handful of failures is below the production threshold
        assertThat(dlq).isEmpty();
        assertThat(cli.err()).contains("analyze: done", "48 log lines", "handshakes.jsonl " + handshakes.size(),
                "dlq.jsonl 0", "no_shared_cipher 2", "cert_expired 1", "alerts: 0 fired", "decoded 16",
                "dropped_not_tls 32");
        assertThat(cli.err()).as("progress").contains("records processed");
        assertThat(handshakes).allSatisfy(h -> assertThat(h.path("event").path("outcome").asText()).isIn("failure", "success", "unknown"));
    }

    /**
     * Captures and the F5 lines a BIG-IP writes for the same connections (generated from the captures: same
     * addresses, ports and second): one outcome per connection, with the packets' fields and the log reason.
     * Without {@code --observer}: the captures belong to the one BIG-IP the lines name.
     */
    @Test
    void linesAndPacketsOfTheSameConnectionsBecomeOneOutcomeEach() throws IOException {
        Map<String, String> reasons = Map.of(
                "g05-tls12-alert40-cipher-mismatch.pcap", "no_shared_cipher",
                "g08-tls12-alert45-cert-expired.pcap", "cert_expired",
                "g07-tls12-alert48-unknown-ca.pcap", "cert_untrusted");
        // no --observer: the log files name one BIG-IP, the captures are its
        List<String> args = new ArrayList<>(List.of("analyze", "--year", "2026", "--timezone", "UTC",
                "--out", dir.resolve("joined").toString()));
        List<String> lines = new ArrayList<>();
        for (String pcap : reasons.keySet()) {
            Path file = SharedData.root().resolve("tls/pcap").resolve(pcap);
            args.addAll(List.of("--pcap", file.toString()));
            lines.addAll(bigIpLines(file, reasons.get(pcap)));
        }
        args.addAll(List.of("--logs", Files.write(dir.resolve("ltm-generated"), lines).toString()));
        Path vips = Files.writeString(dir.resolve("vips.csv"),
                "observer,name,address,partition,owner\nbigip-it,/Common/test_vs,127.0.0.15:443,Common,web-team\n");
        args.addAll(List.of("--inventory", vips.toString()));
        CommandRun cli = new CommandRun();

        assertThat(cli.run(args.toArray(String[]::new))).as("stderr: %s", cli.err()).isZero();
        assertThat(cli.err()).contains("analyze: captures belong to bigip-it, the BIG-IP the log files name");

        List<JsonNode> handshakes = read(dir.resolve("joined/handshakes.jsonl"), Schema.HANDSHAKE_ECS);
        assertThat(handshakes).hasSize(3).allSatisfy(h -> {
            JsonNode evidence = h.path("tlswatch").path("evidence");
            assertThat(evidence.path("packets").asBoolean()).as("packets in %s", h).isTrue();
            assertThat(evidence.path("msgids")).as("F5 lines in %s", h).hasSize(2);
            assertThat(h.path("tls").path("client").path("server_name").asText()).isEqualTo("server.test");
            assertThat(h.path("tlswatch").path("ja4").asText()).startsWith("t1");
            assertThat(h.path("error").path("message").asText()).isNotBlank();
        });
        assertThat(handshakes).extracting(h -> h.path("tlswatch").path("error_class").asText())
                .containsExactlyInAnyOrderElementsOf(reasons.values());
        // the inventory names the VIP of the g05 server (127.0.0.15:443)
        assertThat(handshakes).filteredOn(h -> h.path("destination").path("ip").asText().equals("127.0.0.15"))
                .singleElement().satisfies(h -> assertThat(h.at("/tlswatch/vip/name").asText()).isEqualTo("/Common/test_vs"));
    }

    /**
     * Rotated logs given newest first (as {@code ltm*} expands), two BIG-IPs: every file's failures reach their
     * own rate window. With the production grace, the older file's failures (sent after the newer one's, or
     * emitted after them by a join that flushes per key) found their windows closed and counted in the
     * handshakes only. (The long grace alone makes this pass; TimelineTest covers the merge order.)
     */
    @Test
    void filesInAnyOrderReachTheirRateWindows() throws IOException {
        // the newer host sorts first, as the joins emit per key: nothing but the merge puts the older one first
        Path newest = Files.write(dir.resolve("ltm"), failures("Mar  1 12:00:0", "bigip-a", "10.0.0.1"));
        Path oldest = Files.write(dir.resolve("ltm.1"), failures("Mar  1 10:00:0", "bigip-b", "10.0.0.2"));
        Path out = dir.resolve("ordered");
        CommandRun cli = new CommandRun();

        int exit = cli.run("analyze", "--year", "2026", "--timezone", "UTC", "--logs", newest.toString(),
                oldest.toString(), "--out", out.toString());

        assertThat(exit).as("stderr: %s", cli.err()).isZero();
        assertThat(read(out.resolve("handshakes.jsonl"), Schema.HANDSHAKE_ECS)).hasSize(10);
        List<JsonNode> rates = read(out.resolve("rates.jsonl"), Schema.VIP_RATE);
        for (String[] host : new String[][] {{"bigip-a", "10.0.0.1:443", "2026-03-01T12:00:05Z"},
                {"bigip-b", "10.0.0.2:443", "2026-03-01T10:00:05Z"}}) {
            long at = Instant.parse(host[2]).toEpochMilli();
            assertThat(rates).as("rates of %s", host[0])
                    .filteredOn(r -> r.path("observer").asText().equals(host[0]))
                    .filteredOn(r -> r.path("vip").asText().equals(host[1]))
                    .filteredOn(r -> !r.path("error_class").asText().equals("all"))
                    .isNotEmpty()
                    // written as the window moves: one record holds all five, the last one none
                    .extracting(r -> r.path("short_window").path("failures").asLong())
                    .contains(5L)
                    .allSatisfy(n -> assertThat(n).isBetween(0L, 5L));
            assertThat(rates).filteredOn(r -> r.path("observer").asText().equals(host[0]))
                    .filteredOn(r -> r.path("short_window").path("failures").asLong() == 5)
                    .allSatisfy(r -> assertThat(r.path("at_ms").asLong()).isBetween(at, at + 60_000));
        }
    }

    @Test
    void anAlertOfTheFilesNamesTheConfigurationChangeBeforeIt() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("Mar  1 11:58:30 bigip-a notice tmsh[21544]: 01420002:5: AUDIT - pid=21544 user=jdoe folder=/Common"
                + " module=(tmos)# status=[Command OK] cmd_data=modify ltm virtual shop_vs profiles replace-all-with"
                + " { tcp strict_ssl { context clientside } }");
        lines.add("Mar  1 11:59:00 bigip-a notice tmsh[21544]: 01420002:5: AUDIT - pid=21544 user=jdoe folder=/Common"
                + " module=(tmos)# status=[Command OK] cmd_data=list ltm virtual shop_vs");
        for (int i = 0; i < 30; i++) { // 30 refused connections in a minute
            String head = String.format(Locale.ROOT, "Mar  1 12:00:%02d bigip-a warning tmm1[4242]: ", 2 * i);
            lines.add(head + "01260026:4: No shared ciphers between SSL peers 192.0.2.10." + (41000 + i)
                    + ":10.0.0.1.443.");
            lines.add(head + "01260013:4: SSL Handshake failed for TCP 192.0.2.10:" + (41000 + i) + " -> 10.0.0.1:443");
        }
        Path log = Files.write(dir.resolve("ltm-change"), lines);
        Path vips = Files.writeString(dir.resolve("shop.csv"),
                "observer,name,address,partition,owner\nbigip-a,/Common/shop_vs,10.0.0.1:443,Common,web-team\n");
        // baseline mode pages only after the warm-up, and an analysis starts knowing nothing
        Path config = Files.writeString(dir.resolve("tlswatch.properties"), "alerts.warmup=0s\n");
        Path out = dir.resolve("changed");
        CommandRun cli = new CommandRun();

        int exit = cli.run("analyze", "--year", "2026", "--timezone", "UTC", "--logs", log.toString(),
                "--inventory", vips.toString(), "--config", config.toString(), "--out", out.toString());

        assertThat(exit).as("stderr: %s", cli.err()).isZero();
        List<JsonNode> firing = read(out.resolve("alerts.jsonl"), Schema.ALERT_EVENT).stream()
                .filter(a -> a.path("status").asText().equals("FIRING")).toList();
        assertThat(firing).hasSize(1);
        JsonNode details = firing.get(0).path("payload").path("custom_details");
        assertThat(details.path("changes")).hasSize(1);
        assertThat(details.path("changes").get(0).path("object").asText()).isEqualTo("/Common/shop_vs");
        assertThat(details.path("changes").get(0).path("related_as").asText()).isEqualTo("the virtual server");
        assertThat(details.path("likely_cause").asText()).startsWith("likely cause: at 11:58:30 UTC jdoe ran `modify"
                + " ltm virtual shop_vs profiles replace-all-with").endsWith("a profile change on the VIP explains"
                + " no_shared_cipher");
    }

    /** Five refused connections to {@code vip}:443 within ten seconds, two lines each. */
    private static List<String> failures(String stampWithoutLastDigit, String host, String vip) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String head = stampWithoutLastDigit + (2 * i) + " " + host + " warning tmm1[4242]: ";
            String client = "192.0.2.10:" + (40000 + i);
            lines.add(head + "01260026:4: No shared ciphers between SSL peers 192.0.2.10." + (40000 + i) + ":" + vip
                    + ".443.");
            lines.add(head + "01260013:4: SSL Handshake failed for TCP " + client + " -> " + vip + ":443");
        }
        return lines;
    }

    /** The two lines a BIG-IP writes for this capture's refused connection, at the capture's second. */
    private static List<String> bigIpLines(Path pcap, String errorClass) throws IOException {
        List<PacketSummary> summaries = new ArrayList<>();
        try (InputStream in = Files.newInputStream(pcap)) {
            CaptureReader.read(in, CaptureSettings.defaults("bigip-it"), summaries::add);
        }
        PacketSummary c = summaries.get(0);
        String stamp = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochMilli(c.firstSeenMs()));
        String client = c.clientIp() + ":" + c.clientPort();
        String server = c.serverIp() + ":" + c.serverPort();
        String head = stamp + " bigip-it warning tmm1[4242]: ";
        String reason = switch (errorClass) {
            case "no_shared_cipher" -> "01260026:4: No shared ciphers between SSL peers " + client.replace(':', '.')
                    + ":" + server.replace(':', '.') + ".";
            case "cert_expired" -> "01260009:4: " + client + " -> " + server
                    + ": Connection error: ssl_codec_rx:2314: alert(45) received alert";
            default -> "01260009:4: " + client + " -> " + server
                    + ": Connection error: ssl_codec_rx:2314: alert(48) received alert";
        };
        return List.of(head + reason, head + "01260013:4: SSL Handshake failed for TCP " + client + " -> " + server);
    }

    private Path realLog() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String json : Files.readAllLines(SharedData.f5("real-lines.jsonl"))) {
            lines.add(Json.MAPPER.readTree(json).get("line").asText());
        }
        return Files.write(dir.resolve("ltm"), lines);
    }

    private static List<JsonNode> read(Path file, Schema schema) throws IOException {
        assertThat(file).exists();
        List<JsonNode> docs = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            assertValid(schema, line);
            docs.add(Json.MAPPER.readTree(line));
        }
        return docs;
    }
}
