package io.tlswatch.benchmarks;

import io.tlswatch.processors.decode.wire.ClientHello;
import io.tlswatch.processors.decode.wire.Fingerprints;
import io.tlswatch.processors.decode.wire.WireDecodeResult;
import io.tlswatch.processors.decode.wire.WireDecoder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The wire decoder on real ClientHellos: decode alone, and decode + JA3 + JA4 (the goal of the decoder issue:
 * at least 1 million ClientHellos per second per core with both fingerprints).
 *
 * <p>The corpus is {@code clienthellos.hex}: the {@value #HELLOS} operations of an invocation cycle through its
 * 92 distinct ClientHellos (browsers with GREASE, ECH and post-quantum key shares up to 1.9 KB, OpenSSL,
 * curl, Python; some behind PROXY v1/v2), exported from the shared captures by the processors test
 * {@code ClientHelloCorpusExport}. One reusable {@link WireDecoder} and {@link Fingerprints} per thread, as
 * the decode step uses them.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar ClientHelloBenchmark -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ClientHelloBenchmark {
    /** Operations per invocation: hellos decoded per call, cycling through the corpus. */
    public static final int HELLOS = 1024;

    private byte[][] hellos;
    private ClientHello[] decoded;
    private final WireDecoder decoder = new WireDecoder();
    private final Fingerprints fingerprints = new Fingerprints();
    private final Fingerprints uncached = new Fingerprints(0);

    @Setup
    public void setUp() {
        List<byte[]> corpus = corpus();
        hellos = new byte[HELLOS][];
        long bytes = 0;
        for (int i = 0; i < HELLOS; i++) {
            hellos[i] = corpus.get(i % corpus.size());
            bytes += hellos[i].length;
        }
        decoded = new ClientHello[HELLOS];
        for (int i = 0; i < HELLOS; i++) {
            decoded[i] = ((WireDecodeResult.Decoded) decoder.decode(hellos[i])).facts().clientHello();
        }
        System.out.println();
        System.out.println("corpus: " + corpus.size() + " ClientHellos, mean " + bytes / HELLOS + " bytes");
    }

    static List<byte[]> corpus() {
        List<byte[]> out = new ArrayList<>();
        try (InputStream in = ClientHelloBenchmark.class.getResourceAsStream("/clienthellos.hex")) {
            if (in == null) {
                throw new IllegalStateException("clienthellos.hex is missing");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    out.add(HexFormat.of().parseHex(line.strip()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Decode only: the number of cipher suites seen, as a checksum. */
    @Benchmark
    @OperationsPerInvocation(HELLOS)
    public long decode() {
        long checksum = 0;
        for (byte[] hello : hellos) {
            if (decoder.decode(hello) instanceof WireDecodeResult.Decoded d) {
                checksum += d.facts().clientHello().cipherSuites().length;
            }
        }
        return checksum;
    }

    /** Decode, JA3 and JA4 without the memo caches: every hello pays MD5 and two SHA-256. */
    @Benchmark
    @OperationsPerInvocation(HELLOS)
    public long decodeJa3Ja4Uncached() {
        long checksum = 0;
        for (byte[] hello : hellos) {
            if (decoder.decode(hello) instanceof WireDecodeResult.Decoded d) {
                ClientHello ch = d.facts().clientHello();
                checksum += uncached.ja3(ch).hashCode() + uncached.ja4(ch).hashCode();
            }
        }
        return checksum;
    }

    /** JA3 alone (uncached), on decoded hellos. */
    @Benchmark
    @OperationsPerInvocation(HELLOS)
    public long ja3() {
        long checksum = 0;
        for (ClientHello ch : decoded) {
            checksum += uncached.ja3(ch).hashCode();
        }
        return checksum;
    }

    /** JA4 alone (uncached), on decoded hellos. */
    @Benchmark
    @OperationsPerInvocation(HELLOS)
    public long ja4() {
        long checksum = 0;
        for (ClientHello ch : decoded) {
            checksum += uncached.ja4(ch).hashCode();
        }
        return checksum;
    }

    /**
     * Decode, JA3 and JA4 with the memo caches (the default): the corpus' 92 hellos all fit, so after the
     * first pass every fingerprint is a verified cache hit. Real traffic sits between this and the uncached
     * case. Checksum: the hash codes of both fingerprints.
     */
    @Benchmark
    @OperationsPerInvocation(HELLOS)
    public long decodeJa3Ja4() {
        long checksum = 0;
        for (byte[] hello : hellos) {
            if (decoder.decode(hello) instanceof WireDecodeResult.Decoded d) {
                ClientHello ch = d.facts().clientHello();
                checksum += fingerprints.ja3(ch).hashCode() + fingerprints.ja4(ch).hashCode();
            }
        }
        return checksum;
    }
}
