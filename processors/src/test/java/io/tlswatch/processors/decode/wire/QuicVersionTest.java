package io.tlswatch.processors.decode.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Initial keys against the published vectors: RFC 9001 Appendix A.1 (version 1), RFC 9369 Appendix A.1 (version 2). */
class QuicVersionTest {
    private static final byte[] DCID = HexFormat.of().parseHex("8394c8f03e515708");

    @Test
    void version1KeysAreTheRfc9001Vectors() {
        assertKeys(QuicVersion.V1.initialKeys(DCID, true), "1f369613dd76d5467730efcbe3b1a22d",
                "fa044b2f42a3fd3b46fb255c", "9f50449e04a0e810283a1e9933adedd2");
        assertKeys(QuicVersion.V1.initialKeys(DCID, false), "cf3a5331653c364c88f0f379b6067e37",
                "0ac1493ca1905853b0bba03e", "c206b8d9b9f0f37644430b490eeaa314");
    }

    @Test
    void version2KeysAreTheRfc9369Vectors() {
        assertKeys(QuicVersion.V2.initialKeys(DCID, true), "8b1a0bc121284290a29e0971b5cd045d",
                "91f73e2351d8fa91660e909f", "45b95e15235d6f45a6b19cbcb0294ba9");
        assertKeys(QuicVersion.V2.initialKeys(DCID, false), "82db637861d55e1d011f19ea71d5d2a7",
                "dd13c276499c0249d3310652", "edf6d05c83121201b436e16877593c3a");
    }

    @Test
    void version2RotatesThePacketTypes() {
        // RFC 9369 §3.2: Initial 0b01, 0-RTT 0b10, Handshake 0b11, Retry 0b00
        assertThat(QuicVersion.V2.packetType(0xd0)).isEqualTo(QuicVersion.INITIAL);
        assertThat(QuicVersion.V2.packetType(0xe0)).isEqualTo(QuicVersion.ZERO_RTT);
        assertThat(QuicVersion.V2.packetType(0xf0)).isEqualTo(QuicVersion.HANDSHAKE);
        assertThat(QuicVersion.V2.packetType(0xc0)).isEqualTo(QuicVersion.RETRY);
        assertThat(QuicVersion.V1.packetType(0xc0)).isEqualTo(QuicVersion.INITIAL);
        assertThat(QuicVersion.V1.packetType(0xf0)).isEqualTo(QuicVersion.RETRY);
        assertThat(QuicVersion.of(0x6b3343cf)).isEqualTo(QuicVersion.V2);
        assertThat(QuicVersion.of(0xff00001d)).isNull();
    }

    private static void assertKeys(QuicVersion.Keys k, String key, String iv, String hp) {
        assertThat(HexFormat.of().formatHex(k.key())).isEqualTo(key);
        assertThat(HexFormat.of().formatHex(k.iv())).isEqualTo(iv);
        assertThat(HexFormat.of().formatHex(k.hp())).isEqualTo(hp);
    }
}
