package io.tlswatch.processors.decode.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.schemas.testing.SharedData;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** QUIC Initial decoding never throws: arbitrary datagrams, long headers of version 1, mutated real Initials. */
class QuicInitialDecoderProperties {
    private static final byte[] REAL_INITIAL = PcapStreams.readUdp(SharedData.root().resolve("tls/pcap/quic-tls-handshake.pcapng"))
            .get(0).datagrams().get(0).payload();
    private final QuicInitialDecoder decoder = new QuicInitialDecoder();

    @Property(tries = 1000)
    void arbitraryDatagramsNeverThrow(@ForAll @Size(max = 4) List<@Size(max = 1500) byte[]> datagrams, @ForAll boolean fromClient) {
        assertSane(decoder.decode(datagrams.toArray(byte[][]::new), fromClient, fromClient ? null : new byte[8]));
    }

    @Property(tries = 1000)
    void version1LongHeadersNeverThrow(@ForAll @Size(min = 7, max = 1500) byte[] d, @ForAll @IntRange(min = 0, max = 20) int dcidLength) {
        d[0] = (byte) (0xc0 | (d[0] & 0x3f));
        d[1] = 0;
        d[2] = 0;
        d[3] = 0;
        d[4] = 1;
        d[5] = (byte) dcidLength;
        assertSane(decoder.decode(new byte[][] {d}, true, null));
    }

    @Property(tries = 300)
    void mutatedRealInitialsNeverThrow(@ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 1_000_000) Integer> positions,
            @ForAll @Size(min = 4, max = 4) byte[] values) {
        byte[] d = REAL_INITIAL.clone();
        for (int i = 0; i < positions.size(); i++) {
            d[positions.get(i) % d.length] = values[i];
        }
        assertSane(decoder.decode(new byte[][] {d}, true, null));
    }

    @Property(tries = 50)
    void realInitialDecodes(@ForAll boolean unused) {
        WireDecodeResult r = decoder.decode(new byte[][] {REAL_INITIAL}, true, null);
        assertThat(r).isInstanceOf(WireDecodeResult.Decoded.class);
        assertThat(((WireDecodeResult.Decoded) r).facts().clientHello().serverName()).isEqualTo("www.google.com");
    }

    private static void assertSane(WireDecodeResult r) {
        assertThat(r).isNotNull();
        if (r instanceof WireDecodeResult.Incomplete i) {
            assertThat(i.needBytes()).isPositive();
        } else if (r instanceof WireDecodeResult.Malformed m) {
            assertThat(m.offset()).isNotNegative();
        }
    }
}
