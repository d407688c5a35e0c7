package io.tlswatch.processors.decode.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the benchmark corpus {@code benchmarks/src/main/resources/clienthellos.hex}: one line per distinct real
 * ClientHello of the shared captures (TCP rows of EXPECTED_CLIENTHELLOS.tsv), hex of the stream head from its
 * first byte (PROXY header included; after a CONNECT request: from the TLS record) to the end of the hello.
 * Runs only when asked:
 * {@code mvn -pl processors -am test -Dtest=ClientHelloCorpusExport -Dsurefire.failIfNoSpecifiedTests=false -Dtlswatch.export.clienthellos=$PWD/benchmarks/src/main/resources/clienthellos.hex}
 */
class ClientHelloCorpusExport {
    @Test
    @EnabledIfSystemProperty(named = "tlswatch.export.clienthellos", matches = ".+")
    void export() throws IOException {
        WireDecoder decoder = new WireDecoder();
        Set<String> lines = new LinkedHashSet<>();
        for (Map<String, String> row : RealCapturesTest.rows("EXPECTED_CLIENTHELLOS.tsv")) {
            if (row.get("tcp_stream").isEmpty()) {
                continue;
            }
            byte[] head = RealCapturesTest.stream(row.get("pcap"), Integer.parseInt(row.get("tcp_stream"))).clientToServer();
            HandshakeFacts f = ((WireDecodeResult.Decoded) decoder.decode(head)).facts();
            ClientHello first = f.clientHello();
            int o = first.offset();
            int end = o + 4 + (((head[o + 1] & 0xff) << 16) | ((head[o + 2] & 0xff) << 8) | (head[o + 3] & 0xff));
            int start = f.httpTunnel() ? o - 5 : 0;
            byte[] hello = java.util.Arrays.copyOfRange(head, start, end);
            assertThat(decoder.decode(hello)).isInstanceOf(WireDecodeResult.Decoded.class);
            lines.add(HexFormat.of().formatHex(hello));
        }
        Path out = Path.of(System.getProperty("tlswatch.export.clienthellos"));
        Files.write(out, lines, StandardCharsets.US_ASCII);
        System.out.println("wrote " + lines.size() + " ClientHellos to " + out);
    }
}
