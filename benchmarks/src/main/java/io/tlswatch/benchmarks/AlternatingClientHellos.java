package io.tlswatch.benchmarks;

import io.tlswatch.processors.decode.wire.ClientHello;
import io.tlswatch.processors.decode.wire.Fingerprints;
import io.tlswatch.processors.decode.wire.WireDecodeResult;
import io.tlswatch.processors.decode.wire.WireDecoder;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Two (or more) builds of the wire decoder side by side in one JVM, alternating 100 ms slices, so that both
 * see the same machine. This 2-core VM switches between a fast and a slow phase every few seconds (about
 * 1.7× apart, the same code): JMH runs made one after the other disagree by more than most code changes,
 * while slices that alternate do not. Each processors jar gets its own class loader, so each build is
 * compiled and profiled on its own.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.tlswatch.benchmarks.AlternatingClientHellos MODE SECONDS JAR...
 * </pre>
 *
 * MODE: {@code uncached} (decode + JA3 + JA4 without caches), {@code fleet} (the same with the caches over
 * {@link ClientHelloBenchmark}'s fleet stream), {@code decode}, {@code ja3}, {@code ja4}. Prints the median
 * and the 90th percentile of the slices' hellos per second for each jar; the first 2 s of each are warm-up.
 */
public final class AlternatingClientHellos {
    private static final long SLICE_NANOS = 100_000_000L;
    private static final int WARMUP_SLICES = 20;

    private AlternatingClientHellos() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: AlternatingClientHellos uncached|fleet|decode|ja3|ja4 SECONDS PROCESSORS_JAR...");
            System.exit(2);
        }
        String mode = args[0];
        long seconds = Long.parseLong(args[1]);
        long least = 2 * (long) WARMUP_SLICES * SLICE_NANOS * (args.length - 2) / 1_000_000_000L;
        if (seconds <= least) {
            System.err.println("give more than " + least + " seconds: the first " + WARMUP_SLICES
                    + " slices of each jar are warm-up");
            System.exit(2);
        }
        URL self = AlternatingClientHellos.class.getProtectionDomain().getCodeSource().getLocation();
        List<ToLongFunction<String>> runs = new ArrayList<>();
        List<List<Double>> rates = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            Path jar = Path.of(args[i]);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("no such jar: " + jar);
            }
            // the jar first: its classes win over the copies shaded into the benchmarks jar
            ClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL(), self},
                    ClassLoader.getPlatformClassLoader());
            @SuppressWarnings("unchecked")
            ToLongFunction<String> run = (ToLongFunction<String>) loader.loadClass(Corpus.class.getName())
                    .getConstructor().newInstance();
            runs.add(run);
            rates.add(new ArrayList<>());
        }
        long sink = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        for (int slice = 0; System.nanoTime() < end; slice++) {
            for (int i = 0; i < runs.size(); i++) {
                long start = System.nanoTime();
                long hellos = 0;
                while (System.nanoTime() - start < SLICE_NANOS) {
                    long pass = runs.get(i).applyAsLong(mode);
                    hellos += pass >>> 32;
                    sink += pass;
                }
                if (slice >= WARMUP_SLICES) {
                    rates.get(i).add(hellos / ((System.nanoTime() - start) / 1e9));
                }
            }
        }
        for (int i = 0; i < runs.size(); i++) {
            List<Double> r = rates.get(i);
            Collections.sort(r);
            System.out.printf(Locale.ROOT, "%-8s %-60s median %.3f M/s  p90 %.3f M/s  (%d slices)%n", mode, args[i + 2],
                    r.get(r.size() / 2) / 1e6, r.get(r.size() * 9 / 10) / 1e6, r.size());
        }
        System.out.println(sink == 42 ? "" : "done");
    }

    /** One build's decoder and fingerprints over the corpus; loaded once per jar. */
    public static final class Corpus implements ToLongFunction<String> {
        private final byte[][] hellos;
        private final byte[][] fleet;
        private final ClientHello[] decoded;
        private final WireDecoder decoder = new WireDecoder();
        private final Fingerprints uncached = new Fingerprints(0);
        private final Fingerprints cached = new Fingerprints();

        public Corpus() {
            ClientHelloBenchmark benchmark = new ClientHelloBenchmark();
            benchmark.setUp();
            hellos = ClientHelloBenchmark.corpus().toArray(new byte[0][]);
            fleet = benchmark.fleet();
            decoded = new ClientHello[hellos.length];
            for (int i = 0; i < hellos.length; i++) {
                decoded[i] = ExtensionShuffle.hello(decoder, hellos[i]);
            }
        }

        /** One pass in {@code mode}: the hellos done in the high 32 bits, a checksum in the low ones. */
        @Override
        public long applyAsLong(String mode) {
            long sum = 0;
            int n;
            switch (mode) {
                case "uncached" -> {
                    n = hellos.length;
                    for (byte[] head : hellos) {
                        sum += fingerprint(uncached, head);
                    }
                }
                case "fleet" -> {
                    n = fleet.length;
                    for (byte[] head : fleet) {
                        sum += fingerprint(cached, head);
                    }
                }
                case "decode" -> {
                    n = hellos.length;
                    for (byte[] head : hellos) {
                        sum += decoder.decode(head) instanceof WireDecodeResult.Decoded d ? d.facts().bytesRead() : 0;
                    }
                }
                case "ja3" -> {
                    n = decoded.length;
                    for (ClientHello hello : decoded) {
                        sum += uncached.ja3(hello).charAt(0);
                    }
                }
                case "ja4" -> {
                    n = decoded.length;
                    for (ClientHello hello : decoded) {
                        sum += uncached.ja4(hello).charAt(20);
                    }
                }
                default -> throw new IllegalArgumentException("unknown mode: " + mode);
            }
            return (long) n << 32 | (sum & 0xffffffffL);
        }

        private long fingerprint(Fingerprints f, byte[] head) {
            if (decoder.decode(head) instanceof WireDecodeResult.Decoded d) {
                ClientHello hello = d.facts().clientHello();
                return f.ja3(hello).charAt(0) + f.ja4(hello).charAt(20);
            }
            return 0;
        }
    }
}
