package io.tlswatch.schemas.testing.property;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Smaller variants of a failing input, most aggressive first; {@link PropertyCheck} keeps the first one that
 * still fails and starts over from it. Sequences shrink by dropping chunks, the tail first, so the shorter
 * prefixes of a failing input are tried before anything else.
 */
@FunctionalInterface
public interface Shrink<T> {

    Stream<T> candidates(T value);

    static <T> Shrink<T> none() {
        return value -> Stream.empty();
    }

    static Shrink<byte[]> bytes() {
        return b -> withoutChunks(b.length, (from, to) -> {
            byte[] out = Arrays.copyOf(b, b.length - (to - from));
            System.arraycopy(b, to, out, from, b.length - to);
            return out;
        });
    }

    static Shrink<String> string() {
        return s -> withoutChunks(s.length(), (from, to) -> s.substring(0, from) + s.substring(to));
    }

    static <E> Shrink<List<E>> list() {
        return l -> withoutChunks(l.size(), (from, to) -> {
            List<E> out = new ArrayList<>(l.subList(0, from));
            out.addAll(l.subList(to, l.size()));
            return out;
        });
    }

    /** Shrinks the part of a composite input that {@code get} reads, rebuilding the whole with {@code with}. */
    default <R> Shrink<R> on(Function<R, T> get, BiFunction<R, T, R> with) {
        return whole -> candidates(get.apply(whole)).map(part -> with.apply(whole, part));
    }

    /** This shrink's candidates, then {@code other}'s. */
    default Shrink<T> then(Shrink<T> other) {
        return value -> Stream.concat(candidates(value), other.candidates(value));
    }

    /**
     * A sequence of {@code length} without [from, to), for chunks of length, length / 2, ... 1, each chunk
     * size from the end backwards (so removing the last chunk, a prefix, comes first).
     */
    private static <S> Stream<S> withoutChunks(int length, BiFunction<Integer, Integer, S> without) {
        return IntStream.iterate(length, k -> k > 0, k -> k / 2).boxed()
                .flatMap(k -> IntStream.iterate(length - k, from -> from >= 0, from -> from - k)
                        .mapToObj(from -> without.apply(from, from + k)));
    }
}
