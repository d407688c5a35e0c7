package io.tlswatch.schemas.testing;

import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.CertificateSample;
import io.tlswatch.schemas.ChangeEvent;
import io.tlswatch.schemas.DeadLetter;
import io.tlswatch.schemas.EcsHandshake;
import io.tlswatch.schemas.HandshakeEvent;
import io.tlswatch.schemas.HandshakeOutcome;
import io.tlswatch.schemas.ObserverSignal;
import io.tlswatch.schemas.PacketSummary;
import io.tlswatch.schemas.ProbeReport;
import io.tlswatch.schemas.ProfileTrafficSample;
import io.tlswatch.schemas.VipRate;
import io.tlswatch.schemas.VipAttempts;
import io.tlswatch.schemas.VipTrafficSample;
import io.tlswatch.schemas.VirtualServer;
import io.tlswatch.schemas.WireFacts;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Realistic instances of every record, built from the public F5 burst of a cipher mismatch on an LDAPS VIP
 * ({@code pua-bigip}, client 192.168.99.86:32962, VIP 192.168.20.230:636, 1 Feb 08:12:14). Each one is
 * valid against its schema; tests derive invalid variants from them.
 */
public final class SampleRecords {
    public static final String OBSERVER = "pua-bigip";
    public static final String CLIENT_IP = "192.168.99.86";
    public static final int CLIENT_PORT = 32962;
    public static final String VIP_IP = "192.168.20.230";
    public static final int VIP_PORT = 636;
    /** 2026-02-01T08:12:14Z */
    public static final long TIMESTAMP_MS = 1_769_933_534_000L;
    public static final String TIMESTAMP = "2026-02-01T08:12:14Z";
    public static final String CONNECTION_ID = OBSERVER + "/" + CLIENT_IP + ":" + CLIENT_PORT + "->" + VIP_IP + ":" + VIP_PORT;

    public static final String LINE_01260009 =
            "Feb  1 08:12:14 pua-bigip warning tmm[9244]: 01260009:4: Connection error: ssl_select_suite:8181: no shared ciphers (40)";
    public static final String LINE_01260026 =
            "Feb  1 08:12:14 pua-bigip warning tmm[9244]: 01260026:4: No shared ciphers between SSL peers 192.168.99.86.32962:192.168.20.230.636.";
    public static final String LINE_01260013 =
            "Feb  1 08:12:14 pua-bigip warning tmm[9244]: 01260013:4: SSL Handshake failed for TCP 192.168.99.86:32962 -> 192.168.20.230:636";

    private SampleRecords() {}

    /** The 01260013 line as decoded: a failure with addresses and no reason. */
    public static HandshakeEvent handshakeEvent() {
        return new HandshakeEvent(OBSERVER, TIMESTAMP_MS, "tmm", 9244, "01260013",
                HandshakeEvent.Kind.HANDSHAKE_FAILED, "tcp", CLIENT_IP, CLIENT_PORT, VIP_IP, VIP_PORT, null,
                null, null, null, null, null, LINE_01260013, HandshakeEvent.SOURCE_F5, null, null, null, null);
    }

    /** The older 01260009 line: a reason and the alert the BIG-IP sent, no addresses. */
    public static HandshakeEvent connectionErrorEvent() {
        return new HandshakeEvent(OBSERVER, TIMESTAMP_MS, "tmm", 9244, "01260009",
                HandshakeEvent.Kind.CONNECTION_ERROR, null, null, null, null, null, null,
                "ssl_select_suite", "no shared ciphers", 40, false, "no_shared_cipher", LINE_01260009,
                HandshakeEvent.SOURCE_F5, null, null, null, null);
    }

    /** The three lines of the burst joined. */
    public static HandshakeOutcome handshakeOutcome() {
        return new HandshakeOutcome(CONNECTION_ID, OBSERVER, TIMESTAMP_MS, "tcp", CLIENT_IP, CLIENT_PORT, VIP_IP,
                VIP_PORT, null, "failure", "no_shared_cipher", "client", 40, "bigip", "ssl_select_suite",
                "no shared ciphers", List.of("01260009", "01260026", "01260013"),
                List.of(LINE_01260009, LINE_01260026, LINE_01260013));
    }

