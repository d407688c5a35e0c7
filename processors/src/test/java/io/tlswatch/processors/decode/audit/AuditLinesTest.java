package io.tlswatch.processors.decode.audit;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlswatch.processors.decode.LogDecodeResult;
import io.tlswatch.processors.decode.LogDecoder;
import io.tlswatch.processors.decode.RejectReason;
import io.tlswatch.schemas.ChangeEvent;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.Schema;
import io.tlswatch.schemas.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit fixtures ({@code src/test/resources/audit/audit-lines.jsonl}, sources in its README) through the whole
 * {@link LogDecoder}, field by field; expected values read off the lines by hand.
 */
class AuditLinesTest {
    private static final long NOW = Instant.parse("2026-06-15T00:00:00Z").toEpochMilli();
    private static final LogDecoder DECODER = new LogDecoder(ZoneId.of("UTC"), () -> NOW, "unknown");
    private static final Map<String, String> LINES = new LinkedHashMap<>();

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = AuditLinesTest.class.getResourceAsStream("/audit/audit-lines.jsonl")) {
            for (String row : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!row.isBlank()) {
                    JsonNode n = Json.MAPPER.readTree(row);
                    LINES.put(n.get("id").asText(), n.get("line").asText());
                }
            }
        }
    }

    private static LogDecodeResult decode(String line) {
        return DECODER.decode(line.getBytes(StandardCharsets.UTF_8), NOW);
    }

    private static ChangeEvent change(String id) {
        LogDecodeResult r = decode(LINES.get(id));
        assertThat(r).as(id).isInstanceOf(LogDecodeResult.Change.class);
        ChangeEvent c = ((LogDecodeResult.Change) r).change();
        assertValidRecord(Schema.CHANGE_EVENT, c);
        return c;
    }

    @Test
    void realMcpdTransactionModifyingAnLtmIRule() {
        ChangeEvent c = change("sc4s-mcpd-irule");
        assertThat(c.observer()).isEqualTo("192.168.128.217");
        assertThat(c.timestampMs()).isEqualTo(Instant.parse("2026-04-07T11:39:53Z").toEpochMilli());
        assertThat(c.msgid()).isEqualTo("01070417");
        assertThat(c.process()).isEqualTo("mcpd");
        assertThat(c.client()).isEqualTo("Unknown");
        assertThat(c.origin()).isEqualTo("mcpd");
        assertThat(c.user()).isEqualTo("admin");
        assertThat(c.transaction()).isEqualTo("29190393-2");
        assertThat(c.verb()).isEqualTo("modify");
        assertThat(c.objectKind()).isEqualTo("irule");
        assertThat(c.objectName()).isEqualTo("/Common/Splunk_DNS_RESPONSE");
        assertThat(c.aspects()).containsExactly("irule");
        assertThat(c.status()).isEqualTo("Command OK");
        assertThat(c.ok()).isTrue();
        assertThat(c.command()).startsWith("modify { rule { rule_name \"/Common/Splunk_DNS_RESPONSE\"");
        assertThat(c.line()).hasSizeLessThanOrEqualTo(2048).startsWith("Apr 07 11:39:53 192.168.128.217 notice mcpd");
        assertThat(c.key()).isEqualTo("192.168.128.217/irule//Common/Splunk_DNS_RESPONSE");
    }

    @Test
    void realLinesThatAreNotTlsChangesAreDroppedAsBefore() {
        for (String id : List.of("sc4s-tmsh-cd", "do-tmsh-show", "k95002127-tmsh-standby", "k95002127-gui-standby")) {
            assertThat(decode(LINES.get(id))).as(id).isEqualTo(new LogDecodeResult.Dropped("not_tls"));
        }
    }

    @Test
    void sharedRealAuditLinesAreDropped() throws IOException {
        int audit = 0;
        for (String row : Files.readAllLines(SharedData.f5("real-lines.jsonl"))) {
            String line = Json.MAPPER.readTree(row).get("line").asText();
            if (line.contains("AUDIT")) {
                audit++;
                // gtm_rule (DNS), pam_audit logins, tmsh cd, a TS test line: none is a TLS change
                assertThat(decode(line)).as(line).isEqualTo(new LogDecodeResult.Dropped("not_tls"));
            }
        }
        assertThat(audit).isGreaterThanOrEqualTo(8);
    }

    @Test
    void tmshCipherChange() {
        ChangeEvent c = change("tmsh-cipher-change");
        assertThat(c.observer()).isEqualTo("bigip-01");
        assertThat(c.timestampMs()).isEqualTo(Instant.parse("2026-02-01T08:11:20Z").toEpochMilli());
        assertThat(c.msgid()).isEqualTo("01420002");
        assertThat(c.origin()).isEqualTo("tmsh");
        assertThat(c.process()).isEqualTo("tmsh");
        assertThat(c.user()).isEqualTo("admin");
        assertThat(c.client()).isNull();
        assertThat(c.transaction()).isNull();
        assertThat(c.verb()).isEqualTo("modify");
        assertThat(c.objectKind()).isEqualTo("client_ssl_profile");
        assertThat(c.objectName()).isEqualTo("/Common/shop_ssl");
        assertThat(c.aspects()).containsExactly("ciphers");
        assertThat(c.references()).isEmpty();
        assertThat(c.ok()).isTrue();
        assertThat(c.command()).isEqualTo(
                "modify ltm profile client-ssl shop_ssl ciphers ECDHE+AES-GCM:!SSLv3:!TLSv1:!TLSv1_1");
    }

    @Test
    void restCertificateChainChangeInATenantFolder() {
        ChangeEvent c = change("rest-cert-key-chain");
        assertThat(c.origin()).isEqualTo("icontrol_rest");
        assertThat(c.process()).isEqualTo("icrd_child");
        assertThat(c.user()).isEqualTo("automation");
        assertThat(c.objectName()).isEqualTo("/Tenant_A/api_ssl");
        assertThat(c.aspects()).containsExactly("certificate");
        assertThat(c.references()).containsExactly(
                "/Tenant_A/api-2026.crt", "/Tenant_A/api-2026.key", "/Common/intermediate.crt");
    }

    @Test
    void aModuleContextAndRelativeNames() {
        ChangeEvent c = change("tmsh-module-context-options");
        assertThat(c.objectKind()).isEqualTo("client_ssl_profile");
        assertThat(c.objectName()).isEqualTo("/Common/legacy_ssl");
        assertThat(c.aspects()).containsExactly("tls_options");
    }

    @Test
    void aVirtualServerGetsAProfileAndAnIRule() {
        ChangeEvent c = change("tmsh-virtual-profiles");
        assertThat(c.objectKind()).isEqualTo("virtual_server");
        assertThat(c.objectName()).isEqualTo("/Common/shop_vs");
        assertThat(c.aspects()).containsExactly("profiles", "irule");
        assertThat(c.references()).containsExactly("/Common/shop_ssl_v2", "/Common/proxy_v2_rule");
    }

    @Test
    void aVirtualServerChangeThatIsNotTlsIsDropped() {
        assertThat(decode(LINES.get("tmsh-virtual-pool"))).isEqualTo(new LogDecodeResult.Dropped("not_tls"));
    }

    @Test
    void aFailedCommandIsKeptAndSaysSo() {
        ChangeEvent c = change("tmsh-ssl-cert-failed");
        assertThat(c.objectKind()).isEqualTo("certificate");
        assertThat(c.objectName()).isEqualTo("/Common/shop.crt");
        assertThat(c.ok()).isFalse();
        assertThat(c.status()).startsWith("01070712:3: Values (/Common/shop.crt)");
        assertThat(c.aspects()).containsExactly("certificate");
    }

    @Test
    void aCipherGroupIsCreated() {
        ChangeEvent c = change("tmsh-cipher-group");
        assertThat(c.verb()).isEqualTo("create");
        assertThat(c.objectKind()).isEqualTo("cipher_group");
        assertThat(c.objectName()).isEqualTo("/Common/strict_group");
        assertThat(c.aspects()).containsExactlyInAnyOrder("object", "ciphers");
    }

    @Test
    void mcpdProfileChangeFromTheGui() {
        ChangeEvent c = change("mcpd-clientssl-ciphers");
        assertThat(c.origin()).isEqualTo("gui");
        assertThat(c.client()).isEqualTo("tmui");
        assertThat(c.user()).isEqualTo("jdoe");
        assertThat(c.objectKind()).isEqualTo("client_ssl_profile");
        assertThat(c.objectName()).isEqualTo("/Common/shop_ssl");
        assertThat(c.aspects()).containsExactly("ciphers");
    }

    @Test
    void auditLinesInRfc5424FormWithStructuredDataBeforeTheText() {
        // the BSD header becomes an RFC 5424 one, F5's structured data between "msgid:level:" and the text, as in
        // the SSL lines of that form (LogDecoderTest); the change read must be the one of the BSD line
        for (String id : List.of("mcpd-clientssl-ciphers", "sc4s-mcpd-irule", "tmsh-cipher-change")) {
            String bsd = LINES.get(id);
            int audit = bsd.indexOf("AUDIT - ");
            String msgid = bsd.substring(audit - 12, audit - 1); // 01070417:5:
            String line = "<133>1 2026-02-01T08:18:00Z bigip-01 mcpd 6760 " + msgid + " [F5@12276 hostname=\"bigip-01\""
                    + " errdefs_msgno=\"" + msgid.substring(0, 8) + "\" note=\"a ] in a value\"] " + bsd.substring(audit);
            LogDecodeResult r = decode(line);
            assertThat(r).as(id).isInstanceOf(LogDecodeResult.Change.class);
            ChangeEvent c = ((LogDecodeResult.Change) r).change();
            ChangeEvent bsdChange = change(id);
            assertThat(c.objectKind()).isEqualTo(bsdChange.objectKind());
            assertThat(c.objectName()).isEqualTo(bsdChange.objectName());
            assertThat(c.aspects()).isEqualTo(bsdChange.aspects());
            assertThat(c.user()).isEqualTo(bsdChange.user());
            assertThat(c.observer()).isEqualTo("bigip-01");
        }
    }

    @Test
    void mcpdLinkOfAProfileToAVirtualServer() {
        ChangeEvent c = change("mcpd-virtual-profile");
        assertThat(c.origin()).isEqualTo("icontrol_rest");
        assertThat(c.verb()).isEqualTo("create");
        assertThat(c.objectKind()).isEqualTo("virtual_server");
        assertThat(c.objectName()).isEqualTo("/Common/shop_vs");
        assertThat(c.aspects()).contains("profiles");
        assertThat(c.references()).containsExactly("/Common/shop_ssl_v2");
    }

    @Test
    void everyPrefixOfEveryFixtureDecodesWithoutThrowing() {
        for (String line : LINES.values()) {
            for (int n = 1; n <= line.length(); n++) {
                assertThat(decode(line.substring(0, n))).isNotNull();
            }
        }
    }

    @Test
    void anOverlongAuditLineIsStillAChangeWithABoundedCopy() {
        String big = LINES.get("tmsh-cipher-change") + " " + "x".repeat(20_000);
        LogDecodeResult r = decode(big);
        assertThat(r).isInstanceOf(LogDecodeResult.Change.class);
        ChangeEvent c = ((LogDecodeResult.Change) r).change();
        assertValidRecord(Schema.CHANGE_EVENT, c);
        assertThat(c.line()).hasSize(2048);
    }

    @Test
    void auditLinesThatAreNotChangesAreDroppedWhateverBytesFollow() {
        // before change decoding these were dropped on their id alone: they must not become dead letters now
        String show = LINES.get("do-tmsh-show");
        assertThat(decode(show + "\u0001\u0002")).isEqualTo(new LogDecodeResult.Dropped("not_tls"));
        byte[] bytes = (LINES.get("tmsh-cipher-change") + " ").getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 1] = (byte) 0xff;
        assertThat(DECODER.decode(bytes, NOW)).isEqualTo(new LogDecodeResult.Dropped("not_tls"));
    }

    @Test
    void hostileChangeLinesAreDeadLettersOrChangesQuickly() {
        String change = LINES.get("tmsh-cipher-change");
        // a million trailing separators once made the command strip copy the line a million times
        String separators = change + ";".repeat(60_000);
        String braces = change + " {".repeat(30_000);
        String quote = change + " \"never closed " + "x".repeat(50_000);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThat(decode(separators)).isInstanceOf(LogDecodeResult.Change.class);
            assertThat(decode(braces)).isNotInstanceOf(LogDecodeResult.Rejected.class);
            assertThat(decode(quote)).isNotInstanceOf(LogDecodeResult.Rejected.class);
        });
        assertThat(decode(change + " " + "y".repeat(LogDecoder.MAX_AUDIT_LINE_BYTES)))
                .isInstanceOfSatisfying(LogDecodeResult.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(RejectReason.OVERSIZED));
        // its text reaches alert summaries: a control character makes it a dead letter, as on any other line
        assertThat(decode(change + " \u001b[2J"))
                .isInstanceOfSatisfying(LogDecodeResult.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(RejectReason.CONTROL_CHARACTERS));
    }
}
