package io.tlswatch.processors.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The arithmetic timestamp paths answer exactly what the plain java.time formulation answers. */
class SyslogTimestampsProperties {
    private static final List<ZoneId> ZONES = List.of(
            ZoneId.of("UTC"), ZoneOffset.UTC, ZoneOffset.ofHoursMinutes(5, 30), ZoneOffset.ofHours(-8),
            ZoneId.of("Europe/Paris"), ZoneId.of("America/New_York"), ZoneId.of("Asia/Kolkata"),
            ZoneId.of("Australia/Lord_Howe"), ZoneId.of("America/Sao_Paulo"), ZoneId.of("Pacific/Apia"),
            ZoneId.of("Europe/Dublin"), ZoneId.of("Africa/Casablanca"));
    private static final long MIN_NOW = Instant.parse("1990-01-01T00:00:00Z").toEpochMilli();
    private static final long MAX_NOW = Instant.parse("2100-12-31T23:59:59Z").toEpochMilli();

    /** The rule as the java.time code states it (the implementation before it went arithmetic). */
    static long reference(int month, int day, int hour, int minute, int second, ZoneId zone, long nowMs, int fixedYear) {
        int year = fixedYear > 0 ? fixedYear : Instant.ofEpochMilli(nowMs).atZone(zone).getYear();
        int spread = fixedYear > 0 ? 0 : 1;
        long best = -1;
        long bestDistance = Long.MAX_VALUE;
        for (int y = year - spread; y <= year + spread; y++) {
            long t;
            try {
                t = LocalDateTime.of(y, month, day, hour, minute, second).atZone(zone).toInstant().toEpochMilli();
            } catch (DateTimeException e) {
                continue;
            }
            if (fixedYear == 0 && t > nowMs + SyslogTimestamps.MAX_ZONE_MISTAKE_MS) {
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

    private static long reference5424(String stamp) {
        try {
            return OffsetDateTime.parse(stamp).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(ZONES);
    }

    @Provide
    Arbitrary<Integer> fixedYears() {
        // half the time no fixed year; else a year near the clock's range or any year up to 3000
        return Arbitraries.integers().between(-3000, 2999)
                .map(i -> i < 0 ? 0 : i < 1500 ? 1985 + i % 121 : i - 1499);
    }

    @Property(tries = 20_000)
    void rfc3164MatchesJavaTime(
            @ForAll @IntRange(min = 1, max = 12) int month,
            @ForAll @IntRange(min = 1, max = 31) int day,
            @ForAll @IntRange(min = 0, max = 23) int hour,
            @ForAll @IntRange(min = 0, max = 59) int minute,
            @ForAll @IntRange(min = 0, max = 59) int second,
            @ForAll("zones") ZoneId zone,
            @ForAll @LongRange(min = 631_152_000_000L, max = 4_133_980_799_000L) long nowMs,
            @ForAll("fixedYears") int fixedYear) {
        assertThat(SyslogTimestamps.rfc3164(month, day, hour, minute, second, zone, nowMs, fixedYear))
                .isEqualTo(reference(month, day, hour, minute, second, zone, nowMs, fixedYear));
    }

    @Property(tries = 5_000)
    void rfc3164MatchesJavaTimeForOutOfRangeFields(
            @ForAll @IntRange(min = -2, max = 14) int month,
            @ForAll @IntRange(min = -1, max = 33) int day,
            @ForAll @IntRange(min = -1, max = 25) int hour,
            @ForAll @IntRange(min = -1, max = 61) int minute,
            @ForAll @IntRange(min = -1, max = 61) int second,
            @ForAll("zones") ZoneId zone,
            @ForAll @LongRange(min = 631_152_000_000L, max = 4_133_980_799_000L) long nowMs,
            @ForAll @IntRange(min = -5, max = 2200) int fixedYear) {
        assertThat(SyslogTimestamps.rfc3164(month, day, hour, minute, second, zone, nowMs, fixedYear))
                .isEqualTo(reference(month, day, hour, minute, second, zone, nowMs, fixedYear));
    }

    /** Stamps within two hours of a transition of the zone, the clock near them: gaps, overlaps, edges. */
    @Provide
    Arbitrary<long[]> nearTransitions() {
        return Combinators.combine(
                        Arbitraries.of(ZONES.subList(4, ZONES.size())).map(ZONES::indexOf),
                        Arbitraries.longs().between(MIN_NOW, MAX_NOW),
                        Arbitraries.integers().between(-7200, 7200),
                        Arbitraries.longs().between(-3 * 86_400_000L, 3 * 86_400_000L))
                .as((zoneIndex, at, delta, clockDelta) -> {
                    ZoneId zone = ZONES.get(zoneIndex);
                    ZoneOffsetTransition t = zone.getRules().nextTransition(Instant.ofEpochMilli(at));
                    long local = t == null ? at / 1000 : t.getDateTimeBefore().toEpochSecond(ZoneOffset.UTC) + delta;
                    long instant = t == null ? at : t.toEpochSecond() * 1000 + clockDelta;
                    return new long[] {zoneIndex, local, instant};
                });
    }

    @Property(tries = 20_000)
    void rfc3164MatchesJavaTimeAroundTransitions(@ForAll("nearTransitions") long[] c, @ForAll boolean fixed) {
        ZoneId zone = ZONES.get((int) c[0]);
        LocalDateTime local = LocalDateTime.ofEpochSecond(c[1], 0, ZoneOffset.UTC);
        long nowMs = c[2];
        int fixedYear = fixed ? local.getYear() : 0;
        int mo = local.getMonthValue();
        int d = local.getDayOfMonth();
        int h = local.getHour();
        int mi = local.getMinute();
        int s = local.getSecond();
        assertThat(SyslogTimestamps.rfc3164(mo, d, h, mi, s, zone, nowMs, fixedYear))
                .as("%s %s now %s fixed %d", zone, local, Instant.ofEpochMilli(nowMs), fixedYear)
                .isEqualTo(reference(mo, d, h, mi, s, zone, nowMs, fixedYear));
    }

    @Provide
    Arbitrary<String> rfc5424Stamps() {
        Arbitrary<String> wellFormed = Combinators.combine(
                        Arbitraries.longs().between(-62_135_596_800L, 253_402_300_799L),
                        Arbitraries.integers().between(0, 999_999_999),
                        Arbitraries.integers().between(0, 9),
                        Arbitraries.integers().between(-18 * 4, 18 * 4))
                .as((sec, nanos, digits, quarters) -> {
                    ZoneOffset offset = ZoneOffset.ofTotalSeconds(quarters * 900);
                    LocalDateTime t = LocalDateTime.ofEpochSecond(sec, 0, offset);
                    String base = String.format("%04d-%02d-%02dT%02d:%02d:%02d",
                            t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
                    String fraction = digits == 0 ? "" : "." + String.format("%09d", nanos).substring(0, digits);
                    return base + fraction + offset.getId();
                });
        Arbitrary<String> mutated = wellFormed.flatMap(s -> Combinators.combine(
                        Arbitraries.integers().between(0, s.length() - 1),
                        Arbitraries.of('0', '1', '2', '3', '5', '9', ':', '-', '+', '.', 'T', 't', 'Z', 'z', ' ', 'x'))
                .as((i, ch) -> s.substring(0, i) + ch + s.substring(i + 1)));
        Arbitrary<String> truncated = wellFormed.flatMap(s ->
                Arbitraries.integers().between(0, s.length()).map(i -> s.substring(0, i)));
        return Arbitraries.oneOf(List.of(wellFormed, mutated, truncated));
    }

    @Property(tries = 20_000)
    void rfc5424MatchesJavaTime(@ForAll("rfc5424Stamps") String stamp) {
        assertThat(SyslogTimestamps.rfc5424(stamp)).as(stamp).isEqualTo(reference5424(stamp));
    }
}
