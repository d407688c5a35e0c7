package io.tlswatch.app.analyze;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * Sends the records of several input files as one timeline, oldest first: always the record with the smallest
 * time among the next record of each file (ties: the file given first). Each file keeps its own order.
 *
 * <p>An analysis runs on one partition, so the pipeline has one stream time, the newest record time it has
 * seen, which the joins, the scanner windows and the alert lifecycle follow. Files sent one after the other
 * would put every file older than the newest one behind it: rotated logs given newest first
 * ({@code ltm ltm.1 ltm.2.gz}, the order of a shell glob), two BIG-IPs' logs of the same day, logs then a
 * capture of the same hour. Merged, they reach the pipeline as the BIG-IPs wrote them. (The rate windows
 * need more: the joins flush per key, not in time order, so an analysis also sets a long
 * {@code rates.grace}.)
 */
final class Timeline {
    private Timeline() {}

    /** A file and its next record. */
    private record Head(TimedSource source, int order, TimedSource.Timed next) {}

    /**
     * Sends every record of {@code sources} in time order until all are done or {@code stopped} says so. A file
     * that fails is reported to {@code failed} and dropped from the timeline; the others go on.
     */
    static void drain(List<TimedSource> sources, BooleanSupplier stopped, BiConsumer<TimedSource, IOException> failed) {
        PriorityQueue<Head> heads = new PriorityQueue<>(Math.max(1, sources.size()),
                Comparator.comparingLong((Head h) -> h.next().timeMs()).thenComparingInt(Head::order));
        List<TimedSource> ordered = new ArrayList<>(sources);
        for (int i = 0; i < ordered.size(); i++) {
            advance(ordered.get(i), i, heads, failed);
        }
        while (!heads.isEmpty() && !stopped.getAsBoolean()) {
            Head head = heads.poll();
            head.next().send().run();
            advance(head.source(), head.order(), heads, failed);
        }
    }

    private static void advance(TimedSource source, int order, PriorityQueue<Head> heads,
            BiConsumer<TimedSource, IOException> failed) {
        try {
            TimedSource.Timed next = source.next();
            if (next != null) {
                heads.add(new Head(source, order, next));
            }
        } catch (IOException e) {
            failed.accept(source, e);
        }
    }
}
