package io.tlswatch.processors.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.schemas.testing.property.Gen;
import io.tlswatch.schemas.testing.property.PropertyCheck;
import org.junit.jupiter.api.Test;

/** The eight-bytes-at-a-time tests flag exactly the bytes a byte-by-byte scan would stop at. */
class WordsProperties {

    @Test
    void bytesOfInterestFlagsExactlyTheBytesAByteLoopStopsAt() {
        PropertyCheck.forAll(20_000, WordsProperties::word, word -> {
            long expected = 0;
            for (int k = 0; k < 8; k++) {
                int b = (int) (word >>> (8 * k)) & 0xff;
                if (b < 0x20 || b >= 0x7f || b == ':' || b == ',') {
                    expected |= 0x80L << (8 * k);
                }
            }
            assertThat(Words.bytesOfInterest(word)).isEqualTo(expected);
        });
    }

    @Test
    void jsonStringBytesOfInterestFlagsExactlyQuotesBackslashesControlsAndNonAscii() {
        PropertyCheck.forAll(20_000, WordsProperties::word, word -> {
            long expected = 0;
            for (int k = 0; k < 8; k++) {
                int b = (int) (word >>> (8 * k)) & 0xff;
                if (b < 0x20 || b >= 0x80 || b == '"' || b == '\\') {
                    expected |= 0x80L << (8 * k);
                }
            }
            assertThat(Words.jsonStringBytesOfInterest(word)).isEqualTo(expected);
        });
    }

    record Padded(long word, int to) {}

    @Test
    void wordAtReadsLittleEndianAndPadsPastTheEnd() {
        PropertyCheck.forAll(2_000, g -> new Padded(word(g), g.between(0, 8)), in -> {
            byte[] v = new byte[8];
            for (int k = 0; k < 8; k++) {
                v[k] = (byte) (in.word() >>> (8 * k));
            }
            long w = Words.wordAt(v, 0, in.to());
            for (int k = 0; k < 8; k++) {
                assertThat((byte) (w >>> (8 * k))).isEqualTo(k < in.to() ? v[k] : (byte) 'a');
            }
        });
    }

    /** Mostly printable bytes with the odd special one, so both outcomes are common. */
    private static long word(Gen g) {
        long w = 0;
        for (int k = 0; k < 8; k++) {
            long b = switch (g.weighted(12, 1, 1)) {
                case 0 -> g.between(0x20, 0x7e);
                case 1 -> g.between(0, 0xff);
                default -> g.of((int) ':', (int) ',', (int) '"', (int) '\\', 0x7f, 0x1f, 0x20, 0x80, 0xff, 0x00);
            };
            w |= b << (8 * k);
        }
        return w;
    }
}