    /** A connection judged from its packets alone: a TLS 1.3 client refused for its certificate. */
    public static HandshakeOutcome packetOutcome() {
        return new HandshakeOutcome("tap-1/10.0.0.7:51000->10.0.0.1:443", "tap-1", TIMESTAMP_MS, "tcp", "10.0.0.7",
                51000, "10.0.0.1", 443, null, "failure", "cert_untrusted", "client", 48, "client", null,
                "alert 48 (unknown_ca) sent by the client", List.of(), List.of(),
                new WireFacts("www.example.com", null, null, null, null, List.of("TLS_AES_128_GCM_SHA256"),
                        List.of("1.3", "1.2"), "771d6e4a4f4d0d5b7e9c7a3a9a7e4c1a", null,
                        "t13d1516h2_8daaf6152771_e5627efa2ab1", "1:dfF3q6oEHG/n2vNkw9TD2OQB2S4=", true));
    }

    /** The {@code event} of an ECS document: module, id and creation time set, as the mapper writes them. */
    public static EcsHandshake.Event ecsEvent(String outcome, String code, String reason) {
        return new EcsHandshake.Event("event", List.of("network"), List.of("connection"), outcome, "tlswatch",
                "tlswatch.handshake", code, reason, CONNECTION_ID, "2026-02-01T08:12:16.002Z", null, null, null, null,
                null);
    }

    /** The ECS document for that outcome. */
    public static EcsHandshake ecsHandshake() {
        return new EcsHandshake(
                TIMESTAMP,
                new EcsHandshake.Event("event", List.of("network"), List.of("connection"), "failure", "tlswatch",
                        "tlswatch.handshake", "01260009", "no_shared_cipher", CONNECTION_ID, "2026-02-01T08:12:16.002Z",
                        null, null, null, "+00:00", LINE_01260009 + "\n" + LINE_01260026 + "\n" + LINE_01260013),
                new EcsHandshake.Observer("F5", "BIG-IP", OBSERVER),
                new EcsHandshake.Endpoint(CLIENT_IP, CLIENT_PORT),
                new EcsHandshake.Endpoint(VIP_IP, VIP_PORT),
                new EcsHandshake.Network("tcp", "1:dfF3q6oEHG/n2vNkw9TD2OQB2S4="),
                new EcsHandshake.Related(List.of(CLIENT_IP, VIP_IP)),
                new EcsHandshake.Tls(false, null, null, null),
                new EcsHandshake.Error("40", "no_shared_cipher", "no shared ciphers"),
                new EcsHandshake.Tlswatch("no_shared_cipher", "client",
                        new EcsHandshake.Alert(40, "handshake_failure", "bigip"),
                        new EcsHandshake.Vip("/Common/ldaps_vs", VIP_IP, VIP_PORT, "Common", null),
                        false,
                        new EcsHandshake.Evidence(List.of("01260009", "01260026", "01260013"), false,
                                List.of(LINE_01260009, LINE_01260026, LINE_01260013)),
                        "cipher string of the client-ssl profile vs the ciphers the clients offer"));
    }

    /** A ClientHello flight from the client, head of payload included. */
    public static PacketSummary packetSummary() {
        byte[] head = {0x16, 0x03, 0x01, 0x00, (byte) 0xc8, 0x01, 0x00, 0x00, (byte) 0xc4, 0x03, 0x03};
        return new PacketSummary(CONNECTION_ID, OBSERVER, "client_to_server", "tcp", CLIENT_IP, CLIENT_PORT, VIP_IP,
                VIP_PORT, TIMESTAMP_MS, TIMESTAMP_MS + 3, true, false, true, 0, 205,
                Base64.getEncoder().encodeToString(head), "/Common/ldaps_vs", 0, "rst", "0000a1b2c3d4e5f6",
                "0000a1b2c3d4e5f7", 0L);
    }

