package io.tlswatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one text of an IP address: RFC 5952's examples, read by hand, and the bytes the packet decoders format. */
class IpTextTest {

    @ParameterizedTest
    @CsvSource({
        // RFC 5952 §4.1 leading zeros, §4.2.1 longest run, §4.2.2 not one group, §4.2.3 first run on a tie, §4.3 case
        "2001:0db8::0010,                 2001:db8::10",
        "2001:0DB8:0000:0000:0000:0000:0000:0010, 2001:db8::10",
        "2001:db8:0:0:0:0:2:1,            2001:db8::2:1",
        "2001:db8:0:1:1:1:1:1,            2001:db8:0:1:1:1:1:1",
        "2001:db8:0:0:1:0:0:1,            2001:db8::1:0:0:1",
        "2001:0:0:1:0:0:0:1,              2001:0:0:1::1",
        "0:0:0:0:0:0:0:0,                 ::",
        "0:0:0:0:0:0:0:1,                 ::1",
        "fe80::,                          fe80::",
        "FE80:0:0:0:0:0:0:1,              fe80::1",
        // §5: IPv4-mapped in mixed notation, whichever way it was written; other IPv4 tails as hex
        "::ffff:10.0.0.1,                 ::ffff:10.0.0.1",
        "::FFFF:a00:1,                    ::ffff:10.0.0.1",
        "64:ff9b::192.0.2.33,             64:ff9b::c000:221",
        "10.0.0.1,                        10.0.0.1",
        "255.255.255.255,                 255.255.255.255",
    })
    void canonicalText(String text, String expected) {
        assertThat(IpText.canonical(text)).isEqualTo(expected);
        assertThat(IpText.canonical("[" + text + "]", 1, text.length() + 1)).isEqualTo(expected);
        assertThat(IpText.isAddress(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "010.0.0.1", "1.2.3", "1.2.3.4.5", "1.2.3.256", "1.2.3.4.", ".1.2.3.4", "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7", ":1::2", "1::2::3", "fe80:::1", "12345::1", "2001:db8::g", "1::2:", ":1:2:3:4:5:6:7:8",
        "1:2:3:4:5:6:7::8", "::1.2.3.4.5", "1.2.3.4::", "::ffff:1.2.3", "1:2:3:4:5:6:7:1.2.3.4", "host.example",
        "2001:db8::1%2", "[::1]", " ::1", "１.2.3.4"})
    void notAnAddress(String text) {
        assertThat(IpText.canonical(text)).isNull();
        assertThat(IpText.isAddress(text)).isFalse();
    }

    @Test
    void theTextOfBytesIsTheCanonicalTextOfWhatJavaPrints() throws Exception {
        Random random = new Random(5952);
        for (int i = 0; i < 20_000; i++) {
            byte[] a = new byte[16];
            for (int j = 0; j < 16; j++) {
                // mostly zero bytes: runs of zero groups are the interesting part
                a[j] = random.nextInt(3) == 0 ? (byte) random.nextInt(256) : 0;
            }
            String text = IpText.format(a, 0, 16);
            assertThat(InetAddress.getByName(text).getAddress()).as(text).isEqualTo(a.length == 16
                    && isMapped(a) ? java.util.Arrays.copyOfRange(a, 12, 16) : a);
            // Java prints every group in full: the canonical text of that is ours
            String full = InetAddress.getByAddress(a).getHostAddress();
            assertThat(IpText.canonical(full)).as(full).isEqualTo(text);
            assertThat(IpText.canonical(text)).isEqualTo(text);
        }
        assertThat(IpText.format(new byte[] {10, 0, 0, (byte) 200}, 0, 4)).isEqualTo("10.0.0.200");
    }

    private static boolean isMapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }
}
