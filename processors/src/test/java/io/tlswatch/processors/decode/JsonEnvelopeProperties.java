package io.tlswatch.processors.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.testing.property.Gen;
import io.tlswatch.schemas.testing.property.PropertyCheck;
import io.tlswatch.schemas.testing.property.Shrink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hand-written JSON pass agrees with Jackson, the parser it replaces on the hot path: same documents
 * accepted, same {@code data} and {@code hostname} values, on valid documents and on their mutations.
 */
class JsonEnvelopeProperties {

    private static final List<String> DOCUMENTS = List.of(
            "{\"data\":\"Feb  1 08:00:00 bigip-01 warning tmm[1]: 01260013:4: SSL Handshake failed for TCP 10.0.0.1:5 -> 10.0.0.2:443\",\"hostname\":\"bigip-01.example.net\",\"telemetryEventCategory\":\"syslog\"}",
            "{ \"hostname\" : \"h\\u00e9\\\"x\" , \"data\" : \"tmm[1]: 01260008:3: a\\tb\\n\\\\ \\/ \\ud83d\\ude00\", \"n\": [1, -0.5e+10, true, false, null, {\"a\": []}] }",
            "{\"system\":{\"hostname\":\"b\",\"version\":\"17.1.0\"},\"virtualServers\":{\"/Common/vs\":{\"destination\":\"10.0.0.1:443\",\"clientside.totConns\":12}},\"telemetryEventCategory\":\"systemInfo\"}",
            "{\"data\":\"caf\u00e9 \u2603\",\"data\":\"second wins\",\"x\":{\"data\":\"nested is not the wrapper\"}}",
            "{}");

    @Test
    void readsTheWrapperFieldsOfEachSample() throws IOException {
        for (String doc : DOCUMENTS) {
            assertAgreesWithJackson(doc.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void agreesWithJacksonOnMutatedDocuments() {
        PropertyCheck.forAll(3000, JsonEnvelopeProperties::mutated, Shrink.bytes(),
                JsonEnvelopeProperties::assertAgreesWithJackson);
    }

    @Test
    void boundsNestingAndNumbers() {
        String deep = "{\"a\":" + "[".repeat(63) + "]".repeat(63) + "}";
        assertThat(JsonEnvelope.scan(bytes(deep), 0, deep.length()).error()).isNull();
        String tooDeep = "{\"a\":" + "[".repeat(64) + "]".repeat(64) + "}";
        assertThat(JsonEnvelope.scan(bytes(tooDeep), 0, tooDeep.length()).error()).startsWith("nesting deeper than 64");
        String longNumber = "{\"a\":" + "1".repeat(101) + "}";
        assertThat(JsonEnvelope.scan(bytes(longNumber), 0, longNumber.length()).error())
                .isEqualTo("number longer than 100 characters at byte 5");
    }

    @Test
    void saysWhereTheSyntaxBreaks() {
        String truncated = "{\"data\":\"abc";
        assertThat(JsonEnvelope.scan(bytes(truncated), 0, truncated.length()).error())
                .isEqualTo("unexpected end of input at byte 12");
        String trailing = "{} x";
        assertThat(JsonEnvelope.scan(bytes(trailing), 0, trailing.length()).error())
                .isEqualTo("trailing content after the object at byte 3");
        String array = "[1]";
        assertThat(JsonEnvelope.scan(bytes(array), 0, array.length()).error()).isEqualTo("not a JSON object at byte 0");
    }

    private static void assertAgreesWithJackson(byte[] doc) throws IOException {
        String[] expected = jackson(doc);
        JsonEnvelope e = JsonEnvelope.scan(doc, 0, doc.length);
        if (expected == null) {
            assertThat(e.error()).as("Jackson rejects %s", new String(doc, StandardCharsets.UTF_8)).isNotNull();
            return;
        }
        assertThat(e.error()).as("Jackson accepts %s", new String(doc, StandardCharsets.UTF_8)).isNull();
        String data = !e.hasData() ? null
                : e.dataEscaped() ? new String(JsonEnvelope.unescape(doc, e.dataStart(), e.dataEnd()), StandardCharsets.UTF_8)
                : new String(doc, e.dataStart(), e.dataEnd() - e.dataStart(), StandardCharsets.UTF_8);
        // the wrapped line is read as UTF-8 bytes: a lone surrogate escape becomes '?' on both sides
        assertThat(data).isEqualTo(expected[0] == null ? null : utf8RoundTrip(expected[0]));
        assertThat(e.hostname()).isEqualTo(expected[1] == null ? null : utf8RoundTrip(expected[1]));
    }

    /** {data, hostname} as Jackson reads them (last one wins), or null when Jackson rejects the document. */
    private static String[] jackson(byte[] doc) {
        String data = null;
        String host = null;
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(doc)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING && "data".equals(field)) {
                    data = parser.getText();
                } else if (value == JsonToken.VALUE_STRING && "hostname".equals(field)) {
                    host = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        return new String[] {data, host};
    }

    /** A sample document with up to 3 bytes cut at one place and up to 3 JSON-significant bytes put there. */
    private static byte[] mutated(Gen g) {
        byte[] doc = bytes(g.of(DOCUMENTS));
        int at = g.between(0, doc.length);
        int cut = g.between(0, 3);
        List<Byte> inserted = g.list(0, 3, x -> x.of((byte) '"', (byte) '\\', (byte) '{', (byte) '}', (byte) '[',
                (byte) ']', (byte) ':', (byte) ',', (byte) '0', (byte) '-', (byte) 'e', (byte) '.', (byte) 'u',
                (byte) 'n', (byte) ' ', (byte) 0x01, (byte) 0xc3, (byte) 0xa9, (byte) 0xff));
        int removed = Math.min(cut, doc.length - at);
        byte[] out = new byte[doc.length - removed + inserted.size()];
        System.arraycopy(doc, 0, out, 0, at);
        for (int k = 0; k < inserted.size(); k++) {
            out[at + k] = inserted.get(k);
        }
        System.arraycopy(doc, at + removed, out, at + inserted.size(), doc.length - at - removed);
        return out;
    }

    private static String utf8RoundTrip(String s) {
        return new String(bytes(s), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
