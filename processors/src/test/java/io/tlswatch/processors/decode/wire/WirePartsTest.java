package io.tlswatch.processors.decode.wire;

import static io.tlswatch.processors.decode.wire.TlsBytes.HANDSHAKE;
import static io.tlswatch.processors.decode.wire.TlsBytes.concat;
import static io.tlswatch.processors.decode.wire.TlsBytes.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The edges of the split decoder's parts (issue 11): scratch growth, no state between calls, PROXY v1 ports. */
class WirePartsTest {
    private final WireDecoder decoder = new WireDecoder();

    private HandshakeFacts facts(byte[] head) {
        WireDecodeResult r = decoder.decode(head);
        assertThat(r).isInstanceOf(WireDecodeResult.Decoded.class);
        return ((WireDecodeResult.Decoded) r).facts();
    }

    @Test
    void aHelloWithMoreExtensionsThanTheScratchHoldsKeepsThemAllInOrder() {
        TlsBytes.Client c = new TlsBytes.Client();
        int[] expected = IntStream.range(0, 60).map(i -> 0x1000 + i).toArray();
        for (int type : expected) {
            c.ext(type, new byte[type % 3]); // unknown types: only listed
        }
        HandshakeFacts f = facts(record(HANDSHAKE, c.message()));
        assertThat(f.clientHellos()).hasSize(1);
        assertThat(f.clientHellos().get(0).extensions()).containsExactly(expected);
    }

    @Test
    void aServerHelloWithOneExtensionAndAShortBlock() {
        TlsBytes.Server s = new TlsBytes.Server().ext(0x002b, TlsBytes.u16(0x0303));
        HandshakeFacts f = facts(record(HANDSHAKE, s.message()));
        assertThat(f.serverHellos().get(0).extensions()).containsExactly(0x002b);
        assertThat(f.serverHellos().get(0).version()).isEqualTo(0x0303);
    }

    @Test
    void aCallLeavesNothingForTheNextOne() {
        byte[] hello = record(HANDSHAKE, new TlsBytes.Client().ext(0x0000, TlsBytes.sni("a.example")).message());
        byte[] firstHalf = java.util.Arrays.copyOf(hello, hello.length / 2);
        // a hello cut in the middle, then a whole one: the second call starts from nothing
        assertThat(decoder.decode(firstHalf)).isInstanceOf(WireDecodeResult.Incomplete.class);
        HandshakeFacts f = facts(hello);
        assertThat(f.clientHellos()).hasSize(1);
        assertThat(f.clientHellos().get(0).serverName()).isEqualTo("a.example");
        assertThat(f.truncated()).isFalse();
    }

    @Test
    void oneDecoderServesThreadsAtOnce() throws Exception {
        List<byte[]> heads = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            byte[] message = new TlsBytes.Client().ext(0x0000, TlsBytes.sni("h" + i + ".example")).message();
            heads.add(TlsBytes.records(HANDSHAKE, message, 7, 30)); // reassembled across three records
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> {
                    for (int n = 0; n < 2_000; n++) {
                        int i = n % heads.size();
                        HandshakeFacts f = ((WireDecodeResult.Decoded) decoder.decode(heads.get(i))).facts();
                        if (!f.clientHellos().get(0).serverName().equals("h" + i + ".example")) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> run : runs) {
                assertThat(run.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @CsvSource({"443,443", "0,0", "65535,65535", "65536,-1", "0443,-1", "00,-1", "4a3,-1", "123456,-1", "'',-1",
            "+443,-1"})
    void proxyV1PortsAreDecimalsWithoutLeadingZeros(String port, int expected) {
        byte[] line = ("PROXY TCP4 192.0.2.1 198.51.100.2 56324 " + port + "\r\n").getBytes(StandardCharsets.US_ASCII);
        WireDecodeResult r = decoder.decode(concat(line, record(HANDSHAKE, new TlsBytes.Client().message())));
        if (expected < 0) {
            assertThat(r).isEqualTo(new WireDecodeResult.Malformed(MalformedReason.PROXY_V1, 11));
        } else {
            assertThat(((WireDecodeResult.Decoded) r).facts().proxy().destinationPort()).isEqualTo(expected);
        }
    }
}
