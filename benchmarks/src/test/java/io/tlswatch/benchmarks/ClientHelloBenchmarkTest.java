package io.tlswatch.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

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
        bh.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
    }
}
