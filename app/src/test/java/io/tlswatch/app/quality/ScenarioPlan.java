package io.tlswatch.app.quality;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What happens on one BIG-IP during a replay: its VIPs, their connection rates, background failures and
 * incidents ({@link Surge}s), a scanner sweep. {@link #standard()} is the 90-minute scenario the alert engine is
 * judged by; {@link ReplayScenario} turns a plan into files, {@link #groundTruth()} into the incidents to page.
 *
 * @param observer host name in the syslog header and in the poller's {@code system.hostname}
 * @param start    first instant of the replay (the syslog stamps carry no year: analyze with {@code --year})
 * @param minutes  length of the replay
 */
record ScenarioPlan(String observer, Instant start, int minutes, long seed, List<Vip> vips, Sweep sweep) {

    /** Failures per second from which a ≥ 20 % incident must page within {@link #FAST_DETECT_S} (the issue). */
    static final double FAST_RATE_PER_S = 1.0;
    static final double FAST_RATIO = 0.20;
    static final long FAST_DETECT_S = 30;
    /** A server-side incident of a small VIP pages within this. */
    static final long SERVER_SIDE_DETECT_S = 60;
    /** DESIGN §9: the classes that page on small numbers. */
    static final Set<String> SERVER_SIDE = Set.of("cert_expired", "cert_untrusted", "cert_bad", "cert_revoked",
            "no_shared_cipher", "sni_unrecognized", "proxy_protocol_mismatch", "tps_limit", "client_cert_required",
            "client_cert_rejected", "no_application_protocol");

    ScenarioPlan {
        vips = List.copyOf(vips);
    }

    /**
     * A virtual server.
     *
     * @param connsPerMinute every connection, failed or not (the poller's {@code clientside.totConns} grows by it)
     * @param background     steady fraction of handshakes failing per kind
     * @param surges         incidents: a kind failing at a fraction for a while
     * @param silentFrom     minute from which the VIP gets no traffic at all (null: never)
     * @param clients        networks its clients come from (CIDR)
     */
    record Vip(String name, String address, int port, int connsPerMinute, Map<FailureKind, Double> background,
               List<Surge> surges, Integer silentFrom, List<String> clients) {
        Vip {
            background = Map.copyOf(background);
            surges = List.copyOf(surges);
            clients = List.copyOf(clients);
            if (60_000 % connsPerMinute != 0) {
                throw new IllegalArgumentException(name + ": 60000 ms must divide into " + connsPerMinute + " slots");
            }
        }

        String endpoint() {
            return address + ":" + port;
        }

        String fullPath() {
            return "/Common/" + name;
        }

        /** The failure mix at {@code minute}: the background, with each active surge's kind at the surge's fraction. */
        Map<FailureKind, Double> mixAt(int minute) {
            Map<FailureKind, Double> mix = new EnumMap<>(FailureKind.class);
            mix.putAll(background);
            for (Surge s : surges) {
                if (s.from() <= minute && minute < s.to()) {
                    mix.put(s.kind(), s.fraction());
                }
            }
            return mix;
        }

        boolean silentAt(int minute) {
            return silentFrom != null && minute >= silentFrom;
        }
    }

    /** Minutes {@code [from, to)} during which {@code fraction} of the handshakes fail as {@code kind}. */
    record Surge(int from, int to, FailureKind kind, double fraction, String group) {}

    /** One client probing every VIP with junk, 1 to {@code maxPerVip} failures each, in {@code [from, to)}. */
    record Sweep(String client, int from, int to, List<FailureKind> kinds, int maxPerVip) {
        Sweep {
            kinds = List.copyOf(kinds);
        }
    }

    static final String STORM_GROUP = "ca-bundle-storm";
    private static final List<String> INTERNET = List.of("198.51.100.0/24", "100.64.0.0/10");
    private static final List<String> CORPORATE = List.of("172.20.0.0/16", "10.60.0.0/16");

    /** The scenario of the issue (see the class comment of {@link ReplayScenario}). */
    static ScenarioPlan standard() {
        List<Vip> vips = new ArrayList<>();
        vips.add(new Vip("busy_legacy", "10.1.10.10", 443, 2000, Map.of(FailureKind.PROTOCOL_VERSION, 0.006), List.of(),
                null, List.of("10.44.0.0/16", "100.64.0.0/10")));
        vips.add(new Vip("busy_mixed", "10.1.10.11", 443, 1200, Map.of(FailureKind.CERT_BAD, 0.003,
                FailureKind.NO_SHARED_CIPHER, 0.002, FailureKind.PEER_ABORT, 0.003, FailureKind.NOT_TLS, 0.002),
                List.of(), null, INTERNET));
        vips.add(new Vip("small", "10.1.10.12", 8443, 6, Map.of(),
                List.of(new Surge(30, 40, FailureKind.CERT_EXPIRED, 1.0, null)), null, CORPORATE));
        vips.add(new Vip("busy_cipher", "10.1.10.13", 443, 1500, Map.of(),
                List.of(new Surge(45, 53, FailureKind.NO_SHARED_CIPHER, 0.20, null)), null, INTERNET));
        vips.add(new Vip("busy_tls10", "10.1.10.14", 443, 1200, Map.of(FailureKind.PROTOCOL_VERSION, 0.005),
                List.of(new Surge(20, 28, FailureKind.PROTOCOL_VERSION, 0.25, null)), null,
                List.of("10.44.0.0/16", "198.51.100.0/24")));
        vips.add(new Vip("goes_silent", "10.1.10.15", 443, 300, Map.of(),
                List.of(new Surge(50, 55, FailureKind.CERT_UNTRUSTED, 0.50, null)), 55, CORPORATE));
        for (int i = 1; i <= 25; i++) {
            vips.add(new Vip(String.format(Locale.ROOT, "storm_%02d", i), "10.1.20." + (100 + i), 443, 100, Map.of(),
                    List.of(new Surge(65, 71, FailureKind.CERT_UNTRUSTED, 0.60, STORM_GROUP)), null, CORPORATE));
        }
        for (int i = 1; i <= 10; i++) {
            vips.add(new Vip(String.format(Locale.ROOT, "quiet_%02d", i), "10.1.30." + (10 + i), 443, 60, Map.of(),
                    List.of(), null, INTERNET));
        }
        Sweep sweep = new Sweep("203.0.113.66", 15, 17,
                List.of(FailureKind.NOT_TLS, FailureKind.SSLV2_HELLO, FailureKind.MALFORMED_HELLO), 3);
        return new ScenarioPlan("bigip-q1.example.net", Instant.parse("2026-03-02T08:00:00Z"), 90, 20260302L, vips,
                sweep);
    }

    /** Every surge as an incident to page, with the time the goals allow for detecting it. */
    GroundTruth groundTruth() {
        List<GroundTruth.Incident> incidents = new ArrayList<>();
        List<GroundTruth.VipRate> rates = new ArrayList<>();
        for (Vip v : vips) {
            Map<String, Double> background = new LinkedHashMap<>();
            v.background().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> background.put(e.getKey().decodedAs().wireName(), e.getValue()));
            rates.add(new GroundTruth.VipRate(v.name(), v.endpoint(), v.connsPerMinute(), background,
                    v.silentFrom() == null ? null : at(v.silentFrom()).toString()));
            for (Surge s : v.surges()) {
                String errorClass = s.kind().decodedAs().wireName();
                incidents.add(new GroundTruth.Incident(observer, v.name(), v.endpoint(), errorClass,
                        at(s.from()).toString(), at(s.to()).toString(), s.group(),
                        detectWithin(v.connsPerMinute(), s.fraction(), errorClass)));
            }
        }
        GroundTruth.Scanner scanner = new GroundTruth.Scanner(sweep.client(), at(sweep.from()).toString(),
                at(sweep.to()).toString());
        return new GroundTruth(observer, start.toString(), at(minutes).toString(), rates, incidents, scanner);
    }

    /** The goals: ≥ 20 % at ≥ 1 failure/s within 30 s; otherwise server-side classes within 60 s. */
    static Long detectWithin(int connsPerMinute, double fraction, String errorClass) {
        if (fraction >= FAST_RATIO && connsPerMinute * fraction / 60.0 >= FAST_RATE_PER_S) {
            return FAST_DETECT_S;
        }
        return SERVER_SIDE.contains(errorClass) ? SERVER_SIDE_DETECT_S : null;
    }

    Instant at(int minute) {
        return start.plus(Duration.ofMinutes(minute));
    }
}
