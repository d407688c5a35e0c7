package io.tlswatch.processors.connection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Store keys by the wall-clock time they fall due, for a join whose entries each wait a fixed delay: added in
 * time order, they leave in time order, so a check reads only what is due instead of decoding the whole store.
 * A key may be added again when its entry changes; the caller checks the entry itself and skips one that moved
 * on. In memory only: a task rebuilds it from its store at first use ({@link #sort} after the bulk adds).
 */
final class DueTimes {
    private record Due(String key, long atMs) {}

    private final ArrayDeque<Due> queue = new ArrayDeque<>();

    void clear() {
        queue.clear();
    }

    /** Appends; in time order, or followed by {@link #sort}. */
    void add(String key, long atMs) {
        queue.add(new Due(key, atMs));
    }

    /** Puts keys added out of order (a rebuild from the store) into time order. */
    void sort() {
        List<Due> all = new ArrayList<>(queue);
        all.sort(Comparator.comparingLong(Due::atMs));
        queue.clear();
        queue.addAll(all);
    }

    /** The next key due at {@code nowMs}, or null when none is. */
    String pollDue(long nowMs) {
        Due next = queue.peek();
        if (next == null || next.atMs() > nowMs) {
            return null;
        }
        queue.poll();
        return next.key();
    }
}
