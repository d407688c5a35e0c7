package io.tlswatch.processors.decode;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** The eight-bytes-at-a-time tests flag exactly the bytes a byte-by-byte scan would stop at. */
class WordsProperties {

    @Property(tries = 20_000)
    void bytesOfInterestFlagsExactlyTheBytesAByteLoopStopsAt(@ForAll("words") long word) {
        long expected = 0;
        for (int k = 0; k < 8; k++) {
            int b = (int) (word >>> (8 * k)) & 0xff;
            if (b < 0x20 || b >= 0x7f || b == ':' || b == ',') {
                expected |= 0x80L << (8 * k);
            }
        }
        assertThat(Words.bytesOfInterest(word)).isEqualTo(expected);
    }

    @Property(tries = 20_000)
    void jsonStringBytesOfInterestFlagsExactlyQuotesBackslashesControlsAndNonAscii(@ForAll("words") long word) {
        long expected = 0;
        for (int k = 0; k < 8; k++) {
            int b = (int) (word >>> (8 * k)) & 0xff;
            if (b < 0x20 || b >= 0x80 || b == '"' || b == '\\') {
                expected |= 0x80L << (8 * k);
            }
        }
        assertThat(Words.jsonStringBytesOfInterest(word)).isEqualTo(expected);
    }

    @Property(tries = 2_000)
    void wordAtReadsLittleEndianAndPadsPastTheEnd(@ForAll("words") long word, @ForAll("lengths") int to) {
        byte[] v = new byte[8];
        for (int k = 0; k < 8; k++) {
            v[k] = (byte) (word >>> (8 * k));
        }
        long w = Words.wordAt(v, 0, to);
        for (int k = 0; k < 8; k++) {
            assertThat((byte) (w >>> (8 * k))).isEqualTo(k < to ? v[k] : (byte) 'a');
        }
    }

    @Provide
    Arbitrary<Integer> lengths() {
        return Arbitraries.integers().between(0, 8);
    }

    /** Mostly printable bytes with the odd special one, so both outcomes are common. */
    @Provide
    Arbitrary<Long> words() {
        Arbitrary<Integer> bytes = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.integers().between(0x20, 0x7e)),
                Tuple.of(1, Arbitraries.integers().between(0, 0xff)),
                Tuple.of(1, Arbitraries.of((int) ':', (int) ',', (int) '"', (int) '\\', 0x7f, 0x1f, 0x20, 0x80, 0xff, 0x00)));
        return bytes.list().ofSize(8).map(list -> {
            long w = 0;
            for (int k = 0; k < 8; k++) {
                w |= ((long) list.get(k)) << (8 * k);
            }
            return w;
        });
    }
}
