package io.tlswatch.processors.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.processors.inventory.VipDirectory;
import io.tlswatch.schemas.AlertEvent;
import io.tlswatch.schemas.ChangeEvent;
import io.tlswatch.schemas.VirtualServer;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeCorrelationTest {
    private static final String OBSERVER = "bigip-01";
    private static final Instant FIRED = Instant.parse("2026-02-01T08:20:00Z");
    private static final ChangeCorrelation CORRELATION = new ChangeCorrelation(Duration.ofMinutes(15));
    /** Three VIPs sharing the client-ssl profile /Common/wildcard_ssl; the first also has its own. */
    private static final Map<String, VirtualServer> VIPS = Map.of(
            "10.0.0.1:443", vs("/Common/a_vs", "10.0.0.1", "/Common/a_ssl", "/Common/wildcard_ssl"),
            "10.0.0.2:443", vs("/Common/b_vs", "10.0.0.2", "/Common/wildcard_ssl"),
            "10.0.0.3:443", vs("/Common/c_vs", "10.0.0.3", "/Common/wildcard_ssl"));
    private static final VipDirectory DIRECTORY = (observer, hostPort) -> VIPS.get(hostPort);

    @Test
    void aCertificateIsLinkedThroughTheProfileChangeThatNamedIt() {
        ChangeEvent chain = change("client_ssl_profile", "/Common/a_ssl", 600, List.of("certificate"),
                List.of("/Common/a-2026.crt", "/Common/a-2026.key"), true);
        ChangeEvent renewal = change("certificate", "/Common/a-2026.crt", 120, List.of("certificate"), List.of(), true);
        ChangeEvent elsewhere = change("certificate", "/Common/other.crt", 60, List.of("certificate"), List.of(), true);
        AlertEvent a = CORRELATION.attach(vipAlert("10.0.0.1:443", "cert_untrusted"),
                List.of(chain, renewal, elsewhere), DIRECTORY);

        List<Map<String, Object>> listed = changes(a);
        assertThat(listed).extracting(m -> m.get("object")).containsExactly("/Common/a-2026.crt", "/Common/a_ssl");
        assertThat(listed.get(0)).containsEntry("related_as", "named by /Common/a_ssl")
                .containsEntry("seconds_before", 120L).containsEntry("likely_cause", true);
        assertThat((String) a.payload().customDetails().get("likely_cause"))
                .contains("120 s before the alert: a certificate, key or chain change explains cert_untrusted");
    }

    @Test
    void failedLaterAndTooOldChangesAreLeftOut() {
        ChangeEvent failed = change("client_ssl_profile", "/Common/a_ssl", 60, List.of("ciphers"), List.of(), false);
        ChangeEvent after = change("client_ssl_profile", "/Common/a_ssl", -30, List.of("ciphers"), List.of(), true);
        ChangeEvent old = change("client_ssl_profile", "/Common/a_ssl", 16 * 60, List.of("ciphers"), List.of(), true);
        AlertEvent alert = vipAlert("10.0.0.1:443", "no_shared_cipher");
        assertThat(CORRELATION.attach(alert, List.of(failed, after, old), DIRECTORY)).isSameAs(alert);
        ChangeEvent ok = change("client_ssl_profile", "/Common/a_ssl", 60, List.of("ciphers"), List.of(), true);
        assertThat(new ChangeCorrelation(Duration.ZERO).attach(alert, List.of(ok), DIRECTORY)).isSameAs(alert);
    }

    @Test
    void aSharedProfileChangeExplainsAStormParent() {
        ChangeEvent shared = change("client_ssl_profile", "/Common/wildcard_ssl", 45, List.of("ciphers"), List.of(),
                true);
        ChangeEvent own = change("client_ssl_profile", "/Common/a_ssl", 30, List.of("sni"), List.of(), true);
        AlertEvent a = CORRELATION.attach(stormParent("no_shared_cipher"), List.of(shared, own), DIRECTORY);

        List<Map<String, Object>> listed = changes(a);
        assertThat(listed).extracting(m -> m.get("object")).containsExactly("/Common/a_ssl", "/Common/wildcard_ssl");
        assertThat(listed).extracting(m -> m.get("vips_sharing")).containsExactly(1, 3);
        assertThat(listed).extracting(m -> m.get("likely_cause")).containsExactly(false, true);
        assertThat(a.annotations().get("likely_cause"))
                .contains("modify ltm profile client-ssl /Common/wildcard_ssl", "a cipher change explains "
                        + "no_shared_cipher; /Common/wildcard_ssl is shared by 3 of these VIPs");
    }

    @Test
    void eachKindOfChangeExplainsItsClasses() {
        assertThat(LikelyCause.explains("no_shared_cipher", aspects("client_ssl_profile", "ciphers"))).isNotNull();
        assertThat(LikelyCause.explains("no_shared_cipher", aspects("cipher_group", "ciphers"))).isNotNull();
        assertThat(LikelyCause.explains("no_shared_cipher", aspects("client_ssl_profile", "certificate"))).isNull();
        assertThat(LikelyCause.explains("cert_expired", aspects("certificate", "certificate"))).isNotNull();
        assertThat(LikelyCause.explains("protocol_version", aspects("client_ssl_profile", "tls_options"))).isNotNull();
        assertThat(LikelyCause.explains("protocol_version", aspects("client_ssl_profile", "ciphers"))).isNull();
        assertThat(LikelyCause.explains("proxy_protocol_mismatch", aspects("irule", "irule"))).isNotNull();
        assertThat(LikelyCause.explains("not_tls", aspects("virtual_server", "irule"))).isNotNull();
        assertThat(LikelyCause.explains("not_tls", aspects("virtual_server", "profiles"))).isNull();
        assertThat(LikelyCause.explains("cert_bad", aspects("virtual_server", "profiles"))).isNotNull();
        assertThat(LikelyCause.explains("peer_abort", aspects("client_ssl_profile", "ciphers"))).isNull();
    }

    private static ChangeEvent aspects(String kind, String aspect) {
        return change(kind, "/Common/x", 10, List.of(aspect), List.of(), true);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> changes(AlertEvent a) {
        return (List<Map<String, Object>>) a.payload().customDetails().get("changes");
    }

    private static ChangeEvent change(String kind, String name, long secondsBefore, List<String> aspects,
            List<String> refs, boolean ok) {
        String command = "modify " + ("certificate".equals(kind) ? "sys file ssl-cert " : "ltm profile client-ssl ")
                + name + " " + String.join(" ", aspects);
        return new ChangeEvent(OBSERVER, FIRED.toEpochMilli() - secondsBefore * 1000, "01420002", "tmsh", "tmsh",
                "admin", null, null, "modify", kind, name, aspects, refs, ok ? "Command OK" : "01070712:3: error", ok,
                command, null);
    }

    private static VirtualServer vs(String name, String address, String... profiles) {
        return new VirtualServer(OBSERVER, name, address, 443, "Common", null, null, null, List.of(profiles),
                "ts_system_poller");
    }

    private static AlertEvent vipAlert(String vip, String errorClass) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("error_class", errorClass);
        details.put("vip", vip);
        return alert(vip, errorClass, details);
    }

    private static AlertEvent stormParent(String errorClass) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("storm", true);
        details.put("vips", VIPS.keySet().stream().sorted().map(v -> Map.of("vip", v)).toList());
        return alert("*", errorClass, details);
    }

    private static AlertEvent alert(String vip, String errorClass, Map<String, Object> details) {
        String summary = errorClass + " on " + vip;
        return new AlertEvent("tlswatch/" + OBSERVER + "/" + vip + "/" + errorClass, "trigger", "FIRING",
                FIRED.toString(), null, new AlertEvent.Payload(summary, "error", OBSERVER, vip, OBSERVER, errorClass,
                        FIRED.toString(), details),
                Map.of("alertname", "TlsHandshakeFailures", "observer", OBSERVER, "vip", vip, "error_class", errorClass),
                Map.of("summary", summary, "hint", "h"));
    }
}
