package io.tlswatch.schemas.testing.property;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs a property over seeded random inputs, in a plain JUnit test:
 *
 * <pre>{@code
 * @Test
 * void arbitraryBytesNeverThrow() {
 *     PropertyCheck.forAll(2_000, g -> g.bytes(600), Shrink.bytes(), bytes -> decoder.decode(bytes, NOW));
 * }
 * }</pre>
 *
 * <p>Each try draws its input from a {@link Gen} seeded from the run's seed, so a run is repeatable: on the
 * first failing try the property fails with an {@link AssertionError} that names the run seed, the try, the
 * input, and the smallest still-failing variant the {@link Shrink} found. Rerun with
 * {@code -Dtlswatch.property.seed=<seed>} (e.g. {@code mvn ... -Dtest=X#y -Dtlswatch.property.seed=...}) to
 * replay the same inputs. Without it every run draws a fresh seed, as a property library would.
 */
public final class PropertyCheck {
    /** System property that fixes the run seed of every property in the JVM. */
    public static final String SEED_PROPERTY = "tlswatch.property.seed";
    /** Property evaluations spent on shrinking one failure, at most. */
    private static final int SHRINK_BUDGET = 1_000;
    /** Longest input description put in a failure message. */
    private static final int MAX_DESCRIPTION = 6_000;

    private PropertyCheck() {}

    /** The property: returns normally when it holds for the input, throws (an assertion, anything) when not. */
    @FunctionalInterface
    public interface Check<T> {
        void verify(T input) throws Exception;
    }

    public static <T> void forAll(int tries, Function<Gen, T> generator, Check<T> property) {
        forAll(tries, generator, Shrink.none(), property);
    }

    public static <T> void forAll(int tries, Function<Gen, T> generator, Shrink<T> shrink, Check<T> property) {
        long seed = runSeed();
        SplittableRandom trySeeds = new SplittableRandom(seed);
        for (int i = 1; i <= tries; i++) {
            long trySeed = trySeeds.nextLong();
            T input;
            try {
                input = generator.apply(new Gen(trySeed));
            } catch (RuntimeException e) {
                throw new AssertionError("generator failed on try " + i + " of " + tries + where(seed), e);
            }
            Throwable failure = failure(property, input);
            if (failure != null) {
                throw report(seed, i, tries, input, shrink, property, failure);
            }
        }
    }

    private static long runSeed() {
        String fixed = System.getProperty(SEED_PROPERTY);
        if (fixed != null && !fixed.isBlank()) {
            return Long.decode(fixed.strip());
        }
        return new SplittableRandom().nextLong();
    }

    private static <T> Throwable failure(Check<T> property, T input) {
        try {
            property.verify(input);
            return null;
        } catch (Exception | AssertionError | LinkageError | StackOverflowError e) {
            return e;
        }
    }

    private static <T> AssertionError report(long seed, int at, int tries, T input, Shrink<T> shrink,
            Check<T> property, Throwable failure) {
        T smallest = input;
        Throwable smallestFailure = failure;
        int steps = 0;
        int evaluations = 0;
        boolean progress = true;
        while (progress && evaluations < SHRINK_BUDGET) {
            progress = false;
            Iterator<T> candidates = shrink.candidates(smallest).iterator();
            while (candidates.hasNext() && evaluations < SHRINK_BUDGET) {
                T candidate = candidates.next();
                evaluations++;
                Throwable f = failure(property, candidate);
                if (f != null) {
                    smallest = candidate;
                    smallestFailure = f;
                    steps++;
                    progress = true;
                    break;
                }
            }
        }
        StringBuilder msg = new StringBuilder("property failed on try ").append(at).append(" of ").append(tries)
                .append(where(seed)).append("\n  input: ").append(describe(input));
        if (steps > 0) {
            msg.append("\n  shrunk (").append(steps).append(" steps): ").append(describe(smallest))
                    .append("\n  shrunk failure: ").append(smallestFailure);
        }
        msg.append("\n  failure: ").append(failure);
        AssertionError error = new AssertionError(msg.toString(), failure);
        if (steps > 0) {
            error.addSuppressed(smallestFailure);
        }
        return error;
    }

    private static String where(long seed) {
        return " (seed " + seed + ": rerun with -D" + SEED_PROPERTY + "=" + seed + ")";
    }

    /** A readable form of a generated input: arrays in full, strings quoted with escapes, records by component. */
    public static String describe(Object value) {
        String s = describeUnbounded(value);
        return s.length() <= MAX_DESCRIPTION ? s : s.substring(0, MAX_DESCRIPTION) + "... (" + s.length() + " chars)";
    }

    private static String describeUnbounded(Object value) {
        if (value == null) {
            return "null";
        } else if (value instanceof byte[] b) {
            return "byte[" + b.length + "] " + HexFormat.of().formatHex(b);
        } else if (value instanceof int[] a) {
            return java.util.Arrays.toString(a);
        } else if (value instanceof long[] a) {
            return java.util.Arrays.toString(a);
        } else if (value instanceof Object[] a) {
            return java.util.Arrays.stream(a).map(PropertyCheck::describeUnbounded)
                    .collect(Collectors.joining(", ", "[", "]"));
        } else if (value instanceof CharSequence cs) {
            return quote(cs.toString());
        } else if (value instanceof Character c) {
            return "'" + quote(String.valueOf(c)).replace("\"", "") + "'";
        } else if (value instanceof Collection<?> c) {
            return c.stream().map(PropertyCheck::describeUnbounded).collect(Collectors.joining(", ", "[", "]"));
        } else if (value instanceof Record r) {
            return describeRecord(r);
        }
        return String.valueOf(value);
    }

    private static String describeRecord(Record r) {
        StringBuilder sb = new StringBuilder(r.getClass().getSimpleName()).append('[');
        RecordComponent[] components = r.getClass().getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            try {
                var accessor = components[i].getAccessor();
                accessor.setAccessible(true);
                sb.append(i == 0 ? "" : ", ").append(components[i].getName()).append('=')
                        .append(describeUnbounded(accessor.invoke(r)));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return r.toString();
            }
        }
        return sb.append(']').toString();
    }

    /** Java-style literal: quotes, backslashes and anything outside printable ASCII escaped. */
    private static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        sb.append(c);
                    } else {
                        sb.append(String.format("\\u%04x", (int) c));
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
