package io.tlswatch.processors.decode.telemetry;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlswatch.processors.decode.LogDecodeResult;
import io.tlswatch.schemas.Schema;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random certificate lists and profile counters (a fixed seed: a failure reproduces) never make the decoder
 * throw, and what it produces is bounded and valid against its schema. Plain JUnit: the property library in
 * this module is one STYLE.md asks us not to use, so no new property lives on it.
 */
class TelemetryCertificatesFuzzTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String[] DATES = {"Dec  3 23:00:29 2028 GMT", "Jan 1 00:00:00 2030 GMT",
        "Feb 30 00:00:00 2027 GMT", "Jan  2 03:04:05", "2019-01-01T01:01:01Z", "Jan  2 03:04:05.123 2027 GMT",
        "Jan  2 03:04:05 99999 GMT", " ", "", "+999999999-12-31T23:59:59Z"};
    private final TelemetryDecoder decoder = new TelemetryDecoder();

    @Test
    void randomDocumentsNeverThrowAndProduceValidBoundedRecords() {
        Random random = new Random(0x7157_c3a7L);
        int withCertificates = 0;
        int withProfiles = 0;
        for (int i = 0; i < 2_000; i++) {
            ObjectNode doc = F.objectNode().put("telemetryEventCategory", "systemInfo");
            ObjectNode system = doc.putObject("system").put("hostname", "bigip-" + random.nextInt(3));
            if (random.nextInt(10) > 0) {
                system.set("systemTimestamp", random.nextInt(5) > 0 ? F.textNode("2026-02-01T08:12:14Z") : any(random));
            }
            doc.set(random.nextBoolean() ? "sslCerts" : "tlsCerts", map(random, true));
            doc.set("clientSslProfiles", map(random, false));

            LogDecodeResult r = decoder.decode(doc, random.nextBoolean() ? 1_772_323_200_000L : -1);

            assertThat(r).as("document %d: %s", i, doc).isInstanceOf(LogDecodeResult.Telemetry.class);
            LogDecodeResult.Telemetry t = (LogDecodeResult.Telemetry) r;
            int listed = Math.max(doc.path("sslCerts").size(), doc.path("tlsCerts").size());
            assertThat(t.certificates().size()).isLessThanOrEqualTo(listed);
            assertThat(t.profiles().size()).isLessThanOrEqualTo(doc.path("clientSslProfiles").size());
            t.certificates().forEach(c -> {
                assertValidRecord(Schema.CERTIFICATE_SAMPLE, c);
                assertThat(c.notAfterMs() == null || c.notAfterMs() > 0).isTrue();
            });
            t.profiles().forEach(p -> assertValidRecord(Schema.PROFILE_TRAFFIC_SAMPLE, p));
            if (t.certificatesPolled() != null) {
                assertValidRecord(Schema.OBSERVER_SIGNAL, t.certificatesPolled());
                assertThat(t.certificatesPolled().certificates()).isEqualTo(t.certificates().size());
            }
            withCertificates += t.certificates().isEmpty() ? 0 : 1;
            withProfiles += t.profiles().isEmpty() ? 0 : 1;
        }
        // the generator must reach the decoding paths, not only the early exits
        assertThat(withCertificates).isGreaterThan(400);
        assertThat(withProfiles).isGreaterThan(400);
    }

    private JsonNode map(Random random, boolean certificates) {
        if (random.nextInt(10) == 0) {
            return any(random);
        }
        ObjectNode m = F.objectNode();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            String name = random.nextInt(4) == 0 ? text(random, 20) : "/Common/o" + random.nextInt(100);
            m.set(name, random.nextInt(8) == 0 ? any(random) : certificates ? certificate(random) : profile(random));
        }
        return m;
    }

    private JsonNode certificate(Random random) {
        ObjectNode c = F.objectNode();
        maybe(random, c, "expirationDate", random.nextBoolean()
                ? F.numberNode(1 + (long) (random.nextDouble() * 253_402_300_799L)) : counter(random));
        maybe(random, c, "expirationString", random.nextInt(3) > 0
                ? F.textNode(DATES[random.nextInt(DATES.length)]) : F.textNode(text(random, 70)));
        maybe(random, c, "subject", random.nextInt(3) > 0 ? F.textNode("CN=" + text(random, 30)) : any(random));
        maybe(random, c, "issuer", random.nextInt(10) == 0 ? F.textNode("x".repeat(5_000)) : any(random));
        return c;
    }

    private JsonNode profile(Random random) {
        ObjectNode p = F.objectNode();
        for (String k : new String[] {"handshakeFailures", "fatalAlerts", "sniRejects", "totNativeConns",
            "totCompatConns"}) {
            maybe(random, p, k, counter(random));
        }
        return p;
    }

    private static void maybe(Random random, ObjectNode o, String name, JsonNode value) {
        if (random.nextInt(5) > 0) {
            o.set(name, value);
        }
    }

    private JsonNode counter(Random random) {
        return switch (random.nextInt(6)) {
            case 0, 1 -> F.numberNode(random.nextLong() >>> 1);
            case 2 -> F.numberNode(random.nextInt(1000));
            case 3 -> F.numberNode(random.nextLong());
            case 4 -> F.numberNode(new double[] {Double.NaN, 1e300, -0.0, 3.0, 2.5}[random.nextInt(5)]);
            default -> any(random);
        };
    }

    private JsonNode any(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> F.nullNode();
            case 1 -> F.booleanNode(random.nextBoolean());
            case 2 -> F.numberNode(random.nextInt());
            case 3 -> F.numberNode(BigInteger.TWO.pow(80));
            case 4 -> F.textNode(text(random, 20));
            case 5 -> F.arrayNode().add(1).add("x");
            default -> F.objectNode();
        };
    }

    /** Any UTF-16 text, control characters and unpaired surrogates included. */
    private static String text(Random random, int max) {
        char[] c = new char[random.nextInt(max + 1)];
        for (int i = 0; i < c.length; i++) {
            c[i] = (char) (random.nextInt(4) == 0 ? random.nextInt(0x10000) : 0x20 + random.nextInt(0x5f));
        }
        return new String(c);
    }
}
