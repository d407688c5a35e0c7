package io.tlswatch.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The record key of {@code ingest file}: a Netskope export's lines share one, F5 lines have none. */
class IngestFileCommandTest {
    private final IngestFileCommand command = new IngestFileCommand();

    IngestFileCommandTest() {
        new CommandLine(command); // injects the spec the usage errors name
    }

    @Test
    void theNetskopeTopicKeysByFileNameAndOtherTopicsNotAtAll() {
        UnaryOperator<String> netskope = command.keyOf(null, true);
        assertThat(netskope.apply("/var/exports/2026-02-06/webtx.csv")).isEqualTo("webtx.csv");
        assertThat(netskope.apply("webtx.csv.gz")).isEqualTo("webtx.csv.gz");
        assertThat(netskope.apply("-")).isEqualTo("stdin");
        assertThat(command.keyOf(null, false).apply("/var/log/ltm")).isNull();
    }

    @Test
    void theKeyCanBeChosen() {
        assertThat(command.keyOf("none", true).apply("webtx.csv")).isNull();
        assertThat(command.keyOf("file", false).apply("/var/log/ltm.1.gz")).isEqualTo("ltm.1.gz");
        assertThat(command.keyOf("text:tenant-a/stream-1", true).apply("x.csv")).isEqualTo("tenant-a/stream-1");
        assertThatThrownBy(() -> command.keyOf("text:", true)).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--key: none, file or text:VALUE");
        assertThatThrownBy(() -> command.keyOf("filename", true)).isInstanceOf(CommandLine.ParameterException.class);
    }
}
