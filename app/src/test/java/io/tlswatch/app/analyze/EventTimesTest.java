package io.tlswatch.app.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.processors.decode.LogDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class EventTimesTest {
    private static final long NOW = Instant.parse("2026-03-10T12:00:00Z").toEpochMilli();
    private static final String SSL = "Feb  1 08:12:14 pua-bigip warning tmm1[9244]: 01260013:4: SSL Handshake failed "
            + "for TCP 192.168.99.86:32963 -> 192.168.20.230:636";
    private static final String AUDIT = "Feb  1 08:13:00 pua-bigip notice mcpd[10653]: 01070638:5: Pool /Common/web "
            + "member /Common/web1:80 monitor status down.";

    private static long of(EventTimes times, String line) {
        return times.of(line.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTlsLineKeepsItsOwnTimeInTheGivenYearAndZone() {
        EventTimes times = new EventTimes(new LogDecoder(ZoneId.of("Europe/Paris"), () -> NOW, "unknown", 2021), () -> NOW);
        assertThat(of(times, SSL)).isEqualTo(Instant.parse("2021-02-01T07:12:14Z").toEpochMilli());
    }

    @Test
    void linesWithoutAReadableTimeBorrowTheLastOneAndTheClockBeforeAny() {
        EventTimes times = new EventTimes(new LogDecoder(ZoneId.of("UTC"), () -> NOW, "unknown", 2021), () -> NOW);
        assertThat(of(times, AUDIT)).as("before any timed line").isEqualTo(NOW);
        long ssl = of(times, SSL);
        assertThat(ssl).isEqualTo(Instant.parse("2021-02-01T08:12:14Z").toEpochMilli());
        assertThat(of(times, AUDIT)).as("not TLS: dropped by the pipeline, kept on the file's timeline").isEqualTo(ssl);
        assertThat(times.of(new byte[] {(byte) 0xff, 0x00})).as("a dead letter").isEqualTo(ssl);
    }

    @Test
    void withoutAYearTheStampTakesTheYearClosestToTheClock() {
        EventTimes times = new EventTimes(new LogDecoder(ZoneId.of("UTC"), () -> NOW, "unknown", 0), () -> NOW);
        assertThat(of(times, SSL)).isEqualTo(Instant.parse("2026-02-01T08:12:14Z").toEpochMilli());
    }
}
