package io.tlswatch.schemas;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertInvalid;
import static io.tlswatch.schemas.testing.SchemaAssertions.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlswatch.schemas.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Telemetry-Streaming envelope on f5.logs, against the public TS samples in {@code shared/data/f5}. */
class F5LogsTsSchemaTest {
    private static final String LINE =
            "<132>Feb  1 08:12:14 pua-bigip warning tmm[9244]: 01260013:4: SSL Handshake failed for TCP 192.168.99.86:32962 -> 192.168.20.230:636";

    @Test
    void aSyslogLineWrappedByTsIsValid() {
        ObjectNode doc = Json.MAPPER.createObjectNode()
                .put("data", LINE)
                .put("hostname", "pua-bigip.example.com")
                .put("telemetryEventCategory", "syslog")
                .put("originalRawData", LINE);

        assertValid(Schema.F5_LOGS_TS, doc);
    }

    @Test
    void aSyslogEventNeedsItsLine() {
        ObjectNode doc = Json.MAPPER.createObjectNode()
                .put("hostname", "pua-bigip.example.com")
                .put("telemetryEventCategory", "syslog");

        assertThat(assertInvalid(Schema.F5_LOGS_TS, doc)).anyMatch(m -> m.contains("data"));
    }

    @Test
    void theCategoryIsRequiredAndDataIsText() {
        assertThat(assertInvalid(Schema.F5_LOGS_TS, Json.MAPPER.createObjectNode().put("data", LINE)))
                .anyMatch(m -> m.contains("telemetryEventCategory"));
        ObjectNode numeric = Json.MAPPER.createObjectNode().put("telemetryEventCategory", "syslog").put("data", 42);
        assertThat(assertInvalid(Schema.F5_LOGS_TS, numeric)).anyMatch(m -> m.contains("data"));
    }

    @Test
    void aRawLineQuotedAsAJsonStringIsNotAnEnvelope() throws IOException {
        assertInvalid(Schema.F5_LOGS_TS, Json.MAPPER.writeValueAsString(LINE));
    }

    @Test
    void theTsLtmRequestLogSampleIsValid() throws IOException {
        assertValid(Schema.F5_LOGS_TS, Files.readString(sample("ts-ltm-request-log.json")));
    }

    @Test
    void theTsSystemPollerSampleIsValid() throws IOException {
        assertValid(Schema.F5_LOGS_TS, Files.readString(sample("ts-system-poller-output.json")));
    }

    @Test
    void pollerCountersAreNonNegativeIntegers() throws IOException {
        ObjectNode doc = (ObjectNode) Json.MAPPER.readTree(Files.readString(sample("ts-system-poller-output.json")));
        ((ObjectNode) doc.path("clientSslProfiles").path("/Common/clientssl")).put("handshakeFailures", -1);

        assertThat(assertInvalid(Schema.F5_LOGS_TS, doc)).anyMatch(m -> m.contains("handshakeFailures"));
    }

    private static Path sample(String name) {
        Path file = SharedData.f5(name);
        // the shared data is part of the test input: missing data is a failure, not a skip
        assertThat(file).as("shared F5 sample").isRegularFile();
        return file;
    }
}
