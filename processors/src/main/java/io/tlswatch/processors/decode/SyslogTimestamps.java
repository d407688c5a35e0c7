package io.tlswatch.processors.decode;

import io.tlswatch.schemas.Decimals;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Turns syslog timestamps into epoch milliseconds. RFC 3164 stamps ({@code Feb  1 08:12:14}) have no year
 * and no zone: the zone comes from configuration and the year is the one that puts the stamp closest to
 * the processing clock, so a line stamped {@code Dec 31 23:59:59} read on 1 January belongs to last year.
 *
 * <p>This is on the decoder's hot path, so the common cases are computed arithmetically without allocating:
 * epoch days come from the days-from-civil algorithm and zone offsets from {@link ZoneOffset} directly or
 * from a small cache of offset intervals (the span between two transitions of a zone's rules). Results are
 * exactly those of the {@code java.time} formulation
 * ({@code LocalDateTime.of(y, M, d, h, m, s).atZone(zone).toInstant().toEpochMilli()}), which remains the
 * path for inputs far outside any plausible clock.
 */
public final class SyslogTimestamps {
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private SyslogTimestamps() {}

    /** Month 1..12 from a three-letter English abbreviation at {@code s[at..at+3)}, or -1. */
    static int month(CharSequence s, int at) {
        if (at + 3 > s.length()) {
            return -1;
        }
        char c0 = s.charAt(at);
        char c1 = s.charAt(at + 1);
        char c2 = s.charAt(at + 2);
        for (int m = 0; m < 12; m++) {
            if (MONTHS.charAt(3 * m) == c0 && MONTHS.charAt(3 * m + 1) == c1 && MONTHS.charAt(3 * m + 2) == c2) {
                return m + 1;
            }
        }
        return -1;
    }

    /**
     * Whether {@code line} starts (after an optional {@code <PRI>}) with a BSD syslog stamp, {@code Mmm dd hh:mm:ss}
     * (RFC 3164 §4.1.2): a stamp without a zone, read in {@code syslog.timezone}.
     */
    public static boolean startsWithBsdStamp(String line) {
        if (line == null) {
            return false;
        }
        int p = 0;
        if (line.startsWith("<")) {
            int gt = line.indexOf('>');
            if (gt < 2 || gt > 4) {
                return false;
            }
            p = gt + 1;
        }
        if (month(line, p) < 0 || p + 15 > line.length() || line.charAt(p + 3) != ' ') {
            return false;
        }
        // "Feb  1 08:12:14" or "Feb 01 08:12:14"
        int t = p + 7;
        return isDigit(line.charAt(p + 5)) && line.charAt(p + 6) == ' ' && isDigit(line.charAt(t))
                && isDigit(line.charAt(t + 1)) && line.charAt(t + 2) == ':' && line.charAt(t + 5) == ':';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * A stamp more than this far ahead of the clock is taken as last year's (an old file), not as this
     * year's with a zone mistake; zone mistakes are at most 26 hours.
     */
    static final long MAX_ZONE_MISTAKE_MS = 26 * 3_600_000L;

    /** Clocks beyond +-this (about 31,700 years from 1970) take the java.time path; overflow stays impossible. */
    private static final long FAST_NOW_LIMIT_MS = 1_000_000_000_000_000L;
    /** Fixed years beyond this take the java.time path. */
    private static final int FAST_MAX_FIXED_YEAR = 100_000;

    private static final long SECONDS_PER_DAY = 86_400L;
    /** Days from 0000-03-01 to 1970-01-01. */
    private static final int DAYS_0000_03_01_TO_EPOCH = 719_468;
    private static final int DAYS_PER_400_YEARS = 146_097;

    /**
     * Epoch millis for a year-less stamp, in {@code fixedYear} when it is positive, else in the year that
     * puts it closest to {@code nowMs} without being more than a zone mistake ahead of it; -1 if the fields
     * make no date (30 February).
     */
    static long rfc3164(int month, int day, int hour, int minute, int second, ZoneId zone, long nowMs, int fixedYear) {
        if (nowMs < -FAST_NOW_LIMIT_MS || nowMs > FAST_NOW_LIMIT_MS || fixedYear > FAST_MAX_FIXED_YEAR) {
            return rfc3164JavaTime(month, day, hour, minute, second, zone, nowMs, fixedYear);
        }
        if (month < 1 || month > 12 || day < 1 || day > 31
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return -1; // no candidate year makes a date of these fields
        }
        // the clock's offset interval: for fixed-rule zones it covers every local time, for others it
        // usually covers the candidate in the clock's own year
        Interval clock = zone instanceof ZoneOffset ? null : intervalAtInstant(zone, Math.floorDiv(nowMs, 1000L));
        int year;
        if (fixedYear > 0) {
            year = fixedYear;
        } else {
            int offset = clock == null ? ((ZoneOffset) zone).getTotalSeconds() : clock.offsetSeconds;
            year = yearOfLocalMillis(nowMs + offset * 1000L);
        }
        int secondOfDay = hour * 3600 + minute * 60 + second;
        int spread = fixedYear > 0 ? 0 : 1;
        long latest = nowMs + MAX_ZONE_MISTAKE_MS;
        long best = -1;
        long bestDistance = Long.MAX_VALUE;
        int y = year - spread;
        int epochDay = daysFromCivil(y, month, day);
        for (; y <= year + spread; y++) {
            if (y > year - spread) {
                // same month and day one year later: 366 days when a 29 February lies in between
                epochDay += isLeapYear(month > 2 ? y : y - 1) ? 366 : 365;
            }
            if (day > 28 && day > lengthOfMonth(y, month)) {
                continue; // 29 February in a non-leap year: try the other candidate years
            }
            long local = epochDay * SECONDS_PER_DAY + secondOfDay;
            int offset;
            if (clock == null) {
                offset = ((ZoneOffset) zone).getTotalSeconds();
            } else if (local >= clock.fromLocal && local < clock.toLocal) {
                offset = clock.offsetSeconds;
            } else {
                offset = offsetSecondsForLocal(zone, y, local);
            }
            long t = (local - offset) * 1000L;
            if (fixedYear == 0 && t > latest) {
                continue;
            }
            long distance = Math.abs(t - nowMs);
            if (distance < bestDistance) {
                best = t;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** The year of local epoch millis {@code localMs}, through a one-entry cache of the last year seen. */
    private static int yearOfLocalMillis(long localMs) {
        YearSpan span = lastYear;
        if (span == null || localMs < span.fromLocalMs || localMs >= span.toLocalMs) {
            int year = yearOfEpochDay((int) Math.floorDiv(localMs, MILLIS_PER_DAY));
            span = new YearSpan(year, daysFromCivil(year, 1, 1) * MILLIS_PER_DAY, daysFromCivil(year + 1, 1, 1) * MILLIS_PER_DAY);
            lastYear = span;
        }
        return span.year;
    }

    private static final long MILLIS_PER_DAY = 86_400_000L;

    /**
     * Local epoch millis {@code [fromLocalMs, toLocalMs)} are in {@code year}. Immutable with final fields,
     * so the racy {@link #lastYear} field only ever shows a complete span (or null).
     */
    private static final class YearSpan {
        final int year;
        final long fromLocalMs;
        final long toLocalMs;

        YearSpan(int year, long fromLocalMs, long toLocalMs) {
            this.year = year;
            this.fromLocalMs = fromLocalMs;
            this.toLocalMs = toLocalMs;
        }
    }

    private static YearSpan lastYear;

    /** The java.time formulation of {@link #rfc3164}, for clocks and years far outside the fast path's range. */
    private static long rfc3164JavaTime(int month, int day, int hour, int minute, int second, ZoneId zone, long nowMs, int fixedYear) {
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

    // ---------------------------------------------------------------- calendar arithmetic (proleptic ISO)

    static boolean isLeapYear(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> isLeapYear(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /**
     * Days since 1970-01-01 of a valid proleptic ISO date (H. Hinnant's days_from_civil), for years within
     * +-5,000,000 so that int arithmetic cannot overflow.
     */
    static int daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yoe = y - era * 400;                                          // [0, 399]
        int doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1; // [0, 365]
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                  // [0, 146096]
        return era * DAYS_PER_400_YEARS + doe - DAYS_0000_03_01_TO_EPOCH;
    }

    /** The proleptic ISO year of a day counted from 1970-01-01 (H. Hinnant's civil_from_days, year only). */
    static int yearOfEpochDay(int epochDay) {
        int z = epochDay + DAYS_0000_03_01_TO_EPOCH;
        int era = Math.floorDiv(z, DAYS_PER_400_YEARS);
        int doe = z - era * DAYS_PER_400_YEARS;                           // [0, 146096]
        int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
        int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365], from 1 March
        int y = yoe + era * 400;
        return doy >= 306 ? y + 1 : y;                                    // January or February
    }

    // ---------------------------------------------------------------- zone offsets

    /**
     * The offset to subtract from local epoch seconds {@code local} (a date-time in {@code year}) to get the
     * instant {@code LocalDateTime.atZone(zone)} gives: in a gap that is the offset before the gap (the
     * local time moves forward by the gap's length and takes the later offset, which comes to the same
     * instant), in an overlap the earlier offset, i.e. always {@link ZoneRules#getOffset(LocalDateTime)}.
     */
    private static int offsetSecondsForLocal(ZoneId zone, int year, long local) {
        if (zone instanceof ZoneOffset) {
            return ((ZoneOffset) zone).getTotalSeconds();
        }
        int set = localSet(zone, year);
        for (int i = set; i < set + WAYS; i++) {
            Interval e = LOCAL_CACHE.getAcquire(i);
            if (e != null && e.coversLocal(zone, local)) {
                return e.offsetSeconds;
            }
        }
        ZoneRules rules = zone.getRules();
        Interval e;
        if (rules.isFixedOffset()) {
            e = Interval.fixed(zone, rules.getOffset(Instant.EPOCH).getTotalSeconds());
        } else {
            int offset = rules.getOffset(LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC)).getTotalSeconds();
            e = Interval.at(zone, rules, local - offset);
            if (e.offsetSeconds != offset || !e.coversLocal(zone, local)) {
                return offset; // rules this class does not model: answer without caching
            }
        }
        LOCAL_CACHE.setRelease(set + (nextVictim++ & (WAYS - 1)), e);
        return e.offsetSeconds;
    }

    /** The offset interval of {@code zone} that holds the instant {@code epochSecond}. */
    private static Interval intervalAtInstant(ZoneId zone, long epochSecond) {
        for (int i = 0; i < NOW_CACHE_SIZE; i++) {
            Interval e = NOW_CACHE.getAcquire(i);
            if (e != null && e.coversInstant(zone, epochSecond)) {
                return e;
            }
        }
        ZoneRules rules = zone.getRules();
        Interval e = rules.isFixedOffset()
                ? Interval.fixed(zone, rules.getOffset(Instant.EPOCH).getTotalSeconds())
                : Interval.at(zone, rules, epochSecond);
        NOW_CACHE.setRelease(nextVictim++ & (NOW_CACHE_SIZE - 1), e);
        return e;
    }

    /** Associativity of the local-time cache. */
    private static final int WAYS = 4;
    private static final int SETS = 16;
    private static final int NOW_CACHE_SIZE = 4;
    /**
     * Offset intervals looked up by local time, in sets chosen by (zone, year). The entries are immutable,
     * so a lookup racing a replacement sees either the old or the new entry, both correct.
     */
    private static final AtomicReferenceArray<Interval> LOCAL_CACHE = new AtomicReferenceArray<>(SETS * WAYS);
    /** Offset intervals looked up by the processing clock's instant. */
    private static final AtomicReferenceArray<Interval> NOW_CACHE = new AtomicReferenceArray<>(NOW_CACHE_SIZE);
    /** Round-robin replacement; racy on purpose, any value picks a valid slot. */
    private static int nextVictim;

    private static int localSet(ZoneId zone, int year) {
        int h = zone.hashCode() * 31 + year;
        h ^= h >>> 16;
        return (h & (SETS - 1)) * WAYS;
    }

    /**
     * A span of a zone's time line with one offset: instants in {@code [fromInstant, toInstant)} (epoch
     * seconds) have offset {@code offsetSeconds}, and local date-times in {@code [fromLocal, toLocal)} (local
     * epoch seconds) resolve to {@code local - offsetSeconds}.
     */
    private static final class Interval {
        final ZoneId zone;
        final int offsetSeconds;
        final long fromInstant;
        final long toInstant;
        final long fromLocal;
        final long toLocal;

        private Interval(ZoneId zone, int offsetSeconds, long fromInstant, long toInstant, long fromLocal, long toLocal) {
            this.zone = zone;
            this.offsetSeconds = offsetSeconds;
            this.fromInstant = fromInstant;
            this.toInstant = toInstant;
            this.fromLocal = fromLocal;
            this.toLocal = toLocal;
        }

        static Interval fixed(ZoneId zone, int offsetSeconds) {
            return new Interval(zone, offsetSeconds, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE);
        }

        /**
         * The interval between the transitions around {@code epochSecond}. A local time just after a
         * transition belongs to this interval once it is past both the gap and the overlap, i.e. from
         * {@code transition + max(offsetBefore, offsetAfter)}: before that it is either in a gap (which
         * resolves with the offset before) or an overlap (the earlier offset, also the one before).
         */
        static Interval at(ZoneId zone, ZoneRules rules, long epochSecond) {
            ZoneOffsetTransition previous = rules.previousTransition(Instant.ofEpochSecond(epochSecond + 1));
            ZoneOffsetTransition next = rules.nextTransition(Instant.ofEpochSecond(epochSecond));
            int offset = rules.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
            long fromInstant = Long.MIN_VALUE;
            long fromLocal = Long.MIN_VALUE;
            if (previous != null) {
                fromInstant = previous.toEpochSecond();
                fromLocal = fromInstant + Math.max(previous.getOffsetBefore().getTotalSeconds(), offset);
            }
            long toInstant = Long.MAX_VALUE;
            long toLocal = Long.MAX_VALUE;
            if (next != null) {
                toInstant = next.toEpochSecond();
                toLocal = toInstant + Math.max(offset, next.getOffsetAfter().getTotalSeconds());
            }
            return new Interval(zone, offset, fromInstant, toInstant, fromLocal, toLocal);
        }

        boolean coversLocal(ZoneId z, long local) {
            return local >= fromLocal && local < toLocal && (zone == z || zone.equals(z));
        }

        boolean coversInstant(ZoneId z, long epochSecond) {
            return epochSecond >= fromInstant && epochSecond < toInstant && (zone == z || zone.equals(z));
        }
    }

    // ---------------------------------------------------------------- RFC 5424

    /** Epoch millis for an RFC 5424 / ISO-8601 stamp with offset, or -1. */
    public static long rfc5424(String stamp) {
        long fast = rfc5424Fast(stamp);
        if (fast != NOT_FAST) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(stamp).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }

    private static final long NOT_FAST = Long.MIN_VALUE;

    /**
     * The common shape {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|+HH:mm|-HH:mm)} with in-range fields, or
     * {@link #NOT_FAST} for anything else, which {@link OffsetDateTime#parse} then decides.
     */
    private static long rfc5424Fast(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return NOT_FAST;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return NOT_FAST;
        }
        int p = 19;
        int millis = 0;
        if (s.charAt(p) == '.') {
            int start = ++p;
            while (p < n && p - start < 9) {
                char c = s.charAt(p);
                if (c < '0' || c > '9') {
                    break;
                }
                if (p - start < 3) {
                    millis = millis * 10 + (c - '0');
                }
                p++;
            }
            int count = p - start;
            if (count == 0) {
                return NOT_FAST;
            }
            for (int i = count; i < 3; i++) {
                millis *= 10;
            }
        }
        if (p >= n) {
            return NOT_FAST;
        }
        int offset;
        char sign = s.charAt(p);
        if (sign == 'Z' && p + 1 == n) {
            offset = 0;
        } else if ((sign == '+' || sign == '-') && p + 6 == n && s.charAt(p + 3) == ':') {
            int oh = digits(s, p + 1, 2);
            int om = digits(s, p + 4, 2);
            if (oh < 0 || oh > 17 || om < 0 || om > 59) {
                return NOT_FAST;
            }
            offset = (oh * 3600 + om * 60) * (sign == '-' ? -1 : 1);
        } else {
            return NOT_FAST;
        }
        long epochSecond = daysFromCivil(year, month, day) * SECONDS_PER_DAY
                + hour * 3600 + minute * 60 + second - offset;
        return epochSecond * 1000L + millis;
    }

    /** The non-negative value of {@code count} ASCII digits at {@code s[at..]}, or -1. */
    private static int digits(String s, int at, int count) {
        return Decimals.parse(s, at, at + count, Integer.MAX_VALUE);
    }
}
