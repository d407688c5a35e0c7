package io.tlswatch.app.probe;

import io.tlswatch.processors.decode.wire.TlsNames;
import io.tlswatch.schemas.ProbeReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The probe of one TLS server, as {@code tlswatch probe} and the pipeline's opt-in probe run it: one JSSE
 * handshake per SNI (the chain, SAN against SNI), then TLS 1.0, 1.1, 1.2 and 1.3 each offered alone, then the
 * clients' cipher suites, the last two in {@link ClientHellos hellos tlswatch writes}. Every connection is bounded
 * by the timeout (connect, each read, each handshake); the connections are made one after another.
 */
public final class TlsProbe {
    /** More SNIs than this are not tried: each is a connection to a production server. */
    public static final int MAX_SNIS = 10;
    private static final int[] VERSIONS = {ClientHellos.TLS10, ClientHellos.TLS11, ClientHellos.TLS12,
        ClientHellos.TLS13};
    private static final Map<String, Integer> SUITES_BY_NAME = suitesByName();

    private final Duration timeout;
    private final TrustAnchors trust;
    private final Clock clock;

    TlsProbe(Duration timeout, TrustAnchors trust, Clock clock) {
        this.timeout = timeout;
        this.trust = trust;
        this.clock = clock;
    }

    /** A probe validating against the JDK's trust store and, when not null, the certificates of {@code caFile}. */
    public static TlsProbe create(Duration timeout, java.nio.file.Path caFile) {
        return new TlsProbe(timeout, TrustAnchors.load(caFile), Clock.systemUTC());
    }

    /**
     * @param snis    the SNIs to try, in order (at most {@link #MAX_SNIS}); empty: the host when it is a name, else
     *                no SNI
     * @param ciphers the clients' offered suites (IANA names or hex such as {@code 0xc02b}); null or empty: no
     *                cipher check
     */
    public ProbeReport probe(ProbeTarget target, List<String> snis, List<String> ciphers) {
        Instant start = clock.instant();
        long t0 = System.nanoTime();
        List<String> names = new ArrayList<>(new LinkedHashSet<>(snis == null ? List.of() : snis));
        if (names.isEmpty()) {
            names.add(target.isAddress() ? null : target.host());
        }
        names = names.subList(0, Math.min(MAX_SNIS, names.size()));
        Connector connector;
        try {
            connector = Connector.resolve(target, timeout);
        } catch (Connector.Unreachable e) {
            return failure(target, null, start, t0, e.getMessage());
        }
        try {
            boolean spokeTls = false;
            List<ProbeReport.NameCheck> checks = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (String sni : names) {
                HandshakeCheck.Outcome o = HandshakeCheck.run(connector, sni);
                spokeTls |= o.spokeTls();
                checks.add(nameCheck(sni, o, start, problems));
            }
            String sni = names.get(0);
            List<ProbeReport.VersionCheck> versions = new ArrayList<>();
            for (int v : VERSIONS) {
                HelloExchange.Answer a = HelloExchange.send(connector, ClientHellos.forVersion(v, sni));
                spokeTls |= a.hello() || a.detail().startsWith("alert");
                versions.add(new ProbeReport.VersionCheck(TlsNames.version(v), a.hello() && a.version() == v,
                        a.detail()));
            }
            if (versions.stream().noneMatch(ProbeReport.VersionCheck::accepted) && spokeTls) {
                problems.add("no version of TLS 1.0 to 1.3 accepted");
            }
            ProbeReport.CipherCheck cipherCheck = null;
            if (ciphers != null && !ciphers.isEmpty()) {
                cipherCheck = ciphers(connector, sni, ciphers);
                spokeTls |= cipherCheck.accepted() || cipherCheck.detail().contains("alert");
                if (!cipherCheck.accepted() && !cipherCheck.offered().isEmpty()) {
                    problems.add("none of the " + cipherCheck.offered().size() + " offered cipher suites is accepted");
                }
            }
            if (!spokeTls) {
                String why = checks.get(0).error() != null ? checks.get(0).error() : versions.get(2).detail();
                return failure(target, connector.addressText(), start, t0, connector.where()
                        + " accepted the connection but gave no TLS answer: " + why);
            }
            return new ProbeReport(target.toString(), connector.addressText(), target.port(), start.toString(),
                    elapsed(t0), null, checks, versions, cipherCheck, problems, null, null, null, null);
        } catch (Connector.Unreachable e) {
            return failure(target, connector.addressText(), start, t0, e.getMessage());
        }
    }

