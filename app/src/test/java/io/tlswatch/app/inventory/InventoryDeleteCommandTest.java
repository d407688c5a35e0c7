package io.tlswatch.app.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.app.testing.CommandRun;
import org.junit.jupiter.api.Test;

/** {@code tlswatch inventory delete --dry-run}: the keys a load would have written; usage errors; no Kafka. */
class InventoryDeleteCommandTest {

    @Test
    void dryRunPrintsTheKeysTheLoadWrites() {
        CommandRun cli = new CommandRun();
        assertThat(cli.run("inventory", "delete", "--dry-run", "bigip-01/10.0.0.1%2:443", "bigip-01/10.0.0.2%0:80",
                "bigip-02/[2001:DB8::1]:443", "slot1/guest-a/10.0.0.3:443", "bigip-02/[2001:0db8:0:0::0010%3]:443"))
                .as(cli.err()).isZero();
        // route domain 0 is the default one, IPv6 in its RFC 5952 form as the decoder writes it, a vCMP guest on a
        // blade is the guest (ObserverName)
        assertThat(cli.out().strip().split("\n")).containsExactly(
                "bigip-01/10.0.0.1%2:443#csv", "bigip-01/10.0.0.2:80#csv", "bigip-02/[2001:db8::1]:443#csv",
                "guest-a/10.0.0.3:443#csv", "bigip-02/[2001:db8::10%3]:443#csv");
        assertThat(cli.err()).contains("5 virtual servers would be removed from tlswatch.inventory (dry run)");
    }

    @Test
    void helpShowsTheAddressForms() {
        CommandRun cli = new CommandRun();
        assertThat(cli.run("inventory", "delete", "--help")).isZero();
        assertThat(cli.out()).contains("ip%rd:port");
        assertThat(cli.err()).doesNotContain("Conversion");
    }

    @Test
    void aVipThatCannotBeReadStopsEverything() {
        CommandRun noObserver = new CommandRun();
        assertThat(noObserver.run("inventory", "delete", "--dry-run", "bigip-01/10.0.0.1:443", "10.0.0.2:443"))
                .isEqualTo(2);
        assertThat(noObserver.err()).contains("'10.0.0.2:443' is not OBSERVER/ADDRESS:PORT");
        assertThat(noObserver.out()).isEmpty();

        CommandRun noPort = new CommandRun();
        assertThat(noPort.run("inventory", "delete", "--dry-run", "bigip-01/10.0.0.1")).isEqualTo(2);
        assertThat(noPort.err()).contains("'bigip-01/10.0.0.1': address '10.0.0.1' has no :port");

        CommandRun noKafka = new CommandRun();
        assertThat(noKafka.run("inventory", "delete", "bigip-01/10.0.0.1:443")).isEqualTo(2);
        assertThat(noKafka.err()).contains("no Kafka");
    }
}
