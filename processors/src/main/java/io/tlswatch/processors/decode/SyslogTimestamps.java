package io.tlswatch.processors.decode;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Turns syslog timestamps into epoch milliseconds. RFC 3164 stamps ({@code Feb  1 08:12:14}) have no year
 * and no zone: the zone comes from configuration and the year is the one that puts the stamp closest to
 * the processing clock, so a line stamped {@code Dec 31 23:59:59} read on 1 January belongs to last year.
 */
final class SyslogTimestamps {
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private SyslogTimestamps() {}

    /** Month 1..12 from a three-letter English abbreviation at {@code s[at..at+3)}, or -1. */
    static int month(CharSequence s, int at) {
        if (at + 3 > s.length()) {
            return -1;
        }
        for (int m = 0; m < 12; m++) {
            if (MONTHS.charAt(3 * m) == s.charAt(at)
                    && MONTHS.charAt(3 * m + 1) == s.charAt(at + 1)
                    && MONTHS.charAt(3 * m + 2) == s.charAt(at + 2)) {
                return m + 1;
            }
        }
        return -1;
    }

    /**
     * A stamp more than this far ahead of the clock is taken as last year's (an old file), not as this
     * year's with a zone mistake; zone mistakes are at most 26 hours.
     */
    static final long MAX_ZONE_MISTAKE_MS = 26 * 3_600_000L;

    /**
     * Epoch millis for a year-less stamp, in {@code fixedYear} when it is positive, else in the year that
     * puts it closest to {@code nowMs} without being more than a zone mistake ahead of it; -1 if the fields
     * make no date (30 February).
     */
    static long rfc3164(int month, int day, int hour, int minute, int second, ZoneId zone, long nowMs, int fixedYear) {
        int year = fixedYear > 0 ? fixedYear : Instant.ofEpochMilli(nowMs).atZone(zone).getYear();
        int spread = fixedYear > 0 ? 0 : 1;
        long best = -1;
        long bestDistance = Long.MAX_VALUE;
        for (int y = year - spread; y <= year + spread; y++) {
            try {
                long t = LocalDateTime.of(y, month, day, hour, minute, second).atZone(zone).toInstant().toEpochMilli();
                if (fixedYear == 0 && t > nowMs + MAX_ZONE_MISTAKE_MS) {
                    continue;
                }
                long distance = Math.abs(t - nowMs);
                if (distance < bestDistance) {
                    best = t;
                    bestDistance = distance;
                }
            } catch (DateTimeException e) {
                // 29 February in a non-leap year: try the other candidate years
            }
        }
        return best;
    }

    /** Epoch millis for an RFC 5424 / ISO-8601 stamp with offset, or -1. */
    static long rfc5424(String stamp) {
        try {
            return OffsetDateTime.parse(stamp).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }
}
