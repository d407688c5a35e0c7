package io.tlswatch.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.app.testing.CommandRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tlswatch ingest pcap} without a broker: exit codes and messages; the Kafka path is in IngestPcapIT. */
class IngestPcapCommandTest {
    @TempDir
    Path dir;

    private final CommandRun cli = new CommandRun();

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void aFileThatIsNotACaptureExitsWithOneWithoutTouchingKafka() throws IOException {
        Path notPcap = Files.writeString(dir.resolve("ltm"), "Feb  1 08:12:14 bigip warning tmm[1]: not a capture\n");
        // port 1: nothing listens; the command must not need Kafka to say the file is not a capture
        assertThat(run("ingest", "pcap", "--bootstrap-server", "127.0.0.1:1", notPcap.toString())).isEqualTo(1);
        assertThat(cli.err()).contains("not a pcap or pcapng capture");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run("ingest", "pcap")).isEqualTo(2);
        assertThat(cli.err()).contains("FILE|-");
        assertThat(run("ingest", "pcap", "--bootstrap-server", "b:9092", "--head-bytes", "-1", "x.pcap")).isEqualTo(2);
        assertThat(run("ingest", "pcap", "--bootstrap-server", "b:9092", dir.resolve("missing.pcap").toString()))
                .isEqualTo(2);
        assertThat(cli.err()).contains("cannot read capture");
        assertThat(run("ingest")).isEqualTo(2);
        assertThat(cli.err()).contains("missing subcommand");
    }

    @Test
    void helpListsTheOptions() {
        assertThat(run("ingest", "pcap", "--help")).isZero();
        assertThat(cli.out()).contains("--topic", "--bootstrap-server", "--observer", "--head-bytes", "--config",
                "tcpdump");
    }

    @Test
    void progressLineSaysHowFarTheReadIs() {
        String line = IngestPcapCommand.progressLine(50L << 20, 200L << 20, 1_000, 990, 2_000_000_000L);
        assertThat(line).isEqualTo("ingest pcap: read 50.0 MiB of 200.0 MiB (25%), 1000 summaries sent "
                + "(990 acknowledged), 25.0 MiB/s, 500 summaries/s");
        assertThat(IngestPcapCommand.progressLine(1L << 20, -1, 0, 0, 1_000_000_000L)).contains("read 1.0 MiB,");
    }
}
