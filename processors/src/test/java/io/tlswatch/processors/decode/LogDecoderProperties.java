package io.tlswatch.processors.decode;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.schemas.Schema;
import io.tlswatch.schemas.testing.property.Gen;
import io.tlswatch.schemas.testing.property.PropertyCheck;
import io.tlswatch.schemas.testing.property.Shrink;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decoder faces whatever reaches f5.logs: it must answer every input, and answer once. */
class LogDecoderProperties {
    private static final long NOW = 1_780_000_000_000L;
    private final LogDecoder decoder = new LogDecoder(ZoneId.of("UTC"), () -> NOW, "unknown");

    @Test
    void arbitraryBytesNeverThrowAndRejectionsSayWhy() {
        PropertyCheck.forAll(2000, g -> g.bytes(600), Shrink.bytes(), bytes -> {
            LogDecodeResult r = decoder.decode(bytes, NOW);
            assertThat(r).isNotNull();
            if (r instanceof LogDecodeResult.Rejected rejected) {
                assertThat(rejected.reason()).isNotNull();
                assertThat(rejected.detail()).isNotBlank().hasSizeLessThan(300);
            }
        });
    }

    @Test
    void randomPrintableTextIsNeverDecodedAsSsl() {
        // without an 0126 message id nothing is SSL evidence, whatever else the line holds
        PropertyCheck.forAll(300, g -> g.string(Gen.chars(' ', '~'), 0, 300).replace("0126", "0l26"),
                Shrink.string(), text -> {
                    LogDecodeResult r = decoder.decode(text.getBytes(StandardCharsets.UTF_8), NOW);
                    assertThat(r).isNotInstanceOf(LogDecodeResult.Decoded.class);
                });
    }

    @Test
    void mutatedSslLinesNeverThrow() {
        PropertyCheck.forAll(2000, LogDecoderProperties::mutatedSslLine, line -> {
            LogDecodeResult r = decoder.decode(line.getBytes(StandardCharsets.UTF_8), NOW);
            assertThat(r).isNotNull();
            if (r instanceof LogDecodeResult.Decoded d) {
                // anything decoded is a valid event: SSL msgid, known class, ports in range, no future time
                assertValidRecord(Schema.HANDSHAKE_EVENT, d.event());
                assertThat(d.event().timestampMs()).isLessThanOrEqualTo(NOW + LogDecoder.MAX_FUTURE_MS);
            }
        });
    }

    @Test
    void everyPrefixOfARealBurstLineIsAnswered() {
        // the lines are few: every prefix of each is the whole input space of this property
        for (String line : SSL_LINES) {
            for (int i = 0; i <= line.length(); i++) {
                LogDecodeResult r = decoder.decode(line.substring(0, i).getBytes(StandardCharsets.UTF_8), NOW);
                assertThat(r).as("prefix %d of %s", i, line).isNotNull();
                if (r instanceof LogDecodeResult.Decoded d) {
                    assertValidRecord(Schema.HANDSHAKE_EVENT, d.event());
                }
            }
        }
    }

    private static final List<String> SSL_LINES = List.of(
            "Feb  1 08:12:14 pua-bigip warning tmm[9244]: 01260009:4: Connection error: ssl_select_suite:8181: no shared ciphers (40)",
            "Feb  1 08:12:14 pua-bigip warning tmm[9244]: 01260026:4: No shared ciphers between SSL peers 192.168.99.86.32962:192.168.20.230.636.",
            "Feb  1 08:12:14 pua-bigip warning tmm[9244]: 01260013:4: SSL Handshake failed for TCP 192.168.99.86:32962 -> 192.168.20.230:636",
            "<134>Mar  3 01:02:03 b warning tmm3[1]: 01260009:4: 2001:db8::1:40000 -> 10.0.0.1%7:443: Connection error: ssl_codec_rx:2314: alert(46) received alert",
            "{\"data\":\"tmm[1]: 01260008:3: SSL transaction (TPS) rate limit reached\",\"hostname\":\"h\"}");

    /** A real SSL line with up to four separator-like chars written over or put in at one place. */
    private static String mutatedSslLine(Gen g) {
        String line = g.of(SSL_LINES);
        int at = g.between(0, line.length());
        List<Character> chars = g.list(0, 4,
                x -> x.of(' ', ':', '.', '-', '>', '(', ')', '%', '[', ']', '0', '9', 'a', '{', '"'));
        StringBuilder sb = new StringBuilder(line);
        int pos = Math.min(at, sb.length());
        for (char c : chars) {
            if (pos < sb.length() && c % 2 == 0) {
                sb.setCharAt(pos, c);
            } else {
                sb.insert(pos, c);
            }
        }
        return sb.toString();
    }
}
