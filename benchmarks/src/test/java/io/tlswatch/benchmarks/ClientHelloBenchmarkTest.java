package io.tlswatch.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.processors.decode.wire.ClientHello;
import io.tlswatch.processors.decode.wire.Fingerprints;
import io.tlswatch.processors.decode.wire.WireDecoder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

/** The ClientHello benchmark measures what it says: every corpus entry is one whole ClientHello, and cached equals uncached. */
class ClientHelloBenchmarkTest {

    @Test
    void corpusIsWholeClientHellosAndCachingChangesNothing() throws Exception {
        assertThat(ClientHelloBenchmark.corpus()).hasSize(92);
        ClientHelloBenchmark b = new ClientHelloBenchmark();
        b.setUp(); // casts every decode result to Decoded and takes its ClientHello: all whole hellos
        List<String> uncached = b.fingerprints(false);
        assertThat(uncached).hasSize(2 * ClientHelloBenchmark.HELLOS).doesNotContainNull();
        assertThat(b.fingerprints(true)).isEqualTo(uncached);
        assertThat(b.fingerprints(true)).isEqualTo(uncached); // second pass: all cache hits

        // every benchmark method runs
        Blackhole bh = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        b.decode(bh);
        b.decodeJa3Ja4(bh);
        b.decodeJa3Ja4Uncached(bh);
        b.ja3(bh);
        b.ja4(bh);
        b.digestsOnly(bh);
        b.decodeJa3Ja4Fleet(bh);
        bh.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
    }

    /**
     * The fleet stream is what Chromium sends: the same hellos with the extensions in another order. JA4 does
     * not change, JA3 does, and the cached fingerprints still equal the uncached ones.
     */
    @Test
    void fleetStreamShufflesChromiumExtensionsOnly() {
        ClientHelloBenchmark b = new ClientHelloBenchmark();
        b.setUp();
        List<byte[]> corpus = ClientHelloBenchmark.corpus();
        WireDecoder decoder = new WireDecoder();
        Fingerprints uncached = new Fingerprints(0);
        Fingerprints cached = new Fingerprints();
        int chromium = 0;
        int newJa3 = 0;
        for (int i = 0; i < b.fleet().length; i++) {
            ClientHello original = ExtensionShuffle.hello(decoder, corpus.get(i % corpus.size()));
            String ja3 = uncached.ja3(original);
            String ja4 = uncached.ja4(original);
            List<Integer> extensions = sorted(original.extensions());
            ClientHello fleet = ExtensionShuffle.hello(decoder, b.fleet()[i]);
            assertThat(sorted(fleet.extensions())).isEqualTo(extensions);
            assertThat(fleet.serverName()).isEqualTo(original.serverName());
            assertThat(uncached.ja4(fleet)).isEqualTo(ja4);
            assertThat(cached.ja3(fleet)).isEqualTo(uncached.ja3(fleet));
            assertThat(cached.ja4(fleet)).isEqualTo(ja4);
            if (ExtensionShuffle.chromium(original)) {
                chromium++;
                newJa3 += uncached.ja3(fleet).equals(ja3) ? 0 : 1;
            } else {
                assertThat(b.fleet()[i]).isEqualTo(corpus.get(i % corpus.size()));
            }
        }
        assertThat(chromium).isPositive();
        assertThat(newJa3).isGreaterThan(chromium * 9 / 10);
    }

    private static List<Integer> sorted(int[] values) {
        return Arrays.stream(values).sorted().boxed().toList();
    }
}
