package io.tlswatch.processors.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.schemas.testing.property.Gen;
import io.tlswatch.schemas.testing.property.PropertyCheck;
import io.tlswatch.schemas.testing.property.Shrink;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import org.junit.jupiter.api.Test;

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

    /** Half the time no fixed year; else a year near the clock's range or any year up to 3000. */
    private static int fixedYear(Gen g) {
        int i = g.between(-3000, 2999);
        return i < 0 ? 0 : i < 1500 ? 1985 + i % 121 : i - 1499;
    }

    /** The fields of an RFC 3164 stamp, the zone it is read in, the clock, and the configured year (0: none). */
    record Stamp(int month, int day, int hour, int minute, int second, ZoneId zone, long nowMs, int fixedYear) {
        long expected() {
            return reference(month, day, hour, minute, second, zone, nowMs, fixedYear);
        }

        long actual() {
            return SyslogTimestamps.rfc3164(month, day, hour, minute, second, zone, nowMs, fixedYear);
        }
    }

    @Test
    void rfc3164MatchesJavaTime() {
        PropertyCheck.forAll(20_000, g -> new Stamp(g.between(1, 12), g.between(1, 31), g.between(0, 23),
                g.between(0, 59), g.between(0, 59), g.of(ZONES), g.between(631_152_000_000L, 4_133_980_799_000L),
                fixedYear(g)), in -> assertThat(in.actual()).isEqualTo(in.expected()));
    }

    @Test
    void rfc3164MatchesJavaTimeForOutOfRangeFields() {
        PropertyCheck.forAll(5_000, g -> new Stamp(g.between(-2, 14), g.between(-1, 33), g.between(-1, 25),
                g.between(-1, 61), g.between(-1, 61), g.of(ZONES), g.between(631_152_000_000L, 4_133_980_799_000L),
                g.between(-5, 2200)), in -> assertThat(in.actual()).isEqualTo(in.expected()));
    }

    /** A stamp within two hours of a transition of the zone, the clock near it: gaps, overlaps, edges. */
    private static Stamp nearTransition(Gen g) {
        ZoneId zone = g.of(ZONES.subList(4, ZONES.size()));
        long at = g.between(MIN_NOW, MAX_NOW);
        int delta = g.between(-7200, 7200);
        long clockDelta = g.between(-3 * 86_400_000L, 3 * 86_400_000L);
        ZoneOffsetTransition t = zone.getRules().nextTransition(Instant.ofEpochMilli(at));
        long localSecond = t == null ? at / 1000 : t.getDateTimeBefore().toEpochSecond(ZoneOffset.UTC) + delta;
        long nowMs = t == null ? at : t.toEpochSecond() * 1000 + clockDelta;
        LocalDateTime local = LocalDateTime.ofEpochSecond(localSecond, 0, ZoneOffset.UTC);
        return new Stamp(local.getMonthValue(), local.getDayOfMonth(), local.getHour(), local.getMinute(),
                local.getSecond(), zone, nowMs, g.bool() ? local.getYear() : 0);
    }

    @Test
    void rfc3164MatchesJavaTimeAroundTransitions() {
        PropertyCheck.forAll(20_000, SyslogTimestampsProperties::nearTransition,
                in -> assertThat(in.actual()).isEqualTo(in.expected()));
    }

    private static String wellFormed5424(Gen g) {
        long sec = g.between(-62_135_596_800L, 253_402_300_799L);
        int nanos = g.between(0, 999_999_999);
        int digits = g.between(0, 9);
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(g.between(-18 * 4, 18 * 4) * 900);
        LocalDateTime t = LocalDateTime.ofEpochSecond(sec, 0, offset);
        String base = String.format("%04d-%02d-%02dT%02d:%02d:%02d",
                t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
        String fraction = digits == 0 ? "" : "." + String.format("%09d", nanos).substring(0, digits);
        return base + fraction + offset.getId();
    }

    /** Well-formed RFC 5424 stamps, the same with one char replaced, and their prefixes, a third each. */
    private static String rfc5424Stamp(Gen g) {
        String s = wellFormed5424(g);
        return switch (g.between(0, 2)) {
            case 0 -> s;
            case 1 -> {
                int i = g.between(0, s.length() - 1);
                yield s.substring(0, i) + g.of('0', '1', '2', '3', '5', '9', ':', '-', '+', '.', 'T', 't', 'Z', 'z', ' ', 'x')
                        + s.substring(i + 1);
            }
            default -> s.substring(0, g.between(0, s.length()));
        };
    }

    @Test
    void rfc5424MatchesJavaTime() {
        PropertyCheck.forAll(20_000, SyslogTimestampsProperties::rfc5424Stamp, Shrink.string(),
                stamp -> assertThat(SyslogTimestamps.rfc5424(stamp)).as(stamp).isEqualTo(reference5424(stamp)));
    }
}
