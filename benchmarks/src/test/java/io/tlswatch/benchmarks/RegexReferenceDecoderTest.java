package io.tlswatch.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.processors.decode.LogDecodeResult;
import io.tlswatch.processors.decode.LogDecoder;
import io.tlswatch.schemas.HandshakeEvent;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The benchmark compares like with like: over the whole {@link LogMix}, the regex baseline and the tlswatch
 * decoder agree on decoded / dropped / rejected for every record, and on msgid, addresses, ports and alert
 * for every decoded one.
 */
class RegexReferenceDecoderTest {
    private static final int MAX_REPORTED = 20;

    @ParameterizedTest(name = "sslPercent={0}")
    @ValueSource(ints = {5, 30})
    void agreesWithLogDecoderOnTheWholeMix(int sslPercent) {
        LogMix mix = LogMix.build(LogDecoderBenchmark.LINES, sslPercent);
        LogDecoder decoder = new LogDecoder(ZoneId.of("UTC"), () -> LogMix.CLOCK_MS, "unknown");
        RegexReferenceDecoder reference = new RegexReferenceDecoder(ZoneId.of("UTC"), LogMix.CLOCK_MS);

        List<String> disagreements = new ArrayList<>();
        int decoded = 0;
        for (byte[] value : mix.lines()) {
            LogDecodeResult real = decoder.decode(value, LogMix.CLOCK_MS);
            RegexReferenceDecoder.Result ref = reference.decode(value);
            String difference = difference(real, ref);
            if (difference != null && disagreements.size() < MAX_REPORTED) {
                disagreements.add(difference + "\n    in: " + new String(value, StandardCharsets.UTF_8));
            }
            if (real instanceof LogDecodeResult.Decoded) {
                decoded++;
            }
        }

        assertThat(disagreements).as("records on which the decoders disagree (first %d)", MAX_REPORTED).isEmpty();
        // every SSL line of the mix is decoded, nothing is rejected: the mix is all well-formed
        assertThat(decoded).isEqualTo(mix.composition().ssl());
    }

    @Test
    void mixIsDeterministicAndHasTheAdvertisedComposition() {
        LogMix a = LogMix.build(LogDecoderBenchmark.LINES, 5);
        LogMix b = LogMix.build(LogDecoderBenchmark.LINES, 5);
        assertThat(a.lines()).isDeepEqualTo(b.lines());

        LogMix.Composition c = a.composition();
        assertThat(c.total()).isEqualTo(LogDecoderBenchmark.LINES);
        assertThat(c.percent(c.ssl())).isBetween(3.0, 8.0);
        assertThat(c.percent(c.json())).isBetween(4.0, 6.0);
        assertThat(c.headerStripped()).isPositive();
        assertThat(c.pri()).isPositive();
        assertThat(c.variants()).isPositive();
        LogMix.Composition storm = LogMix.build(LogDecoderBenchmark.LINES, 30).composition();
        assertThat(storm.percent(storm.ssl())).isBetween(25.0, 35.0);
    }

    private static String difference(LogDecodeResult real, RegexReferenceDecoder.Result ref) {
        String realOutcome = outcome(real);
        if (!realOutcome.equals(ref.outcome().name())) {
            return "outcome: LogDecoder " + real + ", regex " + ref.outcome();
        }
        if (!(real instanceof LogDecodeResult.Decoded d)) {
            return null;
        }
        HandshakeEvent e = d.event();
        List<String> fields = new ArrayList<>();
        compare(fields, "msgid", e.msgid(), ref.msgid());
        compare(fields, "clientIp", e.clientIp(), ref.clientIp());
        compare(fields, "clientPort", e.clientPort(), orNull(ref.clientPort()));
        compare(fields, "serverIp", e.serverIp(), ref.serverIp());
        compare(fields, "serverPort", e.serverPort(), orNull(ref.serverPort()));
        compare(fields, "alert", e.alertCode(), orNull(ref.alert()));
        return fields.isEmpty() ? null : String.join(", ", fields);
    }

    private static String outcome(LogDecodeResult r) {
        if (r instanceof LogDecodeResult.Decoded) {
            return "DECODED";
        }
        if (r instanceof LogDecodeResult.Dropped) {
            return "DROPPED";
        }
        if (r instanceof LogDecodeResult.Rejected) {
            return "REJECTED";
        }
        return r.getClass().getSimpleName();
    }

    private static void compare(List<String> out, String field, Object real, Object ref) {
        if (!Objects.equals(real, ref)) {
            out.add(field + ": LogDecoder " + real + ", regex " + ref);
        }
    }

    private static Integer orNull(int value) {
        return value < 0 ? null : value;
    }
}