    private ProbeReport.NameCheck nameCheck(String sni, HandshakeCheck.Outcome o, Instant now, List<String> problems) {
        String who = sni == null ? "no SNI" : "SNI " + sni;
        if (o.error() != null) {
            problems.add(who + ": " + o.error());
        }
        if (o.chain() == null) {
            return new ProbeReport.NameCheck(sni, o.error(), o.protocol(), o.cipher(), List.of(), null, null, null,
                    null, null);
        }
        ChainCheck.Result r = ChainCheck.check(o.chain(), trust, now);
        boolean outOfDate = false;
        for (ProbeReport.Certificate c : r.chain()) {
            if (c.expired()) {
                problems.add(who + ": certificate " + c.subject() + " expired on " + c.notAfter());
            }
            if (c.notYetValid()) {
                problems.add(who + ": certificate " + c.subject() + " is not valid before " + c.notBefore());
            }
            outOfDate |= c.expired() || c.notYetValid();
        }
        if (r.missingIssuer() != null) {
            problems.add(who + ": missing intermediate: the chain ends at a certificate issued by " + r.missingIssuer()
                    + ", which is neither presented nor trusted here");
        } else if (!r.trusted() && !outOfDate) {
            // an expired certificate is the reason validation failed: said once, above
            problems.add(who + ": chain not trusted: " + r.trustError());
        }
        Boolean sanMatch = sni == null ? null : SanMatch.matches(sni, r.dnsNames());
        if (Boolean.FALSE.equals(sanMatch)) {
            problems.add(who + ": no SAN of the certificate matches " + sni + " (DNS names: "
                    + (r.dnsNames().isEmpty() ? "none" : String.join(", ", r.dnsNames())) + ")");
        }
        return new ProbeReport.NameCheck(sni, o.error(), o.protocol(), o.cipher(), r.chain(), r.trusted(),
                r.trustError(), r.missingIssuer() != null, r.missingIssuer(), sanMatch);
    }

    /** TLS 1.3 suites in a TLS 1.3 hello, the others in a TLS 1.2 one: each version picks only its own suites. */
    private static ProbeReport.CipherCheck ciphers(Connector connector, String sni, List<String> given)
            throws Connector.Unreachable {
        List<String> offered = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<Integer> tls13 = new ArrayList<>();
        List<Integer> older = new ArrayList<>();
        Set<Integer> seen = new java.util.HashSet<>();
        for (String name : given) {
            Integer code = suite(name);
            if (code == null) {
                unknown.add(name);
            } else if (seen.add(code) && seen.size() <= ClientHellos.MAX_SUITES) {
                offered.add(TlsNames.cipherSuite(code) != null ? TlsNames.cipherSuite(code) : name);
                ((code & 0xff00) == 0x1300 ? tls13 : older).add(code);
            }
        }
        List<String> details = new ArrayList<>();
        HelloExchange.Answer accepted = null;
        for (List<Integer> group : List.of(tls13, older)) {
            if (group.isEmpty() || accepted != null) {
                continue;
            }
            int version = group == tls13 ? ClientHellos.TLS13 : ClientHellos.TLS12;
            HelloExchange.Answer a = HelloExchange.send(connector,
                    ClientHellos.build(version, group.stream().mapToInt(Integer::intValue).toArray(), sni));
            details.add("TLS " + TlsNames.version(version) + " hello: " + a.detail());
            if (a.hello() && group.contains(a.cipher())) {
                accepted = a;
            }
        }
        return new ProbeReport.CipherCheck(offered, unknown, accepted != null,
                accepted == null ? null : accepted.cipherName(), accepted == null ? null : accepted.versionName(),
                details.isEmpty() ? "no known suite to offer" : String.join("; ", details));
    }

    /** A suite's code from its IANA name or its hex value ({@code 0xc02b}, {@code c02b}); null when unknown. */
    static Integer suite(String name) {
        if (name == null) {
            return null;
        }
        String n = name.strip();
        Integer byName = SUITES_BY_NAME.get(n.toUpperCase(Locale.ROOT));
        if (byName != null) {
            return byName;
        }
        String hex = n.toLowerCase(Locale.ROOT).startsWith("0x") ? n.substring(2) : n;
        if (hex.length() == 4 && hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return Integer.parseInt(hex, 16);
        }
        return null;
    }

    private static Map<String, Integer> suitesByName() {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i <= 0xffff; i++) {
            String n = TlsNames.cipherSuite(i);
            if (n != null) {
                m.putIfAbsent(n.toUpperCase(Locale.ROOT), i);
            }
        }
        return Map.copyOf(m);
    }

    private static ProbeReport failure(ProbeTarget target, String address, Instant start, long t0, String error) {
        return new ProbeReport(target.toString(), address, target.port(), start.toString(), elapsed(t0), error,
                List.of(), List.of(), null, List.of(), null, null, null, null);
    }

    private static long elapsed(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
