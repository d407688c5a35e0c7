package io.tlswatch.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.app.testing.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifyCommandTest {
    @TempDir
    Path dir;

    @Test
    void helpShowsExamplesAndExitCodes() {
        CommandRun run = new CommandRun();
        assertThat(run.run("notify", "--help")).isZero();
        assertThat(run.out()).contains("tlswatch notify --config tlswatch.properties --dry-run --from-beginning")
                .contains("notify.pagerduty.routing.<route>").contains("Exit codes: 0");
        assertThat(new CommandRun().run("--help")).isZero();
    }

    @Test
    void aBadSettingIsAUsageErrorNamingTheKey() throws Exception {
        Path config = Files.writeString(dir.resolve("t.properties"),
                "kafka.bootstrap.servers=127.0.0.1:1\nnotify.alertmanager.url=am.example:9093\n");
        CommandRun run = new CommandRun();
        assertThat(run.run("notify", "--config", config.toString())).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("notify.alertmanager.url: not an http or https URL: 'am.example:9093'");
    }

    @Test
    void aBadDurationIsAUsageErrorNamingTheKey() throws Exception {
        Path config = Files.writeString(dir.resolve("t.properties"),
                "notify.alertmanager.url=http://am:9093\nnotify.alertmanager.resend=often\n");
        CommandRun run = new CommandRun();
        assertThat(run.run("notify", "--config", config.toString(), "-b", "127.0.0.1:1")).isEqualTo(2);
        assertThat(run.err()).contains("notify.alertmanager.resend: not a duration: 'often'");
    }

    @Test
    void noTargetIsAUsageError() {
        CommandRun run = new CommandRun();
        assertThat(run.run("notify", "-b", "127.0.0.1:1")).isEqualTo(2);
        assertThat(run.err()).contains("nothing to deliver to: set notify.pagerduty.routing.default");
    }

    @Test
    void noKafkaIsAUsageError() throws Exception {
        Path config = Files.writeString(dir.resolve("t.properties"), "notify.pagerduty.routing.default=K\n");
        CommandRun run = new CommandRun();
        assertThat(run.run("notify", "--config", config.toString())).isEqualTo(2);
        assertThat(run.err()).contains("no Kafka");
    }
}
