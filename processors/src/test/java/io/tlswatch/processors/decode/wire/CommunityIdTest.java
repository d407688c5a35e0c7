package io.tlswatch.processors.decode.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Vectors of corelight/community-id-spec ({@code baseline/baseline_deflt.json}) and its README (seed 1). */
class CommunityIdTest {

    @ParameterizedTest
    @CsvSource({
            "0, 6, 1.2.3.4, 1122, 5.6.7.8, 3344, 1:wCb3OG7yAFWelaUydu0D+125CLM=",
            "0, 6, 5.6.7.8, 3344, 1.2.3.4, 1122, 1:wCb3OG7yAFWelaUydu0D+125CLM=",
            "0, 17, 1.2.3.4, 1122, 5.6.7.8, 3344, 1:0Mu9InQx6z4ZiCZM/7HXi2WMhOg=",
            "1, 6, 1.2.3.4, 1122, 5.6.7.8, 3344, 1:HhA1B+6CoLbiKPEs5nhNYN4XWfk=",
            "1, 17, 1.2.3.4, 1122, 5.6.7.8, 3344, 1:OShq+iKDAMVouh/4bMxB9Sz4amw=",
            "0, 6, 128.232.110.120, 34855, 66.35.250.204, 80, 1:LQU9qZlK+B5F3KDmev6m5PMibrg=",
            "0, 6, 66.35.250.204, 80, 128.232.110.120, 34855, 1:LQU9qZlK+B5F3KDmev6m5PMibrg=",
            "0, 17, 192.168.1.52, 54585, 8.8.8.8, 53, 1:d/FP5EW3wiY1vCndhwleRRKHowQ=",
            "0, 132, 192.168.170.8, 7, 192.168.170.56, 7, 1:MP2EtRCAUIZvTw6MxJHLV7N7JDs=",
            "0, 6, 2001:470:e5bf:dead:4957:2174:e82c:4887, 63943, 2607:f8b0:400c:c03::1a, 25, 1:/qFaeAR+gFe1KYjMzVDsMv+wgU4=",
            "0, 6, 2607:f8b0:400c:c03::1a, 25, 2001:470:e5bf:dead:4957:2174:e82c:4887, 63943, 1:/qFaeAR+gFe1KYjMzVDsMv+wgU4=",
            "0, 46, 10.1.12.1, 0, 10.1.12.2, 0, 1:KHlLkgoJW7ifUTyTSgyVfkFHzKw=",
            "0, 46, 10.1.12.2, 0, 10.1.12.1, 0, 1:KHlLkgoJW7ifUTyTSgyVfkFHzKw="})
    void specVectors(int seed, int proto, String src, int sport, String dst, int dport, String expected) throws UnknownHostException {
        assertThat(new CommunityId(seed).of(InetAddress.getByName(src), sport, InetAddress.getByName(dst), dport, proto))
                .isEqualTo(expected);
    }
}
