package io.tlswatch.app.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.app.TerminalText;
import io.tlswatch.app.testing.CommandRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, item 4: a crafted SNI (ESC sequences, BEL, a line break, a C1 CSI) printed by
 * {@code tlswatch pcap --format text} cannot move the cursor, ring the bell or forge a row.
 */
class TerminalSafetyTest {
    @TempDir
    Path dir;

    private final CommandRun cli = new CommandRun();

    @Test
    void aCraftedSniCannotForgeARowOrDriveTheTerminal() throws IOException {
        byte[] sni = "evil\u001b[2J\u0007\nFORGED 10.6.6.6:1 success\u009b31m.test".getBytes(StandardCharsets.ISO_8859_1);
        Path pcap = dir.resolve("crafted.pcap");
        Files.write(pcap, capture(clientHello(sni)));

        assertThat(cli.run("pcap", "--format", "text", pcap.toString())).isZero();

        String out = cli.out();
        String[] lines = out.split("\n");
        assertThat(lines).hasSize(2); // the header and one row: the SNI's line break did not start another
        assertThat(out).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u009b");
        assertThat(lines[1]).contains("evil\\u001b[2J\\u0007\\u000aFORGED 10.6.6.6:1 success\\u009b31m.test");
        for (char c : out.toCharArray()) {
            assertThat(c == '\n' || !TerminalTextProbe.unsafe(c)).as("U+%04X in the output", (int) c).isTrue();
        }
    }

    @Test
    void bidiOverridesAndC1ControlsAreEscapedAndPlainTextIsUntouched() {
        assertThat(TerminalText.safe("abc.example h2 1.3")).isEqualTo("abc.example h2 1.3");
        assertThat(TerminalText.safe("a\u202eb\u2066c\u2069d\u202ae")).isEqualTo("a\\u202eb\\u2066c\\u2069d\\u202ae");
        assertThat(TerminalText.safe("x\u0085y\u009fz\u007f")).isEqualTo("x\\u0085y\\u009fz\\u007f");
        assertThat(TerminalText.safe("tab\there\r")).isEqualTo("tab\\u0009here\\u000d");
        // a backslash is doubled: text cannot pretend to be an escape
        assertThat(TerminalText.safe("\\u001b")).isEqualTo("\\\\u001b");
        assertThat(TerminalText.safe("café ünïcode 日本")).isEqualTo("café ünïcode 日本");
        assertThat(TerminalText.safe(null)).isNull();
    }

    /** Characters the output must never hold raw, checked independently of the code under test. */
    private static final class TerminalTextProbe {
        static boolean unsafe(char c) {
            return Character.getType(c) == Character.CONTROL
                    || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
        }
    }

    // ---- a one-connection capture: link type RAW (101), IPv4, a SYN and a ClientHello ----

    private static byte[] clientHello(byte[] host) {
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        int listLength = 3 + host.length;
        ext.writeBytes(new byte[] {0, 0, (byte) ((listLength + 2) >> 8), (byte) (listLength + 2),
                (byte) (listLength >> 8), (byte) listLength, 0, (byte) (host.length >> 8), (byte) host.length});
        ext.writeBytes(host);
        byte[] extensions = ext.toByteArray();
        ByteBuffer body = ByteBuffer.allocate(2 + 32 + 1 + 4 + 2 + 2 + extensions.length);
        body.putShort((short) 0x0303).put(new byte[32]).put((byte) 0).putShort((short) 2).putShort((short) 0xc02f)
                .put((byte) 1).put((byte) 0).putShort((short) extensions.length).put(extensions);
        byte[] b = body.array();
        ByteBuffer record = ByteBuffer.allocate(5 + 4 + b.length);
        record.put((byte) 22).putShort((short) 0x0301).putShort((short) (4 + b.length)).put((byte) 1).put((byte) 0)
                .putShort((short) b.length).put(b);
        return record.array();
    }

    private static byte[] capture(byte[] hello) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(101);
        out.writeBytes(h.array());
        packet(out, 1_700_000_000L, segment(1000, 0x02, new byte[0]));
        packet(out, 1_700_000_000L, segment(1001, 0x18, hello));
        return out.toByteArray();
    }

    private static void packet(ByteArrayOutputStream out, long seconds, byte[] frame) {
        ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        r.putInt((int) seconds).putInt(0).putInt(frame.length).putInt(frame.length);
        out.writeBytes(r.array());
        out.writeBytes(frame);
    }

    private static byte[] segment(long seq, int flags, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(40 + payload.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (40 + payload.length)).putShort((short) 1)
                .putShort((short) 0x4000).put((byte) 64).put((byte) 6).putShort((short) 0)
                .put(new byte[] {10, 0, 0, 1}).put(new byte[] {10, 0, 0, 2});
        b.putShort((short) 40000).putShort((short) 443).putInt((int) seq).putInt(0).put((byte) 0x50)
                .put((byte) flags).putShort((short) 65535).putShort((short) 0).putShort((short) 0).put(payload);
        return b.array();
    }
}
