package io.tlswatch.app.serve;

import io.tlswatch.app.testing.KafkaCluster;
import io.tlswatch.schemas.HostPort;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.PacketSummary;
import io.tlswatch.schemas.TopicNames;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What the dashboard tests send: expired-certificate failures in F5 lines on a few VIPs (a different count each,
 * so an answer for the wrong VIP shows), and on one VIP handshakes seen in packets whose ClientHello names a
 * hostile SNI, refused by the server (alert 40): the SNI reaches the API's evidence and recent failures.
 */
final class DashboardTraffic {
    static final String LOG_OBSERVER = "bigip-it";
    static final String PACKET_OBSERVER = "bigip-pk";
    static final String PACKET_VIP = "10.20.0.5:443";
    /** Markup that would run if the page ever parsed data as HTML. */
    static final String HOSTILE_SNI = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>";
    static final int PACKET_FAILURES = 8;
    private static final DateTimeFormatter SYSLOG_STAMP =
            DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private DashboardTraffic() {}

    /** VIP → expired-certificate failures sent for it in F5 lines. */
    static Map<String, Integer> logVips() {
        Map<String, Integer> vips = new LinkedHashMap<>();
        for (int i = 0; i < 7; i++) {
            vips.put("10.10." + i + ".10:443", 6 + i);
        }
        return vips;
    }

    static void send(KafkaCluster kafka, TopicNames topics) {
        Instant now = Instant.now();
        String stamp = SYSLOG_STAMP.format(now);
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            int n = 0;
            for (Map.Entry<String, Integer> vip : logVips().entrySet()) {
                for (int i = 0; i < vip.getValue(); i++, n++) {
                    String client = "198.51." + (100 + n / 200) + "." + (n % 200 + 1) + ":" + (40000 + n);
                    String tmm = "tmm" + (n % 4) + "[4242]";
                    log(producer, topics, now, stamp + " " + LOG_OBSERVER + " warning " + tmm + ": 01260009:4: " + client
                            + " -> " + vip.getKey() + ": Connection error: ssl_codec_rx:2314: alert(45) received alert");
                    log(producer, topics, now, stamp + " " + LOG_OBSERVER + " warning " + tmm
                            + ": 01260013:4: SSL Handshake failed for TCP " + client + " -> " + vip.getKey());
                }
            }
            String[] vip = PACKET_VIP.split(":");
            for (int i = 0; i < PACKET_FAILURES; i++) {
                String clientIp = "203.0.113." + (10 + i);
                int clientPort = 50000 + i;
                String id = HostPort.connectionId(PACKET_OBSERVER, clientIp, clientPort, vip[0], Integer.parseInt(vip[1]),
                        null);
                long t = now.toEpochMilli();
                packet(producer, topics, id, summary(id, "client_to_server", clientIp, clientPort, vip, t,
                        clientHello(HOSTILE_SNI)));
                packet(producer, topics, id, summary(id, "server_to_client", clientIp, clientPort, vip, t + 2,
                        new byte[] {21, 3, 3, 0, 2, 2, 40}));
            }
            producer.flush();
        }
    }

    private static void log(KafkaProducer<byte[], byte[]> producer, TopicNames topics, Instant at, String line) {
        producer.send(new ProducerRecord<>(topics.logs(), null, at.toEpochMilli(), null,
                line.getBytes(StandardCharsets.UTF_8)));
    }

    private static void packet(KafkaProducer<byte[], byte[]> producer, TopicNames topics, String id, PacketSummary s) {
        producer.send(new ProducerRecord<>(topics.packets(), null, s.lastSeenMs(), id.getBytes(StandardCharsets.UTF_8),
                Json.write(s).getBytes(StandardCharsets.UTF_8)));
    }

    private static PacketSummary summary(String id, String direction, String clientIp, int clientPort, String[] vip,
            long t, byte[] head) {
        return new PacketSummary(id, PACKET_OBSERVER, direction, "tcp", clientIp, clientPort, vip[0],
                Integer.parseInt(vip[1]), t, t + 1, true, true, false, 0, head.length,
                Base64.getEncoder().encodeToString(head), null, 0, "fin", null, null, 0L);
    }

    /** A TLS 1.2 ClientHello (RFC 8446 §4.1.2 layout) with one server_name (RFC 6066 §3) and two suites. */
    static byte[] clientHello(String sni) {
        byte[] name = sni.getBytes(StandardCharsets.ISO_8859_1);
        byte[] serverName = concat(u16(0), u16(name.length + 5), u16(name.length + 3), new byte[] {0}, u16(name.length),
                name);
        byte[] body = concat(u16(0x0303), new byte[32], new byte[] {0}, u16(4), u16(0xc02f), u16(0x009c),
                new byte[] {1, 0}, u16(serverName.length), serverName);
        byte[] handshake = concat(new byte[] {1, 0, (byte) (body.length >> 8), (byte) body.length}, body);
        return concat(new byte[] {22, 3, 1}, u16(handshake.length), handshake);
    }

    private static byte[] u16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
