package io.tlswatch.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FleetSimulatorTest {

    private static final long START = Instant.parse("2026-02-01T08:12:00Z").toEpochMilli();
    private static final String DEMO_VIP = "10.10.1.10:443";
    private static final String[] SEVERITY = {"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"};
    private static final DateTimeFormatter HEADER_TIME =
            DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.US).withZone(ZoneOffset.UTC);

    // ---- determinism ----

    @Test
    void sameSeedAndSecondGiveTheSameLinesWhateverTheOrderOfQuestions() {
        FleetSimulator first = new FleetSimulator(story(START));
        FleetSimulator second = new FleetSimulator(story(START));

        List<String> later = second.linesForSecond(START + 17_000);
        List<String> earlier = second.linesForSecond(START + 13_000);

        assertThat(first.linesForSecond(START + 13_000)).isEqualTo(earlier).hasSizeGreaterThan(100);
        assertThat(first.linesForSecond(START + 17_000)).isEqualTo(later);
        // any millisecond of a second names that second
        assertThat(first.linesForSecond(START + 13_999)).isEqualTo(earlier);
        assertThat(first.timedLinesForSecond(START + 13_000)).isEqualTo(second.timedLinesForSecond(START + 13_000));
    }

    @Test
    void differentSeedsGiveDifferentLines() {
        FleetSimulator a = new FleetSimulator(SimulatorSettings.defaults(1));
        FleetSimulator b = new FleetSimulator(SimulatorSettings.defaults(2));
        for (long s = 0; s < 5; s++) {
            List<String> linesA = a.linesForSecond(START + s * 1_000);
            List<String> linesB = b.linesForSecond(START + s * 1_000);
            assertThat(linesA).isNotEqualTo(linesB);
            // not just a different order or count: most lines differ
            Set<String> common = new HashSet<>(linesA);
            common.retainAll(linesB);
            assertThat(common.size()).isLessThan(linesA.size() / 10);
        }
    }

    @Test
    void consecutiveSecondsAreNotCopiesOfEachOther() {
        FleetSimulator sim = new FleetSimulator(SimulatorSettings.defaults(5));
        List<String> one = bodies(sim.linesForSecond(START));
        List<String> two = bodies(sim.linesForSecond(START + 1_000));
        Set<String> common = new HashSet<>(one);
        common.retainAll(two);
        assertThat(common.size()).isLessThan(one.size() / 4);
    }

    // ---- envelope ----

    @Test
    void everyLineHasTheF5SyslogEnvelope() {
        SimulatorSettings settings = story(START)
                .withBackgroundSslFailuresPerSecond(5)
                .withIncident(incident("bigip-02.example.net", "10.10.2.13", 636, IncidentKind.NO_SHARED_CIPHER, 0,
                        30_000, 5))
                .withIncident(incident("bigip-02.example.net", "10.10.2.10", 443, IncidentKind.PROTOCOL_VERSION, 0,
                        30_000, 5))
                .withIncident(incident("bigip-01.example.net", "10.10.1.11", 443, IncidentKind.CERT_UNTRUSTED, 0,
                        30_000, 5));
        FleetSimulator sim = new FleetSimulator(settings);

        List<TimedLine> lines = sim.stream(START, START + 30_000).toList();

        assertThat(lines).hasSizeGreaterThan(5_000);
        long previous = Long.MIN_VALUE;
        for (TimedLine timed : lines) {
            ParsedLine p = ParsedLine.parse(timed.line());
            assertThat(timed.line()).startsWith(HEADER_TIME.format(Instant.ofEpochMilli(timed.timestampMs())) + " ");
            assertThat(p.host()).isIn(settings.observers());
            if (p.msgid() != null) {
                assertThat(p.severity()).as(timed.line()).isEqualTo(SEVERITY[p.level()]);
            } else {
                // only plain Linux daemons write without an F5 message id
                assertThat(p.process()).as(timed.line()).isIn("CROND", "sshd", "systemd-journal");
            }
            if (p.isSsl()) {
                assertThat(p.process()).as(timed.line()).matches("tmm[1-3]?");
            }
            assertThat(timed.timestampMs()).isGreaterThanOrEqualTo(previous);
            previous = timed.timestampMs();
        }
    }

    @Test
    void theDayIsSpacePaddedAndTheClockIsUtc() {
        FleetSimulator sim = new FleetSimulator(SimulatorSettings.defaults(9));
        assertThat(sim.linesForSecond(Instant.parse("2026-02-01T08:12:14.750Z").toEpochMilli()))
                .isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("Feb  1 08:12:14 bigip-0"));
        assertThat(sim.linesForSecond(Instant.parse("2026-12-31T23:59:59Z").toEpochMilli()))
                .isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("Dec 31 23:59:59 "));
        assertThat(sim.linesForSecond(Instant.parse("2027-01-01T00:00:00Z").toEpochMilli()))
                .isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("Jan  1 00:00:00 "));
    }

    // ---- incidents: window and rate ----

    @Test
    void demoIncidentLinesStayInTheirWindowAtAboutFourPerSecond() {
        for (long seed = 1; seed <= 5; seed++) {
            FleetSimulator sim = new FleetSimulator(story(START).withSeed(seed));

            List<TimedLine> expired = sim.stream(START - 20_000, START + 80_000)
                    .filter(t -> t.line().contains("-> " + DEMO_VIP + ": Connection error: ssl_codec_rx:2314: "
                            + "alert(45) received alert"))
                    .toList();

            assertThat(expired).allSatisfy(t -> assertThat(t.timestampMs())
                    .isGreaterThanOrEqualTo(START + 10_000).isLessThan(START + 50_000));
            // 40 s at 4/s: 160 expected, Poisson standard deviation about 13
            assertThat(expired).as("seed %d", seed).hasSizeBetween(120, 200);
        }
    }

    @Test
    void aHigherRateIsFollowedClosely() {
        FleetSimulator sim = new FleetSimulator(SimulatorSettings.defaults(11).withNoiseLinesPerSecond(0)
                .withIncident(incident("bigip-02.example.net", "10.10.2.11", 443, IncidentKind.CERT_EXPIRED, 0,
                        40_000, 20)));
        long failures = sim.stream(START, START + 40_000)
                .filter(t -> t.line().contains("01260013:4: SSL Handshake failed for TCP")
                        && t.line().endsWith("-> 10.10.2.11:443"))
                .count();
        // 800 expected, standard deviation about 28, plus at most a few background failures on this VIP
        assertThat(failures).isBetween(710L, 890L);
    }

    @Test
    void partialSecondsAtTheEdgesGetOnlyTheirShare() {
        Incident incident = incident("bigip-01.example.net", "10.10.1.12", 443, IncidentKind.CERT_UNTRUSTED,
                10_250, 12_600, 200);
        FleetSimulator sim = new FleetSimulator(SimulatorSettings.defaults(4).withNoiseLinesPerSecond(0)
                .withBackgroundSslFailuresPerSecond(0).withIncident(incident));

        List<TimedLine> untrusted = sim.stream(START, START + 20_000)
                .filter(t -> t.line().contains("alert(48) received alert")).toList();

        assertThat(untrusted).allSatisfy(t -> assertThat(incident.isActiveAt(t.timestampMs())).isTrue());
        // 2.35 s at 200/s: 470 expected, standard deviation about 22
        assertThat(untrusted).hasSizeBetween(400, 540);
        // the first second holds 0.75 s of the incident, the last 0.6 s
        assertThat(untrusted.stream().filter(t -> t.timestampMs() < START + 11_000).count()).isBetween(110L, 190L);
        assertThat(untrusted.stream().filter(t -> t.timestampMs() >= START + 12_000).count()).isBetween(85L, 155L);
    }

    @Test
    void noSslFailureOnTheCertExpiredVipOutsideTheIncidentWithoutBackgroundFailures() {
        SimulatorSettings settings = story(START).withBackgroundSslFailuresPerSecond(0);
        Incident incident = settings.incidents().get(0);
        FleetSimulator sim = new FleetSimulator(settings);

        List<TimedLine> onVip = sim.stream(START - 30_000, START + 90_000)
                .filter(t -> ParsedLine.parse(t.line()).isSsl() && t.line().contains(DEMO_VIP)).toList();

        assertThat(onVip).isNotEmpty()
                .allSatisfy(t -> assertThat(incident.isActiveAt(t.timestampMs())).as(t.line()).isTrue());
    }

    @Test
    void backgroundFailuresOnTheVipNeverLookLikeTheExpiredCertificate() {
        SimulatorSettings settings = story(START).withBackgroundSslFailuresPerSecond(5);
        Incident incident = settings.incidents().get(0);
        FleetSimulator sim = new FleetSimulator(settings);

        List<TimedLine> outside = sim.stream(START - 60_000, START + 120_000)
                .filter(t -> !incident.isActiveAt(t.timestampMs())).toList();

        // the VIP does fail now and then for ordinary reasons, so the check below is not vacuous
        assertThat(outside).filteredOn(t -> t.line().endsWith("-> " + DEMO_VIP)).hasSizeGreaterThan(10);
        assertThat(outside).noneMatch(t -> t.line().contains("alert(45)"));
    }

    @Test
    void anIncidentAddsItsLinesAndChangesNothingElse() {
        SimulatorSettings withIncident = story(START).withBackgroundSslFailuresPerSecond(3);
        FleetSimulator with = new FleetSimulator(withIncident);
        FleetSimulator without = new FleetSimulator(withIncident.withIncidents(List.of()));

        List<String> withLines = lines(with, START, START + 60_000);
        List<String> withoutLines = lines(without, START, START + 60_000);
        long expired = withLines.stream().filter(l -> l.contains("alert(45)")).count();

        assertThat(expired).isPositive();
        assertThat(withLines).hasSize(withoutLines.size() + 2 * (int) expired);
        assertThat(withLines.stream().filter(l -> !l.contains("-> " + DEMO_VIP)).toList())
                .isEqualTo(withoutLines.stream().filter(l -> !l.contains("-> " + DEMO_VIP)).toList());
    }

    // ---- bursts ----

    @ParameterizedTest
    @EnumSource(value = IncidentKind.class, names = "TPS_LIMIT", mode = EnumSource.Mode.EXCLUDE)
    void eachFailedHandshakeIsOneBurstFromOneThreadInF5Order(IncidentKind kind) {
        FleetSimulator sim = new FleetSimulator(SimulatorSettings.defaults(21).withBackgroundSslFailuresPerSecond(0)
                .withIncident(incident("bigip-02.example.net", "10.10.2.13", 636, kind, 0, 20_000, 10)));
        List<ParsedLine> lines = lines(sim, START, START + 20_000).stream().map(ParsedLine::parse).toList();
        List<Pattern> expected = expectedBurst(kind);

        int bursts = 0;
        List<ParsedLine> previous = null;
        int retries = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isSsl()) {
                continue;
            }
            // an SSL line starts a burst, whose lines follow with nothing in between
            assertThat(i + expected.size()).isLessThanOrEqualTo(lines.size());
            List<ParsedLine> burst = lines.subList(i, i + expected.size());
            for (int k = 0; k < expected.size(); k++) {
                ParsedLine line = burst.get(k);
                assertThat(line.msgid() + ":" + line.level() + ": " + line.text()).matches(expected.get(k));
                assertThat(line.burstKey()).isEqualTo(burst.get(0).burstKey());
                assertThat(line.severity()).isEqualTo("warning");
            }
            ParsedLine failed = burst.get(burst.size() - 1);
            assertThat(failed.destination()).isEqualTo("10.10.2.13:636");
            assertThat(failed.clientPort()).isBetween(1_024, 65_535);
            for (ParsedLine line : burst) {
                // every address a sibling prints is the connection of the closing 01260013
                if (line.arrow() != null) {
                    assertThat(line.arrow()).isEqualTo(failed.arrow());
                }
                if (line.msgid().equals("01260026")) {
                    assertThat(line.text()).isEqualTo("No shared ciphers between SSL peers "
                            + failed.arrow().replaceAll(":(\\d+) -> ", ".$1:").replaceAll(":(\\d+)$", ".$1") + ".");
                }
            }
            if (previous != null && isRetryOf(failed, previous.get(previous.size() - 1))) {
                retries++;
                assertThat(failed.process()).isNotEqualTo(previous.get(0).process());
            }
            previous = burst;
            bursts++;
            i += expected.size() - 1;
        }
        // 20 s at 10/s
        assertThat(bursts).isBetween(160, 240);
        if (kind == IncidentKind.NO_SHARED_CIPHER) {
            assertThat(retries).as("clients retrying from the next port").isGreaterThan(20);
        }
    }

    @Test
    void allTmmThreadsOfAHostShareOnePid() {
        FleetSimulator sim = new FleetSimulator(story(START).withBackgroundSslFailuresPerSecond(5));
        Map<String, Set<Integer>> pids = new HashMap<>();
        Map<String, Set<String>> threads = new HashMap<>();
        for (String line : lines(sim, START, START + 60_000)) {
            ParsedLine p = ParsedLine.parse(line);
            if (p.isTmm()) {
                pids.computeIfAbsent(p.host(), h -> new TreeSet<>()).add(p.pid());
                threads.computeIfAbsent(p.host(), h -> new TreeSet<>()).add(p.process());
            }
        }
        assertThat(pids).containsOnlyKeys(SimulatorSettings.DEFAULT_OBSERVERS);
        assertThat(pids.values()).allSatisfy(set -> assertThat(set).hasSize(1));
        assertThat(pids.get("bigip-01.example.net")).isNotEqualTo(pids.get("bigip-02.example.net"));
        assertThat(threads.values()).allSatisfy(set -> assertThat(set).containsExactly("tmm", "tmm1", "tmm2", "tmm3"));
    }

    // ---- healthy noise and background failures ----

    @Test
    void healthyNoiseVolumeAndVarietyMatchTheSettings() {
        FleetSimulator sim = new FleetSimulator(SimulatorSettings.defaults(7).withBackgroundSslFailuresPerSecond(0));
        List<ParsedLine> lines = lines(sim, START, START + 60_000).stream().map(ParsedLine::parse).toList();

        // 60 s at 200/s: 12000 expected, standard deviation about 110
        assertThat(lines).hasSizeBetween(11_500, 12_500);
        assertThat(lines).noneMatch(ParsedLine::isSsl);
        assertThat(lines.stream().filter(p -> p.host().equals("bigip-01.example.net")).count())
                .isBetween(5_400L, 6_600L);
        Set<String> processes = lines.stream().map(p -> p.isTmm() ? "tmm*" : p.process()).collect(Collectors.toSet());
        assertThat(processes).contains("tmsh", "mcpd", "httpd(pam_audit)", "apmd", "CROND", "sshd",
                "sshd(pam_audit)", "systemd-journal", "tmm*");
        Set<String> msgids = lines.stream().map(ParsedLine::msgid).filter(m -> m != null).collect(Collectors.toSet());
        assertThat(msgids).containsExactlyInAnyOrder("01420002", "01070638", "01070417", "01490248", "01220001");
        // short-lived processes get fresh pids, daemons keep theirs
        assertThat(lines.stream().filter(p -> p.process().equals("tmsh")).map(ParsedLine::pid).distinct().count())
                .isGreaterThan(500);
        assertThat(lines.stream().filter(p -> p.process().equals("mcpd")).map(p -> p.host() + p.pid()).distinct()
                .count()).isEqualTo(2);
        // tmsh prints its own pid in the audit text
        assertThat(lines).filteredOn(p -> p.process().equals("tmsh"))
                .allSatisfy(p -> assertThat(p.text()).startsWith("AUDIT - pid=" + p.pid() + " user="));
    }

    @Test
    void aLowerNoiseRateGivesFewerLines() {
        FleetSimulator sim = new FleetSimulator(SimulatorSettings.defaults(8).withNoiseLinesPerSecond(20)
                .withBackgroundSslFailuresPerSecond(0));
        // 60 s at 20/s: 1200 expected, standard deviation about 35
        assertThat(lines(sim, START, START + 60_000)).hasSizeBetween(1_080, 1_320);
    }

    @Test
    void backgroundFailuresAreOrdinaryAndSpreadOverEveryVip() {
        FleetSimulator sim = new FleetSimulator(SimulatorSettings.defaults(3).withNoiseLinesPerSecond(0));
        List<ParsedLine> lines = lines(sim, START, START + 600_000).stream().map(ParsedLine::parse).toList();

        List<ParsedLine> failed = lines.stream().filter(p -> "01260013".equals(p.msgid())).toList();
        // 600 s at the default 0.5/s: 300 expected, standard deviation about 17
        assertThat(failed).hasSizeBetween(240, 360);
        Set<String> vips = sim.vips().stream().map(Vip::hostPort).collect(Collectors.toSet());
        assertThat(failed.stream().map(ParsedLine::destination).collect(Collectors.toSet())).isEqualTo(vips);
        assertThat(failed).allSatisfy(p -> assertThat(p.clientPort()).isBetween(1_024, 65_535));

        Pattern reason = Pattern.compile("Connection error: (\\w+):\\d+: (.*)$");
        Map<String, Long> reasons = new HashMap<>();
        for (ParsedLine p : lines) {
            if ("01260009".equals(p.msgid())) {
                Matcher m = reason.matcher(p.text());
                assertThat(m.find()).as(p.text()).isTrue();
                reasons.merge(m.group(1) + ": " + m.group(2), 1L, Long::sum);
            }
        }
        assertThat(reasons).containsOnlyKeys("ssl_passthru: not SSL (40)", "ssl_hs_rxhello: unsupported version (40)",
                "ssl_codec_rx: alert(46) received alert");
        assertThat(reasons.get("ssl_passthru: not SSL (40)")).isGreaterThan(reasons.get(
                "ssl_hs_rxhello: unsupported version (40)"));
        assertThat(reasons.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(failed.size());
    }

    // ---- settings and helpers ----

    @Test
    void vipsFollowTheAddressPlan() {
        FleetSimulator sim = new FleetSimulator(SimulatorSettings.defaults(1));
        assertThat(sim.vips()).containsExactly(
                new Vip("bigip-01.example.net", "10.10.1.10", 443), new Vip("bigip-01.example.net", "10.10.1.11", 443),
                new Vip("bigip-01.example.net", "10.10.1.12", 443), new Vip("bigip-01.example.net", "10.10.1.13", 636),
                new Vip("bigip-02.example.net", "10.10.2.10", 443), new Vip("bigip-02.example.net", "10.10.2.11", 443),
                new Vip("bigip-02.example.net", "10.10.2.12", 443), new Vip("bigip-02.example.net", "10.10.2.13", 636));
    }

    /**
     * The logs-only story of the first demo (the demo now plays {@code config/scenarios/demo.yaml}): the default
     * fleet and an expired certificate on {@value #DEMO_VIP} from 10 s to 50 s at 4 failures per second.
     */
    private static SimulatorSettings story(long startMs) {
        return SimulatorSettings.defaults(20_260_201L).withIncident(new Incident("bigip-01.example.net", "10.10.1.10",
                443, IncidentKind.CERT_EXPIRED, startMs + 10_000, startMs + 50_000, 4.0));
    }

    @Test
    void streamCoversEveryWholeSecondThatOverlapsTheRange() {
        FleetSimulator sim = new FleetSimulator(story(START));
        List<TimedLine> expected = new ArrayList<>();
        for (long s = START; s <= START + 2_000; s += 1_000) {
            expected.addAll(sim.timedLinesForSecond(s));
        }
        assertThat(sim.stream(START + 500, START + 2_001).toList()).isEqualTo(expected);
        assertThat(sim.stream(START, START + 3_000).toList()).isEqualTo(expected);
        assertThat(sim.stream(START, START)).isEmpty();
        assertThat(sim.stream(START + 1, START)).isEmpty();
    }

    @Test
    void invalidSettingsAreRejected() {
        SimulatorSettings base = SimulatorSettings.defaults(1);
        assertThatThrownBy(() -> base.withIncident(incident("bigip-03.example.net", "10.10.3.10", 443,
                IncidentKind.CERT_EXPIRED, 0, 1_000, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bigip-03.example.net");
        assertThatThrownBy(() -> new Incident("bigip-01.example.net", "10.10.1.10", 443, IncidentKind.CERT_EXPIRED,
                5_000, 5_000, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Incident("bigip-01.example.net", "10.10.1.10", 0, IncidentKind.CERT_EXPIRED,
                0, 5_000, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Incident("bigip-01.example.net", "10.10.1.10", 443, IncidentKind.CERT_EXPIRED,
                0, 5_000, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base.withNoiseLinesPerSecond(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SimulatorSettings(1, List.of("a", "a"), 4, 1, 1, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SimulatorSettings(1, List.of("big ip"), 4, 1, 1, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SimulatorSettings(1, List.of(), 4, 1, 1, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SimulatorSettings(1, List.of("a"), 0, 1, 1, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Incident incident(String observer, String vip, int port, IncidentKind kind, long fromOffsetMs,
                                     long toOffsetMs, double rate) {
        return new Incident(observer, vip, port, kind, START + fromOffsetMs, START + toOffsetMs, rate);
    }

    private static List<String> lines(FleetSimulator sim, long fromMs, long toMs) {
        return sim.stream(fromMs, toMs).map(TimedLine::line).toList();
    }

    /** Lines without their timestamp, to compare content across seconds. */
    private static List<String> bodies(List<String> lines) {
        return lines.stream().map(l -> l.substring(16)).toList();
    }

    /** The {@code msgid:level: text} of each line of one burst of {@code kind}, in F5's order. */
    private static List<Pattern> expectedBurst(IncidentKind kind) {
        String arrow = "\\d+\\.\\d+\\.\\d+\\.\\d+:\\d+ -> 10\\.10\\.2\\.13:636";
        Pattern failed = Pattern.compile("01260013:4: SSL Handshake failed for TCP " + arrow);
        return switch (kind) {
            case CERT_EXPIRED -> List.of(Pattern.compile(
                    "01260009:4: " + arrow + ": Connection error: ssl_codec_rx:\\d+: alert\\(45\\) received alert"),
                    failed);
            case CERT_UNTRUSTED -> List.of(Pattern.compile(
                    "01260009:4: " + arrow + ": Connection error: ssl_codec_rx:\\d+: alert\\(48\\) received alert"),
                    failed);
            case NO_SHARED_CIPHER -> List.of(
                    Pattern.compile("01260009:4: Connection error: ssl_select_suite:\\d+: no shared ciphers \\(40\\)"),
                    Pattern.compile("01260026:4: No shared ciphers between SSL peers "
                            + "\\d+\\.\\d+\\.\\d+\\.\\d+\\.\\d+:10\\.10\\.2\\.13\\.636\\."),
                    failed);
            case PROTOCOL_VERSION -> List.of(
                    Pattern.compile("01260009:4: Connection error: ssl_hs_rxhello:\\d+: unsupported version \\(40\\)"),
                    failed);
            case PROXY_PROTOCOL, PLAIN_HTTP -> List.of(
                    Pattern.compile("01260009:4: Connection error: ssl_passthru:\\d+: not SSL \\(40\\)"), failed);
            case SNI_MISMATCH -> List.of(Pattern.compile(
                    "01260009:4: " + arrow + ": Connection error: ssl_hs_rxhello:\\d+: unrecognized name \\(112\\)"),
                    failed);
            case MTLS_CA_CHANGE -> List.of(Pattern.compile("01260009:4: " + arrow
                    + ": Connection error: ssl_hs_vfy_vfyresult:\\d+: unable to get local issuer certificate \\(48\\)"),
                    failed);
            case TPS_LIMIT -> throw new IllegalArgumentException("the TPS limit writes one line, no burst");
            case CLIENT_RESET -> List.of(failed);
        };
    }

    private static boolean isRetryOf(ParsedLine failed, ParsedLine before) {
        String client = failed.arrow().substring(0, failed.arrow().lastIndexOf(':', failed.arrow().indexOf(' ')));
        String beforeClient = before.arrow().substring(0, before.arrow().lastIndexOf(':', before.arrow().indexOf(' ')));
        return client.equals(beforeClient) && failed.clientPort() == before.clientPort() + 1;
    }
}
