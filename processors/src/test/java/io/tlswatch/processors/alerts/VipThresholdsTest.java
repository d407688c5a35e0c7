package io.tlswatch.processors.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.processors.inventory.VipDirectory;
import io.tlswatch.processors.rates.VipState;
import io.tlswatch.schemas.HostPort;
import io.tlswatch.schemas.VirtualServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The per-VIP thresholds of the inventory as the README's "Inventory" section states them: the fire count
 * replaces the class minimum, the resolve count is capped at it (half of it, rounded up, when not set), the
 * window replaces the short window and is capped at the long one. No-shared-cipher is a server-side class:
 * 5 failures by default.
 */
class VipThresholdsTest {
    private static final String VIP = HostPort.of("2001:db8::10", null, 443);

    private static VipEvaluator.Applied applied(Integer fire, Integer resolve, String window) {
        VirtualServer vs = new VirtualServer("bigip-01", "/Common/v6_vs", "2001:db8::10", 443, null, null, null,
                null, null, "csv", fire, resolve, window);
        Map<String, VirtualServer> directory = Map.of("bigip-01/" + VIP, vs);
        VipDirectory lookup = (observer, hostPort) -> directory.get(observer + "/" + hostPort);
        VipEvaluator evaluator = new VipEvaluator(AlertPolicy.defaults(), lookup);
        // the VIP as rates key it, from a log line spelling its address another way
        VipState s = new VipState("bigip-01", HostPort.of("2001:0DB8:0::0010", null, 443));
        return evaluator.applied("no_shared_cipher", lookup.find(s.observer, s.vip));
    }

    @Test
    void theClassRuleWithoutOverrides() {
        VipEvaluator.Applied a = applied(null, null, null);
        assertThat(a.vs()).as("found whatever the address spelling").isNotNull();
        assertThat(a.minFailures()).isEqualTo(5);
        assertThat(a.keepFailures()).as("half the minimum, rounded up").isEqualTo(3);
        assertThat(a.shortMs()).isEqualTo(60_000);
    }

    @Test
    void fireReplacesTheMinimumResolveIsCappedAtItWindowAtTheLongOne() {
        VipEvaluator.Applied a = applied(20, 5, "2m");
        assertThat(a.minFailures()).isEqualTo(20);
        assertThat(a.keepFailures()).isEqualTo(5);
        assertThat(a.shortMs()).isEqualTo(120_000);

        assertThat(applied(20, null, null).keepFailures()).isEqualTo(10);
        // resolve alone (the CSV refuses resolve > fire within a row, but cannot know the class minimum)
        assertThat(applied(null, 50, null).keepFailures()).isEqualTo(5);
        assertThat(applied(null, null, "1h").shortMs()).as("capped at alerts.window.long").isEqualTo(300_000);
    }
}
