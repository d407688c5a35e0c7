package io.tlswatch.app.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.processors.decode.LogDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTimesTest {
    private static final long NOW = Instant.parse("2026-03-10T12:00:00Z").toEpochMilli();
    private static final String SSL = "Feb  1 08:12:14 pua-bigip warning tmm1[9244]: 01260013:4: SSL Handshake failed "
            + "for TCP 192.168.99.86:32963 -> 192.168.20.230:636";
    private static final String STRIPPED = "tmm1[20358]: 01260013:4: SSL Handshake failed for TCP 10.1.1.1:5000 -> 10.1.1.2:443";
    private static final String AUDIT = "Feb  1 08:13:00 pua-bigip notice mcpd[10653]: 01070638:5: Pool /Common/web "
            + "member /Common/web1:80 monitor status down.";
    private static final long SSL_2021 = Instant.parse("2021-02-01T08:12:14Z").toEpochMilli();

    private final List<String> sent = new ArrayList<>();

    private EventTimes times(String zone, int year) {
        return new EventTimes(new LogDecoder(ZoneId.of(zone), () -> NOW, "unknown", year), () -> NOW,
                (line, ts) -> sent.add(new String(line, StandardCharsets.UTF_8).substring(0, 4) + "@" + ts));
    }

    private static byte[] bytes(String line) {
        return line.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aTlsLineKeepsItsOwnTimeInTheGivenYearAndZone() {
        EventTimes times = times("Europe/Paris", 2021);
        times.offer(bytes(SSL));
        assertThat(sent).containsExactly("Feb @" + Instant.parse("2021-02-01T07:12:14Z").toEpochMilli());
    }

    @Test
    void linesBeforeTheFirstTimedLineWaitForItNeverTakingTheClock() {
        EventTimes times = times("UTC", 2021);
        times.offer(bytes(AUDIT));
        times.offer(bytes(STRIPPED));
        assertThat(sent).as("held until a time is known").isEmpty();
        times.offer(bytes(SSL));
        times.offer(bytes(STRIPPED));
        times.offer(new byte[] {(byte) 0xff, 0x00, 0x01, 0x02});
        times.finish();
        assertThat(sent).containsExactly("Feb @" + SSL_2021, "tmm1@" + SSL_2021, "Feb @" + SSL_2021,
                "tmm1@" + SSL_2021, "\ufffd\u0000\u0001\u0002@" + SSL_2021);
    }

    @Test
    void withoutAnyTimedLineTheClockStampsAtTheEnd() {
        EventTimes times = times("UTC", 2021);
        times.offer(bytes(AUDIT));
        assertThat(sent).isEmpty();
        times.finish();
        assertThat(sent).containsExactly("Feb @" + NOW);
    }

    @Test
    void withoutAYearTheStampTakesTheYearClosestToTheClock() {
        EventTimes times = times("UTC", 0);
        times.offer(bytes(SSL));
        assertThat(sent).containsExactly("Feb @" + Instant.parse("2026-02-01T08:12:14Z").toEpochMilli());
    }
}
