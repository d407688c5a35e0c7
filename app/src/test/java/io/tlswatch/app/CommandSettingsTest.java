package io.tlswatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class CommandSettingsTest {
    @Command(name = "probe-settings")
    static final class Nothing implements Runnable {
        @Override
        public void run() {}
    }

    @Test
    void aKafkaKeyKafkaDoesNotKnowIsSaidOnceWithWhatWasMeant(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tlswatch.properties");
        Files.writeString(file, "kafka.bootstrap.servers=b:9092\nkafka.num.stream.thread=1\nkafka.linger.ms=5\n");
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Nothing()).setErr(new PrintWriter(err));

        CommandSettings.load(file, cli);

        assertThat(err.toString()).isEqualTo("tlswatch: warning: kafka.num.stream.thread is not a Kafka setting (did"
                + " you mean kafka.num.stream.threads?); passed on, but Kafka ignores what it does not know"
                + System.lineSeparator());
    }
}
