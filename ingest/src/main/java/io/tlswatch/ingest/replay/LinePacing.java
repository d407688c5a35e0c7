package io.tlswatch.ingest.replay;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/**
 * Replays lines with the pacing their syslog time stamps had, {@code speed} times faster: the first stamped line
 * anchors the line clock to the wall clock, and each later line waits until its stamp's offset, divided by the
 * speed, has passed. Lines without a stamp (and Telemetry Streaming JSON) go at once; a stamp earlier than the one
 * before goes at once; a stamp more than {@value #REANCHOR_MS} ms earlier (the next rotated file, a device with
 * another clock) anchors the clock again. Stamps: RFC 3164 ({@code Mmm dd HH:MM:SS}, no year: a year later when
 * a December stamp is followed by a January one) and RFC 5424 / ISO-8601, each after an optional {@code <PRI>}.
 * Not thread-safe.
 */
public final class LinePacing {
    /** A stamp this much earlier than the one before starts a new anchor. */
    public static final long REANCHOR_MS = 60_000;
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";
    private static final java.util.regex.Pattern BSD_REST =
            java.util.regex.Pattern.compile("^ {1,2}(\\d{1,2}) (\\d\\d):(\\d\\d):(\\d\\d)");
    private static final long YEAR_MS = 366L * 86_400_000L;

    /** Waits; a test passes one that only records. */
    public interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final double speed;
    private final java.util.function.LongSupplier nanoClock;
    private final Sleeper sleeper;
    private long lineOrigin = Long.MIN_VALUE;
    private long wallOrigin;
    private long lastStamp = Long.MIN_VALUE;
    private long yearShift;

    /** @param speed how many times faster than the original (e.g. 10), > 0 */
    public LinePacing(double speed, java.util.function.LongSupplier nanoClock, Sleeper sleeper) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be > 0: " + speed);
        }
        this.speed = speed;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    /** Real time, real sleeps. */
    public static LinePacing of(double speed) {
        return new LinePacing(speed, System::nanoTime, nanos -> java.util.concurrent.TimeUnit.NANOSECONDS.sleep(nanos));
    }

    /** Waits until {@code line} is due. */
    public void await(String line) throws InterruptedException {
        OptionalLong parsed = stampMs(line);
        if (parsed.isEmpty()) {
            return;
        }
        long stamp = parsed.getAsLong() + yearShift;
        if (lastStamp != Long.MIN_VALUE && lastStamp - stamp > 180L * 86_400_000L && isYearless(line)) {
            yearShift += YEAR_MS; // Dec 31 → Jan 1 of a year-less stamp
            stamp += YEAR_MS;
        }
        long now = nanoClock.getAsLong();
        if (lineOrigin == Long.MIN_VALUE || lastStamp - stamp > REANCHOR_MS) {
            lineOrigin = stamp;
            wallOrigin = now;
            lastStamp = stamp;
            return;
        }
        lastStamp = Math.max(lastStamp, stamp);
        long due = wallOrigin + (long) ((stamp - lineOrigin) * 1_000_000d / speed);
        if (due - now > 0) {
            sleeper.sleep(due - now);
        }
    }

    /**
     * The stamp of a line in ms: epoch ms for ISO-8601 stamps (UTC when no offset), ms into the year 2000 for
     * year-less RFC 3164 stamps (only differences matter).
     */
    static OptionalLong stampMs(String line) {
        int i = 0;
        if (line.startsWith("<")) {
            int close = line.indexOf('>');
            if (close < 0 || close > 4) {
                return OptionalLong.empty();
            }
            i = close + 1;
            if (line.startsWith("1 ", i)) {
                i += 2; // RFC 5424 version
            }
        }
        if (line.length() >= i + 15 && MONTHS.indexOf(line.substring(i, i + 3)) % 3 == 0
                && Character.isLetter(line.charAt(i))) {
            return bsd(line, i);
        }
        if (line.length() >= i + 19 && Character.isDigit(line.charAt(i)) && line.charAt(i + 4) == '-') {
            int end = line.indexOf(' ', i);
            String stamp = line.substring(i, end < 0 ? line.length() : end);
            try {
                return OptionalLong.of(OffsetDateTime.parse(stamp).toInstant().toEpochMilli());
            } catch (DateTimeParseException noOffset) {
                try {
                    return OptionalLong.of(LocalDateTime.parse(stamp).toInstant(ZoneOffset.UTC).toEpochMilli());
                } catch (DateTimeParseException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    private static boolean isYearless(String line) {
        int i = line.startsWith("<") ? line.indexOf('>') + 1 : 0;
        return i < line.length() && Character.isLetter(line.charAt(i));
    }

    /** {@code Mmm dd HH:MM:SS}, the day space-padded or not. */
    private static OptionalLong bsd(String line, int i) {
        int month = MONTHS.indexOf(line.substring(i, i + 3)) / 3 + 1;
        String rest = line.substring(i + 3);
        java.util.regex.Matcher m = BSD_REST.matcher(rest);
        if (!m.find()) {
            return OptionalLong.empty();
        }
        try {
            LocalDateTime t = LocalDateTime.of(2000, month, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
            return OptionalLong.of(t.toInstant(ZoneOffset.UTC).toEpochMilli());
        } catch (java.time.DateTimeException e) {
            return OptionalLong.empty();
        }
    }
}
