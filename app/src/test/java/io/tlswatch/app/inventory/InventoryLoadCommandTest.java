package io.tlswatch.app.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.app.testing.CommandRun;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.VirtualServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tlswatch inventory load --dry-run}: what would be written, problems, exit codes; no Kafka. */
class InventoryLoadCommandTest {
    @TempDir
    Path dir;

    @Test
    void dryRunPrintsKeysAndRecordsAndReportsBadRows() throws Exception {
        Path csv = dir.resolve("vips.csv");
        Files.writeString(csv, "address,observer,owner\n10.0.0.1%2:443,bigip-01,\"ops, night\"\n10.0.0.2,bigip-01,x\n");
        CommandRun cli = new CommandRun();
        assertThat(cli.run("inventory", "load", "--dry-run", csv.toString())).isEqualTo(1);
        String[] out = cli.out().strip().split("\n");
        assertThat(out).hasSize(1);
        assertThat(out[0]).startsWith("bigip-01/10.0.0.1%2:443#csv\t");
        VirtualServer vs = Json.MAPPER.readValue(out[0].substring(out[0].indexOf('\t') + 1), VirtualServer.class);
        assertThat(vs.owner()).isEqualTo("ops, night");
        assertThat(vs.source()).isEqualTo("csv");
        assertThat(cli.err()).contains("line 3: address '10.0.0.2' has no :port (address)")
                .contains("1 virtual servers would be written to tlswatch.inventory, 1 bad rows skipped (dry run)");

        assertThat(new CommandRun().run("inventory", "load", "--dry-run", "--skip-bad", csv.toString())).isEqualTo(0);
    }

    @Test
    void theExampleLoadsCleanly() {
        CommandRun cli = new CommandRun();
        assertThat(cli.run("inventory", "load", "--dry-run", Path.of("..", "config", "vips.example.csv").toString()))
                .as(cli.err()).isEqualTo(0);
        assertThat(cli.out().strip().split("\n")).hasSize(4);
    }

    @Test
    void usageErrors() {
        CommandRun cli = new CommandRun();
        assertThat(cli.run("inventory", "load", dir.resolve("missing.csv").toString())).isEqualTo(2);
        assertThat(cli.err()).contains("cannot read CSV file");
        assertThat(new CommandRun().run("inventory")).isEqualTo(2);
    }
}
