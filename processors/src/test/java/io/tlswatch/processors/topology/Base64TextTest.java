package io.tlswatch.processors.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Base64TextTest {
    /** What the JDK's decoder says, the reference. */
    private static boolean jdkDecodes(String s) {
        try {
            Base64.getDecoder().decode(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "QQ", "QQ==", "QUI", "QUI=", "QUJD", "QUJDRA==", "+/+/", "ab09"})
    void decodable(String s) {
        assertThat(Base64Text.decodable(s)).isTrue();
        assertThat(jdkDecodes(s)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Q", "QUJDR", "=", "Q=", "QQ=", "QQ=x", "QQ===", "QUI==", "QUJD=", "QQ==QQ==", "QU I=",
        "QUJD\n", "-_-_", "QUJé", "QUJD\u0100"})
    void notDecodable(String s) {
        assertThat(Base64Text.decodable(s)).isFalse();
        assertThat(jdkDecodes(s)).isFalse();
    }

    /** Seeded random texts over the alphabet's edges, padding and a few strangers: the same answer as the JDK. */
    @Test
    void agreesWithTheJdkDecoder() {
        // mostly the alphabet, so that many texts decode; padding and strangers often enough to be placed anywhere
        // strangers: the neighbours of each range of the alphabet, and chars above 0xFF
        String symbols = "AZaz09+/AZaz09+/===-_ é\n@[`{:.,*\u0100\u0141";
        SplittableRandom random = new SplittableRandom(20261205);
        int decodable = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(14);
            for (int j = 0; j < length; j++) {
                b.append(symbols.charAt(random.nextInt(symbols.length())));
            }
            String s = b.toString();
            boolean expected = jdkDecodes(s);
            assertThat(Base64Text.decodable(s)).as("%s", s).isEqualTo(expected);
            decodable += expected ? 1 : 0;
        }
        assertThat(decodable).as("both answers were tried often").isBetween(20_000, 180_000);
    }
}
