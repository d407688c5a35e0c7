package io.tlswatch.processors.scanners;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.schemas.HandshakeOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScannerCheckTest {
    private final ScannerCheck check = new ScannerCheck(ScannerRules.defaults());
    private final Map<String, SourceActivity> clients = new HashMap<>();
    private final ScannerCheck.Memory memory = ScannerCheck.Memory.of(clients::get, clients::put);

    private static HandshakeOutcome failure(String client, int vip, String errorClass) {
        return new HandshakeOutcome("b/" + client + ":1->10.0.0." + vip + ":443", "b", 0, "tcp", client, 1000 + vip,
                "10.0.0." + vip, 443, null, "failure", errorClass, "client", null, null, null, null, List.of(),
                List.of());
    }

    @Test
    void aClientFailingOnManyVipsIsAScannerFromTheFifthOn() {
        List<String> why = new ArrayList<>();
        for (int vip = 1; vip <= 7; vip++) {
            why.add(check.why(failure("203.0.113.5", vip, "not_tls"), vip * 1000L, memory));
        }
        assertThat(why.subList(0, 4)).containsOnlyNulls();
        assertThat(why.subList(4, 7)).allSatisfy(w -> assertThat(w).startsWith("failed on"));
    }

    @Test
    void aSuccessIsJudgedByTheListsOnlyAndLeavesTheClientsMemoryAlone() {
        for (int vip = 1; vip <= 6; vip++) {
            check.why(failure("203.0.113.9", vip, "not_tls"), vip * 1000L, memory);
        }
        Map<String, SourceActivity> before = new HashMap<>(clients);
        HandshakeOutcome success = new HandshakeOutcome("b/203.0.113.9:2->10.0.0.1:443", "b", 0, "tcp",
                "203.0.113.9", 2, "10.0.0.1", 443, null, "success", null, null, null, null, null, null, List.of(),
                List.of());
        ScannerCheck.Memory untouchable = ScannerCheck.Memory.of(ip -> {
            throw new AssertionError("read " + ip);
        }, (ip, a) -> {
            throw new AssertionError("wrote " + ip);
        });

        assertThat(ScannerCheck.needsMemory(success)).isFalse();
        assertThat(check.why(success, 7000L, untouchable)).isNull();
        assertThat(check.why(failure("203.0.113.9", 7, "not_tls"), 7000L, memory)).startsWith("failed on 7 VIPs");
        assertThat(before).isNotEqualTo(clients);
    }

    @Test
    void aNatAddressWhoseClientsRefuseTheCertificateOnManyVipsIsNoScanner() {
        for (int vip = 1; vip <= 10; vip++) {
            assertThat(check.why(failure("198.51.100.1", vip, "cert_untrusted"), vip * 1000L, memory)).isNull();
        }
    }
}
