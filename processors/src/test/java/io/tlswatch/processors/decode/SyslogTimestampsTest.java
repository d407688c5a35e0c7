package io.tlswatch.processors.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SyslogTimestampsTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId KOLKATA_FIXED = ZoneOffset.ofHoursMinutes(5, 30);
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");

    private static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private static long rfc3164(String stamp, ZoneId zone, String now) {
        return rfc3164(stamp, zone, now, 0);
    }

    /** {@code "MM-dd HH:mm:ss"}. */
    private static long rfc3164(String stamp, ZoneId zone, String now, int fixedYear) {
        int month = Integer.parseInt(stamp.substring(0, 2));
        int day = Integer.parseInt(stamp.substring(3, 5));
        int hour = Integer.parseInt(stamp.substring(6, 8));
        int minute = Integer.parseInt(stamp.substring(9, 11));
        int second = Integer.parseInt(stamp.substring(12, 14));
        return SyslogTimestamps.rfc3164(month, day, hour, minute, second, zone, ms(now), fixedYear);
    }

    @Test
    void monthAbbreviations() {
        assertThat(SyslogTimestamps.month("Jan", 0)).isEqualTo(1);
        assertThat(SyslogTimestamps.month("<13>Dec 31", 4)).isEqualTo(12);
        assertThat(SyslogTimestamps.month("Sep", 0)).isEqualTo(9);
        assertThat(SyslogTimestamps.month("jan", 0)).isEqualTo(-1);
        assertThat(SyslogTimestamps.month("Ja", 0)).isEqualTo(-1);
        assertThat(SyslogTimestamps.month("Jun", 1)).isEqualTo(-1);
        // no abbreviation maps to a 13th month, and a 13th month makes no stamp
        for (String s : new String[] {"Foo", "Dez", "Mai", "Okt", "JAN", "   "}) {
            assertThat(SyslogTimestamps.month(s, 0)).isEqualTo(-1);
        }
        assertThat(SyslogTimestamps.rfc3164(13, 1, 0, 0, 0, UTC, ms("2026-05-28T10:00:00Z"), 0)).isEqualTo(-1);
        assertThat(SyslogTimestamps.rfc3164(0, 1, 0, 0, 0, UTC, ms("2026-05-28T10:00:00Z"), 0)).isEqualTo(-1);
    }

    @Test
    void utc() {
        assertThat(rfc3164("05-28 10:15:30", UTC, "2026-05-28T10:20:00Z")).isEqualTo(ms("2026-05-28T10:15:30Z"));
        assertThat(rfc3164("05-28 10:15:30", ZoneOffset.UTC, "2026-05-28T10:20:00Z")).isEqualTo(ms("2026-05-28T10:15:30Z"));
        assertThat(rfc3164("01-01 00:00:00", UTC, "1970-01-01T00:00:00Z")).isZero();
    }

    @Test
    void fixedOffset() {
        assertThat(rfc3164("05-28 10:15:30", KOLKATA_FIXED, "2026-05-28T05:00:00Z")).isEqualTo(ms("2026-05-28T04:45:30Z"));
        assertThat(rfc3164("05-28 10:15:30", ZoneId.of("Asia/Kolkata"), "2026-05-28T05:00:00Z"))
                .isEqualTo(ms("2026-05-28T04:45:30Z"));
        assertThat(rfc3164("05-28 10:15:30", ZoneId.of("UTC+05:30"), "2026-05-28T05:00:00Z"))
                .isEqualTo(ms("2026-05-28T04:45:30Z"));
    }

    @Test
    void parisSummerAndWinter() {
        assertThat(rfc3164("07-14 12:00:00", PARIS, "2026-07-14T10:00:00Z")).isEqualTo(ms("2026-07-14T10:00:00Z"));
        assertThat(rfc3164("01-14 12:00:00", PARIS, "2026-01-14T10:00:00Z")).isEqualTo(ms("2026-01-14T11:00:00Z"));
    }

    @Test
    void parisGapShiftsForwardByTheGap() {
        // 2026-03-29 02:00 CET -> 03:00 CEST: 02:30 does not exist, java.time reads it as 03:30 CEST
        long now = ms("2026-03-29T06:00:00Z");
        assertThat(SyslogTimestamps.rfc3164(3, 29, 2, 30, 0, PARIS, now, 0)).isEqualTo(ms("2026-03-29T01:30:00Z"));
        assertThat(SyslogTimestamps.rfc3164(3, 29, 1, 59, 59, PARIS, now, 0)).isEqualTo(ms("2026-03-29T00:59:59Z"));
        assertThat(SyslogTimestamps.rfc3164(3, 29, 2, 0, 0, PARIS, now, 0)).isEqualTo(ms("2026-03-29T01:00:00Z"));
        assertThat(SyslogTimestamps.rfc3164(3, 29, 3, 0, 0, PARIS, now, 0)).isEqualTo(ms("2026-03-29T01:00:00Z"));
        assertThat(SyslogTimestamps.rfc3164(3, 29, 3, 0, 1, PARIS, now, 0)).isEqualTo(ms("2026-03-29T01:00:01Z"));
        assertThat(SyslogTimestamps.rfc3164(3, 29, 2, 30, 0, PARIS, now, 0))
                .isEqualTo(LocalDateTime.of(2026, 3, 29, 2, 30).atZone(PARIS).toInstant().toEpochMilli());
    }

    @Test
    void parisOverlapTakesTheEarlierOffset() {
        // 2026-10-25 03:00 CEST -> 02:00 CET: 02:30 happens twice, java.time takes the first (CEST)
        long now = ms("2026-10-25T06:00:00Z");
        assertThat(SyslogTimestamps.rfc3164(10, 25, 2, 30, 0, PARIS, now, 0)).isEqualTo(ms("2026-10-25T00:30:00Z"));
        assertThat(SyslogTimestamps.rfc3164(10, 25, 1, 59, 59, PARIS, now, 0)).isEqualTo(ms("2026-10-24T23:59:59Z"));
        assertThat(SyslogTimestamps.rfc3164(10, 25, 2, 0, 0, PARIS, now, 0)).isEqualTo(ms("2026-10-25T00:00:00Z"));
        assertThat(SyslogTimestamps.rfc3164(10, 25, 2, 59, 59, PARIS, now, 0)).isEqualTo(ms("2026-10-25T00:59:59Z"));
        assertThat(SyslogTimestamps.rfc3164(10, 25, 3, 0, 0, PARIS, now, 0)).isEqualTo(ms("2026-10-25T02:00:00Z"));
    }

    @Test
    void newYork() {
        assertThat(rfc3164("07-04 09:00:00", NEW_YORK, "2026-07-04T14:00:00Z")).isEqualTo(ms("2026-07-04T13:00:00Z"));
        assertThat(rfc3164("12-24 09:00:00", NEW_YORK, "2026-12-24T15:00:00Z")).isEqualTo(ms("2026-12-24T14:00:00Z"));
        // 2026-03-08 02:30 does not exist: 03:30 EDT
        assertThat(rfc3164("03-08 02:30:00", NEW_YORK, "2026-03-08T12:00:00Z")).isEqualTo(ms("2026-03-08T07:30:00Z"));
        // 2026-11-01 01:30 happens twice: the EDT one
        assertThat(rfc3164("11-01 01:30:00", NEW_YORK, "2026-11-01T12:00:00Z")).isEqualTo(ms("2026-11-01T05:30:00Z"));
    }

    @Test
    void lordHoweHalfHourDst() {
        // 2026-04-05 02:00 +11 -> 01:30 +10:30; 2026-10-04 02:00 +10:30 -> 02:30 +11
        assertThat(rfc3164("04-05 01:45:00", LORD_HOWE, "2026-04-05T00:00:00Z")).isEqualTo(ms("2026-04-04T14:45:00Z"));
        assertThat(rfc3164("10-04 02:15:00", LORD_HOWE, "2026-10-04T00:00:00Z")).isEqualTo(ms("2026-10-03T15:45:00Z"));
    }

    @Test
    void leapDay() {
        assertThat(rfc3164("02-29 12:00:00", UTC, "2028-03-01T00:00:00Z")).isEqualTo(ms("2028-02-29T12:00:00Z"));
        assertThat(rfc3164("02-29 12:00:00", UTC, "2028-03-01T00:00:00Z", 2028)).isEqualTo(ms("2028-02-29T12:00:00Z"));
        assertThat(rfc3164("02-29 12:00:00", UTC, "2000-03-01T00:00:00Z", 2000)).isEqualTo(ms("2000-02-29T12:00:00Z"));
        assertThat(rfc3164("02-29 12:00:00", UTC, "2026-03-01T00:00:00Z", 2026)).isEqualTo(-1);
        assertThat(rfc3164("02-29 12:00:00", UTC, "2100-03-01T00:00:00Z", 2100)).isEqualTo(-1);
        // in 2026 the only leap candidate among 2025..2027 is none: no date
        assertThat(rfc3164("02-29 12:00:00", UTC, "2026-03-01T00:00:00Z")).isEqualTo(-1);
        // in 2027 the candidates are 2026, 2027, 2028: only 2028 has 29 February and it is too far ahead
        assertThat(rfc3164("02-29 12:00:00", UTC, "2027-03-01T00:00:00Z")).isEqualTo(-1);
        // in 2029 the leap day is last year's
        assertThat(rfc3164("02-29 12:00:00", PARIS, "2029-01-15T00:00:00Z")).isEqualTo(ms("2028-02-29T11:00:00Z"));
        assertThat(rfc3164("02-30 12:00:00", UTC, "2028-03-01T00:00:00Z")).isEqualTo(-1);
    }

    @Test
    void yearBoundaryBothWays() {
        // a late December line read on 1 January is last year's
        assertThat(rfc3164("12-31 23:59:59", UTC, "2027-01-01T00:00:05Z")).isEqualTo(ms("2026-12-31T23:59:59Z"));
        assertThat(rfc3164("12-31 23:59:59", PARIS, "2026-12-31T23:00:05Z")).isEqualTo(ms("2026-12-31T22:59:59Z"));
        // an early January line read on 31 December (a clock a little behind) is next year's
        assertThat(rfc3164("01-01 00:00:05", UTC, "2026-12-31T23:59:59Z")).isEqualTo(ms("2027-01-01T00:00:05Z"));
        assertThat(rfc3164("01-01 00:00:05", NEW_YORK, "2027-01-01T04:59:59Z")).isEqualTo(ms("2027-01-01T05:00:05Z"));
        // ... but not when it would be more than a zone mistake ahead: then last January's
        assertThat(rfc3164("01-01 12:00:00", UTC, "2026-12-30T12:00:00Z")).isEqualTo(ms("2026-01-01T12:00:00Z"));
        // the year of the clock is the zone's: 2026-12-31T23:30Z is already 2027 in Paris
        assertThat(rfc3164("01-01 00:20:00", PARIS, "2026-12-31T23:30:00Z")).isEqualTo(ms("2026-12-31T23:20:00Z"));
    }

    @Test
    void aheadOfTheClockByAtMostAZoneMistake() {
        long now = ms("2026-05-28T10:00:00Z");
        // 26 h ahead exactly is still this year; one second more is last year
        assertThat(SyslogTimestamps.rfc3164(5, 29, 12, 0, 0, UTC, now, 0)).isEqualTo(ms("2026-05-29T12:00:00Z"));
        assertThat(SyslogTimestamps.rfc3164(5, 29, 12, 0, 1, UTC, now, 0)).isEqualTo(ms("2025-05-29T12:00:01Z"));
    }

    @Test
    void fixedYearForcesTheYear() {
        assertThat(rfc3164("05-28 10:15:30", UTC, "2026-05-28T10:20:00Z", 2019)).isEqualTo(ms("2019-05-28T10:15:30Z"));
        // even far ahead of the clock
        assertThat(rfc3164("12-31 10:15:30", PARIS, "2026-01-01T10:20:00Z", 2030)).isEqualTo(ms("2030-12-31T09:15:30Z"));
        assertThat(rfc3164("07-01 00:00:00", NEW_YORK, "2026-01-01T00:00:00Z", 1995)).isEqualTo(ms("1995-07-01T04:00:00Z"));
    }

    @Test
    void impossibleFieldsMakeNoStamp() {
        long now = ms("2026-05-28T10:00:00Z");
        assertThat(SyslogTimestamps.rfc3164(4, 31, 10, 0, 0, UTC, now, 0)).isEqualTo(-1);
        assertThat(SyslogTimestamps.rfc3164(4, 31, 10, 0, 0, PARIS, now, 2026)).isEqualTo(-1);
        assertThat(SyslogTimestamps.rfc3164(2, 30, 10, 0, 0, UTC, now, 0)).isEqualTo(-1);
        assertThat(SyslogTimestamps.rfc3164(4, 0, 10, 0, 0, UTC, now, 0)).isEqualTo(-1);
        assertThat(SyslogTimestamps.rfc3164(4, 30, 24, 0, 0, UTC, now, 0)).isEqualTo(-1);
        assertThat(SyslogTimestamps.rfc3164(4, 30, 10, 60, 0, UTC, now, 0)).isEqualTo(-1);
        assertThat(SyslogTimestamps.rfc3164(4, 30, 10, 0, 60, UTC, now, 0)).isEqualTo(-1);
        assertThat(SyslogTimestamps.rfc3164(4, 30, -1, 0, 0, UTC, now, 0)).isEqualTo(-1);
    }

    @Test
    void clocksFarOutsideAnyPlausibleRangeStillAnswerLikeJavaTime() {
        long far = 5_000_000_000_000_000L; // about 158,000 years from now
        assertThat(SyslogTimestamps.rfc3164(6, 1, 0, 0, 0, UTC, far, 0))
                .isEqualTo(SyslogTimestampsProperties.reference(6, 1, 0, 0, 0, UTC, far, 0));
        assertThat(SyslogTimestamps.rfc3164(6, 1, 0, 0, 0, PARIS, -far, 0))
                .isEqualTo(SyslogTimestampsProperties.reference(6, 1, 0, 0, 0, PARIS, -far, 0));
        assertThat(SyslogTimestamps.rfc3164(6, 1, 0, 0, 0, NEW_YORK, 0, 200_000))
                .isEqualTo(SyslogTimestampsProperties.reference(6, 1, 0, 0, 0, NEW_YORK, 0, 200_000));
    }

    @Test
    void calendarArithmeticMatchesJavaTime() {
        for (int d = -800_000; d <= 800_000; d += 7) {
            java.time.LocalDate date = java.time.LocalDate.ofEpochDay(d);
            assertThat(SyslogTimestamps.daysFromCivil(date.getYear(), date.getMonthValue(), date.getDayOfMonth())).isEqualTo(d);
            assertThat(SyslogTimestamps.yearOfEpochDay(d)).isEqualTo(date.getYear());
            assertThat(SyslogTimestamps.lengthOfMonth(date.getYear(), date.getMonthValue())).isEqualTo(date.lengthOfMonth());
        }
    }

    @Test
    void rfc5424() {
        assertThat(SyslogTimestamps.rfc5424("2026-05-28T10:15:30Z")).isEqualTo(ms("2026-05-28T10:15:30Z"));
        assertThat(SyslogTimestamps.rfc5424("2026-05-28T10:15:30.123456+02:00")).isEqualTo(ms("2026-05-28T08:15:30.123Z"));
        assertThat(SyslogTimestamps.rfc5424("2026-05-28T10:15:30.1-05:30")).isEqualTo(ms("2026-05-28T15:45:30.100Z"));
        assertThat(SyslogTimestamps.rfc5424("1969-12-31T23:59:59.999Z")).isEqualTo(-1L);
        assertThat(SyslogTimestamps.rfc5424("1969-12-31T23:59:58.5Z")).isEqualTo(-1500L);
        assertThat(SyslogTimestamps.rfc5424("2026-02-30T10:15:30Z")).isEqualTo(-1);
        assertThat(SyslogTimestamps.rfc5424("2026-05-28T24:00:00Z")).isEqualTo(-1);
        assertThat(SyslogTimestamps.rfc5424("2026-05-28 10:15:30Z")).isEqualTo(-1);
        assertThat(SyslogTimestamps.rfc5424("-")).isEqualTo(-1);
        assertThat(SyslogTimestamps.rfc5424("")).isEqualTo(-1);
        // shapes the fast path leaves to java.time
        for (String s : new String[] {"2026-05-28t10:15:30z", "2026-05-28T10:15Z", "2026-05-28T10:15:30+18:00",
                "2026-05-28T10:15:30+0200", "2026-05-28T10:15:30.Z", "2026-05-28T10:15:30.1234567891Z",
                "+12026-05-28T10:15:30Z", "2026-05-28T10:15:30+05:30:15"}) {
            long expected;
            try {
                expected = OffsetDateTime.parse(s).toInstant().toEpochMilli();
            } catch (java.time.format.DateTimeParseException e) {
                expected = -1;
            }
            assertThat(SyslogTimestamps.rfc5424(s)).as(s).isEqualTo(expected);
        }
        assertThat(SyslogTimestamps.rfc5424("2026-05-28T10:15:30+18:00")).isEqualTo(ms("2026-05-27T16:15:30Z"));
    }
}
