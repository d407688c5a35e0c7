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
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.Size;

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

    @Property(tries = 400)
    void randomPollerDocumentsNeverThrowAndProduceValidRecords(@ForAll("pollers") ObjectNode doc) {
        LogDecodeResult r = check(doc);

        boolean records = r instanceof LogDecodeResult.Telemetry
                && !((LogDecodeResult.Telemetry) r).virtualServers().isEmpty()
                && !((LogDecodeResult.Telemetry) r).samples().isEmpty();
        Statistics.label("result").collect(r instanceof LogDecodeResult.Rejected
                ? "Rejected: " + ((LogDecodeResult.Rejected) r).detail() : r.getClass().getSimpleName());
        Statistics.label("records").collect(records);
        // the generator must reach the interesting path, not only the rejections
        Statistics.label("records").coverage(c -> c.check(true).percentage(p -> p > 15));
    }

    @Property(tries = 400)
    void everyPrefixOfAPollerDocumentThatStillParsesIsAnswered(@ForAll("pollers") ObjectNode doc)
            throws JsonProcessingException {
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
    }

    @Property(tries = 500)
    void arbitraryTextThatParsesAsJsonNeverThrows(@ForAll @Size(max = 400) byte[] bytes) {
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(new String(bytes, StandardCharsets.ISO_8859_1));
        } catch (JsonProcessingException e) {
            return;
        }
        check(parsed);
    }

    @Provide
    Arbitrary<ObjectNode> pollers() {
        Arbitrary<JsonNode> system = Combinators.combine(hostnames(), timestamps()).as((h, ts) -> {
            ObjectNode s = F.objectNode();
            if (h != null) {
                s.set("hostname", h);
            }
            if (ts != null) {
                s.set("systemTimestamp", ts);
            }
            return (JsonNode) s;
        });
        Arbitrary<JsonNode> systems = Arbitraries.<JsonNode>frequencyOf(
                w(19, system), w(1, anyValue()));
        Arbitrary<Map<String, JsonNode>> vsMap = Arbitraries.maps(names(), Arbitraries.<JsonNode>frequencyOf(
                w(9, virtualServer()), w(1, anyValue()))).ofMinSize(1).ofMaxSize(12);
        Arbitrary<JsonNode> virtualServers = Arbitraries.<JsonNode>frequencyOf(
                w(19, vsMap.map(TelemetryDecoderProperties::object)), w(1, anyValue()));
        Arbitrary<Map<String, JsonNode>> sslMap = Arbitraries.maps(profileNames(),
                profileNames().map(n -> (JsonNode) F.objectNode().put("name", n).put("handshakeFailures", 1)))
                .ofMaxSize(4);
        Arbitrary<JsonNode> clientSsl = Arbitraries.<JsonNode>frequencyOf(
                w(9, sslMap.map(TelemetryDecoderProperties::object)), w(1, anyValue()));
        Arbitrary<String> category = Arbitraries.<String>frequencyOf(
                w(8, Arbitraries.just("systemInfo")), w(1, Arbitraries.just((String) null)),
                w(1, Arbitraries.of("LTM", "syslog", "foo", "")));
        return Combinators.combine(systems, virtualServers, clientSsl, category).as((s, vs, ssl, cat) -> {
            ObjectNode doc = F.objectNode();
            doc.set("system", s);
            doc.set("virtualServers", vs);
            doc.set("clientSslProfiles", ssl);
            if (cat != null) {
                doc.put("telemetryEventCategory", cat);
            }
            return doc;
        });
    }

    private static JsonNode object(Map<String, JsonNode> fields) {
        ObjectNode o = F.objectNode();
        fields.forEach(o::set);
        return o;
    }

    Arbitrary<JsonNode> virtualServer() {
        Arbitrary<Map<String, JsonNode>> profiles = Arbitraries.maps(profileNames(),
                profileNames().map(n -> (JsonNode) F.objectNode().put("name", n))).ofMaxSize(4);
        return Combinators.combine(destinations(), counters(), labels(), labels(),
                Arbitraries.<JsonNode>frequencyOf(w(8, profiles.map(TelemetryDecoderProperties::object)),
                        w(2, anyValue())),
                Arbitraries.of(true, false)).as((dest, conns, tenant, app, profs, nested) -> {
                    ObjectNode vs = F.objectNode();
                    putIfPresent(vs, "destination", dest);
                    if (nested && conns != null) {
                        vs.putObject("clientside").set("totConns", conns);
                    } else {
                        putIfPresent(vs, "clientside.totConns", conns);
                    }
                    putIfPresent(vs, "tenant", tenant);
                    putIfPresent(vs, "application", app);
                    vs.set("profiles", profs);
                    return (JsonNode) vs;
                });
    }

    private static void putIfPresent(ObjectNode o, String name, JsonNode value) {
        if (value != null) {
            o.set(name, value);
        }
    }

    Arbitrary<JsonNode> destinations() {
        Arbitrary<String> tricky = Arbitraries.of("10.5.6.7:80", "10.1.1.1%2:443", "2001:db8::1.443",
                "2001:db8::1%2.443", "[2001:db8::1]:443", "0.0.0.0:any", "any6.any", "/Common/10.0.0.1:443",
                "10.1.1.1%0:443", "::ffff:10.0.0.1.443", "10.1.1.1%65534:65535", "vip:443", ":", "");
        Arbitrary<String> random = Arbitraries.strings().withChars("0123456789abcdef:.%[]/any").ofMaxLength(40);
        return Arbitraries.<JsonNode>frequencyOf(
                w(5, tricky.map(F::textNode)), w(3, random.map(F::textNode)),
                w(1, anyValue()), w(1, Arbitraries.just((JsonNode) null)));
    }

    Arbitrary<JsonNode> counters() {
        return Arbitraries.<JsonNode>frequencyOf(
                w(5, Arbitraries.longs().between(0, Long.MAX_VALUE).map(v -> F.numberNode((long) v))),
                w(1, Arbitraries.longs().map(v -> F.numberNode((long) v))),
                w(1, Arbitraries.doubles().map(v -> F.numberNode((double) v))),
                w(1, Arbitraries.of(Double.NaN, Double.NEGATIVE_INFINITY, 1e300, 3.0, -0.0).map(v -> F.numberNode((double) v))),
                w(1, anyValue()), w(1, Arbitraries.just((JsonNode) null)));
    }

    Arbitrary<JsonNode> hostnames() {
        return Arbitraries.<JsonNode>frequencyOf(
                w(16, Arbitraries.of("bigip1", "bigip1.example.com", "10.0.0.5").map(F::textNode)),
                w(2, Arbitraries.strings().ofMaxLength(300).map(F::textNode)),
                w(1, anyValue()), w(1, Arbitraries.just((JsonNode) null)));
    }

    Arbitrary<JsonNode> timestamps() {
        return Arbitraries.<JsonNode>frequencyOf(
                w(4, Arbitraries.of("2026-02-01T08:12:14Z", "2019-01-01T01:01:01.123+05:30",
                        "+999999999-12-31T23:59:59Z", "1969-12-31T23:59:59Z", "2019-01-01T01:01:01").map(F::textNode)),
                w(2, Arbitraries.strings().ofMaxLength(70).map(F::textNode)),
                w(1, anyValue()), w(1, Arbitraries.just((JsonNode) null)));
    }

    Arbitrary<JsonNode> labels() {
        return Arbitraries.<JsonNode>frequencyOf(
                w(6, Arbitraries.of("Common", "Tenant_A", "app.app", "").map(F::textNode)),
                w(2, Arbitraries.strings().ofMaxLength(20).map(F::textNode)),
                w(1, anyValue()), w(1, Arbitraries.just((JsonNode) null)));
    }

    Arbitrary<String> names() {
        return Arbitraries.oneOf(Arbitraries.of("/Common/vs1", "/Common/app.app/app_vs", "/T/A/serviceMain"),
                Arbitraries.strings().ofMaxLength(30));
    }

    Arbitrary<String> profileNames() {
        return Arbitraries.oneOf(Arbitraries.of("/Common/clientssl", "/Common/tcp", "/T/A/webtls", "/Common/http"),
                Arbitraries.strings().ofMaxLength(12));
    }

    Arbitrary<JsonNode> anyValue() {
        return Arbitraries.oneOf(
                Arbitraries.just((JsonNode) F.nullNode()),
                Arbitraries.of(true, false).map(b -> (JsonNode) F.booleanNode(b)),
                Arbitraries.integers().map(v -> (JsonNode) F.numberNode((int) v)),
                Arbitraries.just((JsonNode) F.numberNode(BigInteger.TWO.pow(80))),
                Arbitraries.strings().ofMaxLength(20).map(F::textNode),
                Arbitraries.just((JsonNode) F.arrayNode().add(1).add("x")),
                Arbitraries.just((JsonNode) F.objectNode()),
                Arbitraries.just((JsonNode) F.objectNode().put("name", "/Common/clientssl")));
    }

    /** A weighted choice for {@code Arbitraries.frequencyOf}. */
    private static <T> Tuple.Tuple2<Integer, Arbitrary<? extends T>> w(int weight, Arbitrary<? extends T> a) {
        return Tuple.of(weight, a);
    }
}
