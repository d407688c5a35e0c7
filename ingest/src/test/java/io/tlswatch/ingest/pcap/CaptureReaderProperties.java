package io.tlswatch.ingest.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Arbitrary and damaged input never throws and always ends; reassembly is order-independent. */
class CaptureReaderProperties {

    private static final List<byte[]> REAL = loadReal();

    private static List<byte[]> loadReal() {
        try (var files = Files.list(RealCapturesTest.pcaps())) {
            List<byte[]> all = new ArrayList<>();
            for (Path p : files.sorted().toList()) {
                if (Files.size(p) < 300_000) {
                    all.add(Files.readAllBytes(p));
                }
            }
            return all;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static CaptureStats read(byte[] bytes) throws IOException {
        List<FlightSummary> out = new ArrayList<>();
        CaptureStats stats = CaptureReader.readFlights(new ByteArrayInputStream(bytes),
                CaptureSettings.defaults("p").withHeadBytes(4096).withMaxOpenConnections(8), out::add);
        assertThat(stats.get(CaptureStats.Counter.SUMMARIES_EMITTED)).isEqualTo(out.size());
        for (FlightSummary f : out) {
            assertThat(f.head().length).isLessThanOrEqualTo(4096);
            f.toPacketSummary();
        }
        return stats;
    }

    @Property(tries = 500)
    void arbitraryBytesNeverThrow(@ForAll @Size(max = 4096) byte[] bytes) throws IOException {
        read(bytes);
    }

    @Property(tries = 500)
    void arbitraryBytesBehindAValidMagicNeverThrow(@ForAll("magics") byte[] magic,
            @ForAll @Size(max = 4096) byte[] bytes) throws IOException {
        read(PcapWriter.concat(magic, bytes));
    }

    @Provide
    Arbitrary<byte[]> magics() {
        return Arbitraries.of(new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1},
                new byte[] {(byte) 0xa1, (byte) 0xb2, (byte) 0xc3, (byte) 0xd4},
                new byte[] {(byte) 0x4d, (byte) 0x3c, (byte) 0xb2, (byte) 0xa1},
                new byte[] {0x0a, 0x0d, 0x0d, 0x0a, 28, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a});
    }

    @Property(tries = 300)
    void truncatedRealCapturesEndCleanly(@ForAll("captureIndex") int which, @ForAll @IntRange(max = 1_000_000) int cut)
            throws IOException {
        byte[] full = REAL.get(which);
        CaptureStats stats = read(Arrays.copyOf(full, cut % (full.length + 1)));
        assertThat(stats.ending()).isNotEqualTo(CaptureStats.Ending.MALFORMED);
    }

    @Property(tries = 300)
    void corruptedRealCapturesNeverThrow(@ForAll("captureIndex") int which, @ForAll @Size(min = 1, max = 16)
            List<@IntRange(max = 1_000_000) Integer> positions, @ForAll byte value) throws IOException {
        byte[] bytes = REAL.get(which).clone();
        for (int p : positions) {
            bytes[p % bytes.length] ^= value == 0 ? 1 : value;
        }
        read(bytes);
    }

    @Provide
    Arbitrary<Integer> captureIndex() {
        return Arbitraries.integers().between(0, REAL.size() - 1);
    }

    @Property(tries = 200)
    void segmentsInAnyOrderReassembleTheSameHead(@ForAll @IntRange(min = 1, max = 3000) int length,
            @ForAll("cuts") List<Integer> cuts, @ForAll long seed) throws IOException {
        byte[] hello = PcapWriter.clientHello(length);
        int[] bounds = cuts.stream().mapToInt(c -> c % hello.length).filter(c -> c > 0).sorted().distinct().toArray();
        List<byte[]> frames = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= bounds.length; i++) {
            int to = i < bounds.length ? bounds[i] : hello.length;
            frames.add(PcapWriter.ethernet(PcapWriter.ipv4Tcp("10.0.0.1", 40000, "10.0.0.2", 443, 101 + from, 0x18,
                    Arrays.copyOfRange(hello, from, to))));
            from = to;
        }
        java.util.Collections.shuffle(frames, new java.util.Random(seed));
        PcapWriter w = new PcapWriter(PcapWriter.ETHERNET);
        w.add(0, PcapWriter.ethernet(PcapWriter.ipv4Tcp("10.0.0.1", 40000, "10.0.0.2", 443, 100, TcpSegment.SYN,
                new byte[0])));
        frames.forEach(f -> w.add(1, f));
        List<FlightSummary> out = new ArrayList<>();
        CaptureReader.readFlights(new ByteArrayInputStream(w.pcap()), CaptureSettings.defaults("p"), out::add);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).head()).isEqualTo(hello);
        assertThat(out.get(0).bytes()).isEqualTo(hello.length);
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(1, 100_000).list().ofMaxSize(20);
    }
}
