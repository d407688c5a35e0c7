package io.tlswatch.processors.decode;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The eight-bytes-at-a-time test finds exactly the first byte a byte-by-byte scan would stop at. */
class WordsProperties {

    @Property(tries = 20_000)
    void firstByteOfInterestMatchesAByteByByteScan(@ForAll("words") long word) {
        int expected = 8;
        for (int k = 0; k < 8; k++) {
            int b = (int) (word >>> (8 * k)) & 0xff;
            if (b < 0x20 || b >= 0x7f || b == ':' || b == ',') {
                expected = k;
                break;
            }
        }
        assertThat(Words.firstByteOfInterest(word)).isEqualTo(expected);
    }

    /** Mostly printable bytes with the odd special one, so both outcomes are common. */
    @Provide
    Arbitrary<Long> words() {
        Arbitrary<Integer> bytes = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, Arbitraries.integers().between(0x20, 0x7e)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 0xff)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of((int) ':', (int) ',', 0x7f, 0x1f, 0x80, 0x00)));
        return bytes.list().ofSize(8).map(list -> {
            long w = 0;
            for (int k = 0; k < 8; k++) {
                w |= ((long) list.get(k)) << (8 * k);
            }
            return w;
        });
    }
}
