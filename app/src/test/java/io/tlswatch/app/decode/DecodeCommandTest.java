package io.tlswatch.app.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlswatch.app.testing.CommandRun;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodeCommandTest {
    @TempDir
    Path dir;

    private final CommandRun cli = new CommandRun();

    private int run(String... args) {
        return cli.run(args);
    }

    /** The real lines of shared/data as a plain log file, as an operator would have it. */
    private Path realLog() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String json : Files.readAllLines(SharedData.f5("real-lines.jsonl"))) {
            lines.add(Json.MAPPER.readTree(json).get("line").asText());
        }
        return Files.write(dir.resolve("ltm"), lines);
    }

    @Test
    void printsOneJsonObjectPerSslLineAndCountsTheRest() throws IOException {
        Path log = realLog();
        Files.write(dir.resolve("bad"), new byte[] {'t', 'm', 'm', (byte) 0xff, '\n', '\n', 0x01, 0x02, '\n'});
        assertThat(run("decode", "--year", "2021", log.toString(), dir.resolve("bad").toString())).isZero();

        List<JsonNode> events = new ArrayList<>();
        for (String line : cli.out().split("\n")) {
            events.add(Json.MAPPER.readTree(line));
        }
        assertThat(events).hasSize(16);
        events.forEach(e -> io.tlswatch.schemas.testing.SchemaAssertions.assertValid(
                io.tlswatch.schemas.Schema.HANDSHAKE_EVENT, e));
        assertThat(events).allSatisfy(e -> assertThat(e.path("msgid").asText("").startsWith("0126")
                || e.get("kind").asText().startsWith("IRULE_")).isTrue());
        JsonNode ldaps = events.stream().filter(e -> "01260026".equals(e.path("msgid").asText())).findFirst().orElseThrow();
        assertThat(ldaps.get("server_ip").asText()).isEqualTo("192.168.20.230");
        assertThat(ldaps.get("server_port").asInt()).isEqualTo(636);
        assertThat(ldaps.get("timestamp_ms").asLong()).isEqualTo(java.time.Instant.parse("2021-02-01T08:12:14Z").toEpochMilli());
        assertThat(cli.err().strip())
                .isEqualTo("decoded 16, dropped 32 (not TLS), rejected 2 (not_utf8 1, control_characters 1)");
    }

    @Test
    void textFormatIsATable() throws IOException {
        assertThat(run("decode", "--format", "text", realLog().toString())).isZero();
        List<String> rows = List.of(cli.out().split("\n"));
        assertThat(rows.get(0)).startsWith("TIME").contains("CLASS", "CLIENT -> SERVER");
        assertThat(rows).hasSize(17);
        assertThat(rows).anySatisfy(r -> assertThat(r).contains("irule_cipher_negotiated", "198.18.73.4 -> /Common/test-site",
                "ECDHE-RSA-AES256-GCM-SHA384"));
        assertThat(rows).anySatisfy(r -> assertThat(r).contains("no_shared_cipher", "192.168.99.86:32962 -> 192.168.20.230:636"));
        assertThat(rows).anySatisfy(r -> assertThat(r).contains("inappropriate_fallback", "[sent alert 86]"));
    }

    @Test
    void netskopeExportsAreRecognisedByTheirHeader() {
        Path csv = SharedData.root().resolve("netskope").resolve("sumologic-docs_netskope-webtx-streaming_sample_csv.txt");
        assertThat(run("decode", csv.toString())).isZero();
        List<String> rows = cli.out().lines().toList();
        // one row, two TLS connections (client to proxy, proxy to origin)
        assertThat(rows).hasSize(2).allSatisfy(r -> assertThat(r).contains("\"source\":\"netskope\"", "\"kind\":\"PROXY_TLS\""));
        assertThat(cli.err()).contains("decoded 2,");
    }

    @Test
    void aPrettyPrintedPollerDocumentIsOneRecord() {
        Path poller = SharedData.f5("ts-system-poller-output.json");
        assertThat(run("decode", poller.toString())).isZero();
        assertThat(cli.out()).contains("\"name\":\"/Common/app.app/app_vs\"", "\"total_connections\":0");
        assertThat(cli.err().strip()).isEqualTo("decoded 1, dropped 0 (not TLS), rejected 0");
    }

    @Test
    void readsStandardInputWithDash() {
        java.io.InputStream saved = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(
                    "tmm[1]: 01260008:3: SSL transaction (TPS) rate limit reached\nnot a tls line\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(run("decode", "-")).isZero();
        } finally {
            System.setIn(saved);
        }
        assertThat(cli.out()).contains("\"error_class\":\"tps_limit\"");
        assertThat(cli.err()).contains("decoded 1, dropped 1 (not TLS), rejected 0");
    }

    @Test
    void aMissingFileIsAClearErrorNotAStackTrace() {
        assertThat(run("decode", dir.resolve("nope.log").toString())).isEqualTo(1);
        assertThat(cli.err()).startsWith("tlswatch: cannot read " + dir.resolve("nope.log") + ": no such file")
                .doesNotContain("Exception");
    }

    @Test
    void aBadOptionIsAUsageError() {
        assertThat(run("decode", "--format", "yaml")).isEqualTo(2);
        assertThat(cli.err()).contains("--format");
    }

    @Test
    void readsRotatedGzipFilesLikeAnalyze() throws IOException {
        Path log = realLog();
        Path gz = dir.resolve("ltm.1.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(log));
        }
        CommandRun plain = new CommandRun();
        assertThat(plain.run("decode", log.toString())).as(plain.err()).isZero();
        assertThat(run("decode", gz.toString())).as(cli.err()).isZero();
        // lines without a year-bearing stamp take the clock: compare all but the times
        String stampless = "\"timestamp_ms\":\\d+";
        assertThat(cli.out()).isNotEmpty();
        assertThat(cli.out().replaceAll(stampless, "")).isEqualTo(plain.out().replaceAll(stampless, ""));
        assertThat(cli.err()).isEqualTo(plain.err());
    }

    @Test
    void aDirectoryOrAMissingFileIsOneLineNamingThePath() throws IOException {
        assertThat(run("decode", dir.toString())).isEqualTo(1);
        assertThat(cli.err()).contains("cannot read " + dir + ": a directory");
        Path missing = dir.resolve("ltm.9");
        assertThat(run("decode", missing.toString())).isEqualTo(1);
        assertThat(cli.err()).contains("cannot read " + missing + ": no such file");
        Path notGzip = Files.writeString(dir.resolve("ltm.2.gz"), "not gzip\n");
        assertThat(run("decode", notGzip.toString())).isEqualTo(1);
        assertThat(cli.err()).contains("cannot read " + notGzip + ": not gzip");
    }
}
