package io.tlswatch.app.probe;

import io.tlswatch.schemas.Durations;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.ProbeReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tlswatch probe HOST:PORT}: what a TLS server presents, checked. */
@Command(
        name = "probe",
        mixinStandardHelpOptions = true,
        description = {
            "Connects to a TLS server and reports what it presents: the certificate chain (subjects, issuers,",
            "validity, expired or not yet valid, trusted or not, a missing intermediate), whether a SAN matches",
            "each SNI (RFC 6125 wildcards), which of TLS 1.0, 1.1, 1.2 and 1.3 it accepts, each offered alone,",
            "and, given the clients' cipher suites (--ciphers), whether it accepts any of them.",
            "",
            "The chain is seen through a trust-all handshake and validated apart (PKIX, against the JDK's trust",
            "store and --ca-file; revocation is not checked). The JDK refuses to offer TLS 1.0 and 1.1, so",
            "versions and cipher suites are tried in ClientHellos tlswatch writes itself, reading only the",
            "server's first answer. Every connection is bounded by --timeout (connect, each read, each",
            "handshake). Without --sni the host is sent as SNI when it is a name, no SNI when it is an address.",
            "",
            "Exit codes: 0 the server answered and no problem was found, 1 no TLS answer (the name does not",
            "resolve, the connection is refused or times out, the server does not speak TLS), 2 usage error,",
            "3 the server answered and a problem was found (listed at the end)."
        },
        footer = {"", "Examples:", "  tlswatch probe shop.example.com:443",
            "  tlswatch probe 192.0.2.10:443 --sni shop.example.com --sni www.example.com",
            "  tlswatch probe ldap.example.com:636 --ca-file corp-root.pem --json",
            "  tlswatch probe 192.0.2.10:443 --ciphers TLS_RSA_WITH_AES_128_CBC_SHA,0x000a"})
public final class ProbeCommand implements Callable<Integer> {
    /** The server answered and a problem was found. */
    public static final int EXIT_PROBLEMS = 3;

    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "the server; an IPv6 address in brackets")
    String target;

    @Option(names = "--sni", paramLabel = "NAME", description = "an SNI to send (repeat for several, at most 10)")
    List<String> snis;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s",
            description = "bound of each connect, read and handshake (default ${DEFAULT-VALUE})")
    String timeout;

    @Option(names = "--ciphers", paramLabel = "SUITE", split = ",",
            description = "the clients' cipher suites, IANA names or hex (0xc02b), comma-separated")
    List<String> ciphers;

    @Option(names = "--ca-file", paramLabel = "FILE", description = "PEM or DER certificates to trust beside the JDK's")
    Path caFile;

    @Option(names = "--json", description = "print the report as one JSON object (the tlswatch.probes record)")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ProbeTarget where;
        Duration bound;
        try {
            where = ProbeTarget.parse(target);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try {
            bound = Durations.parsePositive(timeout);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--timeout: " + e.getMessage());
        }
        if (snis != null) {
            if (snis.size() > TlsProbe.MAX_SNIS) {
                throw new ParameterException(spec.commandLine(), "--sni: at most " + TlsProbe.MAX_SNIS + " names");
            }
            for (String sni : snis) {
                String why = SniNames.problem(sni);
                if (why != null) {
                    throw new ParameterException(spec.commandLine(), "--sni: " + why);
                }
            }
        }
        TlsProbe probe;
        try {
            probe = TlsProbe.create(bound, caFile);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ProbeReport report = probe.probe(where, snis, ciphers);
        if (report.error() != null) {
            spec.commandLine().getErr().println("tlswatch: " + io.tlswatch.app.TerminalText.safe(report.error()));
            if (json) {
                spec.commandLine().getOut().println(Json.write(report));
                spec.commandLine().getOut().flush();
            }
            return 1;
        }
        if (json) {
            spec.commandLine().getOut().println(Json.write(report));
            spec.commandLine().getOut().flush();
        } else {
            ProbeText.print(report, spec.commandLine().getOut());
        }
        return report.problems().isEmpty() ? 0 : EXIT_PROBLEMS;
    }
}
