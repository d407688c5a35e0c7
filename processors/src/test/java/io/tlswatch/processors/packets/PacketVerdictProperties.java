package io.tlswatch.processors.packets;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.processors.siem.EcsMapper;
import io.tlswatch.schemas.HandshakeOutcome;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever a capture point sends about a connection, the verdict answers with one valid outcome. */
class PacketVerdictProperties {
    private final PacketVerdict verdict = new PacketVerdict();

    @Property(tries = 1000)
    void arbitraryFlightsGiveOneValidOutcome(@ForAll("flights") List<WireFlight> client,
            @ForAll("flights") List<WireFlight> server) {
        HandshakeOutcome o = verdict.judge(new WireConnection("tap/10.0.0.1:40000->10.0.0.2:443", "tap", "tcp",
                "10.0.0.1", 40000, "10.0.0.2", 443, null, client, server));
        assertThat(o.outcome()).isIn("success", "failure", "unknown");
        assertThat(o.errorClass() != null).isEqualTo("failure".equals(o.outcome()));
        assertValidRecord(o);
        assertValidRecord(EcsMapper.toEcs(o));
    }

    /** Up to four flights of random bytes, often starting like TLS records, with random TCP facts. */
    @Provide
    Arbitrary<List<WireFlight>> flights() {
        Arbitrary<byte[]> head = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(64).map(PacketVerdictProperties::asRecord));
        Arbitrary<WireFlight> flight = Combinators.combine(head, Arbitraries.of(true, false),
                Arbitraries.of(true, false), Arbitraries.integers().between(0, 3))
                .as((h, fin, rst, retx) -> new WireFlight(h, -1, 1_000, 1_001, true, fin, rst, retx, h.length, null));
        return flight.list().ofMaxSize(4).map(ArrayList::new);
    }

    /** A TLS record header (handshake, alert or application data) in front of random bytes. */
    private static byte[] asRecord(byte[] body) {
        byte[] out = new byte[body.length + 5];
        out[0] = (byte) (21 + Math.floorMod(body.length, 3));
        out[1] = 3;
        out[2] = 3;
        out[3] = 0;
        out[4] = (byte) body.length;
        System.arraycopy(body, 0, out, 5, body.length);
        return out;
    }
}
