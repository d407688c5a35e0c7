package io.tlswatch.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The ClientHello benchmark measures what it says: every corpus entry is one whole ClientHello, and cached equals uncached. */
class ClientHelloBenchmarkTest {

    @Test
    void corpusIsWholeClientHellosAndCachingChangesNothing() {
        assertThat(ClientHelloBenchmark.corpus()).hasSize(92);
        ClientHelloBenchmark b = new ClientHelloBenchmark();
        b.setUp();
        assertThat(b.decode()).isGreaterThan(ClientHelloBenchmark.HELLOS); // every hello decoded, with ciphers
        assertThat(b.decodeJa3Ja4()).isEqualTo(b.decodeJa3Ja4Uncached());
        assertThat(b.decodeJa3Ja4()).isEqualTo(b.decodeJa3Ja4()); // second pass: all cache hits
    }
}
