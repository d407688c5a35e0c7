package io.tlswatch.app.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlswatch.ingest.pcap.CaptureSettings;
import io.tlswatch.processors.decode.LogDecoder;
import io.tlswatch.schemas.PacketSummary;
import io.tlswatch.schemas.testing.SharedData;
import io.tlswatch.ingest.pcap.CaptureReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two kinds of input file of an analysis, read one record at a time. */
class TimedSourcesTest {
    private static final long NOW = Instant.parse("2026-03-10T12:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    private final List<String> sent = new ArrayList<>();

    @Test
    void aGzippedLogGivesItsLinesInOrderWithTheirTimes() throws IOException {
        Path file = dir.resolve("ltm.1.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(String.join("\n",
                    "tmm1[1]: 01260013:4: SSL Handshake failed for TCP 10.1.1.1:5000 -> 10.1.1.2:443",
                    "",
                    "Mar  1 10:00:00 bigip-a warning tmm1[1]: 01260013:4: SSL Handshake failed for TCP 10.1.1.1:5001 -> 10.1.1.2:443",
                    "Mar  1 10:00:07 bigip-a notice mcpd[2]: 01070638:5: Pool /Common/web member /Common/web1:80 monitor status down.",
                    "Mar  1 10:00:09 bigip-a warning tmm1[1]: 01260013:4: SSL Handshake failed for TCP 10.1.1.1:5002 -> 10.1.1.2:443")
                    .getBytes(StandardCharsets.UTF_8));
        }
        long ten = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();
        try (LogFileSource source = new LogFileSource(file, new LogDecoder(ZoneOffset.UTC, () -> NOW, "unknown", 2026),
                () -> NOW, (line, timeMs) -> sent.add(new String(line, StandardCharsets.UTF_8).substring(0, 4) + "@" + timeMs))) {
            List<Long> times = new ArrayList<>();
            for (TimedSource.Timed t = source.next(); t != null; t = source.next()) {
                times.add(t.timeMs());
                t.send().run();
            }
            // the header-stripped first line waits for the first timed one; the audit line borrows its neighbour's
            // time; the blank line is skipped
            assertThat(times).containsExactly(ten, ten, ten, ten + 9_000);
            assertThat(sent).containsExactly("tmm1@" + ten, "Mar @" + ten, "Mar @" + ten, "Mar @" + (ten + 9_000));
            assertThat(source.next()).isNull();
        }
    }

    @Test
    void aTruncatedGzipGivesTheLinesBeforeTheBreakThenFails() throws IOException {
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(whole)) {
            for (int i = 0; i < 2000; i++) {
                out.write(("tmm1[1]: 01260013:4: SSL Handshake failed for TCP 10.1.1.1:" + (1000 + i)
                        + " -> 10.1.1.2:443\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] bytes = whole.toByteArray();
        Path file = Files.write(dir.resolve("ltm.3.gz"), java.util.Arrays.copyOf(bytes, bytes.length - 40));
        List<TimedSource.Timed> got = new ArrayList<>();
        try (LogFileSource source = new LogFileSource(file, new LogDecoder(ZoneOffset.UTC, () -> NOW, "unknown", 2026),
                () -> NOW, (line, timeMs) -> { })) {
            // no line has a time of its own: they waited for one, and go out with the clock's when the file breaks
            assertThatThrownBy(() -> {
                for (TimedSource.Timed t = source.next(); t != null; t = source.next()) {
                    got.add(t);
                }
            }).isInstanceOf(IOException.class);
        }
        assertThat(got).hasSizeGreaterThan(1000).allSatisfy(t -> assertThat(t.timeMs()).isEqualTo(NOW));
    }

    @Test
    void aLogThatIsNotGzipSaysSoWhenOpened() throws IOException {
        Path file = Files.writeString(dir.resolve("ltm.2.gz"), "plain text\n");
        assertThatThrownBy(() -> new LogFileSource(file, new LogDecoder(ZoneOffset.UTC, () -> NOW, "unknown", 2026),
                () -> NOW, (line, timeMs) -> { })).isInstanceOf(IOException.class).hasMessageContaining("GZIP");
    }

    @Test
    void aCaptureGivesItsSummariesAtTheTimeOfTheirPackets() throws IOException {
        Path pcap = SharedData.root().resolve("tls/pcap/g08-tls12-alert45-cert-expired.pcap");
        List<PacketSummary> got = new ArrayList<>();
        // the real clock: a capture stamped after "now" would be stamped now (the broker refuses the future)
        try (CaptureSource source = new CaptureSource(pcap, CaptureSettings.defaults("bigip-it"),
                System::currentTimeMillis, () -> false, (summary, timeMs) -> got.add(summary))) {
            int n = 0;
            for (TimedSource.Timed t = source.next(); t != null; t = source.next()) {
                t.send().run();
                assertThat(t.timeMs()).isEqualTo(got.get(n++).firstSeenMs());
            }
            assertThat(source.next()).isNull();
        }
        assertThat(got).isNotEmpty().allSatisfy(s -> assertThat(s.observer()).isEqualTo("bigip-it"));
    }

    @Test
    void aFileThatIsNotACaptureFailsAtItsFirstRecord() throws IOException {
        Path notPcap = Files.writeString(dir.resolve("notes.txt"), "this is not a capture, but long enough to read a header\n");
        try (CaptureSource source = new CaptureSource(notPcap, CaptureSettings.defaults("x"), () -> NOW, () -> false,
                (s, t) -> { })) {
            assertThatThrownBy(source::next).isInstanceOf(IOException.class)
                    .hasMessage("not a pcap or pcapng capture (unknown magic number)");
            assertThat(source.next()).isNull();
        }
    }

    /** The reader waits for a full queue to drain, then still delivers the end: nothing lost, no hang. */
    @Test
    void aSlowTimelineGetsEverySummaryAndTheEnd() throws Exception {
        Path pcap = SharedData.root().resolve("tls/pcap/g17-tls13-hello-retry-request.pcap");
        List<PacketSummary> all = new ArrayList<>();
        try (InputStream in = Files.newInputStream(pcap)) {
            CaptureReader.read(in, CaptureSettings.defaults("x"), all::add);
        }
        assertThat(all).hasSizeGreaterThan(1);
        List<PacketSummary> got = new ArrayList<>();
        try (CaptureSource source = new CaptureSource("g17", Files.newInputStream(pcap), 1,
                CaptureSettings.defaults("x"), System::currentTimeMillis, () -> false, (s, t) -> got.add(s))) {
            for (TimedSource.Timed t = next(source); t != null; t = next(source)) {
                t.send().run();
            }
        }
        assertThat(got).hasSameSizeAs(all);
    }

    private static TimedSource.Timed next(TimedSource source) throws Exception {
        Thread.sleep(50); // the reader is ahead: its queue of one is full
        return source.next();
    }

    @Test
    void aReaderThatDiesIsAFailureOfItsFileNotAHang() {
        InputStream dying = new InputStream() {
            @Override
            public int read() {
                throw new Error("boom");
            }
        };
        CaptureSource source = new CaptureSource("dying", dying, 4, CaptureSettings.defaults("x"), () -> NOW,
                () -> false, (s, t) -> { });
        assertThatThrownBy(source::next).isInstanceOf(IOException.class)
                .hasMessageContaining("the capture reader failed").hasMessageContaining("boom");
    }

    @Test
    void stopAndCloseEndAWaitForACaptureThatDoesNotCome() throws Exception {
        PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream pipe = new PipedInputStream(writer);
        writer.write(new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1}); // pcap magic, then nothing
        AtomicBoolean stop = new AtomicBoolean();
        CaptureSource source = new CaptureSource("live", pipe, 4, CaptureSettings.defaults("x"), () -> NOW,
                stop::get, (s, t) -> { });
        long before = readerThreads();
        assertThat(before).isPositive();

        stop.set(true); // Ctrl-C: the timeline stops waiting within a check interval
        long started = System.nanoTime();
        assertThat(source.next()).isNull();
        assertThat(System.nanoTime() - started).isLessThan(5_000_000_000L);

        source.close(); // and the reader thread, blocked on the pipe, ends
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (readerThreads() >= before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(readerThreads()).isEqualTo(before - 1);
        writer.close();
    }

    private static long readerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(CaptureSource.THREAD_NAME) && t.isAlive()).count();
    }
}
