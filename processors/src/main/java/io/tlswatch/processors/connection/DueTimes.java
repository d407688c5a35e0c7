package io.tlswatch.processors.connection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Store keys by the wall-clock time they fall due, for a join whose entries each wait a fixed delay: added in
 * time order, they leave in time order, so a check reads only what is due instead of decoding the whole store.
 * A key may be added again when its entry changes; the caller checks the entry itself and skips one that moved
 * on. In memory only: a task rebuilds it from its store at first use. A key added before the last one's time (the
 * store's order in a rebuild, or the wall clock stepped back) puts the queue back in order at the next poll, so that
 * it does not wait behind keys due later.
 */
final class DueTimes {
    private record Due(String key, long atMs) {}

    private final ArrayDeque<Due> queue = new ArrayDeque<>();
    private boolean ordered = true;

    void clear() {
        queue.clear();
        ordered = true;
    }

    /** Appends; normally in time order (the wall clock moves on). */
    void add(String key, long atMs) {
        Due last = queue.peekLast();
        if (last != null && atMs < last.atMs()) {
            ordered = false;
        }
        queue.add(new Due(key, atMs));
    }

    /** Puts keys added out of order into time order (a stable sort: equal times keep their order). */
    private void sort() {
        List<Due> all = new ArrayList<>(queue);
        all.sort(Comparator.comparingLong(Due::atMs));
        queue.clear();
        queue.addAll(all);
        ordered = true;
    }

    /** The next key due at {@code nowMs}, or null when none is. */
    String pollDue(long nowMs) {
        if (!ordered) {
            sort();
        }
        Due next = queue.peek();
        if (next == null || next.atMs() > nowMs) {
            return null;
        }
        queue.poll();
        return next.key();
    }
}
