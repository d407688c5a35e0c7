package io.tlswatch.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.app.testing.CommandRun;
import io.tlswatch.app.testing.KafkaCluster;
import io.tlswatch.app.testing.TopicReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code tlswatch ingest file} as a user types it, on a real broker: plain and gzip files, in order, paced. */
class IngestFileIT {
    @RegisterExtension
    static final KafkaCluster KAFKA = KafkaCluster.create();

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private static List<String> lines(String host, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(String.format("Feb  1 10:00:%02d %s warning tmm1[1]: 01260013:4: SSL Handshake failed for TCP "
                    + "10.0.0.%d:4433 -> 10.1.1.10:443", i, host, i));
        }
        return out;
    }

    @Test
    void plainAndGzipFilesAreWrittenInOrderOneLinePerRecord() throws Exception {
        String topic = KAFKA.uniqueName("file-it");
        KAFKA.createTopics(1, topic);
        Path rotated = dir.resolve("ltm.1.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(rotated))) {
            out.write((String.join("\n", lines("old", 30)) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        // a byte-order mark, CRLF endings and a blank line, as a file saved on Windows might have
        Path current = Files.writeString(dir.resolve("ltm"), "\uFEFF" + String.join("\r\n", lines("new", 20)) + "\r\n\r\n");

        CommandRun run = new CommandRun();
        int exit = run.run("ingest", "file", "--bootstrap-server", KAFKA.bootstrapServers(), "--topic", topic,
                rotated.toString(), current.toString());
        assertThat(exit).as(run.err()).isZero();
        assertThat(run.err()).contains("50 lines from 2 file(s) written to " + topic + " (50 acknowledged)");

        List<String> expected = new ArrayList<>(lines("old", 30));
        expected.addAll(lines("new", 20));
        try (TopicReader<String, String> reader = new TopicReader<>(KAFKA, topic, new StringDeserializer(),
                new StringDeserializer())) {
            List<ConsumerRecord<String, String>> got = reader.awaitEnd(WAIT);
            assertThat(got).extracting(ConsumerRecord::value).containsExactlyElementsOf(expected);
            assertThat(got).allSatisfy(r -> assertThat(r.key()).isNull());
        }
    }

    @Test
    void speedFollowsTheLinesOwnPace() throws Exception {
        String topic = KAFKA.uniqueName("file-paced");
        KAFKA.createTopics(1, topic);
        // 20 lines a second apart: 19 s of log, at 10x about 1.9 s
        Path log = Files.writeString(dir.resolve("paced.log"), String.join("\n", lines("paced", 20)) + "\n");
        CommandRun run = new CommandRun();
        int exit = run.run("ingest", "file", "--bootstrap-server", KAFKA.bootstrapServers(), "--topic", topic,
                "--speed", "10x", log.toString());
        assertThat(exit).as(run.err()).isZero();
        try (TopicReader<String, String> reader = new TopicReader<>(KAFKA, topic, new StringDeserializer(),
                new StringDeserializer())) {
            List<ConsumerRecord<String, String>> got = reader.awaitEnd(WAIT);
            assertThat(got).hasSize(20);
            long spread = got.get(19).timestamp() - got.get(0).timestamp();
            // paced (not all at once) and clearly faster than the stamps' own 19 s; the upper bound is loose on
            // purpose: a loaded CI machine stretched it to 4.6 s once, and wall-clock bounds belong to benchmarks
            assertThat(spread).as("record times spread like the stamps, ten times faster").isBetween(1_800L, 12_000L);
        }
    }

    @Test
    void aMissingFileIsAUsageErrorBeforeKafkaIsAsked() {
        CommandRun run = new CommandRun();
        long start = System.nanoTime();
        assertThat(run.run("ingest", "file", "--bootstrap-server", "127.0.0.1:1", dir.resolve("nope.log").toString()))
                .isEqualTo(2);
        assertThat(run.err()).startsWith("tlswatch: cannot read " + dir.resolve("nope.log") + ": no such file");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void aGzFileThatIsNotGzipIsOneLine() throws Exception {
        String topic = KAFKA.uniqueName("file-bad");
        KAFKA.createTopics(1, topic);
        Path fake = Files.writeString(dir.resolve("fake.gz"), "plain text\n");
        CommandRun run = new CommandRun();
        assertThat(run.run("ingest", "file", "--bootstrap-server", KAFKA.bootstrapServers(), "--topic", topic,
                fake.toString())).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("tlswatch: cannot read " + fake + ": not gzip (Not in GZIP format)");
    }
}
