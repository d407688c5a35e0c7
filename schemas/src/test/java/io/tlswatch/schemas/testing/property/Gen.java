package io.tlswatch.schemas.testing.property;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The random source of one try of a property (see {@link PropertyCheck}): every value of the try is drawn
 * from it, so the try's seed alone reproduces the input.
 *
 * <p>Ranges are inclusive. About one draw in twenty returns an edge of its range instead of a uniform value
 * (the bounds, zero, one past the bounds; an empty or longest array), because that is where off-by-one and
 * empty-input bugs live and a uniform draw almost never lands there.
 */
public final class Gen {
    /** Share of draws that return an edge of their range. */
    private static final double EDGE_SHARE = 0.05;
    private static final double[] SPECIAL_DOUBLES = {0.0, -0.0, 1.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};

    private final SplittableRandom random;

    public Gen(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public boolean bool() {
        return random.nextBoolean();
    }

    /** True with probability {@code p}. */
    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** An int in [min, max], now and then one of its edges. */
    public int between(int min, int max) {
        return (int) between((long) min, (long) max);
    }

    /** A long in [min, max], now and then one of its edges (min, max, 0, min + 1, max - 1). */
    public long between(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("empty range [" + min + ", " + max + "]");
        }
        if (random.nextDouble() < EDGE_SHARE) {
            long[] edges = {min, max, 0, min + 1, max - 1};
            long edge = edges[random.nextInt(edges.length)];
            if (edge >= min && edge <= max) {
                return edge;
            }
        }
        long span = max - min + 1;
        if (span > 0) {
            return min + random.nextLong(span);
        }
        // the range holds more than half of all longs: a plain draw lands in it at least every other time
        long r;
        do {
            r = random.nextLong();
        } while (r < min || r > max);
        return r;
    }

    public int anyInt() {
        return between(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    public long anyLong() {
        return between(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    public byte anyByte() {
        return (byte) between(Byte.MIN_VALUE, Byte.MAX_VALUE);
    }

    /** Any double: special values (NaN, infinities, signed zero, extremes), any bit pattern, or a plain number. */
    public double anyDouble() {
        int pick = random.nextInt(10);
        if (pick == 0) {
            return SPECIAL_DOUBLES[random.nextInt(SPECIAL_DOUBLES.length)];
        }
        if (pick < 5) {
            return Double.longBitsToDouble(random.nextLong());
        }
        return (random.nextDouble() * 2 - 1) * Math.pow(10, random.nextInt(20));
    }

    /** Random bytes, length in [minLength, maxLength]. */
    public byte[] bytes(int minLength, int maxLength) {
        byte[] b = new byte[between(minLength, maxLength)];
        random.nextBytes(b);
        return b;
    }

    public byte[] bytes(int maxLength) {
        return bytes(0, maxLength);
    }

    /**
     * Any text of up to {@code maxLength} chars: printable ASCII, control characters, Latin-1, any BMP char
     * (lone surrogates included) and supplementary code points.
     */
    public String string(int maxLength) {
        int length = between(0, maxLength);
        StringBuilder sb = new StringBuilder(length);
        while (sb.length() < length) {
            int pick = random.nextInt(20);
            if (pick < 8) {
                sb.append((char) random.nextInt(0x20, 0x7f));
            } else if (pick < 11) {
                sb.append((char) (random.nextBoolean() ? random.nextInt(0x20) : 0x7f));
            } else if (pick < 14) {
                sb.append((char) random.nextInt(0x80, 0x100));
            } else if (pick < 18 || sb.length() + 2 > length) {
                sb.append((char) random.nextInt(0x10000));
            } else {
                sb.appendCodePoint(random.nextInt(0x10000, Character.MAX_CODE_POINT + 1));
            }
        }
        return sb.toString();
    }

    /** Text of chars drawn from {@code alphabet}, length in [minLength, maxLength]. */
    public String string(String alphabet, int minLength, int maxLength) {
        int length = between(minLength, maxLength);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** The chars from {@code first} to {@code last}, for building an alphabet. */
    public static String chars(char first, char last) {
        StringBuilder sb = new StringBuilder();
        for (char c = first; c <= last; c++) {
            sb.append(c);
        }
        return sb.toString();
    }

    /** One of the values, each as likely. */
    @SafeVarargs
    public final <T> T of(T... values) {
        return values[random.nextInt(values.length)];
    }

    public <T> T of(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** An index into {@code weights}, chosen with probability proportional to its weight. */
    public int weighted(int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** {@code null} with probability {@code p}, else a drawn value. */
    public <T> T orNull(double p, Function<Gen, T> element) {
        return random.nextDouble() < p ? null : element.apply(this);
    }

    /** A list of drawn elements, size in [minSize, maxSize]. */
    public <T> List<T> list(int minSize, int maxSize, Function<Gen, T> element) {
        int size = between(minSize, maxSize);
        List<T> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(element.apply(this));
        }
        return out;
    }

    /** Ints in [min, max], count in [minSize, maxSize]. */
    public int[] ints(int min, int max, int minSize, int maxSize) {
        int[] out = new int[between(minSize, maxSize)];
        for (int i = 0; i < out.length; i++) {
            out[i] = between(min, max);
        }
        return out;
    }

    /** Up to {@code maxSize} distinct values taken from {@code values}, in random order. */
    public <T> List<T> subset(List<T> values, int maxSize) {
        List<T> shuffled = shuffled(values);
        return new ArrayList<>(shuffled.subList(0, between(0, Math.min(maxSize, values.size()))));
    }

    /** A shuffled copy. */
    public <T> List<T> shuffled(List<T> values) {
        List<T> copy = new ArrayList<>(values);
        Collections.shuffle(copy, random());
        return copy;
    }

    /** A {@link Random} seeded from this source, for code that wants one (e.g. {@link Collections#shuffle}). */
    public Random random() {
        return new Random(random.nextLong());
    }
}
