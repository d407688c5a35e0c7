package io.tlswatch.processors.decode.telemetry;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlswatch.processors.decode.LogDecodeResult;
import io.tlswatch.processors.decode.RejectReason;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.Schema;
import io.tlswatch.schemas.testing.property.Gen;
import io.tlswatch.schemas.testing.property.PropertyCheck;
import io.tlswatch.schemas.testing.property.Shrink;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Whatever a poller document holds, the decoder answers once, without throwing, and everything it produces
 * is valid against its schema.
 */
class TelemetryDecoderProperties {
    private static final long RECORD_MS = 1_772_323_200_000L;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final TelemetryDecoder decoder = new TelemetryDecoder();

    private LogDecodeResult check(JsonNode doc) {
        LogDecodeResult r = decoder.decode(doc, RECORD_MS);
        assertThat(r).isNotNull();
        if (r instanceof LogDecodeResult.Telemetry) {
            LogDecodeResult.Telemetry t = (LogDecodeResult.Telemetry) r;
            assertThat(t.virtualServers().size()).isLessThanOrEqualTo(doc.path("virtualServers").size());
            assertThat(t.samples().size()).isLessThanOrEqualTo(doc.path("virtualServers").size());
            t.virtualServers().forEach(vs -> assertValidRecord(Schema.VIRTUAL_SERVER, vs));
            t.samples().forEach(s -> assertValidRecord(Schema.VIP_TRAFFIC_SAMPLE, s));
        } else if (r instanceof LogDecodeResult.Rejected) {
            LogDecodeResult.Rejected rejected = (LogDecodeResult.Rejected) r;
            assertThat(rejected.reason()).isIn(RejectReason.INVALID_JSON, RejectReason.OVERSIZED);
            assertThat(rejected.detail()).isNotBlank().hasSizeLessThan(300);
        } else if (r instanceof LogDecodeResult.Dropped) {
            assertThat(TelemetryDecoder.dropLabels()).contains(((LogDecodeResult.Dropped) r).category());
        }
        return r;
    }

    @Test
    void randomPollerDocumentsNeverThrowAndProduceValidRecords() {
        int[] withRecords = {0};
        PropertyCheck.forAll(400, TelemetryDecoderProperties::poller, doc -> {
            LogDecodeResult r = check(doc);
            if (r instanceof LogDecodeResult.Telemetry t && !t.virtualServers().isEmpty() && !t.samples().isEmpty()) {
                withRecords[0]++;
            }
        });
        // the generator must reach the interesting path, not only the rejections
        assertThat(withRecords[0]).as("tries that produced records").isGreaterThan(400 * 15 / 100);
    }

    @Test
    void everyPrefixOfAPollerDocumentThatStillParsesIsAnswered() {
        PropertyCheck.forAll(400, TelemetryDecoderProperties::poller, doc -> {
            // a truncated document rarely parses; when a shorter text does (cut at a value), it must decode
            String text = Json.MAPPER.writeValueAsString(doc);
            for (int i = text.length(); i > 0; i -= Math.max(1, text.length() / 40)) {
                JsonNode parsed;
                try {
                    parsed = Json.MAPPER.readTree(text.substring(0, i));
                } catch (JsonProcessingException e) {
                    continue;
                }
                if (parsed != null) {
                    check(parsed);
                }
            }
        });
    }

    @Test
    void arbitraryTextThatParsesAsJsonNeverThrows() {
        PropertyCheck.forAll(500, g -> g.bytes(400), Shrink.bytes(), bytes -> {
            JsonNode parsed;
            try {
                parsed = Json.MAPPER.readTree(new String(bytes, StandardCharsets.ISO_8859_1));
            } catch (JsonProcessingException e) {
                return;
            }
            check(parsed);
        });
    }

    /** A poller document: mostly well shaped, each part now and then replaced by any JSON value. */
    static ObjectNode poller(Gen g) {
        JsonNode system;
        if (g.weighted(19, 1) == 0) {
            ObjectNode s = F.objectNode();
            putIfPresent(s, "hostname", hostname(g));
            putIfPresent(s, "systemTimestamp", timestamp(g));
            system = s;
        } else {
            system = anyValue(g);
        }
        JsonNode virtualServers = g.weighted(19, 1) == 0
                ? object(g, 1, 12, TelemetryDecoderProperties::name,
                        x -> x.weighted(9, 1) == 0 ? virtualServer(x) : anyValue(x))
                : anyValue(g);
        JsonNode clientSsl = g.weighted(9, 1) == 0
                ? object(g, 0, 4, TelemetryDecoderProperties::profileName,
                        x -> F.objectNode().put("name", profileName(x)).put("handshakeFailures", 1))
                : anyValue(g);
        String category = switch (g.weighted(8, 1, 1)) {
            case 0 -> "systemInfo";
            case 1 -> null;
            default -> g.of("LTM", "syslog", "foo", "");
        };
        ObjectNode doc = F.objectNode();
        doc.set("system", system);
        doc.set("virtualServers", virtualServers);
        doc.set("clientSslProfiles", clientSsl);
        if (category != null) {
            doc.put("telemetryEventCategory", category);
        }
        return doc;
    }

