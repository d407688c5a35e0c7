package io.tlswatch.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFilesTest {

    private static final String SSL = "Feb  1 08:12:14 pua-bigip warning tmm[9244]: 01260013:4: "
            + "SSL Handshake failed for TCP 192.168.99.86:32962 -> 192.168.20.230:636";
    private static final String AUDIT = "Jan 17 03:35:04 SV5-F5-5600-2.splunk.com info audit_forwarder[16218]: "
            + "audit_forwarder started.";

    @TempDir
    Path dir;

    @Test
    void skipsBlankLinesAndHandlesCrlf() throws IOException {
        Path file = dir.resolve("ltm");
        Files.writeString(file, "\n" + SSL + "\r\n   \r\n\t\n" + AUDIT + "\n\n", StandardCharsets.UTF_8);
        try (Stream<String> lines = LogFiles.lines(file)) {
            assertThat(lines).containsExactly(SSL, AUDIT);
        }
    }

    @Test
    void replacesMalformedUtf8InsteadOfFailing() throws IOException {
        Path file = dir.resolve("ltm");
        byte[] bad = {'u', 's', 'e', 'r', '=', (byte) 0xC3, '(', ' ', (byte) 0xFF, 'x', '\n'};
        byte[] good = ("caf\u00e9\n" + AUDIT + "\n").getBytes(StandardCharsets.UTF_8);
        Files.write(file, concat(bad, good));
        try (Stream<String> lines = LogFiles.lines(file)) {
            assertThat(lines).containsExactly("user=\uFFFD( \uFFFDx", "caf\u00e9", AUDIT);
        }
    }

    @Test
    void dropsALeadingByteOrderMarkOnly() {
        byte[] bytes = ("\uFEFF" + SSL + "\n\uFEFFsecond\n").getBytes(StandardCharsets.UTF_8);
        try (Stream<String> lines = LogFiles.lines(new ByteArrayInputStream(bytes))) {
            assertThat(lines).containsExactly(SSL, "\uFEFFsecond");
        }
    }

    @Test
    void decompressesRotatedGzipFiles() throws IOException {
        Path file = dir.resolve("ltm.1.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((SSL + "\n\n" + AUDIT + "\n").getBytes(StandardCharsets.UTF_8));
        }
        try (Stream<String> lines = LogFiles.lines(file)) {
            assertThat(lines).containsExactly(SSL, AUDIT);
        }
    }

    @Test
    void readsSeveralSourcesInOrderIncludingStdin() throws IOException {
        Path first = dir.resolve("a.log");
        Path second = dir.resolve("b.log");
        Files.writeString(first, "one\ntwo\n");
        Files.writeString(second, "four\n");
        InputStream original = System.in;
        AtomicBoolean stdinClosed = new AtomicBoolean();
        try {
            System.setIn(new ByteArrayInputStream("three\n\n".getBytes(StandardCharsets.UTF_8)) {
                @Override
                public void close() {
                    stdinClosed.set(true);
                }
            });
            try (Stream<String> lines = LogFiles.lines(List.of(first.toString(), LogFiles.STDIN, second.toString()))) {
                assertThat(lines).containsExactly("one", "two", "three", "four");
            }
        } finally {
            System.setIn(original);
        }
        assertThat(stdinClosed).as("stdin must stay open").isFalse();
    }

    @Test
    void closingTheStreamClosesTheInput() {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream in = new ByteArrayInputStream("x\n".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        try (Stream<String> lines = LogFiles.lines(in)) {
            assertThat(lines.count()).isEqualTo(1);
        }
        assertThat(closed).isTrue();
    }

    @Test
    void aMissingFileIsAnError() {
        Path missing = dir.resolve("missing.log");
        assertThatThrownBy(() -> LogFiles.lines(missing)).isInstanceOf(IOException.class);
        try (Stream<String> lines = LogFiles.lines(List.of(missing.toString()))) {
            assertThatThrownBy(lines::toList).isInstanceOf(UncheckedIOException.class);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(a, 0, a.length);
        out.write(b, 0, b.length);
        return out.toByteArray();
    }
}
