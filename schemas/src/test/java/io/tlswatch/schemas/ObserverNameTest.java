package io.tlswatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObserverNameTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // the spellings of one box in the shared real lines (sc4s samples): FQDN and short name meet
        "SV5-F5-5600-2.splunk.com, sv5-f5-5600-2",
        "SV5-F5-5600-2, sv5-f5-5600-2",
        // a vCMP guest on a VIPRION blade and its poller's system.hostname
        "slot1/TSGuest1.localdomain, tsguest1",
        "TSGuest1.localdomain, tsguest1",
        "slot12/guest, guest",
        // not a blade prefix: kept whole up to the first dot
        "slotted/name, slotted/name",
        "slot/name, slot/name",
        "bigip-01, bigip-01",
        "bigip14.1.2.test, bigip14",
        "' bigip-02.example.net ', bigip-02",
        // addresses stay addresses, in their canonical text
        "192.168.128.217, 192.168.128.217",
        "2001:DB8::10, 2001:db8::10",
    })
    void oneBoxHasOneName(String spelled, String canonical) {
        assertThat(ObserverName.of(spelled)).isEqualTo(canonical);
    }

    @Test
    void aNameAlreadyCanonicalIsTheSameString() {
        String name = "bigip-01";
        assertThat(ObserverName.of(name)).isSameAs(name);
        assertThat(ObserverName.of(null)).isNull();
        assertThat(ObserverName.of(" ")).as("blank is no name: the decoder falls back to the next source").isNull();
    }

    @Test
    void aSummaryRenamedKeepsItsConnectionIdInStep() {
        PacketSummary s = new PacketSummary("BIGIP-01.example.net/10.0.0.1:5000->10.0.0.2:443#2",
                "BIGIP-01.example.net", "client_to_server", "tcp", "10.0.0.1", 5000, "10.0.0.2", 443, 1, 2, true,
                false, false, 0, 10, null, null);
        PacketSummary renamed = s.withObserver(ObserverName.of(s.observer()));
        assertThat(renamed.observer()).isEqualTo("bigip-01");
        assertThat(renamed.connectionId()).isEqualTo("bigip-01/10.0.0.1:5000->10.0.0.2:443#2");
        assertThat(renamed.withObserver("x").connectionId()).isEqualTo("x/10.0.0.1:5000->10.0.0.2:443#2");
    }
}
