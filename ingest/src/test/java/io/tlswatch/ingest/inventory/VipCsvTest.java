package io.tlswatch.ingest.inventory;

import static io.tlswatch.schemas.testing.SchemaAssertions.assertValidRecord;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.ingest.inventory.VipCsv.Problem;
import io.tlswatch.ingest.inventory.VipCsv.Reason;
import io.tlswatch.ingest.inventory.VipCsv.Result;
import io.tlswatch.schemas.VirtualServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class VipCsvTest {
    private static final String HEADER = "observer,name,address,partition,application,owner,paging_route,"
            + "alert_fire_failures,alert_resolve_failures,alert_window\n";

    @Test
    void anIpv6AddressIsOneVipWhateverItsSpelling() {
        Result r = VipCsv.parse(HEADER
                + "bigip-01,a,[2001:0DB8::0010]:443,,,,,,,\n"
                + "bigip-01,b,[2001:db8:0:0:0:0:0:10]:443,,,,,,,\n"
                + "bigip-01,c,[::FFFF:a00:1%0]:443,,,,,,,\n");
        assertThat(r.rows()).extracting(row -> row.virtualServer().address()).containsExactly("2001:db8::10",
                "::ffff:10.0.0.1");
        assertThat(r.problems()).extracting(Problem::toString).containsExactly(
                "line 3: same observer and address as line 2 (bigip-01, [2001:db8::10]:443) (duplicate)");
        assertThat(VipCsv.parseAddress("[2001:db8::0010%2]:443")).isEqualTo(new VipCsv.Address("2001:db8::10%2", 443));
    }

    @Test
    void readsEveryColumnWithQuotesAndComments() {
        Result r = VipCsv.parse("# the shop\n" + HEADER
                + "bigip-01,/Common/shop_vs,10.10.1.10:443,Common,shop,\"web team, EMEA\",pagerduty:web,20,5,2m\n"
                + "\n"
                + "  # indented comment\n"
                + "bigip-01, /Common/ldaps_vs , 10.1.1.1%2:636,,,,,,,\r\n"
                + "bigip-02,\"/Common/v6 \"\"quoted\"\"\",[2001:DB8::1]:443,Common,,,,,,PT90S\n");
        assertThat(r.problems()).isEmpty();
        assertThat(r.headerLine()).isEqualTo(2);
        assertThat(r.rows()).extracting(VipCsv.Row::line).containsExactly(3, 6, 7);
        VirtualServer shop = r.rows().get(0).virtualServer();
        assertThat(shop).isEqualTo(new VirtualServer("bigip-01", "/Common/shop_vs", "10.10.1.10", 443, "Common", "shop",
                "web team, EMEA", "pagerduty:web", null, "csv", 20, 5, "2m"));
        VirtualServer ldaps = r.rows().get(1).virtualServer();
        assertThat(ldaps.name()).isEqualTo("/Common/ldaps_vs");
        assertThat(ldaps.address()).isEqualTo("10.1.1.1%2");
        assertThat(ldaps.port()).isEqualTo(636);
        assertThat(ldaps.owner()).isNull();
        assertThat(ldaps.alertFireFailures()).isNull();
        VirtualServer v6 = r.rows().get(2).virtualServer();
        assertThat(v6.name()).isEqualTo("/Common/v6 \"quoted\"");
        assertThat(v6.address()).isEqualTo("2001:db8::1");
        assertThat(v6.alertWindow()).isEqualTo("PT90S");
        r.rows().forEach(row -> assertValidRecord(row.virtualServer()));
    }

    @Test
    void columnsInAnyOrderAndOnlyTheRequiredOnes() {
        Result r = VipCsv.parse("Address,OBSERVER\n[fe80::1%3]:8443,bigip-01\n10.0.0.1%0:443,bigip-01\n");
        assertThat(r.problems()).isEmpty();
        assertThat(r.rows()).extracting(row -> row.virtualServer().address())
                .containsExactly("fe80::1%3", "10.0.0.1");
        assertThat(r.rows().get(0).virtualServer().port()).isEqualTo(8443);
        r.rows().forEach(row -> assertValidRecord(row.virtualServer()));
    }

    @Test
    void badRowsAreReportedWithTheirLineAndSkipped() {
        Result r = VipCsv.parse(HEADER
                + "bigip-01,a,10.0.0.1:443,,,,,,,\n" // 2 ok
                + "bigip-01,b,10.0.0.1,,,,,,,\n" // 3 no port
                + ",c,10.0.0.2:443,,,,,,,\n" // 4 no observer
                + "bigip-01,d,10.0.0.256:443,,,,,,,\n" // 5 bad octet
                + "bigip-01,e,2001:db8::1:443,,,,,,,\n" // 6 v6 without brackets
                + "bigip-01,f,10.0.0.3:70000,,,,,,,\n" // 7 port
                + "bigip-01,g,10.0.0.4%65535:443,,,,,,,\n" // 8 route domain
                + "bigip-01,h,10.0.0.5:443,,,,,ten,,\n" // 9 number
                + "bigip-01,i,10.0.0.6:443,,,,,5,10,\n" // 10 resolve above fire
                + "bigip-01,j,10.0.0.7:443,,,,,,,soon\n" // 11 window
                + "bigip-01,k,10.0.0.8:443,,,\n" // 12 field count
                + "bigip-01,\"l,10.0.0.9:443,,,,,,,\n" // 13 quote
                + "bigip-01,m,10.0.0.1:443,,,,,,,\n" // 14 duplicate of 2
                + "bigip-01,n,010.0.0.1:443,,,,,,,\n" // 15 leading zero
                + "bigip-01,o,10.0.0.10:443,,,,,0,,\n"); // 16 zero failures
        assertThat(r.rows()).extracting(VipCsv.Row::line).containsExactly(2);
        assertThat(r.problems()).extracting(Problem::line)
                .containsExactly(3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
        assertThat(r.problems()).extracting(Problem::reason).containsExactly(
                Reason.ADDRESS, Reason.OBSERVER, Reason.ADDRESS, Reason.ADDRESS, Reason.ADDRESS, Reason.ADDRESS,
                Reason.NUMBER, Reason.NUMBER, Reason.WINDOW, Reason.FIELD_COUNT, Reason.QUOTE, Reason.DUPLICATE,
                Reason.ADDRESS, Reason.NUMBER);
        assertThat(r.problems().get(11).toString()).isEqualTo(
                "line 14: same observer and address as line 2 (bigip-01, 10.0.0.1:443) (duplicate)");
    }

    @Test
    void aBadHeaderRefusesEveryRow() {
        Result r = VipCsv.parse("observer,adress\nbigip-01,10.0.0.1:443\n\nbigip-01,10.0.0.2:443\n");
        assertThat(r.rows()).isEmpty();
        assertThat(r.problems()).extracting(Problem::line).containsExactly(1, 2, 4);
        assertThat(r.problems().get(0).reason()).isEqualTo(Reason.HEADER);
        assertThat(r.problems().get(0).message()).contains("unknown column 'adress'");
        assertThat(r.problems().get(1).reason()).isEqualTo(Reason.NO_HEADER);

        assertThat(VipCsv.parse("observer,name\n").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("must name the columns observer and address"));
        assertThat(VipCsv.parse("observer,address,observer\n").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("named twice"));
    }

    @Test
    void emptyAndCommentOnlyFilesHaveNoHeaderAndNoProblem() {
        assertThat(VipCsv.parse("")).isEqualTo(new Result(0, List.of(), List.of()));
        assertThat(VipCsv.parse("# nothing\n\n")).isEqualTo(new Result(0, List.of(), List.of()));
    }

    @Test
    void windows() {
        assertThat(VipCsv.parseWindow("60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(VipCsv.parseWindow("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(VipCsv.parseWindow("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(VipCsv.parseWindow("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(VipCsv.parseWindow("PT2M")).isEqualTo(Duration.ofMinutes(2));
        assertThat(VipCsv.parseWindow("0s")).isNull();
        assertThat(VipCsv.parseWindow("PT-1S")).isNull();
        assertThat(VipCsv.parseWindow("5 m")).isNull();
        assertThat(VipCsv.parseWindow("m")).isNull();
    }

    @Test
    void theExampleFileIsClean() throws IOException {
        Path example = Path.of("..", "config", "vips.example.csv");
        Result r = VipCsv.parse(Files.readString(example));
        assertThat(r.problems()).isEmpty();
        assertThat(r.rows()).isNotEmpty();
        r.rows().forEach(row -> assertValidRecord(row.virtualServer()));
    }
}