    /** An object of up to {@code maxSize} fields (fewer when drawn names repeat, as in a map). */
    private static ObjectNode object(Gen g, int minSize, int maxSize, Function<Gen, String> names,
            Function<Gen, JsonNode> values) {
        ObjectNode o = F.objectNode();
        int size = g.between(minSize, maxSize);
        while (o.size() < size) {
            o.set(names.apply(g), values.apply(g));
        }
        return o;
    }

    private static JsonNode virtualServer(Gen g) {
        JsonNode dest = destination(g);
        JsonNode conns = counter(g);
        JsonNode tenant = label(g);
        JsonNode app = label(g);
        JsonNode profiles = g.weighted(8, 2) == 0
                ? object(g, 0, 4, TelemetryDecoderProperties::profileName, x -> F.objectNode().put("name", profileName(x)))
                : anyValue(g);
        boolean nested = g.bool();
        ObjectNode vs = F.objectNode();
        putIfPresent(vs, "destination", dest);
        if (nested && conns != null) {
            vs.putObject("clientside").set("totConns", conns);
        } else {
            putIfPresent(vs, "clientside.totConns", conns);
        }
        putIfPresent(vs, "tenant", tenant);
        putIfPresent(vs, "application", app);
        vs.set("profiles", profiles);
        return vs;
    }

    private static void putIfPresent(ObjectNode o, String name, JsonNode value) {
        if (value != null) {
            o.set(name, value);
        }
    }

    private static JsonNode destination(Gen g) {
        return switch (g.weighted(5, 3, 1, 1)) {
            case 0 -> F.textNode(g.of("10.5.6.7:80", "10.1.1.1%2:443", "2001:db8::1.443", "2001:db8::1%2.443",
                    "[2001:db8::1]:443", "0.0.0.0:any", "any6.any", "/Common/10.0.0.1:443", "10.1.1.1%0:443",
                    "::ffff:10.0.0.1.443", "10.1.1.1%65534:65535", "vip:443", ":", ""));
            case 1 -> F.textNode(g.string("0123456789abcdef:.%[]/any", 0, 40));
            case 2 -> anyValue(g);
            default -> null;
        };
    }

    private static JsonNode counter(Gen g) {
        return switch (g.weighted(5, 1, 1, 1, 1, 1)) {
            case 0 -> F.numberNode(g.between(0, Long.MAX_VALUE));
            case 1 -> F.numberNode(g.anyLong());
            case 2 -> F.numberNode(g.anyDouble());
            case 3 -> F.numberNode(g.of(Double.NaN, Double.NEGATIVE_INFINITY, 1e300, 3.0, -0.0));
            case 4 -> anyValue(g);
            default -> null;
        };
    }

    private static JsonNode hostname(Gen g) {
        return switch (g.weighted(16, 2, 1, 1)) {
            case 0 -> F.textNode(g.of("bigip1", "bigip1.example.com", "10.0.0.5"));
            case 1 -> F.textNode(g.string(300));
            case 2 -> anyValue(g);
            default -> null;
        };
    }

    private static JsonNode timestamp(Gen g) {
        return switch (g.weighted(4, 2, 1, 1)) {
            case 0 -> F.textNode(g.of("2026-02-01T08:12:14Z", "2019-01-01T01:01:01.123+05:30",
                    "+999999999-12-31T23:59:59Z", "1969-12-31T23:59:59Z", "2019-01-01T01:01:01"));
            case 1 -> F.textNode(g.string(70));
            case 2 -> anyValue(g);
            default -> null;
        };
    }

    private static JsonNode label(Gen g) {
        return switch (g.weighted(6, 2, 1, 1)) {
            case 0 -> F.textNode(g.of("Common", "Tenant_A", "app.app", ""));
            case 1 -> F.textNode(g.string(20));
            case 2 -> anyValue(g);
            default -> null;
        };
    }

    private static String name(Gen g) {
        return g.bool() ? g.of("/Common/vs1", "/Common/app.app/app_vs", "/T/A/serviceMain") : g.string(30);
    }

    private static String profileName(Gen g) {
        return g.bool() ? g.of("/Common/clientssl", "/Common/tcp", "/T/A/webtls", "/Common/http") : g.string(12);
    }

    private static JsonNode anyValue(Gen g) {
        return switch (g.between(0, 7)) {
            case 0 -> F.nullNode();
            case 1 -> F.booleanNode(g.bool());
            case 2 -> F.numberNode(g.anyInt());
            case 3 -> F.numberNode(BigInteger.TWO.pow(80));
            case 4 -> F.textNode(g.string(20));
            case 5 -> F.arrayNode().add(1).add("x");
            case 6 -> F.objectNode();
            default -> F.objectNode().put("name", "/Common/clientssl");
        };
    }
}
