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
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
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
import org.openjdk.jmh.infra.Blackhole;

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
    /** Hellos of the fleet stream: the corpus again and again, Chromium hellos with a new extension order each time. */
    public static final int FLEET = 8192;

    private byte[][] hellos;
    private ClientHello[] decoded;
    private final WireDecoder decoder = new WireDecoder();
    private final Fingerprints fingerprints = new Fingerprints();
    private final Fingerprints uncached = new Fingerprints(0);
    private final MessageDigest md5 = digest("MD5");
    private final MessageDigest sha256 = digest("SHA-256");
    private final byte[] digest = new byte[32];
    private byte[][] ja3Inputs;
    private byte[][] ja4CipherInputs;
    private byte[][] ja4ExtensionInputs;
    private byte[][] fleet;
    private final Fingerprints fleetFingerprints = new Fingerprints();

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
        ja3Inputs = new byte[HELLOS][];
        ja4CipherInputs = new byte[HELLOS][];
        ja4ExtensionInputs = new byte[HELLOS][];
        for (int i = 0; i < HELLOS; i++) {
            ja3Inputs[i] = uncached.ja3String(decoded[i]).getBytes(StandardCharsets.ISO_8859_1);
            // JA4_r: a_b_c[_d]; SHA-256 inputs are b and "c[_d]"
            String[] raw = uncached.ja4r(decoded[i], false).split("_", 3);
            ja4CipherInputs[i] = raw[1].getBytes(StandardCharsets.ISO_8859_1);
            ja4ExtensionInputs[i] = raw[2].getBytes(StandardCharsets.ISO_8859_1);
        }
        Random random = new Random(42);
        fleet = new byte[FLEET][];
        int chromium = 0;
        for (int i = 0; i < FLEET; i++) {
            byte[] head = corpus.get(i % corpus.size());
            ClientHello hello = ExtensionShuffle.hello(decoder, head);
            boolean shuffles = ExtensionShuffle.chromium(hello);
            fleet[i] = shuffles ? ExtensionShuffle.shuffled(head, hello, random) : head;
            chromium += shuffles && i < corpus.size() ? 1 : 0;
        }
        System.out.println();
        System.out.println("corpus: " + corpus.size() + " ClientHellos, mean " + bytes / HELLOS + " bytes; "
                + chromium + " of them Chromium (new extension order per connection in the fleet stream)");
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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

    /** Decode only: the facts go to the Blackhole. */
    @Benchmark
    @OperationsPerInvocation(HELLOS)
    public void decode(Blackhole bh) {
        for (byte[] hello : hellos) {
            bh.consume(decoder.decode(hello));
        }
    }

    /** Decode, JA3 and JA4 without the memo caches: every hello pays MD5 and two SHA-256 (the honest figure). */
    @Benchmark
    @OperationsPerInvocation(HELLOS)
    public void decodeJa3Ja4Uncached(Blackhole bh) {
        decodeAndFingerprint(uncached, bh);
    }

    /**
     * Decode, JA3 and JA4 with the memo caches (the default): the corpus' 92 hellos all fit, so after the
     * first pass every fingerprint is a verified cache hit. Real traffic sits between this and the uncached
     * case.
     */
    @Benchmark
    @OperationsPerInvocation(HELLOS)
    public void decodeJa3Ja4(Blackhole bh) {
        decodeAndFingerprint(fingerprints, bh);
    }

    /**
     * Decode, JA3 and JA4 with the memo caches over a realistic stream: {@value #FLEET} connections cycling
     * through the corpus, where every Chromium hello comes with a new extension order (as Chrome has done since
     * version 110), so its JA3 is new each time and misses the cache while its JA4 hits; the other stacks
     * repeat themselves exactly.
     */
    @Benchmark
    @OperationsPerInvocation(FLEET)
    public void decodeJa3Ja4Fleet(Blackhole bh) {
        decodeAndFingerprint(fleetFingerprints, fleet, bh);
    }

    private void decodeAndFingerprint(Fingerprints f, Blackhole bh) {
        decodeAndFingerprint(f, hellos, bh);
    }

    private void decodeAndFingerprint(Fingerprints f, byte[][] heads, Blackhole bh) {
        for (byte[] hello : heads) {
            if (decoder.decode(hello) instanceof WireDecodeResult.Decoded d) {
                ClientHello ch = d.facts().clientHello();
                bh.consume(f.ja3(ch));
                bh.consume(f.ja4(ch));
            }
        }
    }

    /** JA3 alone (uncached), on decoded hellos. */
    @Benchmark
    @OperationsPerInvocation(HELLOS)
    public void ja3(Blackhole bh) {
        for (ClientHello ch : decoded) {
            bh.consume(uncached.ja3(ch));
        }
    }

    /** JA4 alone (uncached), on decoded hellos. */
    @Benchmark
    @OperationsPerInvocation(HELLOS)
    public void ja4(Blackhole bh) {
        for (ClientHello ch : decoded) {
            bh.consume(uncached.ja4(ch));
        }
    }

    /**
     * The floor under an uncached fingerprint: only the JDK digests (one MD5, two SHA-256) over each hello's
     * exact JA3 string and JA4 hash inputs, prepared in {@code @Setup}. Whatever {@code ja3} + {@code ja4} cost
     * above this is ours.
     */
    @Benchmark
    @OperationsPerInvocation(HELLOS)
    public void digestsOnly(Blackhole bh) throws DigestException {
        for (int i = 0; i < HELLOS; i++) {
            md5.update(ja3Inputs[i]);
            md5.digest(digest, 0, 16);
            bh.consume(digest[0]);
            sha256.update(ja4CipherInputs[i]);
            sha256.digest(digest, 0, 32);
            bh.consume(digest[0]);
            sha256.update(ja4ExtensionInputs[i]);
            sha256.digest(digest, 0, 32);
            bh.consume(digest[0]);
        }
    }

    /** The fleet stream's heads (for the test). */
    byte[][] fleet() {
        return fleet;
    }

    /** Both fingerprints of every hello of one invocation, in order (for the test: cached equals uncached). */
    List<String> fingerprints(boolean cached) {
        Fingerprints f = cached ? fingerprints : uncached;
        List<String> out = new ArrayList<>();
        for (byte[] hello : hellos) {
            ClientHello ch = ((WireDecodeResult.Decoded) decoder.decode(hello)).facts().clientHello();
            out.add(f.ja3(ch));
            out.add(f.ja4(ch));
        }
        return out;
    }
}
