package io.tlswatch.processors.scanners;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * When a client is a scanner.
 *
 * @param minVips distinct VIPs a client must fail on within {@code window} ({@code scanners.min.vips})
 * @param window  the fan-out window, in Kafka record time ({@code scanners.window})
 * @param ja3     JA3 hashes of known scanners ({@code scanners.ja3}, comma-separated)
 * @param ja4     JA4 fingerprints of known scanners ({@code scanners.ja4}, comma-separated)
 * @param page    whether scanner failures count in the paging rates ({@code scanners.page}, default false)
 */
public record ScannerRules(int minVips, Duration window, Set<String> ja3, Set<String> ja4, boolean page) {
    public static final int DEFAULT_MIN_VIPS = 5;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

    public ScannerRules {
        Objects.requireNonNull(window, "window");
        ja3 = Set.copyOf(ja3);
        ja4 = Set.copyOf(ja4);
        if (minVips < 2) {
            throw new IllegalArgumentException("scanners.min.vips must be at least 2, got " + minVips);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("scanners.window must be positive, got " + window);
        }
    }

    public static ScannerRules defaults() {
        return new ScannerRules(DEFAULT_MIN_VIPS, DEFAULT_WINDOW, Set.of(), Set.of(), false);
    }
}
