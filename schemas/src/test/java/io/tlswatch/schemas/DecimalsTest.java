package io.tlswatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one bounded decimal parser. */
class DecimalsTest {

    @Test
    void digitsUpToTheBound() {
        assertThat(Decimals.parse("443", 65535)).isEqualTo(443);
        assertThat(Decimals.parse("0443", 65535)).as("leading zeros").isEqualTo(443);
        assertThat(Decimals.parse("65535", 65535)).isEqualTo(65535);
        assertThat(Decimals.parse("65536", 65535)).isEqualTo(-1);
        assertThat(Decimals.parse("x10.0.0.1:443x", 10, 13, 65535)).isEqualTo(443);
        assertThat(Decimals.parse("2147483647", Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
        assertThat(Decimals.parse("2147483648", Integer.MAX_VALUE)).isEqualTo(-1);
        assertThat(Decimals.parseLong("999999999999999999", 0, 18, Long.MAX_VALUE)).isEqualTo(999_999_999_999_999_999L);
    }

    @Test
    void anythingElseIsMinusOne() {
        for (String bad : new String[] {"", "-1", "+1", " 1", "1 ", "1_000", "١", "1e3", "0x10", "9999999999999999999"}) {
            assertThat(Decimals.parse(bad, Integer.MAX_VALUE)).as(bad).isEqualTo(-1);
            assertThat(Decimals.parseLong(bad, 0, bad.length(), Long.MAX_VALUE)).as(bad).isEqualTo(-1);
        }
        assertThat(Decimals.parse("123", 2, 1, 999)).isEqualTo(-1);
        assertThat(Decimals.parse("123", 0, 4, 999)).as("past the end").isEqualTo(-1);
    }
}
