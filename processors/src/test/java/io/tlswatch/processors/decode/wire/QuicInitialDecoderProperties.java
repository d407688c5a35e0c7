package io.tlswatch.processors.decode.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.schemas.testing.SharedData;
import io.tlswatch.schemas.testing.property.PropertyCheck;
import io.tlswatch.schemas.testing.property.Shrink;
import java.util.List;
import org.junit.jupiter.api.Test;

/** QUIC Initial decoding never throws: arbitrary datagrams, long headers of version 1, mutated real Initials. */
class QuicInitialDecoderProperties {
    private static final byte[] REAL_INITIAL = PcapStreams.readUdp(SharedData.root().resolve("tls/pcap/quic-tls-handshake.pcapng"))
            .get(0).datagrams().get(0).payload();
    private final QuicInitialDecoder decoder = new QuicInitialDecoder();

    record Datagrams(List<byte[]> datagrams, boolean fromClient) {}

    @Test
    void arbitraryDatagramsNeverThrow() {
        PropertyCheck.forAll(1000, g -> new Datagrams(g.list(0, 4, x -> x.bytes(1500)), g.bool()),
                Shrink.<byte[]>list().on(Datagrams::datagrams, (d, l) -> new Datagrams(l, d.fromClient())), in ->
                        assertSane(decoder.decode(in.datagrams().toArray(byte[][]::new), in.fromClient(),
                                in.fromClient() ? null : new byte[8])));
    }

    record LongHeader(byte[] datagram, int dcidLength) {}

    @Test
    void version1LongHeadersNeverThrow() {
        PropertyCheck.forAll(1000, g -> new LongHeader(g.bytes(7, 1500), g.between(0, 20)), in -> {
            byte[] d = in.datagram().clone();
            d[0] = (byte) (0xc0 | (d[0] & 0x3f));
            d[1] = 0;
            d[2] = 0;
            d[3] = 0;
            d[4] = 1;
            d[5] = (byte) in.dcidLength();
            assertSane(decoder.decode(new byte[][] {d}, true, null));
        });
    }

    record Mutation(List<Integer> positions, byte[] values) {}

    @Test
    void mutatedRealInitialsNeverThrow() {
        PropertyCheck.forAll(300, g -> new Mutation(g.list(1, 4, x -> x.between(0, REAL_INITIAL.length - 1)),
                g.bytes(4, 4)), in -> {
                    byte[] d = REAL_INITIAL.clone();
                    for (int i = 0; i < in.positions().size(); i++) {
                        d[in.positions().get(i)] = in.values()[i];
                    }
                    assertSane(decoder.decode(new byte[][] {d}, true, null));
                });
    }

    @Test
    void realInitialDecodes() {
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
