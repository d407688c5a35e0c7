package io.tlswatch.benchmarks.endtoend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heap figures from a unified GC log ({@code -Xlog:gc}): each pause line reads
 * {@code GC(3) Pause Young (Normal) (G1 Evacuation Pause) 120M->30M(512M) 5.123ms}.
 *
 * @param pauses       number of GC pauses
 * @param peakBeforeMb most heap in use at any collection (how full the heap got)
 * @param peakAfterMb  most heap still in use after a collection (an upper bound of the live set)
 * @param totalPauseMs sum of pause times
 * @param maxPauseMs   longest pause
 */
record GcLog(int pauses, long peakBeforeMb, long peakAfterMb, double totalPauseMs, double maxPauseMs) {
    private static final Pattern PAUSE =
            Pattern.compile("Pause.*?(\\d+)M->(\\d+)M\\((\\d+)M\\)\\s+([0-9.]+)ms");

    static GcLog read(Path file) throws IOException {
        return parse(Files.exists(file) ? Files.readAllLines(file) : List.of());
    }

    static GcLog parse(List<String> lines) {
        int pauses = 0;
        long before = 0;
        long after = 0;
        double total = 0;
        double max = 0;
        for (String line : lines) {
            Matcher m = PAUSE.matcher(line);
            if (m.find()) {
                pauses++;
                before = Math.max(before, Long.parseLong(m.group(1)));
                after = Math.max(after, Long.parseLong(m.group(2)));
                double ms = Double.parseDouble(m.group(4));
                total += ms;
                max = Math.max(max, ms);
            }
        }
        return new GcLog(pauses, before, after, total, max);
    }
}
