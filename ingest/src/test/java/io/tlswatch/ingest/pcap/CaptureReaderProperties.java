package io.tlswatch.ingest.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.schemas.testing.property.PropertyCheck;
import io.tlswatch.schemas.testing.property.Shrink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

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

    @Test
    void arbitraryBytesNeverThrow() {
        PropertyCheck.forAll(500, g -> g.bytes(4096), Shrink.bytes(), CaptureReaderProperties::read);
    }

    record Behind(byte[] magic, byte[] bytes) {}

    @Test
    void arbitraryBytesBehindAValidMagicNeverThrow() {
        PropertyCheck.forAll(500, g -> new Behind(g.of(MAGICS), g.bytes(4096)),
                Shrink.bytes().on(Behind::bytes, (b, bytes) -> new Behind(b.magic(), bytes)),
                in -> read(PcapWriter.concat(in.magic(), in.bytes())));
    }

    /** Little- and big-endian pcap, nanosecond pcap, and a pcapng section header block. */
    private static final List<byte[]> MAGICS = List.of(
            new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1},
            new byte[] {(byte) 0xa1, (byte) 0xb2, (byte) 0xc3, (byte) 0xd4},
            new byte[] {(byte) 0x4d, (byte) 0x3c, (byte) 0xb2, (byte) 0xa1},
            new byte[] {0x0a, 0x0d, 0x0d, 0x0a, 28, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a});

    record Cut(int capture, int length) {}

    @Test
    void truncatedRealCapturesEndCleanly() {
        PropertyCheck.forAll(300, g -> {
            int which = g.between(0, REAL.size() - 1);
            return new Cut(which, g.between(0, REAL.get(which).length));
        }, in -> {
            CaptureStats stats = read(Arrays.copyOf(REAL.get(in.capture()), in.length()));
            assertThat(stats.ending()).isNotEqualTo(CaptureStats.Ending.MALFORMED);
        });
    }

    record Corruption(int capture, List<Integer> positions, byte xor) {}

    @Test
    void corruptedRealCapturesNeverThrow() {
        PropertyCheck.forAll(300, g -> {
            int which = g.between(0, REAL.size() - 1);
            int last = REAL.get(which).length - 1;
            byte xor = g.anyByte();
            return new Corruption(which, g.list(1, 16, x -> x.between(0, last)), xor == 0 ? 1 : xor);
        }, Shrink.<Integer>list().on(Corruption::positions, (c, p) -> new Corruption(c.capture(), p, c.xor())), in -> {
            byte[] bytes = REAL.get(in.capture()).clone();
            for (int p : in.positions()) {
                bytes[p] ^= in.xor();
            }
            read(bytes);
        });
    }

    record Segments(int length, List<Integer> cuts, long shuffleSeed) {}

    @Test
    void segmentsInAnyOrderReassembleTheSameHead() {
        PropertyCheck.forAll(200, g -> new Segments(g.between(1, 3000), g.list(0, 20, x -> x.between(1, 100_000)),
                g.anyLong()), in -> {
            byte[] hello = PcapWriter.clientHello(in.length());
            int[] bounds = in.cuts().stream().mapToInt(c -> c % hello.length).filter(c -> c > 0).sorted().distinct()
                    .toArray();
            List<byte[]> frames = new ArrayList<>();
            int from = 0;
            for (int i = 0; i <= bounds.length; i++) {
                int to = i < bounds.length ? bounds[i] : hello.length;
                frames.add(PcapWriter.ethernet(PcapWriter.ipv4Tcp("10.0.0.1", 40000, "10.0.0.2", 443, 101 + from, 0x18,
                        Arrays.copyOfRange(hello, from, to))));
                from = to;
            }
            Collections.shuffle(frames, new Random(in.shuffleSeed()));
            PcapWriter w = new PcapWriter(PcapWriter.ETHERNET);
            w.add(0, PcapWriter.ethernet(PcapWriter.ipv4Tcp("10.0.0.1", 40000, "10.0.0.2", 443, 100, TcpSegment.SYN,
                    new byte[0])));
            frames.forEach(f -> w.add(1, f));
            List<FlightSummary> out = new ArrayList<>();
            CaptureReader.readFlights(new ByteArrayInputStream(w.pcap()), CaptureSettings.defaults("p"), out::add);
            assertThat(out).hasSize(1);
            assertThat(out.get(0).head()).isEqualTo(hello);
            assertThat(out.get(0).bytes()).isEqualTo(hello.length);
        });
    }
}
