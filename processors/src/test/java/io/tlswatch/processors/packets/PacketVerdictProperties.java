package io.tlswatch.processors.packets;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.processors.siem.EcsMapper;
import io.tlswatch.schemas.HandshakeOutcome;
import io.tlswatch.schemas.testing.property.Gen;
import io.tlswatch.schemas.testing.property.PropertyCheck;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whatever a capture point sends about a connection, the verdict answers with one valid outcome. */
class PacketVerdictProperties {
    private final PacketVerdict verdict = new PacketVerdict();

    record Flights(List<WireFlight> client, List<WireFlight> server) {}

    @Test
    void arbitraryFlightsGiveOneValidOutcome() {
        PropertyCheck.forAll(1000, g -> new Flights(flights(g), flights(g)), in -> {
            HandshakeOutcome o = verdict.judge(new WireConnection("tap/10.0.0.1:40000->10.0.0.2:443", "tap", "tcp",
                    "10.0.0.1", 40000, "10.0.0.2", 443, null, in.client(), in.server()));
            assertThat(o.outcome()).isIn("success", "failure", "unknown");
            assertThat(o.errorClass() != null).isEqualTo("failure".equals(o.outcome()));
            assertValidRecord(o);
            assertValidRecord(EcsMapper.toEcs(o));
        });
    }

    /** Up to four flights of random bytes, often starting like TLS records, with random TCP facts. */
    private static List<WireFlight> flights(Gen g) {
        return new ArrayList<>(g.list(0, 4, f -> {
            byte[] h = f.bool() ? f.bytes(64) : asRecord(f.bytes(64));
            return new WireFlight(h, -1, 1_000, 1_001, true, f.bool(), f.bool(), f.between(0, 3), h.length, null);
        }));
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