    public static VirtualServer virtualServer() {
        return new VirtualServer(OBSERVER, "/Common/ldaps_vs", VIP_IP, VIP_PORT, "Common", null, "directory-team",
                "pagerduty:directory", List.of("/Common/clientssl-ldaps"), "ts_system_poller");
    }

    /** Both windows of a VIP with a denominator from ClientHellos seen on the wire. */
    public static VipRate vipRate() {
        return new VipRate(OBSERVER, VIP_IP + ":" + VIP_PORT, "/Common/ldaps_vs", "no_shared_cipher", 1769933820000L,
                "2026-02-01T08:17:00Z", "ratio", "packets",
                new VipRate.Window(60_000, 42, 3, 120L, 0.35),
                new VipRate.Window(300_000, 44, 3, 600L, 0.0733),
                2.0, 0.004, true);
    }

    public static AlertEvent alertFiring() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("failures", 42);
        details.put("attempts", 120);
        details.put("ratio", 0.35);
        details.put("lines", List.of(LINE_01260009));
        details.put("hint", "cipher string of the client-ssl profile vs the ciphers the clients offer");
        String key = "tlswatch/" + OBSERVER + "/" + VIP_IP + ":" + VIP_PORT + "/no_shared_cipher";
        return new AlertEvent(key, "trigger", "FIRING", "2026-02-01T08:17:00Z", null,
                new AlertEvent.Payload(
                        "no_shared_cipher on " + VIP_IP + ":" + VIP_PORT + " (" + OBSERVER + "): 42 of 120 handshakes failed (35%)",
                        "error", OBSERVER, VIP_IP + ":" + VIP_PORT, "/Common/ldaps_vs", "no_shared_cipher",
                        "2026-02-01T08:17:00Z", details),
                Map.of("observer", OBSERVER, "vip", VIP_IP + ":" + VIP_PORT, "error_class", "no_shared_cipher"),
                Map.of("hint", "cipher string of the client-ssl profile vs the ciphers the clients offer"));
    }

    public static AlertEvent alertResolved() {
        AlertEvent f = alertFiring();
        return new AlertEvent(f.dedupKey(), "resolve", "RESOLVED", f.startsAt(), "2026-02-01T08:42:00Z",
                f.payload(), f.labels(), f.annotations());
    }

    public static DeadLetter deadLetter() {
        byte[] value = "{\"data\":\"Feb  1 08:12:14 pua-bigip warning".getBytes(StandardCharsets.UTF_8);
        return new DeadLetter("invalid_json", "Unexpected end-of-input in a JSON String", "f5.logs", 3, 1_234_567L,
                TIMESTAMP_MS, null, Base64.getEncoder().encodeToString(value), value.length, false,
                new String(value, StandardCharsets.UTF_8));
    }

    /** The probe of the LDAPS VIP when its no_shared_cipher alert fired: the leaf sent without its intermediate. */
    public static ProbeReport probeReport() {
        AlertEvent alert = alertFiring();
        ProbeReport.Certificate leaf = new ProbeReport.Certificate("CN=ldaps.example.com,O=Example Inc.,C=US",
                "CN=Example Issuing CA 1,O=Example Inc.,C=US", "2025-06-01T00:00:00Z", "2026-06-01T00:00:00Z", false,
                false, false, List.of("ldaps.example.com"),
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        ProbeReport.NameCheck name = new ProbeReport.NameCheck("ldaps.example.com", null, "TLSv1.2",
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", List.of(leaf), false,
                "PKIX path building failed: no trusted issuer", true, "CN=Example Issuing CA 1,O=Example Inc.,C=US", true);
        List<ProbeReport.VersionCheck> versions = List.of(
                new ProbeReport.VersionCheck("1.0", false, "alert 70 protocol_version"),
                new ProbeReport.VersionCheck("1.1", false, "alert 70 protocol_version"),
                new ProbeReport.VersionCheck("1.2", true, "ServerHello TLS 1.2, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
                new ProbeReport.VersionCheck("1.3", false, "alert 70 protocol_version"));
        ProbeReport.CipherCheck ciphers = new ProbeReport.CipherCheck(List.of("TLS_RSA_WITH_RC4_128_SHA"), List.of(),
                false, null, null, "TLS 1.2 hello: alert 40 handshake_failure");
        return new ProbeReport(VIP_IP + ":" + VIP_PORT, VIP_IP, VIP_PORT, "2026-02-01T08:17:01Z", 812, null,
                List.of(name), versions, ciphers,
                List.of("ldaps.example.com: missing intermediate: issuer CN=Example Issuing CA 1,O=Example Inc.,C=US"
                        + " is neither presented nor trusted", "none of the 1 offered cipher suites is accepted"),
                null, null, null, null)
                .forAlert(alert.dedupKey(), OBSERVER, VIP_IP + ":" + VIP_PORT, "no_shared_cipher");
    }

    /** One poller reading of the LDAPS VIP's connection counter. */
    public static VipTrafficSample vipTrafficSample() {
        return new VipTrafficSample(OBSERVER, "/Common/ldaps_vs", VIP_IP, VIP_PORT, null, TIMESTAMP_MS, 1234L);
    }

    /** Attempts on the LDAPS VIP between two poller readings a minute apart. */
    public static VipAttempts vipAttempts() {
        return new VipAttempts(OBSERVER, "/Common/ldaps_vs", VIP_IP, VIP_PORT, null, TIMESTAMP_MS - 60_000, TIMESTAMP_MS, 42,
                false);
    }

    /** The LDAPS VIP's certificate, 20 days before it expires, as the poller listed it. */
    public static CertificateSample certificateSample() {
        return new CertificateSample(OBSERVER, "/Common/ldaps.example.com.crt",
                "CN=ldaps.example.com,O=Example Inc.,C=US", "CN=Example Issuing CA 1,O=Example Inc.,C=US",
                TIMESTAMP_MS + 20L * 86_400_000, TIMESTAMP_MS);
    }

    /** The LDAPS VIP's client-ssl profile counters at one poll. */
    public static ProfileTrafficSample profileTrafficSample() {
        return new ProfileTrafficSample(OBSERVER, "/Common/clientssl-ldaps", TIMESTAMP_MS, 310, 305L, 0L, 12_400L);
    }

    /** The certificate above, on its way to the expiry watch. */
    public static ObserverSignal certificateSignal() {
        return ObserverSignal.of(certificateSample());
    }

    /** The profile reading above, on its way to the expiry watch. */
    public static ObserverSignal profileSignal() {
        return ObserverSignal.of(profileTrafficSample());
    }

    /** The end of one poll's list of 12 certificates. */
    public static ObserverSignal certificatesPolledSignal() {
        return ObserverSignal.certificatesPolled(OBSERVER, TIMESTAMP_MS, 12);
    }

    /** A tmsh cipher change on the client-ssl profile of the sample's VIP, a minute before its failures. */
    public static ChangeEvent cipherChange() {
        String command = "modify ltm profile client-ssl /Common/ldaps_ssl ciphers ECDHE+AES-GCM";
        return new ChangeEvent(OBSERVER, TIMESTAMP_MS - 60_000, "01420002", "tmsh", "tmsh", "admin", null, null,
                "modify", ChangeEvent.Kind.CLIENT_SSL_PROFILE.wireName(), "/Common/ldaps_ssl", List.of("ciphers"),
                List.of(), "Command OK", true, command,
                "Feb  1 08:11:14 pua-bigip notice tmsh[4120]: 01420002:5: AUDIT - pid=4120 user=admin folder=/Common"
                        + " module=(tmos)# status=[Command OK] cmd_data=" + command);
    }
}
