package io.tlswatch.app.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {
    @TempDir
    Path dir;

    @Test
    void createsAMissingDirectory() throws IOException {
        Path out = dir.resolve("a/b");
        OutputFiles.prepare(out, false);
        assertThat(out).isDirectory();
    }

    @Test
    void emptyFilesMayBeReplacedFilesWithDataOnlyWhenForced() throws IOException {
        Files.writeString(dir.resolve(OutputFiles.RATES), "");
        OutputFiles.prepare(dir, false);
        Files.writeString(dir.resolve(OutputFiles.ALERTS), "{}\n");
        Files.writeString(dir.resolve(OutputFiles.DLQ), "{}\n");
        assertThatThrownBy(() -> OutputFiles.prepare(dir, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alerts.jsonl, dlq.jsonl").hasMessageContaining("--force");
        OutputFiles.prepare(dir, true);
    }

    @Test
    void aFileInPlaceOfTheDirectoryIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("out"), "x");
        assertThatThrownBy(() -> OutputFiles.prepare(file, true)).hasMessageContaining("not a directory");
    }
}
