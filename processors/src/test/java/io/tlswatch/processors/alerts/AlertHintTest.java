package io.tlswatch.processors.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.processors.classify.ErrorClass;
import org.junit.jupiter.api.Test;

/** A hint's command takes the SNI a client sent only when it is a host name: operators paste these into shells. */
class AlertHintTest {
    @Test
    void aHostNameGoesIntoTheCommand() {
        assertThat(AlertEvents.hint("cert_expired", "10.0.0.1:443", "shop.example.com", false))
                .contains("openssl s_client -connect 10.0.0.1:443 -servername shop.example.com |");
    }

    @Test
    void anythingElseStaysAPlaceholder() {
        for (String sni : new String[] {"<script>x</script>", "a.example; rm -rf ~", "$(reboot)", "a b", "`id`",
                "x".repeat(300), ""}) {
            assertThat(AlertEvents.hint("cert_expired", "10.0.0.1:443", sni, false)).as(sni)
                    .contains("-servername <sni> |");
        }
    }

    @Test
    void aServerAProxySawGetsAHintWithoutBigIpProfiles() {
        for (ErrorClass c : ErrorClass.values()) {
            String hint = AlertEvents.hint(c.wireName(), "origin.example.com:443", "origin.example.com", true);
            assertThat(hint).as(c.wireName()).doesNotContain("client-ssl", "profile", "BIG-IP", "F5 lines");
        }
        assertThat(AlertEvents.hint("cert_expired", "origin.example.com:443", "origin.example.com", true))
                .startsWith("the server's certificate expired")
                .contains("openssl s_client -connect origin.example.com:443 -servername origin.example.com |");
        assertThat(AlertEvents.hint("cert_expired", "10.0.0.1:443", "shop.example.com", false))
                .startsWith("renew the certificate on the client-ssl profile");
    }
}
