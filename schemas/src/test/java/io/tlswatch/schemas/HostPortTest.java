package io.tlswatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every key writes an endpoint one way: the same VIP read from a log, a capture, the poller or a CSV. */
class HostPortTest {

    @Test
    void oneVipOneKey() {
        assertThat(HostPort.of("2001:0db8::0010", null, 443)).isEqualTo("[2001:db8::10]:443");
        assertThat(HostPort.of("2001:DB8:0:0:0:0:0:10", null, 443)).isEqualTo("[2001:db8::10]:443");
        assertThat(HostPort.of("2001:db8::10%2", null, 443)).isEqualTo("[2001:db8::10%2]:443");
        assertThat(HostPort.of("2001:0db8::0010", 2, 443)).isEqualTo("[2001:db8::10%2]:443");
        assertThat(HostPort.of("10.1.1.1", 2, 443)).isEqualTo("10.1.1.1%2:443");
        assertThat(HostPort.of("10.1.1.1%2", null, 443)).isEqualTo("10.1.1.1%2:443");
        // route domain 0 is the default one: BIG-IP leaves it out
        assertThat(HostPort.of("10.1.1.1", 0, 443)).isEqualTo("10.1.1.1:443");
        assertThat(HostPort.of("10.1.1.1%0", null, 443)).isEqualTo("10.1.1.1:443");
        assertThat(HostPort.of("unknown", null, 443)).as("not an address: as given").isEqualTo("unknown:443");
        assertThat(HostPort.connectionId("bigip-01", "2001:db8:0::1", 40000, "2001:DB8::10", 443, 0))
                .isEqualTo("bigip-01/[2001:db8::1]:40000->[2001:db8::10]:443");
    }

    @Test
    void aHostBeforeItsPortBracketsIpv6Once() {
        assertThat(HostPort.hostText("::1")).isEqualTo("[::1]");
        assertThat(HostPort.hostText("[::1]")).as("already bracketed").isEqualTo("[::1]");
        assertThat(HostPort.hostText("127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(HostPort.hostText("tlswatch-a.example")).isEqualTo("tlswatch-a.example");
    }

    @Test
    void aReusedFourTupleSharesTheJoinKey() {
        String id = "bigip-01/10.0.0.1:40000->10.1.1.1:443";
        assertThat(HostPort.fourTupleOf(id + "#2")).isEqualTo(id);
        assertThat(HostPort.fourTupleOf(id + "#17")).isEqualTo(id);
        assertThat(HostPort.fourTupleOf(id)).isEqualTo(id);
        // an observer named with '#', or a suffix that is not a number, stays as written
        assertThat(HostPort.fourTupleOf("dc#1/10.0.0.1:1->10.1.1.1:443")).isEqualTo("dc#1/10.0.0.1:1->10.1.1.1:443");
        assertThat(HostPort.fourTupleOf(id + "#")).isEqualTo(id + "#");
        assertThat(HostPort.fourTupleOf(id + "#2a")).isEqualTo(id + "#2a");
    }
}
